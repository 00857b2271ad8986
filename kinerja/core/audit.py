"""Recording and verifying the audit trail (an append-only, hash-chained log of every write)."""

import datetime
import decimal
import hashlib
import hmac
import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import models, transaction
from django.utils import timezone

from kinerja.core import audit_labels, context
from kinerja.core.models import AuditChainHead, AuditEvent

GENESIS_HASH = "0" * 64
logger = logging.getLogger("kinerja.audit")


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """Plain values of the given fields (foreign keys as ids), for a before/after comparison."""
    result = {}
    for name in fields:
        field = instance._meta.get_field(name)
        attname = getattr(field, "attname", name)
        result[name] = _plain(getattr(instance, attname))
    return result


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Fields whose value changed, as {field: [before, after]}."""
    keys = list(dict.fromkeys([*before, *after]))
    return {k: [before.get(k), after.get(k)] for k in keys if before.get(k) != after.get(k)}


def created(instance: models.Model, fields: Iterable[str]) -> dict[str, list[Any]]:
    return {k: [None, v] for k, v in snapshot(instance, fields).items() if v not in (None, "")}


def _referenced_names(model: type[models.Model], changes: dict[str, Any]) -> dict[str, dict[str, str]]:
    """{field: {id: name}} of the objects the foreign-key values in `changes` point to, as they are now."""
    names: dict[str, dict[str, str]] = {}
    for name, values in changes.items():
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        related = field.related_model
        if not (field.many_to_one or field.one_to_one) or not isinstance(related, type(models.Model)):
            continue
        ids = (
            {v for v in values if isinstance(v, int) and not isinstance(v, bool)}
            if isinstance(values, list)
            else set()
        )
        if ids:
            found = related._default_manager.in_bulk(ids)
            names[name] = {str(pk): str(obj)[:200] for pk, obj in found.items()}
    return names


def display(actor_user, pegawai, subject: models.Model | None, object_type: str, changes: dict) -> dict:
    """The names an event is read with, as they are when it is written: the actor, the pegawai concerned, the
    objects its foreign-key changes point to, and the model whose fields `changes` names when it is not the
    object's."""
    shown: dict[str, Any] = {}
    if actor_user is not None:
        shown["actor"] = str(actor_user)[:200]
    if pegawai is not None:
        shown["pegawai"] = str(pegawai)[:200]
    if subject is not None:
        model_label = subject._meta.label_lower
        if model_label != object_type:
            shown["model"] = model_label
        refs = _referenced_names(type(subject), changes) if isinstance(subject, models.Model) else {}
        if refs:
            shown["refs"] = refs
    return shown


def _content(event: AuditEvent) -> dict[str, Any]:
    content = {
        "seq": event.seq,
        "created_at": event.created_at.isoformat(),
        "actor_id": event.actor_id,
        "actor_label": event.actor_label,
        "instansi_id": event.instansi_id,
        "pegawai_id": event.pegawai_id,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "object_repr": event.object_repr,
        "changes": event.changes,
        "reason": event.reason,
        "ip": event.ip,
        "prev_hash": event.prev_hash,
    }
    # The names shown for the event (decision 0014) are chained too; the events from before had none.
    # getattr: migration 0007 seals the chain with the model as it was then, without the column.
    if getattr(event, "display", None) is not None:
        content["display"] = event.display
    # Events from before the keyed chain keep exactly the content they were hashed over.
    if event.key_id is not None:
        content["key_id"] = event.key_id
    return content


class UnknownKey(Exception):
    """The event names a chain key that AUDIT_CHAIN_KEYS does not hold."""


def signing_key_id() -> str:
    """The id of the key new events are signed with: the last (newest) of AUDIT_CHAIN_KEYS."""
    keys = settings.AUDIT_CHAIN_KEYS
    if not keys:
        raise ImproperlyConfigured("AUDIT_CHAIN_KEYS kosong: jejak audit tidak dapat ditandatangani.")
    return list(keys)[-1]


