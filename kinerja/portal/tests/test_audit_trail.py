"""The audit trail as people read it: labels for codes, names as they were for ids and NIPs, links, dropdown
filters, the auditor's export and a page whose cost does not grow with its length (decision 0014)."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.accounts.models import User
from kinerja.core import audit, audit_labels
from kinerja.core.cells import DATETIME_FORMAT
from kinerja.core.models import AuditEvent
from kinerja.core.testing.helpers import count_queries
from kinerja.core.tests.test_audit import tamper
from kinerja.org.models import Jabatan, Penugasan
from kinerja.org.services.pegawai import pegawai_update
from kinerja.planning import rules
from kinerja.portal import audit_trail

pytestmark = pytest.mark.django_db

CODE = re.compile(r"\b(?:org|planning|criteria|accounts|portal)\.[a-z_]+\.[a-z_]+\b")


def by_admin(**fields) -> AuditEvent:
    """An event recorded by the admin BKPSDM of the demo's instansi (where the auditor reads)."""
    admin = User.objects.select_related("instansi").get(username="admin.bkpsdm")
    return audit.record(actor=admin, instansi=admin.instansi, **fields)


def page(client, **params) -> str:
    response = client.get(reverse("portal:audit_list"), params)
    assert response.status_code == 200
    return response.content.decode()


# Labels ------------------------------------------------------------------------------------------------------


def test_every_action_and_field_in_the_demo_trail_has_a_label(db):
    events = list(AuditEvent.objects.all())
    assert events
    for event in events:
        model_label = (event.display or {}).get("model") or event.object_type
        assert not audit_labels.unlabelled(event.action, model_label, event.changes), event


def test_every_transition_of_the_skp_workflow_has_a_label():
    codes = {f"{rules.WORKFLOW.name}.{t.action}" for t in rules.WORKFLOW.transitions}
    assert codes and all(audit_labels.has_action_label(code) for code in codes)


def test_recording_an_action_without_a_label_fails_in_the_tests(cast, settings):
    """The whole suite is the check: any event a test causes with an unlabelled action or field fails it."""
    assert settings.AUDIT_LABELS_REQUIRED
    with pytest.raises(audit_labels.UnlabelledAction, match=re.escape("planning.skp.terbang")):
        audit.record(actor=cast.admin_bkpsdm, action="planning.skp.terbang", object_type="planning.skp")
    with pytest.raises(audit_labels.UnlabelledAction, match=re.escape("org.pegawai.sepatu")):
        by_admin(
            action="org.pegawai.update",
            obj=cast.pegawai.pegawai,
            changes={"sepatu": [1, 2]},
        )


def test_labels_are_indonesian_words_declared_by_each_app():
    assert audit_labels.action_label("org.penugasan.create") == "Penugasan dimulai"
    assert audit_labels.action_label("planning.skp.setujui") == "SKP disetujui"
    assert audit_labels.action_label("criteria.aturan.predikat") == "Tabel aturan diubah: Matriks predikat"
    assert audit_labels.field_label("org.pegawai", "tanggal_lahir") == "tanggal lahir"
    assert audit_labels.object_kind("org.penugasan") == "Penugasan"
    assert audit_labels.action_label("admin.user.update") == "Pengguna diubah lewat admin Django"
    # Keys of one field by code, and changes keyed by data (a rule table's rows) rather than by fields.
    expectation = "ekspektasi.berorientasi_pelayanan"
    assert audit_labels.change_label("planning.ekspektasi.update", "planning.skp", expectation) == (
        "Ekspektasi: berorientasi pelayanan"
    )
    assert not audit_labels.unlabelled("criteria.aturan.rating", "criteria.kerangka", {"sangat_baik": [1, 2]})
    assert (
        audit_labels.change_label("criteria.aturan.rating", "criteria.kerangka", "sangat_baik")
        == "Sangat baik"
    )
    assert audit_labels.unlabelled("org.unit.update", "org.unitkerja", {"sangat_baik": [1, 2]})
    # An event of a feature since removed is still shown, as it was stored.
    assert audit_labels.action_label("gone.thing.done") == "gone.thing.done"


# Reading -----------------------------------------------------------------------------------------------------


