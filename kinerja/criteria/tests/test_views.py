"""The assessment framework screens as users work with them (the Django test client).

The demo has published version 1 of YEAR for Kota Sukamaju, in force from 1 January.
"""

import io
import re
import time
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from conftest import YEAR
from kinerja.core import clock
from kinerja.core.models import AuditEvent
from kinerja.core.testing.harness import CONFIRM
from kinerja.core.testing.helpers import count_queries
from kinerja.criteria import defaults, imports, rules, services
from kinerja.criteria.models import Aturan, Bagian, Kerangka, Kompetensi, Pengakuan, StandarKompetensi
from kinerja.criteria.tests.routes import (
    csv_upload,
    formset_form,
    rating_rows,
    settings_form,
    standar_form,
    xlsx,
)
from kinerja.org import selectors as org_selectors
from kinerja.org.models import Jabatan, Pegawai
from kinerja.testkit import cast as named

pytestmark = pytest.mark.django_db

FIVE = {str(i): f"Tingkat {i}" for i in range(1, 6)}


def v1() -> Kerangka:
    return named.framework()


def rows_of(kerangka: Kerangka, bagian: str) -> list[dict]:
    return list(kerangka.aturan.filter(bagian=bagian).order_by("urutan").values_list("data", flat=True))


def html(response) -> str:
    return response.content.decode()


@pytest.fixture
def draft(cast) -> Kerangka:
    """A draft of next year (a copy of version 1), started by admin BKPSDM."""
    return services.kerangka_start(actor=cast.admin_bkpsdm, instansi=v1().instansi, tahun=YEAR + 1)


def jabatan_of(user) -> Jabatan:
    return org_selectors.primary_assignment(user.pegawai).jabatan


# The journey: start, edit, publish, read and acknowledge ----------------------------------------------------


def test_admin_changes_the_rating_bands_in_a_new_version_and_pegawai_acknowledge_it(cast):
    admin = cast.client("admin_bkpsdm")
    response = admin.post(reverse("criteria:start"), {"tahun": YEAR})
    draft = Kerangka.objects.get(instansi=v1().instansi, tahun=YEAR, versi=2)
    assert response.status_code == 302 and response["Location"] == reverse("criteria:detail", args=[draft.pk])
    page = html(admin.get(response["Location"]))
    assert reverse("criteria:aturan", args=[draft.pk, "rating"]) in page
    assert reverse("criteria:publish", args=[draft.pk]) in page

    # An overlapping band is refused with the rule's message; what was typed stays in the form.
    url = reverse("criteria:aturan", args=[draft.pk, "rating"])
    before = rows_of(draft, "rating")
    response = admin.post(url, formset_form(rating_rows(sesuai_max=110, di_atas_min=104.5)))
    assert response.status_code == 200
    expected = _("The bands %(a)s and %(b)s overlap.") % {"a": "Sesuai ekspektasi", "b": "Di atas ekspektasi"}
    assert escape(expected) in html(response)
    assert "Rentang Sesuai ekspektasi dan Di atas ekspektasi saling tumpang tindih." in html(response)
    assert "di_atas" not in expected
    assert re.search(r'name="rows-2-min"[^>]*value="104.5"', html(response))
    assert rows_of(draft, "rating") == before

    response = admin.post(url, formset_form(rating_rows(sesuai_max=104.5, di_atas_min=104.5)))
    assert response.status_code == 302
    assert rows_of(draft, "rating")[1] == {"rating": "sesuai", "min": 90, "max": 104.5}
    assert Aturan.objects.get(kerangka=draft, kunci="sesuai").sumber == _("changed by the agency")

    # A second version of the year needs a reason: refused without one, the date typed is kept.
    today = clock.today()
    publish = reverse("criteria:publish", args=[draft.pk])
    response = admin.post(publish, {"berlaku_mulai": today.isoformat(), "alasan": ""})
    assert response.status_code == 200 and Kerangka.objects.get(pk=draft.pk).is_draft
    assert f'value="{today.isoformat()}"' in html(response)
    response = admin.post(publish, {"berlaku_mulai": today.isoformat(), "alasan": "Ambang disesuaikan"})
    assert response.status_code == 302
    published = Kerangka.objects.get(pk=draft.pk)
    assert not published.is_draft and published.berlaku_mulai == today

    # The pegawai reads the version in force today and acknowledges it once.
    client = cast.client("pegawai")
    response = client.get(reverse("criteria:mine"))
    assert reverse("criteria:acknowledge", args=[draft.pk]) in html(response)
    rating = next(s for s in response.context["sections"] if s["bagian"] == "rating")
    assert [a.data["max"] for a in rating["rows"]] == [90, 104.5, None]
    assert client.post(reverse("criteria:acknowledge", args=[draft.pk])).status_code == 302
    assert Pengakuan.objects.filter(kerangka=draft, pegawai=cast.pegawai.pegawai).exists()
    page = html(client.get(reverse("criteria:mine")))
    assert 'data-testid="acknowledged"' in page
    assert reverse("criteria:acknowledge", args=[draft.pk]) not in page
    client.post(reverse("criteria:acknowledge", args=[draft.pk]))
    assert Pengakuan.objects.filter(kerangka=draft).count() == 1

    # The admin sees how many have acknowledged.
    active = Pegawai.objects.filter(instansi=draft.instansi, aktif=True).count()
    response = admin.get(reverse("criteria:detail", args=[draft.pk]))
    assert response.context["acknowledged"] == 1 and response.context["active_pegawai"] == active


