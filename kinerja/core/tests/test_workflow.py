"""The workflow kernel on a small table of its own: every action in every state, who acts, reasons, target."""

from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kinerja.core.errors import ApplicationError
from kinerja.core.models import AuditEvent
from kinerja.core.workflow import Transition, Workflow

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def made_up_workflow(settings):
    """The kernel is driven here by a made-up workflow ("test.report"); elsewhere a missing label fails."""
    settings.AUDIT_LABELS_REQUIRED = False


DRAFT, SENT, ACCEPTED, REJECTED, REOPENED = "draft", "sent", "accepted", "rejected", "reopened"
SEND, WITHDRAW, ACCEPT, REJECT, REOPEN = "send", "withdraw", "accept", "reject", "reopen"
STATES = (DRAFT, SENT, ACCEPTED, REJECTED, REOPENED)
ACTIONS = (SEND, WITHDRAW, ACCEPT, REJECT, REOPEN)


@dataclass(frozen=True)
class Person:
    name: str

    def __str__(self):
        return self.name


author, reviewer, stranger = Person("author"), Person("reviewer"), Person("stranger")


@dataclass
class Report:
    """A stand-in for a model: a status, whether it was accepted before, and the saves made."""

    status: str
    accepted_before: bool = False
    pk: int = 7
    saves: list = field(default_factory=list)
    _meta = SimpleNamespace(label_lower="test.report")

    def save(self, update_fields=None):
        self.saves.append(update_fields)

    def __str__(self):
        return f"Report {self.pk}"


def is_author(user, report) -> bool:
    return user is author


# Withdrawing goes back to the draft, or to the reopened report when it was accepted once.
TABLE = Workflow(
    name="test.report",
    transitions=(
        Transition(SEND, DRAFT, SENT, is_author),
        Transition(SEND, REJECTED, SENT, is_author),
        Transition(SEND, REOPENED, SENT, is_author),
        Transition(WITHDRAW, SENT, lambda r: REOPENED if r.accepted_before else DRAFT, is_author),
        Transition(ACCEPT, SENT, ACCEPTED, "reviewer"),
        Transition(REJECT, SENT, REJECTED, "reviewer", needs_reason=True),
        Transition(REOPEN, ACCEPTED, REOPENED, is_author, needs_reason=True),
    ),
    not_now="Not while the report is %(status)s.",
).with_roles({"reviewer": lambda user, report: user is reviewer})

ALLOWED = {
    (SEND, DRAFT): (SENT, author),
    (SEND, REJECTED): (SENT, author),
    (SEND, REOPENED): (SENT, author),
    (WITHDRAW, SENT): (DRAFT, author),
    (ACCEPT, SENT): (ACCEPTED, reviewer),
    (REJECT, SENT): (REJECTED, reviewer),
    (REOPEN, ACCEPTED): (REOPENED, author),
}
# The one who takes each action where it is allowed.
ACTOR = {action: by for (action, _source), (_target, by) in ALLOWED.items()}


def events() -> int:
    return AuditEvent.objects.filter(object_type="test.report").count()


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("source", STATES)
def test_every_action_in_every_state_moves_and_is_recorded_or_is_refused_with_nothing_written(action, source):
    report = Report(source)
    before = events()
    if (action, source) in ALLOWED:
        target, actor = ALLOWED[(action, source)]
        assert TABLE.transition(actor=actor, obj=report, action=action, reason="Checked") == target
        assert report.status == target and report.saves == [["status"]]
        event = AuditEvent.objects.filter(object_type="test.report").latest("seq")
        assert (event.action, event.changes, event.reason) == (
            f"test.report.{action}",
            {"status": [source, target]},
            "Checked",
        )
    else:
        with pytest.raises(ApplicationError, match=f"Not while the report is {source}"):
            TABLE.transition(actor=ACTOR[action], obj=report, action=action, reason="Checked")
        assert report.status == source and report.saves == [] and events() == before