def test_the_trail_shows_names_labels_and_dates_not_nips_codes_and_ids(cast):
    pegawai = cast.pegawai.pegawai
    pegawai_update(actor=cast.admin_bkpsdm, pegawai=pegawai, telepon="0812345678", reason="Nomor baru")
    penugasan = Penugasan.objects.filter(pegawai=pegawai).first()
    ends = datetime.date(2031, 12, 31)
    by_admin(
        action="org.penugasan.end",
        obj=penugasan,
        pegawai=pegawai,
        changes={"selesai": [None, ends], "jenis": [penugasan.jenis, penugasan.jenis]},
    )
    html = page(cast.client("auditor"), action="org")
    rows = html[html.index('data-testid="audit-event"') :]
    assert "Data pegawai diubah" in rows and "Penugasan diakhiri" in rows
    assert cast.admin_bkpsdm.nama in rows and "admin.bkpsdm" not in rows
    assert "Telepon</strong>: " in rows and "0812345678" in rows and "telepon</strong>" not in rows
    assert "31 Desember 2031" in rows and "2031-12-31" not in rows
    assert penugasan.get_jenis_display() in rows
    text = re.sub(r"<[^>]*>", " ", html)  # what is read, not the values of the dropdowns' options
    assert not CODE.search(text), CODE.search(text)
    assert "∅" not in text


def test_foreign_keys_show_the_name_the_object_had_when_the_event_was_written(cast):
    instansi = cast.admin_bkpsdm.instansi
    penugasan = Penugasan.objects.filter(pegawai__instansi=instansi).select_related("jabatan", "pegawai")[0]
    old = penugasan.jabatan
    new = Jabatan.objects.exclude(pk=old.pk).filter(unit__instansi=instansi)[0]
    old_name = old.nama
    by_admin(
        action="org.penugasan.create",
        obj=penugasan,
        pegawai=penugasan.pegawai,
        changes={"jabatan": [old.pk, new.pk]},
    )
    Jabatan.objects.filter(pk=old.pk).update(nama="Nama yang baru saja diganti")
    html = page(cast.client("auditor"), action="org.penugasan.create")
    row = html[html.index('data-testid="audit-event"') :]
    assert f"{old_name} → {new.nama}" in row
    assert "Nama yang baru saja diganti" not in row
    assert f"{old.pk} → {new.pk}" not in row


def test_names_stored_with_the_event_are_part_of_its_hash(cast):
    event = by_admin(
        action="org.pegawai.update",
        obj=cast.pegawai.pegawai,
        pegawai=cast.pegawai.pegawai,
    )
    assert event.display["actor"] == cast.admin_bkpsdm.nama
    assert event.display["pegawai"] == str(cast.pegawai.pegawai)
    assert audit.verify_chain() is None
    tamper("UPDATE core_auditevent SET display = %s WHERE seq = %s", ['{"actor": "Orang Lain"}', event.seq])
    assert audit.verify_chain() == audit.ChainProblem(event.seq, "isi peristiwa telah diubah")


def test_events_written_before_names_were_stored_still_read_with_names(cast):
    """An event from before decision 0014 (display NULL) shows the actor's and the object's current names."""
    penugasan = Penugasan.objects.filter(jabatan__instansi=cast.admin_bkpsdm.instansi).select_related(
        "jabatan"
    )[0]
    jabatan = penugasan.jabatan
    event = by_admin(
        action="org.penugasan.create",
        obj=penugasan,
        changes={"jabatan": [None, jabatan.pk]},
    )
    tamper("UPDATE core_auditevent SET display = NULL WHERE seq = %s", [event.seq])
    (row,) = audit_trail.rows(audit_trail.with_names(AuditEvent.objects.filter(seq=event.seq)))
    assert row.actor == cast.admin_bkpsdm.nama
    assert row.changes[0].after == jabatan.nama


def test_objects_link_to_their_page_only_for_who_may_open_them(cast):
    other = cast.atasan.pegawai
    objects = [("org.pegawai", str(other.pk)), ("org.pegawai", "999999999")]
    assert audit_labels.links(cast.admin_bkpsdm, objects) == {
        ("org.pegawai", str(other.pk)): reverse("org:pegawai_detail", args=[other.pk])
    }
    assert audit_labels.links(cast.outsider, objects) == {}
    by_admin(action="org.pegawai.update", obj=other)
    assert reverse("org:pegawai_detail", args=[other.pk]) in page(
        cast.client("auditor"), action="org.pegawai.update"
    )


def test_the_admin_home_card_reads_like_the_trail(cast):
    pegawai_update(actor=cast.admin_bkpsdm, pegawai=cast.pegawai.pegawai, telepon="0811111111", reason="")
    html = cast.client("admin_bkpsdm").get(reverse("portal:home")).content.decode()
    card = html[html.index('data-testid="recent-events"') :]
    assert "Data pegawai diubah" in card and cast.admin_bkpsdm.nama in card
    assert "org.pegawai.update" not in card


# Filters -----------------------------------------------------------------------------------------------------