def test_my_criteria_shows_the_levels_my_position_requires(cast):
    response = cast.client("atasan").get(reverse("criteria:mine"))
    standar = response.context["standar"]
    assert standar and {s.kompetensi.kode for s in standar} >= {"integritas", "kerjasama"}
    assert {s.level for s in standar} == {2}  # the demo's level for pengawas positions
    assert 'data-testid="standar"' in html(response)


def test_my_criteria_says_so_when_nothing_is_in_force(cast):
    response = cast.client("outsider").get(reverse("criteria:mine"))
    assert response.status_code == 200 and response.context["kerangka"] is None
    assert "alert-info" in html(response)


def test_a_draft_shows_what_blocks_publication(cast, draft):
    Aturan.objects.filter(kerangka=draft, bagian=Bagian.RATING, kunci="di_atas").delete()
    response = cast.client("admin_bkpsdm").get(reverse("criteria:detail", args=[draft.pk]))
    assert 'data-testid="problems"' in html(response)
    assert escape(rules.check_rating(rows_of(draft, "rating"))[0]) in html(response)
    response = cast.client("admin_bkpsdm").post(
        reverse("criteria:publish", args=[draft.pk]), {"berlaku_mulai": f"{YEAR + 1}-01-01"}
    )
    assert response.status_code == 200 and Kerangka.objects.get(pk=draft.pk).is_draft


def test_discarding_a_draft_asks_first_then_deletes_it(cast, draft):
    client = cast.client("admin_bkpsdm")
    url = reverse("criteria:discard", args=[draft.pk])
    assert client.get(url).status_code == 200 and Kerangka.objects.filter(pk=draft.pk).exists()
    unconfirmed = client.post(url)  # a POST that did not come from the confirmation page only shows it
    assert unconfirmed.status_code == 200 and Kerangka.objects.filter(pk=draft.pk).exists()
    assert 'name="konfirmasi" value="1"' in unconfirmed.content.decode()
    assert client.post(url, CONFIRM)["Location"] == reverse("criteria:index")
    assert not Kerangka.objects.filter(pk=draft.pk).exists()


# Rule sections ----------------------------------------------------------------------------------------------


def _as_posted(row: dict) -> dict:
    """A stored row as a browser posts it: empty for None, ticked boxes in the order they are shown."""
    return {
        k: "" if v is None else sorted(v, key=rules.PREDIKAT.index) if isinstance(v, list) else v
        for k, v in row.items()
    }


@pytest.mark.parametrize("bagian", Bagian.values)
def test_saving_an_unchanged_section_keeps_its_rows_and_sources(cast, draft, bagian):
    before = list(
        draft.aturan.filter(bagian=bagian).order_by("urutan").values_list("kunci", "data", "sumber")
    )
    data = formset_form([_as_posted(d) for _k, d, _s in before])
    response = cast.client("admin_bkpsdm").post(reverse("criteria:aturan", args=[draft.pk, bagian]), data)
    assert response.status_code == 302, response.context["formset"].non_form_errors()
    after = list(draft.aturan.filter(bagian=bagian).order_by("urutan").values_list("kunci", "data", "sumber"))
    assert sorted(after, key=str) == sorted(before, key=str)