@pytest.mark.parametrize(("action", "source"), list(ALLOWED))
def test_someone_the_row_does_not_name_is_refused_with_nothing_written(action, source):
    report = Report(source)
    before = events()
    other = reviewer if ACTOR[action] is author else author
    for user in (other, stranger):
        with pytest.raises(PermissionDenied):
            TABLE.transition(actor=user, obj=report, action=action, reason="Checked")
    assert report.status == source and report.saves == [] and events() == before


def test_a_stranger_is_refused_before_the_status_is_told():
    with pytest.raises(PermissionDenied):
        TABLE.check(actor=stranger, obj=Report(ACCEPTED), action=ACCEPT)
    with pytest.raises(ApplicationError):
        TABLE.check(actor=reviewer, obj=Report(ACCEPTED), action=ACCEPT)


@pytest.mark.parametrize(
    ("action", "source", "actor"), [(REJECT, SENT, reviewer), (REOPEN, ACCEPTED, author)]
)
def test_a_required_reason_cannot_be_blank_and_is_recorded_stripped(action, source, actor):
    report = Report(source)
    before = events()
    for blank in ("", "   "):
        with pytest.raises(ValidationError) as refused:
            TABLE.transition(actor=actor, obj=report, action=action, reason=blank)
        assert "reason" in refused.value.message_dict
    assert report.status == source and events() == before
    TABLE.transition(actor=actor, obj=report, action=action, reason="  Figures do not add up ")
    assert (
        AuditEvent.objects.filter(object_type="test.report").latest("seq").reason == "Figures do not add up"
    )


def test_other_actions_need_no_reason():
    assert {t.action for t in TABLE.transitions if t.needs_reason} == {REJECT, REOPEN}
    report = Report(DRAFT)
    TABLE.transition(actor=author, obj=report, action=SEND)
    assert report.status == SENT


def test_the_target_may_depend_on_the_object():
    first, again = Report(SENT), Report(SENT, accepted_before=True)
    assert TABLE.transition(actor=author, obj=first, action=WITHDRAW) == DRAFT
    assert TABLE.transition(actor=author, obj=again, action=WITHDRAW) == REOPENED
    assert AuditEvent.objects.filter(object_type="test.report").latest("seq").changes == {
        "status": [SENT, REOPENED]
    }


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (DRAFT, {author: [SEND], reviewer: [], stranger: []}),
        (SENT, {author: [WITHDRAW], reviewer: [ACCEPT, REJECT], stranger: []}),
        (ACCEPTED, {author: [REOPEN], reviewer: [], stranger: []}),
        (REJECTED, {author: [SEND], reviewer: [], stranger: []}),
        (REOPENED, {author: [SEND], reviewer: [], stranger: []}),
    ],
)
def test_the_actions_available_to_each_user_in_each_state(source, expected):
    report = Report(source)
    for user, actions in expected.items():
        assert TABLE.actions_for(user, report) == actions
        assert all(TABLE.allows(user, report, a) == (a in actions) for a in ACTIONS)


def test_a_role_predicate_is_asked_once_for_all_actions_of_that_role():
    asked = []
    table = TABLE.with_roles({"reviewer": lambda user, report: asked.append(user) or user is reviewer})
    assert table.actions_for(reviewer, Report(SENT)) == [ACCEPT, REJECT]
    assert asked == [reviewer]


def test_sources_and_a_save_of_the_apps_own():
    assert TABLE.sources(SEND) == frozenset({DRAFT, REJECTED, REOPENED})
    report = Report(DRAFT)
    TABLE.transition(
        actor=author,
        obj=report,
        action=SEND,
        save=lambda r: r.save(update_fields=["status", "version"]),
        changes={"version": [1, 2]},
    )
    assert report.saves == [["status", "version"]]
    assert AuditEvent.objects.filter(object_type="test.report").latest("seq").changes == {
        "status": [DRAFT, SENT],
        "version": [1, 2],
    }