def test_the_filters_are_dropdowns_of_labels_and_names(cast):
    pegawai_update(actor=cast.admin_bkpsdm, pegawai=cast.pegawai.pegawai, telepon="0811111112", reason="")
    html = page(cast.client("auditor"))
    assert '<select id="f-action" name="action"' in html
    assert '<option value="org.pegawai.update">Data pegawai diubah</option>' in html
    assert f'<option value="{cast.admin_bkpsdm.pk}">{cast.admin_bkpsdm.nama}</option>' in html
    assert '<option value="org.pegawai">Pegawai</option>' in html
    chosen = page(cast.client("auditor"), actor=cast.admin_bkpsdm.pk, action="org.pegawai.update")
    assert f'<option value="{cast.admin_bkpsdm.pk}" selected>' in chosen
    assert '<option value="org.pegawai.update" selected>' in chosen


def in_other_instansi(cast) -> AuditEvent:
    """An event by the admin of the other instansi, which the auditor must never see."""
    return audit.record(
        actor=cast.outsider,
        action="org.unit.move",
        object_type="org.unitkerja",
        instansi=cast.outsider.instansi,
    )


def test_the_dropdowns_offer_only_what_the_user_may_see(cast):
    in_other_instansi(cast)
    html = page(cast.client("auditor"))
    assert cast.outsider.nama not in html and "Unit dipindahkan" not in html


# The page's cost ---------------------------------------------------------------------------------------------


def test_the_list_costs_the_same_queries_for_few_or_many_events(cast):
    client = cast.client("auditor")
    assignments = list(
        Penugasan.objects.filter(pegawai__instansi=cast.auditor.instansi).select_related("pegawai")[:40]
    )
    jabatan = list(Jabatan.objects.filter(unit__instansi=cast.auditor.instansi)[:2])

    def write(some):
        for penugasan in some:
            person = penugasan.pegawai
            by_admin(
                action="org.pegawai.update",
                obj=person,
                pegawai=person,
                changes={"status": ["pns", "pppk"]},
            )
            by_admin(
                action="org.penugasan.create",
                obj=penugasan,
                changes={"jabatan": [jabatan[0].pk, jabatan[1].pk]},
            )

    mine = {"actor": cast.admin_bkpsdm.pk}  # a few events (the demo's and four), then a full page
    write(assignments[:2])
    few, response = count_queries(client, reverse("portal:audit_list"), mine)
    assert len(response.context["rows"]) < 50
    write(assignments[2:])
    many, response = count_queries(client, reverse("portal:audit_list"), mine)
    assert len(response.context["rows"]) == 50
    assert many <= few, (few, many)


# Export ------------------------------------------------------------------------------------------------------


def test_the_export_is_the_filtered_trail_in_words_with_real_dates(cast):
    pegawai_update(
        actor=cast.admin_bkpsdm, pegawai=cast.pegawai.pegawai, telepon="0811111113", reason="Nomor baru"
    )
    response = cast.client("auditor").get(reverse("portal:audit_export"), {"action": "org.pegawai.update"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][:4] == ("No.", "Waktu", "Pelaku", "Tindakan")
    body = rows[1:]
    expected = AuditEvent.objects.filter(instansi=cast.auditor.instansi, action="org.pegawai.update").count()
    assert len(body) == expected
    newest = body[0]
    assert isinstance(newest[1], datetime.datetime)
    assert newest[2] == cast.admin_bkpsdm.nama and newest[3] == "Data pegawai diubah"
    assert "Telepon: " in newest[7] and newest[8] == "Nomor baru"
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:L{len(rows)}"
    assert sheet.column_dimensions["H"].width == 60
    assert sheet["B2"].number_format == DATETIME_FORMAT


def test_the_export_is_itself_audited(cast):
    before = AuditEvent.objects.count()
    cast.client("auditor").get(reverse("portal:audit_export"), {"actor": cast.admin_bkpsdm.pk})
    event = AuditEvent.objects.order_by("-seq")[0]
    assert AuditEvent.objects.count() == before + 1
    assert (event.action, event.actor_id, event.instansi_id) == (
        "portal.audit.export",
        cast.auditor.pk,
        cast.auditor.instansi_id,
    )
    assert event.changes["filter"][1] == f"Pelaku: {cast.admin_bkpsdm.nama}"
    assert isinstance(event.changes["baris"][1], int)


def test_the_export_keeps_the_instansi_apart(cast):
    in_other_instansi(cast)
    content = cast.client("auditor").get(reverse("portal:audit_export")).content
    sheet = load_workbook(io.BytesIO(content)).active
    actors = {row[2] for row in list(sheet.values)[1:]}
    assert cast.outsider.nama not in actors


@pytest.mark.parametrize("role", ["pegawai", "atasan", "admin_pd", "tim_penilai"])
def test_those_who_read_only_their_own_events_cannot_export(cast, role):
    before = AuditEvent.objects.count()
    assert cast.client(role).get(reverse("portal:audit_export")).status_code == 403
    assert AuditEvent.objects.count() == before