def test_predikat_matrix_is_a_grid_of_selects_and_a_cell_can_change(cast, draft):
    client = cast.client("admin_bkpsdm")
    url = reverse("criteria:aturan", args=[draft.pk, "predikat"])
    response = client.get(url)
    assert len(response.context["grid"]) == 3 and all(
        len(cells) == 3 for _h, cells in response.context["grid"]
    )
    assert html(response).count("<select") >= 9
    cells = [{"hasil": h, "perilaku": p, "predikat": "baik"} for h in rules.RATINGS for p in rules.RATINGS]
    cells[0]["predikat"] = "kurang"
    assert client.post(url, formset_form(cells)).status_code == 302
    assert rules.predikat_of("di_bawah", "di_bawah", rows_of(draft, "predikat")) == "kurang"


def test_distribution_rules_can_be_added_and_removed(cast, draft):
    stored = rows_of(draft, "distribusi")
    rows = [_as_posted(r) for r in stored]
    rows[0]["DELETE"] = "on"
    rows.append(
        {"organisasi": "istimewa", "jenis": "min", "persen": "20", "predikat": ["sangat_baik", "baik"]}
    )
    response = cast.client("admin_bkpsdm").post(
        reverse("criteria:aturan", args=[draft.pk, "distribusi"]), formset_form(rows, initial=len(stored))
    )
    assert response.status_code == 302
    after = rows_of(draft, "distribusi")
    assert stored[0] not in after and len(after) == len(stored)
    assert {
        "organisasi": "istimewa",
        "jenis": "min",
        "persen": 20,
        "predikat": ["sangat_baik", "baik"],
    } in after


def test_minimums_above_100_percent_are_refused_with_the_typed_rows_kept(cast, draft):
    rows = [_as_posted(r) for r in rows_of(draft, "distribusi")]
    rows.append({"organisasi": "kurang", "jenis": "min", "persen": "45", "predikat": ["sangat_kurang"]})
    before = rows_of(draft, "distribusi")
    response = cast.client("admin_bkpsdm").post(
        reverse("criteria:aturan", args=[draft.pk, "distribusi"]), formset_form(rows, initial=len(rows) - 1)
    )
    assert response.status_code == 200 and rows_of(draft, "distribusi") == before
    assert 'data-testid="section-errors"' in html(response)
    assert 'value="45"' in html(response)


# Content editors --------------------------------------------------------------------------------------------


def test_technical_competencies_are_added_edited_and_removed_but_national_ones_stay(cast, draft):
    client = cast.client("admin_bkpsdm")
    levels = {f"level_{k}": v for k, v in FIVE.items()}
    data = {"kode": "surveilans", "nama": "Surveilans", "jenis": "teknis", **levels}
    assert client.post(reverse("criteria:kompetensi_create", args=[draft.pk]), data).status_code == 302
    kompetensi = draft.kompetensi.get(kode="surveilans")
    assert kompetensi.level == FIVE

    # A missing level description is refused and the rest of the input is kept.
    url = reverse("criteria:kompetensi_edit", args=[draft.pk, kompetensi.pk])
    response = client.post(url, {**data, "nama": "Surveilans Epidemiologi", "level_5": ""})
    assert response.status_code == 200 and "Surveilans Epidemiologi" in html(response)
    assert Kompetensi.objects.get(pk=kompetensi.pk).nama == "Surveilans"

    # A second competency with the same code is refused rather than overwriting the first.
    response = client.post(reverse("criteria:kompetensi_create", args=[draft.pk]), {**data, "nama": "Lain"})
    assert response.status_code == 200 and Kompetensi.objects.get(pk=kompetensi.pk).nama == "Surveilans"

    page = html(client.get(reverse("criteria:kompetensi_list", args=[draft.pk])))
    assert reverse("criteria:kompetensi_delete", args=[draft.pk, kompetensi.pk]) in page
    integritas = draft.kompetensi.get(kode="integritas")
    assert reverse("criteria:kompetensi_delete", args=[draft.pk, integritas.pk]) not in page
    assert (
        client.post(
            reverse("criteria:kompetensi_delete", args=[draft.pk, kompetensi.pk]), CONFIRM
        ).status_code
        == 302
    )
    assert not draft.kompetensi.filter(kode="surveilans").exists()


