"""The shared test helpers fail when what they assert does not hold."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from kinerja.core.errors import ApplicationError
from kinerja.core.models import AuditEvent
from kinerja.core.testing.helpers import count_queries, db_state, denied, last_seq, refused


def refuse(errors) -> None:
    raise ApplicationError(errors)


def test_refused_checks_the_field_and_the_message():
    rows = ["a"]
    with refused("nama", "Wajib diisi.", state=lambda: list(rows)):
        refuse({"nama": ["Wajib diisi.", "Terlalu pendek."]})
    with refused(message="Tidak boleh.", state=lambda: list(rows)):
        refuse("Tidak boleh.")
    with pytest.raises(AssertionError), refused("nama", state=lambda: list(rows)):
        refuse({"nip": ["Salah."]})
    with pytest.raises(AssertionError), refused("nama", "Lain.", state=lambda: list(rows)):
        refuse({"nama": ["Wajib diisi."]})


def test_refused_with_only_wants_the_message_alone():
    with refused("nama", "Wajib diisi.", state=list, only=True):
        refuse({"nama": ["Wajib diisi."]})
    with pytest.raises(AssertionError), refused("nama", "Wajib diisi.", state=list, only=True):
        refuse({"nama": ["Wajib diisi.", "Terlalu pendek."]})


def test_refused_and_denied_fail_when_the_state_changed_or_nothing_was_raised():
    rows = ["a"]
    with pytest.raises(AssertionError), refused("nama", state=lambda: list(rows)):
        rows.append("b")
        refuse({"nama": ["Wajib diisi."]})
    with pytest.raises(pytest.fail.Exception), refused("nama", state=list):
        pass
    with denied(state=lambda: list(rows)):
        raise PermissionDenied
    with pytest.raises(AssertionError), denied(state=lambda: list(rows)):
        rows.append("c")
        raise PermissionDenied


@pytest.mark.django_db
def test_db_state_holds_the_rows_and_the_audit_trail():
    state = db_state([AuditEvent])
    assert set(state) == {"core.AuditEvent", "audit"}
    assert len(state["audit"]) == AuditEvent.objects.count()
    assert last_seq() == max((seq for seq, _hash in state["audit"]), default=0)


@pytest.mark.django_db
def test_count_queries_counts_a_callable_and_returns_its_result():
    assert count_queries(lambda: 42) == (0, 42)
    assert count_queries(lambda: AuditEvent.objects.count()) == (1, AuditEvent.objects.count())


@pytest.mark.django_db
def test_count_queries_gets_a_page_that_must_answer_200(cast):
    client = cast.client("admin_bkpsdm")
    queries, response = count_queries(client, reverse("portal:audit_list"), {"page": 1})
    assert queries > 0 and response.status_code == 200
    with pytest.raises(AssertionError):
        count_queries(cast.client(None), reverse("portal:audit_list"))