def compute_hash(event: AuditEvent) -> str:
    """HMAC-SHA-256 of the content with the event's key; plain SHA-256 for the events from before the keys."""
    payload = json.dumps(_content(event), sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    if event.key_id is None:
        return hashlib.sha256(payload).hexdigest()
    key = settings.AUDIT_CHAIN_KEYS.get(event.key_id)
    if key is None:
        raise UnknownKey(event.key_id)
    return hmac.new(key.encode(), payload, hashlib.sha256).hexdigest()


def record(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    changes: dict[str, Any] | None = None,
    reason: str = "",
    instansi=None,
    pegawai=None,
    subject: models.Model | None = None,
) -> AuditEvent:
    """Append one event to the chain. Call inside the service's transaction so both commit together.

    `subject` is the object whose fields `changes` names when it is not `obj` (an RHK recorded on its SKP)."""
    if getattr(settings, "AUDIT_LABELS_REQUIRED", False):
        described = subject or obj
        model_label = described._meta.label_lower if described is not None else object_type
        missing = audit_labels.unlabelled(action, model_label, changes or {})
        if missing:
            raise audit_labels.UnlabelledAction(
                f"Tanpa label untuk jejak audit: {', '.join(missing)}. Nyatakan di modul audit_labels aplikasinya "
                "(ACTIONS, FIELDS) atau beri field model verbose_name."
            )
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        if obj is not None:
            object_type = object_type or obj._meta.label_lower
            object_id = object_id or str(obj.pk)
            object_repr = object_repr or str(obj)[:300]
        actor_user = actor if getattr(actor, "is_authenticated", False) else None
        changes = _plain(changes or {})
        event = AuditEvent(
            seq=head.last_seq + 1,
            created_at=timezone.now(),
            actor=actor_user,
            actor_label=(actor_user.get_username() if actor_user else str(actor or "sistem"))[:200],
            instansi=instansi,
            pegawai=pegawai,
            action=action,
            object_type=object_type,
            object_id=object_id,
            object_repr=object_repr[:300],
            changes=changes,
            reason=reason,
            display=display(actor_user, pegawai, subject or obj, object_type, changes),
            ip=context.current().ip or "",
            prev_hash=head.last_hash,
            key_id=signing_key_id(),
        )
        event.hash = compute_hash(event)
        event.save()
        head.last_seq = event.seq
        head.last_hash = event.hash
        head.save(update_fields=["last_seq", "last_hash"])
        return event


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    problem: str


def verify_chain(events: Iterator[AuditEvent] | None = None) -> ChainProblem | None:
    """The first event whose content or position in the chain was altered, or None if the chain is intact."""
    if events is None:
        events = AuditEvent.objects.order_by("seq").iterator(chunk_size=2000)
    previous_hash = GENESIS_HASH
    expected_seq = 1
    keyed = False
    for event in events:
        if event.seq != expected_seq:
            return ChainProblem(
                event.seq, f"urutan terputus: diharapkan #{expected_seq}, ditemukan #{event.seq}"
            )
        if event.prev_hash != previous_hash:
            return ChainProblem(
                event.seq, "hash peristiwa sebelumnya tidak cocok (urutan diubah atau dihapus)"
            )
        # Unkeyed events are those from before the chain was keyed: none may follow a keyed one.
        if event.key_id is None and keyed:
            return ChainProblem(
                event.seq, "peristiwa tanpa kunci setelah peristiwa berkunci (rantai ditulis ulang)"
            )
        try:
            expected_hash = compute_hash(event)
        except UnknownKey:
            return ChainProblem(
                event.seq, f"kunci rantai {event.key_id!r} tidak dikenal (tidak ada di AUDIT_CHAIN_KEYS)"
            )
        if expected_hash != event.hash:
            return ChainProblem(event.seq, "isi peristiwa telah diubah")
        keyed = keyed or event.key_id is not None
        previous_hash = event.hash
        expected_seq += 1
    # The head is written in the same transaction as every event, so it must name exactly the last one: a head
    # ahead of the events means the newest were deleted, a different hash that the newest was rewritten (with
    # its hash recomputed), and no head at all while events exist that someone removed it to hide the tail.
    head = AuditChainHead.objects.filter(pk=1).first()
    last_seq = expected_seq - 1
    if head is None:
        if last_seq:
            return ChainProblem(last_seq, "kepala rantai hilang (akhir rantai tidak dapat dipastikan)")
        return None
    if head.last_seq != last_seq:
        return ChainProblem(head.last_seq, "peristiwa terakhir hilang dari rantai")
    if head.last_hash != previous_hash:
        return ChainProblem(last_seq, "kepala rantai tidak cocok dengan peristiwa terakhir")
    # Since the chain is keyed its last event always carries a key (migration 0007 sealed the older trail with a
    # keyed event), so a trail that ends unkeyed was re-chained with the plain hash by someone without the key.
    if last_seq and not keyed:
        return ChainProblem(last_seq, "rantai tidak ditutup peristiwa berkunci (ditulis ulang tanpa kunci)")
    return None


def seal_unkeyed_chain(
    event_model: type[AuditEvent] = AuditEvent, head_model: type[AuditChainHead] = AuditChainHead
) -> AuditEvent | None:
    """Append a keyed event after a trail written before the chain was keyed (once, from migration 0007).

    Its HMAC covers the last unkeyed hash, so the older events are bound to the key from then on and a trail
    ending unkeyed can be reported as rewritten. The models are parameters so the migration can pass its own.
    """
    with transaction.atomic():
        head = head_model.objects.select_for_update().filter(pk=1).first()
        last = event_model.objects.order_by("-seq").first()
        if head is None or last is None or last.key_id is not None:
            return None
        key_id = signing_key_id()
        event = event_model(
            seq=head.last_seq + 1,
            created_at=timezone.now(),
            actor_label="sistem",
            action="audit.chain_keyed",
            object_type="core.auditevent",
            object_id=str(last.seq),
            object_repr=f"Rantai audit dikunci dengan kunci {key_id}",
            changes={"key_id": [None, key_id]},
            ip="",
            prev_hash=head.last_hash,
            key_id=key_id,
        )
        event.hash = compute_hash(event)
        event.save()
        head.last_seq = event.seq
        head.last_hash = event.hash
        head.save(update_fields=["last_seq", "last_hash"])
        return event


# Checkpoints outside the database -----------------------------------------------------------------------------
# The chain proves that no event was changed *relative to the head*; whoever can write the database can still cut
# the tail and rewind the head, re-chain every event, or wipe both. So each verification appends the head it found
# to a file the database cannot touch (and logs it), and the next verification checks that this event is still
# there with the same hash (docs/decisions/0012-audit-chain-hardening.md).

CHECKPOINT_LINE = re.compile(r"^\S+ seq=(\d+) hash=([0-9a-f]{64})$")


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    hash: str


def _last_checkpoint_line(path: Path) -> tuple[str, re.Match] | None:
    """The last checkpoint line of `path` and its match, or None before the first verification."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return None
    for line in reversed(lines):
        match = CHECKPOINT_LINE.match(line.strip())
        if match:
            return line.strip(), match
    return None


def last_checkpoint(path: Path) -> Checkpoint | None:
    """The last checkpoint written to `path`, or None before the first verification."""
    found = _last_checkpoint_line(path)
    return Checkpoint(int(found[1][1]), found[1][2]) if found else None


def last_verified_at(path: Path) -> tuple[datetime.datetime, int] | None:
    """When the last successful verification ran and the event it reached, or None before the first one."""
    found = _last_checkpoint_line(path)
    if found is None:
        return None
    try:
        return datetime.datetime.fromisoformat(found[0].split(" ", 1)[0]), int(found[1][1])
    except ValueError:
        return None


def verify_checkpoint(checkpoint: Checkpoint | None) -> ChainProblem | None:
    """Whether the event a previous verification saw as the head is still in the chain, unchanged."""
    if checkpoint is None or checkpoint.seq == 0:
        return None
    event = AuditEvent.objects.filter(seq=checkpoint.seq).only("seq", "hash").first()
    if event is None:
        return ChainProblem(
            checkpoint.seq,
            "peristiwa yang tercatat di titik periksa sebelumnya hilang (rantai dipotong/dihapus)",
        )
    if event.hash != checkpoint.hash:
        return ChainProblem(
            checkpoint.seq, "hash berbeda dari titik periksa sebelumnya (rantai ditulis ulang)"
        )
    return None


def write_checkpoint(path: Path) -> Checkpoint:
    """Append the current head to `path` (created with its folder when missing) and log it."""
    head = AuditChainHead.objects.filter(pk=1).first()
    checkpoint = Checkpoint(head.last_seq, head.last_hash) if head else Checkpoint(0, GENESIS_HASH)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as out:
        out.write(f"{timezone.now().isoformat()} seq={checkpoint.seq} hash={checkpoint.hash}\n")
    logger.info("audit chain checkpoint seq=%s hash=%s", checkpoint.seq, checkpoint.hash)
    return checkpoint