def test_agency_criteria_take_indicators_and_a_scoring_guide_line_by_line(cast, draft):
    client = cast.client("admin_bkpsdm")
    data = {
        "kode": "responsif",
        "nama": "Responsif",
        "indikator": "Menjawab pengaduan\n\n  Menindaklanjuti keluhan  \n",
        "panduan_skor": "1: jarang\n5: selalu",
        "urutan": "6",
    }
    assert client.post(reverse("criteria:kriteria_create", args=[draft.pk]), data).status_code == 302
    kriteria = draft.kriteria_lokal.get(kode="responsif")
    assert kriteria.indikator == ["Menjawab pengaduan", "Menindaklanjuti keluhan"]
    assert kriteria.panduan_skor == {"1": "jarang", "5": "selalu"}

    response = client.post(
        reverse("criteria:kriteria_edit", args=[draft.pk, kriteria.pk]),
        {**data, "panduan_skor": "tinggi sekali"},
    )
    assert response.status_code == 200 and "tinggi sekali" in html(response)
    response = client.post(
        reverse("criteria:kriteria_edit", args=[draft.pk, kriteria.pk]), {**data, "panduan_skor": "a: tinggi"}
    )
    assert response.status_code == 200
    assert draft.kriteria_lokal.get(kode="responsif").panduan_skor == {"1": "jarang", "5": "selalu"}


def test_berakhlak_guidance_is_added_while_values_and_indicators_stay(cast, draft):
    codes = list(draft.nilai_perilaku.values_list("kode", flat=True))
    before = list(draft.nilai_perilaku.values_list("kode", "nama", "indikator"))
    data = {f"panduan_{kode}": f"Panduan {kode}" for kode in codes}
    assert (
        cast.client("admin_bkpsdm").post(reverse("criteria:perilaku", args=[draft.pk]), data).status_code
        == 302
    )
    assert dict(draft.nilai_perilaku.values_list("kode", "panduan")) == {k: f"Panduan {k}" for k in codes}
    assert list(draft.nilai_perilaku.values_list("kode", "nama", "indikator")) == before


def test_settings_show_the_source_of_each_default_and_refuse_bad_values(cast, draft):
    client = cast.client("admin_bkpsdm")
    url = reverse("criteria:settings", args=[draft.pk])
    response = client.post(url, settings_form(draft, jumlah_rekan_min="9", jumlah_rekan_maks="3"))
    assert response.status_code == 200
    assert escape(_("The minimum number of peers cannot exceed the maximum.")) in html(response)
    assert Kerangka.objects.get(pk=draft.pk).jumlah_rekan_min == draft.jumlah_rekan_min
    page = html(client.get(reverse("criteria:detail", args=[draft.pk])))
    assert escape(defaults.SUMBER["skema_periode"]) in page


# Required levels per position -------------------------------------------------------------------------------


def test_required_levels_are_edited_per_unit_and_a_blank_cell_removes_one(cast, draft):
    client = cast.client("admin_bkpsdm")
    jabatan = jabatan_of(cast.atasan)  # Kepala Seksi Imunisasi: level 2 in the demo
    integritas, kerjasama = draft.kompetensi.get(kode="integritas"), draft.kompetensi.get(kode="kerjasama")
    url = reverse("criteria:standar", args=[draft.pk]) + f"?unit={jabatan.unit_id}"
    cells = {f"l_{jabatan.pk}_{integritas.pk}": "4", f"l_{jabatan.pk}_{kerjasama.pk}": ""}
    assert client.post(url, standar_form(draft, jabatan.unit, **cells)).status_code == 302
    levels = dict(
        StandarKompetensi.objects.filter(kerangka=draft, jabatan=jabatan).values_list(
            "kompetensi__kode", "level"
        )
    )
    assert levels["integritas"] == 4 and "kerjasama" not in levels

    response = client.post(url, standar_form(draft, jabatan.unit, **{f"l_{jabatan.pk}_{integritas.pk}": "7"}))
    assert response.status_code == 200 and 'data-testid="standar-errors"' in html(response)
    assert 'value="7"' in html(response)
    assert StandarKompetensi.objects.get(kerangka=draft, jabatan=jabatan, kompetensi=integritas).level == 4


