"""The 360 rules: anonymity at the threshold (of raters and of levels per item), comments ordered by nothing a
rater did, peer nominations refused with every problem at once, the peer suggestion, and the gaps."""

import random
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.feedback360 import rules

levels = st.one_of(st.none(), st.integers(min_value=1, max_value=5))


def test_a_group_under_the_threshold_shows_nothing_and_at_it_only_the_aggregate():
    assert rules.aggregate([4, 5], raters=2, threshold=3) is None
    assert rules.aggregate([4, 5, 3], raters=3, threshold=3) == rules.Aggregate(3, D("4.0"))


def test_an_item_with_fewer_levels_than_the_threshold_is_hidden_even_in_a_large_enough_group():
    # three peers answered, two could not judge this competency: the "mean" would be the third one's answer
    assert rules.aggregate([None, None, 2], raters=3, threshold=3) is None
    assert rules.aggregate([None, 2, 3, 4], raters=4, threshold=3) == rules.Aggregate(3, D("3.0"))


@given(st.lists(levels, max_size=12), st.integers(min_value=2, max_value=6))
def test_no_aggregate_ever_rests_on_fewer_levels_than_the_threshold(answers, threshold):
    found = rules.aggregate(answers, raters=len(answers), threshold=threshold)
    known = [a for a in answers if a is not None]
    if found is None:
        assert len(known) < threshold
    else:
        assert found.count == len(known) >= threshold
        assert D(1) <= found.mean <= D(5)


@pytest.mark.parametrize("threshold", [0, 1])
def test_a_threshold_that_would_name_the_rater_is_refused(threshold):
    with pytest.raises(ValueError):
        rules.aggregate([3, 4], raters=2, threshold=threshold)


@pytest.mark.parametrize("level", [0, 6, -1, 2.5, "3", True])
def test_a_level_outside_one_to_five_is_refused(level):
    with pytest.raises(ValueError):
        rules.aggregate([level, 3, 3], raters=3, threshold=2)


@given(st.lists(st.text(min_size=1, max_size=30), min_size=3, max_size=8), st.randoms(use_true_random=False))
def test_the_order_of_comments_does_not_follow_their_submission(comments, rng):
    shuffled = list(comments)
    rng.shuffle(shuffled)
    first = rules.comment_order(comments, "rahasia-ronde", raters=len(comments), threshold=3)
    again = rules.comment_order(shuffled, "rahasia-ronde", raters=len(comments), threshold=3)
    assert first == again


def test_comments_of_a_group_under_the_threshold_are_not_shown():
    assert rules.comment_order(["Sangat membantu", "Tepat waktu"], "s", raters=2, threshold=3) == []
    assert sorted(rules.comment_order(["b", " ", "a", ""], "s", raters=3, threshold=3)) == ["a", "b"]


def test_another_round_orders_the_same_comments_differently_sometimes():
    comments = [f"Komentar {n}" for n in range(8)]
    orders = {tuple(rules.comment_order(comments, f"ronde-{n}", raters=8, threshold=3)) for n in range(5)}
    assert len(orders) > 1  # the order is the secret's, not the alphabet's


def test_a_nomination_is_refused_with_every_problem_at_once():
    errors = rules.nomination_errors([7, 7, 99, 1], self_id=7, in_instansi={1, 2, 3}, minimum=3, maximum=5)
    assert len(errors) == 4  # oneself, twice the same, someone outside, too few
    assert rules.nomination_errors([1, 2, 3], self_id=7, in_instansi={1, 2, 3}, minimum=2, maximum=3) == []
    too_many = rules.nomination_errors(
        [1, 2, 3, 4], self_id=7, in_instansi={1, 2, 3, 4}, minimum=2, maximum=3
    )
    assert len(too_many) == 1


def test_the_peer_suggestion_prefers_the_same_unit_then_a_similar_level():
    target = rules.Candidate(1, unit_id=10, rank=5)
    people = [
        rules.Candidate(2, 11, 5),  # another unit, same level
        rules.Candidate(3, 10, 9),  # same unit, far level
        rules.Candidate(4, 10, 6),  # same unit, near level
        rules.Candidate(1, 10, 5),  # the pegawai themselves
        rules.Candidate(5, 12, 4),
    ]
    assert rules.suggest_peers(target, people, 3) == [4, 3, 2]
    assert rules.suggest_peers(target, list(reversed(people)), 3) == [4, 3, 2]


@given(st.integers(min_value=0, max_value=6))
def test_the_suggestion_never_names_the_pegawai_and_never_more_than_asked(count):
    rng = random.Random(count)
    people = [rules.Candidate(n, rng.randint(1, 3), rng.randint(1, 9)) for n in range(1, 12)]
    found = rules.suggest_peers(people[0], people, count)
    assert 1 not in found and len(found) == min(count, 10) and len(set(found)) == len(found)


def test_gaps_put_the_largest_first_and_tell_strengths_from_blind_spots():
    others = {
        "akuntabel": rules.Aggregate(3, D("4.3")),
        "kompeten": rules.Aggregate(3, D("2.0")),
        "harmonis": rules.Aggregate(4, D("3.2")),
        "loyal": None,
    }
    found = rules.gaps({"akuntabel": 3, "kompeten": 4, "harmonis": 3, "loyal": 5, "adaptif": None}, others)
    assert [g.item for g in found] == ["kompeten", "akuntabel", "harmonis"]
    assert [g.item for g in rules.hidden_strengths(found)] == ["akuntabel"]
    assert [g.item for g in rules.blind_spots(found)] == ["kompeten"]
