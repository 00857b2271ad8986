"""Assertions the apps' tests share: a refused or denied service call changes nothing; queries are counted.

Kernel code: it imports no app, so that any app's tests may use it.
"""

import io
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Model
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from kinerja.core.errors import ApplicationError
from kinerja.core.models import AuditEvent


def db_state(models: Iterable[type[Model]]) -> dict:
    """Every row of `models`, and the audit trail: what a refused call must leave as it was."""
    state: dict[str, list] = {m._meta.label: list(m.objects.order_by("pk").values_list()) for m in models}
    state["audit"] = list(AuditEvent.objects.order_by("seq").values_list("seq", "hash"))
    return state


def last_seq() -> int:
    """The sequence number of the last audit event (0 for none)."""
    return AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0


def events_since(seq: int) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(seq__gt=seq).order_by("seq"))


def one_event(seq: int, action: str, actor, obj, *, alone: bool = False) -> AuditEvent:
    """The single event `action` recorded since `seq` (the only event at all, if `alone`), by `actor` (its id
    and label), about `obj`."""
    recorded = events_since(seq)
    if alone:
        assert [e.action for e in recorded] == [action]
    events = [e for e in recorded if e.action == action]
    assert len(events) == 1, [e.action for e in recorded]
    event = events[0]
    assert event.actor_id == actor.pk
    assert event.actor_label == actor.username
    assert event.object_type == obj._meta.label_lower
    assert event.object_id == str(obj.pk)
    return event


@contextmanager
def refused(
    field: str | None = None,
    message: str | None = None,
    *,
    state: Callable[[], Any],
    only: bool = False,
) -> Iterator[pytest.ExceptionInfo[ApplicationError]]:
    """The block raises ApplicationError (about `field`, with `message` among its messages, or as its only
    message if `only`) and `state()` is the same after it."""
    before = state()
    with pytest.raises(ApplicationError) as excinfo:
        yield excinfo
    error = excinfo.value
    if field is not None:
        assert field in error.message_dict, error
        messages = error.message_dict[field]
    else:
        messages = error.messages
    if message is not None:
        if only:
            assert messages == [message], messages
        else:
            assert message in messages, messages
    assert state() == before


@contextmanager
def denied(*, state: Callable[[], Any]) -> Iterator[None]:
    """The block raises PermissionDenied and `state()` is the same after it."""
    before = state()
    with pytest.raises(PermissionDenied):
        yield
    assert state() == before


def count_queries(target, url: str | None = None, params: dict | None = None) -> tuple[int, Any]:
    """The queries run by `target()` and its result; with `url`, by the test client `target` getting `url`
    (with `params`), which must answer 200, and its response."""
    with CaptureQueriesContext(connection) as ctx:
        result = target() if url is None else target.get(url, params)
    if url is not None:
        assert result.status_code == 200, result.status_code
    return len(ctx), result


def xlsx(*sheets: tuple[str, list[list]]) -> bytes:
    """A genuine workbook (openpyxl's normal mode, as Excel would write it) with the sheets given."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