def test_required_levels_are_read_only_for_the_tim_penilai(cast, draft):
    jabatan = jabatan_of(cast.atasan)
    response = cast.client("tim_penilai").get(
        reverse("criteria:standar", args=[draft.pk]) + f"?unit={jabatan.unit_id}"
    )
    assert response.status_code == 200 and 'type="number"' not in html(response)


# Import -----------------------------------------------------------------------------------------------------


def _upload(client, kerangka, name: str, content: bytes):
    return client.post(
        reverse("criteria:standar_import", args=[kerangka.pk]), {"berkas": SimpleUploadedFile(name, content)}
    )


def test_an_import_with_every_kind_of_bad_row_shows_each_reason_and_writes_nothing(cast, draft):
    own = jabatan_of(cast.pegawai)
    lembah = Jabatan.objects.filter(instansi__kode="KAB-LHJ").first()
    text = "\n".join(
        [
            "Jabatan ID;Kode Unit;Nama Jabatan;KOMPETENSI;Level",
            f"{own.pk};;;integritas;3",
            "999999;;;integritas;3",
            f"{own.pk};;;terbang;3",
            f"{own.pk};;;kerjasama;7",
            f"{own.pk};;;Integritas;4",
            f"{own.pk};;;komunikasi;",
            f";{own.unit.kode};Juru Terbang;integritas;2",
            f"{lembah.pk};;;integritas;2",
            ";;;integritas;2",
        ]
    )
    standar_before = list(StandarKompetensi.objects.filter(kerangka=draft).values_list("pk", "level"))
    events = AuditEvent.objects.count()
    response = cast.client("admin_bkpsdm").post(
        reverse("criteria:standar_import", args=[draft.pk]), {"berkas": csv_upload(text)}
    )
    assert response.status_code == 200
    problems = {(p.row, p.column): p.message for p in response.context["problems"]}
    assert problems == {
        (3, "jabatan_id"): _("Unknown position %(value)s in this agency.") % {"value": "999999"},
        (4, "kompetensi"): _("Unknown competency %(value)s in this version (use its code or name).")
        % {"value": "terbang"},
        (5, "level"): rules.check_required_level("7")[0],
        (6, "kompetensi"): _("Duplicate row: row %(row)s already sets this position and competency.")
        % {"row": 2},
        (7, "level"): _("Empty required cell."),
        (8, "nama_jabatan"): _("Unknown position: no active position %(name)s in unit %(unit)s.")
        % {"name": "Juru Terbang", "unit": own.unit.kode},
        (9, "jabatan_id"): _("Unknown position %(value)s in this agency.") % {"value": str(lembah.pk)},
        (10, "jabatan_id"): _("Empty required cell: give jabatan_id, or kode_unit and nama_jabatan."),
    }
    for message in problems.values():
        assert escape(message) in html(response)
    assert response.context["counts"]["refused"] == 8
    assert reverse("criteria:standar_import_apply", args=[draft.pk]) not in html(response)
    assert list(StandarKompetensi.objects.filter(kerangka=draft).values_list("pk", "level")) == standar_before
    assert AuditEvent.objects.count() == events


def test_a_corrected_workbook_previews_the_changes_and_applies_them_at_once(cast, draft):
    client = cast.client("admin_bkpsdm")
    own, kasi = (
        jabatan_of(cast.pegawai),
        jabatan_of(cast.atasan),
    )  # kasi: level 2 in every national competency
    StandarKompetensi.objects.filter(kerangka=draft, jabatan=own).delete()  # the demo requires level 1 of all
    content = xlsx(
        [
            ["jabatan_id", "kode_unit", "nama_jabatan", "kompetensi", "level"],
            [own.pk, None, None, "Integritas", 3],
            [None, kasi.unit.kode.lower(), kasi.nama.upper(), "kerjasama", 3.0],
            [kasi.pk, None, None, "komunikasi", 2],
        ]
    )
    response = _upload(client, draft, "standar.xlsx", content)
    assert response.status_code == 200 and not response.context["problems"]
    assert response.context["counts"] == {"new": 1, "changed": 1, "unchanged": 1, "refused": 0}
    payload = response.context["payload"]
    assert payload and reverse("criteria:standar_import_apply", args=[draft.pk]) in html(response)
    assert not StandarKompetensi.objects.filter(kerangka=draft, jabatan=own).exists()

    events = AuditEvent.objects.filter(action="criteria.standar.set").count()
    response = client.post(reverse("criteria:standar_import_apply", args=[draft.pk]), {"payload": payload})
    assert response.status_code == 302
    assert (
        StandarKompetensi.objects.get(kerangka=draft, jabatan=own, kompetensi__kode="integritas").level == 3
    )
    assert (
        StandarKompetensi.objects.get(kerangka=draft, jabatan=kasi, kompetensi__kode="kerjasama").level == 3
    )
    assert AuditEvent.objects.filter(action="criteria.standar.set").count() == events + 1


