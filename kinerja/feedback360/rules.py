"""Pure rules of 360 feedback (issue 16; DOMAIN 2.2, 2.3, 2.5): no database, no I/O. The framework's settings
(the anonymity threshold, the number of peers) come in as arguments.

- **Anonymity**: answers of peers and of subordinates are shown only as a group's aggregate, and only when the
  group has at least the threshold of raters; an item (a value, a competency) is shown only when at least the
  threshold of them gave it a level ("cannot judge" is no level: a mean of one level among three raters would be
  that one rater's answer). Self and the penilai are named and shown as they are.
- **Comments** of a group are shown only when the group meets the threshold, in an order fixed by their text and
  the round's secret, never by who wrote first.
- **Peers**: nominated by the pegawai between the framework's minimum and maximum, never themselves, only people
  of the instansi; a suggestion prefers the same unit and a similar level.
- **Gaps**: self against the others per item, the largest first; "hidden strengths" where the others see more.
"""

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

SELF, PENILAI, PEER, SUBORDINATE = "diri", "penilai", "rekan", "bawahan"
ANONYMOUS = (PEER, SUBORDINATE)  # the groups whose answers are never shown one by one
LEVELS = (1, 2, 3, 4, 5)
CANNOT_JUDGE = "x"  # the answer of a rater who saw no behaviour to judge an item by
MIN_THRESHOLD = 2  # a "group" of one is a person
TENTH = Decimal("0.1")


def check_threshold(threshold: int) -> int:
    if threshold < MIN_THRESHOLD:
        raise ValueError(f"an anonymity threshold below {MIN_THRESHOLD} names the rater: {threshold}")
    return threshold


def check_level(level: int | None) -> int | None:
    """A level 1 to 5, or None for "cannot judge"; anything else is refused."""
    if level is None:
        return None
    if isinstance(level, bool) or not isinstance(level, int) or level not in LEVELS:
        raise ValueError(_("A level is a whole number from 1 to 5, or “cannot judge”."))
    return level


def parse_level(value: object) -> int | None:
    """A level as a form or the API sends it (a whole number or its digits), checked."""
    level = int(value) if isinstance(value, str) and value.isdigit() else value
    return check_level(level)  # type: ignore[arg-type]


def suggested_peer_count(ambang: int, minimum: int, maximum: int) -> int:
    """How many peers a round suggests: one more than the threshold (one peer may not answer), within the
    framework's range."""
    return min(maximum, max(minimum, ambang + 1))


@dataclass(frozen=True)
class Aggregate:
    """What may be shown of one group for one item: how many gave a level and their mean (one decimal)."""

    count: int
    mean: Decimal


def mean(levels: Sequence[int]) -> Decimal:
    """The mean of some levels to one decimal (half up), as every 360 figure is shown."""
    return (Decimal(sum(levels)) / len(levels)).quantize(TENTH, rounding=ROUND_HALF_UP)


def aggregate(levels: Sequence[int | None], raters: int, threshold: int) -> Aggregate | None:
    """The group's aggregate for an item, or None when it may not be shown: fewer than `threshold` raters in the
    group, or fewer than `threshold` of them gave the item a level."""
    check_threshold(threshold)
    given = [check_level(level) for level in levels]
    known = [level for level in given if level is not None]
    if raters < threshold or len(known) < threshold:
        return None
    return Aggregate(len(known), mean(known))


def group_shown(raters: int, threshold: int) -> bool:
    """Whether anything of an anonymous group (its aggregates, its comments) may be shown at all."""
    return raters >= check_threshold(threshold)


def comment_order(comments: Iterable[str], secret: str, raters: int, threshold: int) -> list[str]:
    """The group's non-empty comments in an order that depends only on their text and the round's secret (so it
    reveals nothing of who submitted when); none when the group is under the threshold."""
    if not group_shown(raters, threshold):
        return []
    texts = [c.strip() for c in comments if c and c.strip()]

    def key(text: str) -> tuple[str, str]:
        return hashlib.sha256(f"{secret}\x00{text}".encode()).hexdigest(), text

    return sorted(texts, key=key)


def nomination_errors(
    nominees: Sequence[int], *, self_id: int, in_instansi: set[int], minimum: int, maximum: int
) -> list[str]:
    """Every problem of a peer nomination at once (empty when it may be saved)."""
    errors = []
    if self_id in nominees:
        errors.append(_("You cannot nominate yourself as a peer."))
    if len(set(nominees)) != len(nominees):
        errors.append(_("Each peer is nominated once."))
    outside = [n for n in nominees if n != self_id and n not in in_instansi]
    if outside:
        errors.append(_("Peers are people of your agency; %(n)s nominee(s) are not.") % {"n": len(outside)})
    count = len(set(nominees) - {self_id})
    if count < minimum:
        errors.append(_("Nominate at least %(n)s peers.") % {"n": minimum})
    if count > maximum:
        errors.append(_("Nominate at most %(n)s peers.") % {"n": maximum})
    return errors


@dataclass(frozen=True)
class Candidate:
    pegawai_id: int
    unit_id: int
    rank: int  # the position's level, comparable across kinds (larger: higher)


def suggest_peers(target: Candidate, candidates: Iterable[Candidate], count: int) -> list[int]:
    """Up to `count` peers for `target`: the same unit before others, then the closest level, then by id (a
    stable order, so that a suggestion made twice is the same)."""
    others = [c for c in candidates if c.pegawai_id != target.pegawai_id]
    ordered = sorted(
        others, key=lambda c: (c.unit_id != target.unit_id, abs(c.rank - target.rank), c.pegawai_id)
    )
    return [c.pegawai_id for c in ordered[:count]]


@dataclass(frozen=True)
class Gap:
    item: str
    self_level: Decimal
    others: Decimal

    @property
    def difference(self) -> Decimal:
        """Others minus self: positive is a hidden strength, negative a blind spot."""
        return self.others - self.self_level


def gaps(self_levels: Mapping[str, int | None], others: Mapping[str, Aggregate | None]) -> list[Gap]:
    """Self against the others for the items both have, the largest difference first (then by item)."""
    found = [
        Gap(item, Decimal(level), others[item].mean)  # type: ignore[union-attr]
        for item, level in self_levels.items()
        if level is not None and others.get(item) is not None
    ]
    return sorted(found, key=lambda g: (-abs(g.difference), g.item))


def hidden_strengths(found: Sequence[Gap], at_least: Decimal = Decimal("0.5")) -> list[Gap]:
    """Where the others see more than the pegawai does, by at least half a level."""
    return [g for g in found if g.difference >= at_least]


def blind_spots(found: Sequence[Gap], at_least: Decimal = Decimal("0.5")) -> list[Gap]:
    """Where the pegawai sees more than the others do, by at least half a level."""
    return [g for g in found if -g.difference >= at_least]
