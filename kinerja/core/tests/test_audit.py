"""The audit trail: a hash chain that cannot be edited, whose tampering verify_audit finds, and who sees what."""

import datetime
import decimal
import hashlib
import hmac
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from kinerja.core import audit, context
from kinerja.core.clock import today
from kinerja.core.models import AppendOnlyError, AuditChainHead, AuditEvent
from kinerja.org.models import Instansi, Pegawai, Penugasan, UnitKerja


@pytest.fixture(autouse=True)
def checkpoints(settings, tmp_path):
    """Each test its own checkpoint file: the database is rolled back between tests, a file is not."""
    settings.AUDIT_CHECKPOINT_FILE = tmp_path / "var" / "audit-checkpoints.log"
    return settings.AUDIT_CHECKPOINT_FILE


@pytest.fixture(autouse=True)
def made_up_actions(settings):
    """These tests drive the chain with made-up actions ("test.event"); elsewhere a missing label fails."""
    settings.AUDIT_LABELS_REQUIRED = False


def record_some(n: int, **kwargs) -> list[AuditEvent]:
    return [
        audit.record(actor=None, action="test.event", object_type="test", object_id=str(i), **kwargs)
        for i in range(n)
    ]


def verify() -> str:
    out = io.StringIO()
    call_command("verify_audit", stdout=out)
    return out.getvalue()