def test_apply_checks_the_rows_again_and_refuses_an_altered_or_expired_preview(cast, draft):
    client = cast.client("admin_bkpsdm")
    url = reverse("criteria:standar_import_apply", args=[draft.pk])
    own = jabatan_of(cast.pegawai)
    row = {"row": 2, "jabatan_id": str(own.pk), "kompetensi": "integritas", "level": "3"}
    before = StandarKompetensi.objects.filter(kerangka=draft).count()

    # Signed but never checked (or checked against data that has changed since): checked again, refused.
    response = client.post(url, {"payload": imports.sign(draft, [{**row, "level": "9"}])})
    assert response.status_code == 200 and response.context["problems"]
    # Altered, signed for another version, or older than an hour: refused before anything is read.
    other = services.kerangka_start(actor=cast.admin_bkpsdm, instansi=draft.instansi, tahun=YEAR + 2)
    with mock.patch("django.core.signing.time.time", return_value=time.time() - 2 * 3600):
        expired = imports.sign(draft, [row])
    for payload in (imports.sign(draft, [row]) + "x", imports.sign(other, [row]), expired):
        response = client.post(url, {"payload": payload})
        assert response.status_code == 302 and response["Location"].endswith(
            reverse("criteria:standar_import", args=[draft.pk])
        )
    assert StandarKompetensi.objects.filter(kerangka=draft).count() == before


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("laporan.pdf", b"%PDF-1.4", "Upload an .xlsx or .csv file."),
        ("standar.xlsx", b"bukan spreadsheet", "This file is not a readable .xlsx spreadsheet."),
        ("standar.xlsx", b"PK\x03\x04 rusak", "This file is not a readable .xlsx spreadsheet."),
        ("standar.xls", b"\xd0\xcf\x11\xe0", "Save the file as .xlsx (Excel workbook) or .csv first."),
        ("standar.csv", b"nama,umur\nBudi,40\n", None),
        (
            "besar.csv",
            b"a" * (5 * 1024 * 1024 + 1),
            "The file is larger than 5 MB. Split it into smaller files.",
        ),
    ],
)
def test_import_refuses_files_that_are_not_usable(cast, draft, name, content, message):
    response = _upload(cast.client("admin_bkpsdm"), draft, name, content)
    assert response.status_code == 200 and "report" not in response.context
    assert response.context["form"].errors["berkas"]
    if message:
        assert escape(_(message)) in html(response)


