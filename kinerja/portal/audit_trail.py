"""The audit trail in words: events as rows a person reads (labels, names as they were, links), the choices of
the filters and the rows of the export (docs/decisions/0014-readable-audit-trail.md).

Reading a page costs a fixed number of queries whatever its length: the names were stored with each event, the
links are looked up once per kind of object, and for events written before names were stored the current names
are looked up once per referenced model.
"""

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.core import audit_labels
from kinerja.core.formats import tanggal
from kinerja.core.models import AuditEvent

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
EMPTY = "—"
LONGEST = 200


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str

    @property
    def shows_before(self) -> bool:
        return self.before != EMPTY


@dataclass
class Row:
    event: AuditEvent
    action: str
    actor: str
    kind: str
    object_text: str
    pegawai: str
    url: str = ""
    changes: list[Change] = field(default_factory=list)

    def changes_text(self) -> str:
        return "; ".join(
            f"{c.label}: {c.before} → {c.after}" if c.shows_before else f"{c.label}: {c.after}"
            for c in self.changes
        )


def _model_of(event: AuditEvent) -> str:
    return (event.display or {}).get("model") or event.object_type


def _is_id(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _fk_field(model_label: str, name: str) -> models.Field | None:
    found = audit_labels.model_field(model_label, name)
    return found if found is not None and (found.many_to_one or found.one_to_one) else None


def _names_now(events: list[AuditEvent]) -> dict[tuple[type[models.Model], int], str]:
    """Current names of the objects that foreign-key changes of events without stored names point to."""
    wanted: dict[type[models.Model], set[int]] = {}
    for event in events:
        if event.display is not None:
            continue
        for name, values in event.changes.items():
            fk = _fk_field(_model_of(event), name)
            if fk is not None and fk.related_model is not None and isinstance(values, list):
                wanted.setdefault(fk.related_model, set()).update(v for v in values if _is_id(v))
    return {
        (model, pk): str(obj)[:LONGEST]
        for model, ids in wanted.items()
        for pk, obj in model._default_manager.in_bulk(ids).items()
    }


def _value(event: AuditEvent, name: str, value: Any, names_now: dict) -> str:
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    model_label = _model_of(event)
    fk = _fk_field(model_label, name)
    if fk is not None and _is_id(value):
        stored = ((event.display or {}).get("refs") or {}).get(name, {})
        found = stored.get(str(value)) or names_now.get((fk.related_model, value))
        return found or _("(deleted)")
    model_field = audit_labels.model_field(model_label, name)
    if model_field is not None and model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_value(event, k, v, names_now)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_value(event, name, v, names_now) for v in value)
    if isinstance(value, str) and ISO_DATE.match(value):
        return tanggal(datetime.date.fromisoformat(value))
    if isinstance(value, str) and ISO_MOMENT.match(value):
        try:
            moment = timezone.localtime(datetime.datetime.fromisoformat(value))
        except ValueError:
            return value
        return f"{tanggal(moment)} {moment:%H:%M}"
    text = str(value)
    return text if len(text) <= LONGEST else text[: LONGEST - 1] + "…"


def _actor(event: AuditEvent) -> str:
    shown = (event.display or {}).get("actor")
    if shown:
        return shown
    if event.actor_id is not None:
        return str(event.actor)
    return _("system") if event.actor_label in ("", "sistem") else event.actor_label


def rows(events: Iterable[AuditEvent], user=None) -> list[Row]:
    """The events as readable rows; with a user, each linked to its object when it exists and they may see it."""
    events = list(events)
    names_now = _names_now(events)
    urls = audit_labels.links(user, [(e.object_type, e.object_id) for e in events]) if user else {}
    result = []
    for event in events:
        model_label = _model_of(event)
        result.append(
            Row(
                event=event,
                action=audit_labels.action_label(event.action),
                actor=_actor(event),
                kind=audit_labels.object_kind(event.object_type),
                object_text=event.object_repr,
                pegawai=(event.display or {}).get("pegawai")
                or (str(event.pegawai) if event.pegawai_id else ""),
                url=urls.get((event.object_type, event.object_id), ""),
                changes=[
                    Change(
                        audit_labels.change_label(event.action, model_label, name),
                        _value(event, name, values[0], names_now),
                        _value(event, name, values[1], names_now),
                    )
                    for name, values in event.changes.items()
                    if isinstance(values, list) and len(values) == 2
                ],
            )
        )
    return result


def with_names(qs: QuerySet[AuditEvent]) -> QuerySet[AuditEvent]:
    """What `rows` reads of each event, joined in the same query (the pegawai and actor of older events)."""
    return qs.select_related("pegawai", "actor")


# Filters -----------------------------------------------------------------------------------------------------


def filter_choices(qs: QuerySet[AuditEvent]) -> dict[str, list[tuple[str, str]]]:
    """The actions, actors and kinds of object among the events the user may see, labelled, for the dropdowns."""
    plain = qs.order_by()
    actors = {
        str(pk): name or username
        for pk, name, username in plain.exclude(actor=None)
        .values_list("actor_id", "actor__nama", "actor__username")
        .distinct()
    }
    kinds = {t: audit_labels.object_kind(t) for t in plain.values_list("object_type", flat=True).distinct()}
    return {
        "actions": audit_labels.action_choices(plain.values_list("action", flat=True).distinct()),
        "actors": sorted(actors.items(), key=lambda a: a[1].casefold()),
        "kinds": sorted(kinds.items(), key=lambda k: k[1].casefold()),
    }


# Export ------------------------------------------------------------------------------------------------------


def export_header() -> list[str]:
    return [
        _("No."),
        _("Time"),
        _("Actor"),
        _("Action"),
        _("Object kind"),
        _("Object"),
        _("Employee concerned"),
        _("Changes"),
        _("Reason"),
        _("Address"),
        _("Action code"),
        _("Hash"),
    ]


EXPORT_WIDTHS = (8, 18, 28, 32, 18, 40, 28, 60, 30, 16, 28, 20)


def export_rows(qs: QuerySet[AuditEvent], chunk: int = 500):
    """The rows of the export, read in chunks so a long trail never sits in memory as events."""
    events: list[AuditEvent] = []
    for event in with_names(qs).iterator(chunk_size=chunk):
        events.append(event)
        if len(events) == chunk:
            yield from _export_chunk(events)
            events = []
    yield from _export_chunk(events)


def _export_chunk(events: list[AuditEvent]):
    for row in rows(events):
        event = row.event
        yield [
            event.seq,
            timezone.localtime(event.created_at).replace(tzinfo=None, microsecond=0),
            row.actor,
            row.action,
            row.kind,
            row.object_text,
            row.pegawai,
            row.changes_text(),
            event.reason,
            event.ip,
            event.action,
            event.hash,
        ]