def tamper(sql: str, params=()) -> None:
    """Rewrite the trail behind the application's back, as someone with database access could."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The append-only trigger would refuse; a superuser can switch triggers off for this transaction.
            cursor.execute("SET LOCAL session_replication_role = replica")
            cursor.execute(sql, params)
            return
        # SQLite has no switch: whoever can write the file drops the triggers, writes, and puts them back.
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'core_auditevent'"
        )
        triggers = cursor.fetchall()
        for name, _sql in triggers:
            cursor.execute(f"DROP TRIGGER {name}")
        cursor.execute(sql, params)
        for _name, create in triggers:
            cursor.execute(create)


# Recording ---------------------------------------------------------------------------------------------------


def test_record_appends_to_the_hash_chain(cast):
    head_before = AuditChainHead.objects.get(pk=1)
    first, second = record_some(2)

    assert first.seq == head_before.last_seq + 1
    assert second.seq == first.seq + 1
    assert first.prev_hash == head_before.last_hash
    assert second.prev_hash == first.hash
    assert first.hash == audit.compute_hash(first)
    assert len(second.hash) == 64 and second.hash != first.hash
    head = AuditChainHead.objects.get(pk=1)
    assert (head.last_seq, head.last_hash) == (second.seq, second.hash)


def test_the_first_event_of_the_chain_follows_the_genesis_hash(cast):
    assert AuditEvent.objects.order_by("seq").first().prev_hash == audit.GENESIS_HASH


def test_record_describes_the_object_and_the_actor(cast):
    pegawai = cast.pegawai.pegawai
    event = audit.record(
        actor=cast.admin_bkpsdm,
        action="org.pegawai.update",
        obj=pegawai,
        instansi=pegawai.instansi,
        pegawai=pegawai,
        changes={"tanggal_lahir": [datetime.date(1992, 6, 18), None], "nilai": [decimal.Decimal("1.50"), 2]},
        reason="koreksi data",
    )
    event = AuditEvent.objects.get(pk=event.pk)
    assert event.object_type == "org.pegawai"
    assert event.object_id == str(pegawai.pk)
    assert event.object_repr == str(pegawai)
    assert event.actor_id == cast.admin_bkpsdm.pk
    assert event.actor_label == "admin.bkpsdm"
    assert event.changes == {"tanggal_lahir": ["1992-06-18", None], "nilai": ["1.50", 2]}
    assert event.reason == "koreksi data"
    # The stored row hashes to what was computed before saving (JSON round trip included).
    assert audit.compute_hash(event) == event.hash


def test_record_without_a_user_names_the_system(db):
    event = audit.record(actor=None, action="test.system", object_type="test")
    assert event.actor_id is None
    assert event.actor_label == "sistem"


def test_record_keeps_the_client_address_of_the_request(db):
    token = context.bind(context.RequestContext(ip="203.0.113.9"))
    try:
        event = audit.record(actor=None, action="test.ip", object_type="test")
    finally:
        context.reset(token)
    assert AuditEvent.objects.get(pk=event.pk).ip == "203.0.113.9"


def test_snapshot_gives_plain_values_with_foreign_keys_as_ids(cast):
    pegawai = cast.pegawai.pegawai
    snap = audit.snapshot(pegawai, ["nip", "instansi", "tanggal_lahir"])
    assert snap == {
        "nip": pegawai.nip,
        "instansi": pegawai.instansi_id,
        "tanggal_lahir": pegawai.tanggal_lahir.isoformat(),
    }


def test_diff_lists_only_changed_fields_as_before_and_after():
    before = {"nama": "Siti", "golongan": "III/a", "email": ""}
    after = {"nama": "Siti", "golongan": "III/b", "email": "", "telepon": "0812"}
    assert audit.diff(before, after) == {"golongan": ["III/a", "III/b"], "telepon": [None, "0812"]}
    assert audit.diff(before, dict(before)) == {}


def test_created_lists_the_filled_fields(cast):
    unit = UnitKerja.objects.filter(parent__isnull=False).first()
    assert audit.created(unit, ["kode", "parent", "eselon"]) == {
        "kode": [None, unit.kode],
        "parent": [None, unit.parent_id],
        **({"eselon": [None, unit.eselon]} if unit.eselon else {}),
    }


# Append-only -------------------------------------------------------------------------------------------------


def test_saving_an_existing_event_is_refused(db):
    (event,) = record_some(1)
    event.reason = "diubah"
    with pytest.raises(AppendOnlyError):
        event.save()
    assert AuditEvent.objects.get(pk=event.pk).reason == ""


def test_deleting_an_event_is_refused(db):
    (event,) = record_some(1)
    with pytest.raises(AppendOnlyError):
        event.delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_queryset_update_and_delete_are_refused(db):
    record_some(1)
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(action="test.event").update(reason="diubah")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.filter(action="test.event", reason="").count() == 1


def test_the_database_itself_refuses_update_and_delete_of_events_on_every_backend(db):
    """SQLite used to accept raw UPDATE and DELETE; its triggers (core migration 0004) now refuse as PostgreSQL's."""
    (event,) = record_some(1)
    for sql in (
        "UPDATE core_auditevent SET reason = 'x' WHERE seq = %s",
        "DELETE FROM core_auditevent WHERE seq = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [event.seq])
    assert AuditEvent.objects.get(pk=event.pk).reason == ""


# verify_audit ------------------------------------------------------------------------------------------------


def test_verify_audit_passes_on_an_intact_chain(db):
    record_some(5)
    output = verify()
    assert "utuh" in output
    assert str(AuditEvent.objects.count()) in output


def test_verify_audit_names_the_event_whose_content_was_altered(db):
    events = record_some(5)
    target = events[2].seq
    tamper("UPDATE core_auditevent SET reason = 'x' WHERE seq = %s", [target])

    with pytest.raises(CommandError) as exc:
        verify()
    assert f"#{target}:" in str(exc.value)
    assert "diubah" in str(exc.value)


def test_verify_audit_detects_altered_changes_of_the_first_event(db):
    first = AuditEvent.objects.order_by("seq").first()
    record_some(2)
    tamper("UPDATE core_auditevent SET changes = %s WHERE seq = %s", ['{"counts": [null, 1]}', first.seq])
    with pytest.raises(CommandError, match=rf"#{first.seq}:"):
        verify()


def test_verify_audit_detects_a_deleted_event_and_names_the_one_after_it(db):
    events = record_some(5)
    tamper("DELETE FROM core_auditevent WHERE seq = %s", [events[2].seq])

    with pytest.raises(CommandError) as exc:
        verify()
    assert f"#{events[3].seq}:" in str(exc.value)


def test_verify_audit_detects_a_deleted_last_event(db):
    events = record_some(3)
    tamper("DELETE FROM core_auditevent WHERE seq = %s", [events[-1].seq])
    with pytest.raises(CommandError, match=rf"#{events[-1].seq}:"):
        verify()


def test_verify_audit_detects_two_events_swapped(db):
    events = record_some(5)
    a, b = events[1].seq, events[2].seq
    tamper("UPDATE core_auditevent SET seq = -1 WHERE seq = %s", [a])
    tamper("UPDATE core_auditevent SET seq = %s WHERE seq = %s", [a, b])
    tamper("UPDATE core_auditevent SET seq = %s WHERE seq = -1", [b])

    with pytest.raises(CommandError) as exc:
        verify()
    assert f"#{a}:" in str(exc.value)


def test_verify_audit_detects_a_recomputed_hash_that_breaks_the_link(db):
    """Rewriting an event and its own hash is not enough: the next event still points at the old hash."""
    events = record_some(4)
    target = AuditEvent.objects.get(seq=events[1].seq)
    target.reason = "dipalsukan"
    forged = audit.compute_hash(target)
    tamper(
        "UPDATE core_auditevent SET reason = %s, hash = %s WHERE seq = %s", ["dipalsukan", forged, target.seq]
    )
    with pytest.raises(CommandError, match=rf"#{events[2].seq}:"):
        verify()


def test_verify_audit_detects_a_rewritten_last_event_with_its_hash_recomputed(db):
    """The newest event has no successor pointing at it; the chain head does."""
    events = record_some(3)
    target = AuditEvent.objects.get(seq=events[-1].seq)
    target.reason = "dipalsukan"
    forged = audit.compute_hash(target)
    tamper(
        "UPDATE core_auditevent SET reason = %s, hash = %s WHERE seq = %s", ["dipalsukan", forged, target.seq]
    )
    with pytest.raises(CommandError, match=rf"#{target.seq}: kepala rantai tidak cocok"):
        verify()


def test_verify_audit_reports_a_missing_chain_head(db):
    events = record_some(3)
    tamper("DELETE FROM core_auditchainhead")
    with pytest.raises(CommandError, match=rf"#{events[-1].seq}: kepala rantai hilang"):
        verify()


def test_verify_audit_detects_the_tail_cut_with_the_head_row_removed(db):
    """Deleting the newest events and the head row together used to pass: nothing told where the chain ended."""
    events = record_some(4)
    tamper("DELETE FROM core_auditevent WHERE seq >= %s", [events[2].seq])
    tamper("DELETE FROM core_auditchainhead")
    with pytest.raises(CommandError, match="kepala rantai hilang"):
        verify()


def test_verify_audit_appends_a_checkpoint_of_the_head_and_logs_it(db, checkpoints, caplog):
    events = record_some(2)
    verify()
    record_some(1)
    with caplog.at_level("INFO", logger="kinerja.audit"):
        verify()

    lines = checkpoints.read_text().splitlines()
    assert len(lines) == 2
    assert lines[0].endswith(f"seq={events[-1].seq} hash={events[-1].hash}")
    head = AuditChainHead.objects.get(pk=1)
    assert audit.last_checkpoint(checkpoints) == audit.Checkpoint(head.last_seq, head.last_hash)
    assert f"seq={head.last_seq}" in caplog.text


def test_verify_audit_finds_the_tail_cut_and_the_head_rewound_since_the_last_checkpoint(db, checkpoints):
    """A consistent shorter chain passes every check inside the database; the checkpoint outside does not."""
    events = record_some(5)
    verify()
    kept = events[2]
    tamper("DELETE FROM core_auditevent WHERE seq > %s", [kept.seq])
    tamper("UPDATE core_auditchainhead SET last_seq = %s, last_hash = %s", [kept.seq, kept.hash])
    assert audit.verify_chain() is None

    with pytest.raises(CommandError, match=rf"#{events[-1].seq}: .*titik periksa"):
        verify()
    assert len(checkpoints.read_text().splitlines()) == 1  # a damaged chain is not the next reference


def test_verify_audit_finds_a_wiped_trail(db):
    events = record_some(3)
    verify()
    tamper("DELETE FROM core_auditevent")
    tamper("DELETE FROM core_auditchainhead")
    assert audit.verify_chain() is None

    with pytest.raises(CommandError, match=rf"#{events[-1].seq}: .*titik periksa"):
        verify()


def test_verify_audit_finds_a_trail_rechained_since_the_last_checkpoint(db):
    """Editing an old event and recomputing every hash after it leaves a valid chain, but not the same head."""
    events = record_some(3)
    verify()
    previous = audit.GENESIS_HASH
    for event in AuditEvent.objects.order_by("seq"):
        if event.seq == events[0].seq:
            event.reason = "dipalsukan"
        event.prev_hash = previous
        event.hash = audit.compute_hash(event)
        tamper(
            "UPDATE core_auditevent SET reason = %s, prev_hash = %s, hash = %s WHERE seq = %s",
            [event.reason, event.prev_hash, event.hash, event.seq],
        )
        previous = event.hash
    tamper("UPDATE core_auditchainhead SET last_hash = %s", [previous])
    assert audit.verify_chain() is None

    with pytest.raises(CommandError, match=rf"#{events[-1].seq}: hash berbeda dari titik periksa"):
        verify()


# The keyed chain (AUDIT_CHAIN_KEYS) ----------------------------------------------------------------------------

OLD_KEY = "kunci-lama-" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6"
NEW_KEY = "kunci-baru-" + "Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4"


def rechain_unkeyed(start_seq: int = 1) -> str:
    """Recompute every hash from `start_seq` on with the plain SHA-256 and no key id, as someone with the
    database but without the key can; returns the new last hash (the head is rewound to it)."""
    previous = audit.GENESIS_HASH
    for event in AuditEvent.objects.order_by("seq"):
        if event.seq >= start_seq:
            event.key_id = None
            event.prev_hash = previous
            event.hash = hashlib.sha256(
                json.dumps(
                    audit._content(event), sort_keys=True, separators=(",", ":"), ensure_ascii=False
                ).encode()
            ).hexdigest()
            tamper(
                "UPDATE core_auditevent SET key_id = NULL, prev_hash = %s, hash = %s WHERE seq = %s",
                [event.prev_hash, event.hash, event.seq],
            )
        previous = event.hash
    tamper("UPDATE core_auditchainhead SET last_hash = %s", [previous])
    return previous


def test_record_signs_with_the_newest_key_and_stores_its_id(db, settings):
    settings.AUDIT_CHAIN_KEYS = {"1": OLD_KEY, "2": NEW_KEY}
    (event,) = record_some(1)
    assert event.key_id == "2"
    payload = json.dumps(audit._content(event), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert event.hash == hmac.new(NEW_KEY.encode(), payload.encode(), hashlib.sha256).hexdigest()
    assert event.hash != hashlib.sha256(payload.encode()).hexdigest()


def test_verify_audit_detects_the_whole_trail_rechained_with_the_unkeyed_hash(db):
    """Without a checkpoint yet, only the key tells the real chain from one recomputed by whoever has the
    database: every link and the head agree with each other after this."""
    events = record_some(4)
    rechain_unkeyed()
    with pytest.raises(CommandError, match=rf"#{events[-1].seq}: .*tanpa kunci"):
        verify()


def test_verify_audit_detects_an_unkeyed_event_after_a_keyed_one(db):
    events = record_some(3)
    rechain_unkeyed(start_seq=events[1].seq)
    with pytest.raises(CommandError, match=rf"#{events[1].seq}: peristiwa tanpa kunci setelah"):
        verify()


def test_rotating_the_key_keeps_the_older_events_verifiable(db, settings):
    # The demo trail was signed with the development key; it stays in the list, as an operator's would.
    settings.AUDIT_CHAIN_KEYS = {**settings.AUDIT_CHAIN_KEYS, "lama": OLD_KEY}
    older = record_some(2)
    settings.AUDIT_CHAIN_KEYS = {**settings.AUDIT_CHAIN_KEYS, "baru": NEW_KEY}
    newer = record_some(2)

    assert [e.key_id for e in older + newer] == ["lama", "lama", "baru", "baru"]
    assert "utuh" in verify()


def test_verify_audit_reports_an_event_whose_key_is_unknown(db, settings):
    development = settings.AUDIT_CHAIN_KEYS
    settings.AUDIT_CHAIN_KEYS = {**development, "lama": OLD_KEY}
    events = record_some(2)
    settings.AUDIT_CHAIN_KEYS = {**development, "baru": NEW_KEY}  # "lama" was dropped while still in use
    with pytest.raises(CommandError, match=rf"#{events[0].seq}: kunci rantai 'lama' tidak dikenal"):
        verify()


def test_events_from_before_the_keyed_chain_keep_verifying_once_sealed(db, settings):
    """A trail written with the plain hash (no key id) verifies unchanged; migration 0007 closes it with one
    keyed event, after which new events are keyed and the whole trail is intact."""
    settings.AUDIT_CHAIN_KEYS = {"1": OLD_KEY}
    tamper("DELETE FROM core_auditevent")  # start from an empty trail, as a database from before the keys
    AuditChainHead.objects.all().delete()
    head = AuditChainHead.objects.create(pk=1)
    for i in range(3):
        event = AuditEvent(
            seq=head.last_seq + 1,
            created_at=timezone.now(),
            actor_label="sistem",
            action="test.legacy",
            object_type="test",
            object_id=str(i),
            prev_hash=head.last_hash,
        )
        event.hash = audit.compute_hash(event)
        event.save()
        head.last_seq, head.last_hash = event.seq, event.hash
        head.save()
    assert audit.verify_chain() == audit.ChainProblem(
        3, "rantai tidak ditutup peristiwa berkunci (ditulis ulang tanpa kunci)"
    )

    seal = audit.seal_unkeyed_chain()
    assert seal is not None
    assert (seal.seq, seal.prev_hash, seal.key_id, seal.action) == (
        4,
        head.last_hash,
        "1",
        "audit.chain_keyed",
    )
    assert audit.seal_unkeyed_chain() is None  # once
    record_some(1)
    assert list(AuditEvent.objects.order_by("seq").values_list("key_id", flat=True))[:3] == [None, None, None]
    assert "utuh" in verify()


# Who sees which events ---------------------------------------------------------------------------------------


@pytest.fixture
def trail(cast):
    """Events about several people and both instansi, with markers to find them on the page."""
    sukamaju = cast.admin_bkpsdm.instansi
    lembah = Instansi.objects.exclude(pk=sukamaju.pk).get()
    own = cast.pegawai.pegawai
    other = cast.atasan.pegawai
    return {
        "own": audit.record(
            actor=cast.admin_bkpsdm,
            action="org.pegawai.update",
            obj=own,
            object_repr="MARK-OWN",
            instansi=sukamaju,
            pegawai=own,
        ),
        "other": audit.record(
            actor=cast.admin_bkpsdm,
            action="org.pegawai.update",
            obj=other,
            object_repr="MARK-OTHER",
            instansi=sukamaju,
            pegawai=other,
        ),
        "unit": audit.record(
            actor=cast.superuser,
            action="org.unit.update",
            object_type="org.unitkerja",
            object_repr="MARK-UNIT",
            instansi=sukamaju,
        ),
        "lembah": audit.record(
            actor=cast.outsider,
            action="org.pegawai.update",
            object_type="org.pegawai",
            object_repr="MARK-LEMBAH",
            instansi=lembah,
        ),
    }


def listed(client, **params) -> set[int]:
    response = client.get(reverse("portal:audit_list"), params)
    assert response.status_code == 200
    return {e.seq for e in response.context["page"].object_list}


def seqs(trail, *names) -> set[int]:
    return {trail[n].seq for n in names}


def test_auditor_sees_every_event_of_their_instansi_only(cast, trail):
    shown = listed(cast.client("auditor"))
    assert seqs(trail, "own", "other", "unit") <= shown
    assert trail["lembah"].seq not in shown
    newest = AuditEvent.objects.filter(instansi=cast.auditor.instansi).order_by("-seq")[:50]  # the first page
    assert shown == set(newest.values_list("seq", flat=True))


def test_audit_page_shows_the_event_details(cast, trail):
    html = cast.client("admin_bkpsdm").get(reverse("portal:audit_list")).content.decode()
    assert "MARK-OWN" in html and "MARK-UNIT" in html
    assert "MARK-LEMBAH" not in html


def test_pegawai_sees_only_events_about_themselves(cast, trail):
    assert listed(cast.client("pegawai")) == seqs(trail, "own")
    assert listed(cast.client("atasan")) == seqs(trail, "other")
    html = cast.client("pegawai").get(reverse("portal:audit_list")).content.decode()
    assert "MARK-OWN" in html
    assert "MARK-OTHER" not in html and "MARK-UNIT" not in html


def test_outsider_sees_nothing_of_another_instansi(cast, trail):
    shown = listed(cast.client("outsider"))
    assert trail["lembah"].seq in shown
    assert not AuditEvent.objects.filter(seq__in=shown, instansi=cast.admin_bkpsdm.instansi).exists()


def test_department_admin_sees_events_about_pegawai_of_their_subtree(cast, trail):
    disdik = UnitKerja.objects.get(instansi=cast.admin_pd.instansi, kode="DISDIK")
    teacher = Pegawai.objects.get(
        pk=Penugasan.objects.active_at(today())
        .filter(jabatan__unit__path__startswith=disdik.path)
        .values("pegawai_id")[:1]
    )
    about_teacher = audit.record(
        actor=cast.admin_bkpsdm,
        action="org.pegawai.update",
        obj=teacher,
        instansi=teacher.instansi,
        pegawai=teacher,
    )
    shown = listed(cast.client("admin_pd"))
    assert about_teacher.seq in shown
    assert not shown & seqs(trail, "own", "other", "unit", "lembah")


def test_anonymous_is_sent_to_login(db):
    from django.test import Client

    response = Client().get(reverse("portal:audit_list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_filters_narrow_the_trail(cast, trail):
    client = cast.client("auditor")
    assert listed(client, action="org.pegawai") == seqs(trail, "own", "other")
    assert listed(client, action="org.unit") == seqs(trail, "unit")
    assert listed(client, action="org.pegawai.update") == seqs(trail, "own", "other")
    assert listed(client, action="org.peg") == set()  # a group is a whole part of the code, not any prefix
    assert listed(client, actor=cast.superuser.pk) == seqs(trail, "unit")
    assert listed(client, actor=cast.admin_bkpsdm.pk, action="org.pegawai") == seqs(trail, "own", "other")
    assert listed(client, object_type="org.unitkerja") == seqs(trail, "unit")
    assert listed(client, pegawai=cast.pegawai.pegawai_id) == seqs(trail, "own")


def test_date_filters_narrow_the_trail(cast, trail):
    client = cast.client("auditor")
    day = timezone.localdate()
    tomorrow = (day + datetime.timedelta(days=1)).isoformat()
    yesterday = (day - datetime.timedelta(days=1)).isoformat()
    assert seqs(trail, "own", "other", "unit") <= listed(client, dari=day.isoformat(), sampai=day.isoformat())
    assert listed(client, dari=tomorrow) == set()
    assert listed(client, sampai=yesterday) == set()
    # A malformed date is ignored rather than failing the page.
    assert seqs(trail, "own") <= listed(client, dari="kemarin")