def test_the_template_downloads_and_imports_without_refusals(cast, draft):
    client = cast.client("admin_bkpsdm")
    response = client.get(reverse("criteria:standar_template", args=[draft.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith(
        "application/vnd.openxmlformats"
    )
    assert "attachment" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Petunjuk", "standar"]
    rows = list(book["standar"].iter_rows(values_only=True))
    assert list(rows[0]) == list(imports.COLUMNS) and len(rows) == 3
    explained = [row[0] for row in book["Petunjuk"].iter_rows(min_row=2, values_only=True)]
    assert explained == list(imports.COLUMNS)
    preview = _upload(client, draft, "templat.xlsx", response.content)
    assert preview.context["report"].ok


# Comparison and API -----------------------------------------------------------------------------------------


def test_comparing_two_versions_lists_what_changed_per_section(cast, draft):
    services.aturan_replace(
        actor=cast.admin_bkpsdm,
        kerangka=draft,
        bagian="rating",
        rows=rating_rows(sesuai_max=100, di_atas_min=100),
    )
    services.kriteria_lokal_delete(
        actor=cast.admin_bkpsdm, kerangka=draft, kriteria=draft.kriteria_lokal.get(kode="inovasi")
    )
    response = cast.client("tim_penilai").get(reverse("criteria:compare"), {"a": v1().pk, "b": draft.pk})
    diffs = {d.name: d for d in response.context["diffs"]}
    assert [key for key, *_rest in diffs["rating"].changed] == ["sesuai", "di_atas"]
    assert [key for key, _value in diffs["kriteria_lokal"].removed] == ["inovasi"]
    assert diffs["perilaku"].empty
    assert escape(_("removed")) in html(response) and escape(_("changed")) in html(response)


def test_api_gives_the_rules_in_force_at_a_date_and_404_before_any(cast):
    client = cast.client("pegawai")
    body = client.get("/api/v1/kriteria/berlaku", {"tanggal": f"{YEAR}-03-01"}).json()
    assert body["kerangka_id"] == v1().pk and len(body["aturan"]["predikat"]) == 9
    assert client.get("/api/v1/kriteria/berlaku", {"tanggal": f"{YEAR - 1}-12-31"}).status_code == 404
    outsider = cast.client("outsider")
    lembah_asks_sukamaju = {
        "tanggal": f"{YEAR}-03-01",
        "instansi_id": named.instansi().pk,
    }
    assert outsider.get("/api/v1/kriteria/berlaku", lembah_asks_sukamaju).status_code == 404


def test_api_lists_only_the_versions_the_user_may_see(cast, draft):
    assert [k["id"] for k in cast.client("pegawai").get("/api/v1/kriteria").json()] == [v1().pk]
    assert {k["id"] for k in cast.client("auditor").get("/api/v1/kriteria").json()} == {v1().pk, draft.pk}
    assert cast.client("outsider").get("/api/v1/kriteria").json() == []
    detail = cast.client("auditor").get(f"/api/v1/kriteria/{draft.pk}").json()
    assert detail["status"] == "draft" and len(detail["nilai_perilaku"]) == 7
    assert detail["standar_kompetensi"] and {"jabatan_id", "kompetensi", "level"} == set(
        detail["standar_kompetensi"][0]
    )


# Query counts -----------------------------------------------------------------------------------------------


def _grow(kerangka: Kerangka, admin) -> None:
    """More competencies, and required levels for many more positions (including the pegawai's own)."""
    for n in range(4):
        services.kompetensi_save(
            actor=admin, kerangka=kerangka, kode=f"teknis_{n}", nama=f"Teknis {n}", jenis="teknis", level=FIVE
        )
    positions = Jabatan.objects.filter(instansi=kerangka.instansi, aktif=True)[:80]
    StandarKompetensi.objects.bulk_create(
        [
            StandarKompetensi(kerangka=kerangka, jabatan=j, kompetensi=k, level=3)
            for j in positions
            for k in kerangka.kompetensi.filter(jenis="teknis")
        ],
        ignore_conflicts=True,
    )


def test_detail_page_queries_do_not_grow_with_positions_or_competencies(cast, draft):
    client = cast.client("admin_bkpsdm")
    url = reverse("criteria:detail", args=[draft.pk])
    before, _ = count_queries(client, url)
    _grow(draft, cast.admin_bkpsdm)
    assert count_queries(client, url)[0] == before


def test_my_criteria_queries_do_not_grow_with_positions_or_competencies(cast):
    client = cast.client("pegawai")
    url = reverse("criteria:mine")
    kerangka = v1()
    own = jabatan_of(cast.pegawai)
    StandarKompetensi.objects.filter(
        kerangka=kerangka, jabatan=own
    ).delete()  # the demo requires level 1 of all
    StandarKompetensi.objects.create(
        kerangka=kerangka, jabatan=own, kompetensi=kerangka.kompetensi.get(kode="integritas"), level=2
    )
    before, _ = count_queries(client, url)
    national = list(kerangka.kompetensi.exclude(kode="integritas"))
    StandarKompetensi.objects.bulk_create(
        StandarKompetensi(kerangka=kerangka, jabatan=own, kompetensi=k, level=2) for k in national
    )
    Kompetensi.objects.bulk_create(
        Kompetensi(kerangka=kerangka, kode=f"teknis_{n}", nama=f"Teknis {n}", jenis="teknis", level=FIVE)
        for n in range(4)
    )
    assert count_queries(client, url)[0] == before
