"""How a numeric indikator's periods add up to the year (Indikator.akumulasi): the default rule, the service's
choice and refusal, the version content and its diff, the form, the page, the PDF, the import and the API.

The demo: `pegawai` has no SKP this year; `atasan` (their penilai) has an approved one to support."""

import importlib
import io
import json
import re

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from conftest import YEAR
from kinerja.core.models import AuditEvent
from kinerja.core.testing.harness import assert_unchanged
from kinerja.planning import documents, imports, rules, selectors, services
from kinerja.planning.models import RHK, SKP, Indikator, VersiSKP
from kinerja.testkit import cast as named

pytestmark = pytest.mark.django_db


# The default rule (pure) ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("aspek", "satuan", "expected"),
    [
        # a level is read at its last period, whatever the aspect
        ("kuantitas", "%", "terakhir"),
        ("kualitas", " % ", "terakhir"),
        ("kuantitas", "persen", "terakhir"),
        ("kualitas", "Persen (%)", "terakhir"),
        ("kualitas", "indeks", "terakhir"),
        ("kualitas", "Indeks kepuasan", "terakhir"),
        ("kualitas", "nilai", "terakhir"),
        ("kualitas", "skor", "terakhir"),
        ("kuantitas", "poin", "terakhir"),
        ("waktu", "%", "terakhir"),
        ("biaya", "persen", "terakhir"),
        # time and cost are averaged
        ("waktu", "hari", "rata_rata"),
        ("waktu", "jam", "rata_rata"),
        ("biaya", "rupiah", "rata_rata"),
        ("biaya", "", "rata_rata"),
        # counts add up
        ("kuantitas", "dokumen", "jumlah"),
        ("kualitas", "dokumen", "jumlah"),
        ("kuantitas", "laporan", "jumlah"),
        ("kuantitas", "orang", "jumlah"),
        ("kuantitas", "", "jumlah"),
        ("kuantitas", None, "jumlah"),
        ("", "kegiatan", "jumlah"),
    ],
)
def test_default_akumulasi(aspek, satuan, expected):
    assert rules.default_akumulasi(aspek, satuan) == expected


def test_every_default_is_a_mode_of_the_model():
    from kinerja.planning.models import Akumulasi

    modes = {
        rules.default_akumulasi(a, s) for a in ("kuantitas", "kualitas", "waktu", "biaya") for s in ("%", "x")
    }
    assert modes <= set(Akumulasi.values) == {rules.JUMLAH, rules.TERAKHIR, rules.RATA_RATA}
    assert set(rules.AKUMULASI_WORD) == set(Akumulasi.values)


def test_content_recorded_before_the_mode_existed_reads_the_default():
    assert rules.akumulasi_in({"aspek": "kuantitas", "satuan": "%"}) == "terakhir"
    assert rules.akumulasi_in({"aspek": "waktu", "satuan": "hari", "akumulasi": "jumlah"}) == "jumlah"
    assert rules.akumulasi_in({}) == "jumlah"


# The service ------------------------------------------------------------------------------------------------


def fresh(skp: SKP) -> SKP:
    return SKP.objects.get(pk=skp.pk)


def atasan_rhk(cast) -> RHK:
    return named.current_skp(cast.atasan).rhk.filter(jenis="utama").order_by("urutan").first()


@pytest.fixture
def rhk(cast) -> RHK:
    skp = services.skp_start(actor=cast.pegawai, pegawai=cast.pegawai.pegawai, tahun=YEAR)
    return services.rhk_save(
        actor=cast.pegawai, skp=skp, kunci=skp.kunci, uraian="Data imunisasi", rhk_atasan=atasan_rhk(cast)
    )


def save(cast, rhk: RHK, **kw) -> Indikator:
    values = {"uraian": "Laporan", "target": "12", "satuan": "laporan", **kw}
    return services.indikator_save(actor=cast.pegawai, rhk=rhk, kunci=fresh(rhk.skp).kunci, **values)


def test_left_empty_the_service_stores_the_default_of_the_aspect_and_unit(cast, rhk):
    assert save(cast, rhk).akumulasi == "jumlah"
    assert save(cast, rhk, satuan="%", target="95").akumulasi == "terakhir"
    assert save(cast, rhk, aspek="waktu", satuan="hari", target="5").akumulasi == "rata_rata"
    # A qualitative target stores the default too (never shown).
    qualitative = save(cast, rhk, jenis_target="kualitatif", target="", satuan="", target_teks="Tanpa revisi")
    assert qualitative.akumulasi == "jumlah"


def test_an_explicit_choice_is_kept_and_a_change_is_audited_with_a_label(cast, rhk):
    item = save(cast, rhk, satuan="%", target="95", akumulasi="rata_rata")
    assert Indikator.objects.get(pk=item.pk).akumulasi == "rata_rata"
    save(cast, rhk, satuan="%", target="95", akumulasi="jumlah", indikator=item)
    assert Indikator.objects.get(pk=item.pk).akumulasi == "jumlah"
    event = AuditEvent.objects.filter(action="planning.indikator.update").latest("seq")
    assert event.changes["akumulasi"] == ["rata_rata", "jumlah"]
    # Edited again with the mode left empty: the default of the new unit, not the old choice.
    save(cast, rhk, satuan="dokumen", target="95", indikator=item)
    assert Indikator.objects.get(pk=item.pk).akumulasi == "jumlah"


def test_an_unknown_mode_is_refused_and_nothing_changes(cast, rhk):
    item = save(cast, rhk)
    state = lambda: (  # noqa: E731
        list(Indikator.objects.filter(rhk=rhk).values_list("pk", "akumulasi", "target_angka")),
        fresh(rhk.skp).kunci,
    )
    with assert_unchanged(state), pytest.raises(ValidationError) as refused:
        save(cast, rhk, target="20", akumulasi="median", indikator=item)
    assert "akumulasi" in refused.value.message_dict
    with assert_unchanged(state), pytest.raises(ValidationError):
        save(cast, rhk, akumulasi="median")


def test_a_copied_skp_keeps_the_mode(cast, rhk):
    save(cast, rhk, satuan="%", target="95", akumulasi="rata_rata")
    skp = fresh(rhk.skp)
    assert skp.rhk.get().indikator.get().akumulasi == "rata_rata"
    from kinerja.planning.services.skp import _copy_content

    target = named.current_skp(cast.atasan)
    before = set(Indikator.objects.filter(rhk__skp=target).values_list("pk", flat=True))
    _copy_content(skp, target)
    copied = Indikator.objects.filter(rhk__skp=target).exclude(pk__in=before).get()
    assert copied.akumulasi == "rata_rata"


# The version content and the diff ---------------------------------------------------------------------------


def test_the_content_records_the_mode_and_a_change_of_it_shows_in_the_diff(cast, rhk):
    item = save(cast, rhk, satuan="%", target="95")
    old = selectors.content_of(selectors.skp_with_content(rhk.skp))
    assert old["rhk"][0]["indikator"][0]["akumulasi"] == "terakhir"
    save(cast, rhk, satuan="%", target="95", akumulasi="rata_rata", indikator=item)
    new = selectors.content_of(selectors.skp_with_content(rhk.skp))
    changes = rules.diff_versions(old, new)
    assert [(c.bagian, c.jenis) for c in changes] == [("indikator", "diubah")]
    assert changes[0].sebelum.endswith("(nilai terakhir)")
    assert changes[0].sesudah.endswith("(rata-rata)")
    assert rules.diff_versions(new, new) == []


def test_a_version_stored_before_the_mode_is_compared_by_the_default():
    indikator = {"id": 1, "uraian": "x", "aspek": "kuantitas", "jenis_target": "angka", "satuan": "%"}
    old = {
        "rhk": [
            {
                "id": 1,
                "nomor": "U1",
                "jenis": "utama",
                "uraian": "A",
                "indikator": [{**indikator, "target": "95 %"}],
            }
        ]
    }
    same = json.loads(json.dumps(old))
    same["rhk"][0]["indikator"][0]["akumulasi"] = "terakhir"
    assert rules.diff_versions(old, same) == []
    same["rhk"][0]["indikator"][0]["akumulasi"] = "jumlah"
    assert len(rules.diff_versions(old, same)) == 1


def test_the_migration_fills_rows_and_stored_versions_by_the_rule(cast):
    migration = importlib.import_module("kinerja.planning.migrations.0002_indikator_akumulasi")
    skp = named.current_skp(cast.atasan)
    versi = VersiSKP.objects.filter(skp=skp).latest("nomor")
    konten = versi.konten
    for r in konten["rhk"]:
        for i in r["indikator"]:
            i.pop("akumulasi", None)
            i["satuan"] = "%"
    VersiSKP.objects.filter(pk=versi.pk).update(konten=konten)
    Indikator.objects.filter(rhk__skp=skp).update(satuan="persen", akumulasi="jumlah")
    migration.fill(apps, None)
    assert set(Indikator.objects.filter(rhk__skp=skp).values_list("akumulasi", flat=True)) == {"terakhir"}
    stored = VersiSKP.objects.get(pk=versi.pk).konten
    assert {i["akumulasi"] for r in stored["rhk"] for i in r["indikator"]} == {"terakhir"}


# The screens ------------------------------------------------------------------------------------------------


def url(name: str, *args) -> str:
    return reverse(f"planning:{name}", args=args)


FORM = {
    "uraian": "Persentase balita yang diimunisasi lengkap",
    "aspek": "kuantitas",
    "jenis_target": "angka",
    "target": "95",
    "satuan": "%",
    "arah": "naik",
    "target_teks": "",
}


def test_the_form_offers_the_modes_keeps_the_choice_and_the_page_shows_it(cast, rhk):
    client = cast.client("pegawai")
    skp = rhk.skp
    page = client.get(url("indikator_create", skp.pk, rhk.pk)).content.decode()
    assert 'name="akumulasi"' in page
    assert 'value="rata_rata"' in page
    # Left on "automatic": the default of the unit.
    response = client.post(url("indikator_create", skp.pk, rhk.pk), {**FORM, "kunci": fresh(skp).kunci})
    assert response.status_code == 302
    item = Indikator.objects.get(rhk=rhk)
    assert item.akumulasi == "terakhir"
    # The edit form shows the stored mode; a choice is kept.
    form = client.get(url("indikator_edit", skp.pk, item.pk)).context["form"]
    assert form["akumulasi"].value() == "terakhir"
    data = {**FORM, "kunci": fresh(skp).kunci, "akumulasi": "rata_rata"}
    assert client.post(url("indikator_edit", skp.pk, item.pk), data).status_code == 302
    assert Indikator.objects.get(pk=item.pk).akumulasi == "rata_rata"
    # An unknown mode is a form error, with the rest kept as typed.
    data = {**FORM, "kunci": fresh(skp).kunci, "akumulasi": "median", "target": "x"}
    response = client.post(url("indikator_edit", skp.pk, item.pk), data)
    assert response.status_code == 200
    assert {"akumulasi", "target"} <= set(response.context["form"].errors)
    assert Indikator.objects.get(pk=item.pk).akumulasi == "rata_rata"
    # The SKP page: a short line under a numeric target only.
    services.indikator_save(
        actor=cast.pegawai,
        rhk=rhk,
        kunci=fresh(skp).kunci,
        uraian="Laporan tanpa revisi",
        jenis_target="kualitatif",
        target_teks="Tanpa revisi",
    )
    page = client.get(url("skp_detail", skp.pk)).content.decode()
    shown = re.findall(r'data-testid="akumulasi">([^<]*)<', page)
    assert len(shown) == 1
    assert str(Indikator(akumulasi="rata_rata").get_akumulasi_display()) in shown[0]


def test_the_pdf_notes_the_mode_in_the_target_cell(cast, rhk):
    save(cast, rhk, satuan="%", target="95")
    save(cast, rhk, uraian="Dokumen dilayani", satuan="dokumen", target="120")
    save(
        cast, rhk, uraian="Laporan tepat", jenis_target="kualitatif", target="", satuan="", target_teks="Rapi"
    )
    skp = selectors.skp_with_content(rhk.skp)
    data = documents.skp_pdf(skp)
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages))
    assert "95 % Akumulasi: nilai terakhir" in text
    assert "120 dokumen Akumulasi: jumlah" in text
    assert text.count("Akumulasi:") == 2


# The import -------------------------------------------------------------------------------------------------


def csv(rows: list[list], header=imports.HEADER) -> bytes:
    lines = [";".join(header)] + [";".join(str(c) for c in row) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def test_the_import_reads_an_optional_akumulasi_column(cast, rhk):
    skp = fresh(rhk.skp)
    rows = [
        [1, "Utama", "RHK satu", "U1", "", "Cakupan", "Kuantitas", "95", "%", "", ""],
        [1, "", "", "", "", "Dokumen", "Kuantitas", "10", "dokumen", "", "Nilai Terakhir"],
        [1, "", "", "", "", "Waktu", "Waktu", "5", "hari", "", "jumlah"],
        [1, "", "", "", "", "Biaya", "Biaya", "5", "juta", "", "rata-rata"],
        [1, "", "", "", "", "Skor", "Kualitas", "80", "skor", "", "rata_rata"],
        [1, "", "", "", "", "Indeks", "Kualitas", "3", "indeks", "", "terakhir"],
    ]
    result = imports.read(skp, name="rhk.csv", data=csv(rows))
    assert result.ok, result.errors
    modes = [i["akumulasi"] for i in result.items[0]["indikator"]]
    assert modes == ["terakhir", "terakhir", "jumlah", "rata_rata", "rata_rata", "terakhir"]
    rows_back = imports.unsign(skp, imports.sign(skp, result))
    services.rhk_import(actor=cast.pegawai, skp=skp, kunci=skp.kunci, rows=rows_back)
    stored = Indikator.objects.filter(rhk__skp=skp, rhk__uraian="RHK satu").order_by("urutan")
    assert list(stored.values_list("akumulasi", flat=True)) == modes
    # Without the column at all (an older template): the default.
    header = imports.HEADER[:-1]
    old = imports.read(
        skp,
        name="rhk.csv",
        data=csv([[2, "Utama", "RHK dua", "U1", "", "Cakupan", "", "9", "%", ""]], header),
    )
    assert old.ok and old.items[0]["indikator"][0]["akumulasi"] == "terakhir"


def test_the_import_preview_shows_the_mode_of_each_numeric_row(cast, rhk):
    from django.core.files.uploadedfile import SimpleUploadedFile

    skp = fresh(rhk.skp)
    rows = [
        [1, "Utama", "RHK satu", "U1", "", "Cakupan", "Kuantitas", "95", "%", "", ""],
        [1, "", "", "", "", "Dokumen", "Kuantitas", "10", "dokumen", "", "rata-rata"],
    ]
    upload = SimpleUploadedFile("rhk.csv", csv(rows))
    response = cast.client("pegawai").post(url("import", skp.pk), {"berkas": upload})
    assert response.status_code == 200
    page = response.content.decode()
    assert str(Indikator(akumulasi="terakhir").get_akumulasi_display()) in page
    assert str(Indikator(akumulasi="rata_rata").get_akumulasi_display()) in page


def test_an_unknown_mode_in_the_import_is_reported_with_its_row(cast, rhk):
    skp = fresh(rhk.skp)
    rows = [[1, "Utama", "RHK satu", "U1", "", "Cakupan", "", "95", "%", "", "median"]]
    result = imports.read(skp, name="rhk.csv", data=csv(rows))
    assert not result.ok
    assert [(e.baris, e.kolom) for e in result.errors] == [(2, "Akumulasi")]


def test_the_import_template_explains_the_column():
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(imports.template_xlsx()))
    explained = {row[0]: row[2] for row in book["Petunjuk"].iter_rows(min_row=2, values_only=True)}
    assert "nilai terakhir" in explained["Akumulasi"]
    assert [c.value for c in book["RHK"][1]][-1] == "Akumulasi"


# The API ----------------------------------------------------------------------------------------------------


def call(client, method: str, path: str, data: dict | None = None):
    return client.generic(method, f"/api/v1{path}", json.dumps(data or {}), content_type="application/json")


def test_the_api_takes_and_returns_the_mode(cast, rhk):
    me = cast.client("pegawai")
    skp = fresh(rhk.skp)
    body = {"kunci": skp.kunci, "uraian": "Cakupan", "target": "95", "satuan": "%"}
    created = call(me, "POST", f"/skp/{skp.pk}/rhk/{rhk.pk}/indikator", body)
    assert created.status_code == 201, created.content
    body = {
        "kunci": fresh(skp).kunci,
        "uraian": "Dokumen",
        "target": "9",
        "satuan": "dokumen",
        "akumulasi": "rata_rata",
    }
    assert call(me, "POST", f"/skp/{skp.pk}/rhk/{rhk.pk}/indikator", body).status_code == 201
    body = {**body, "kunci": fresh(skp).kunci, "akumulasi": "median"}
    refused = call(me, "POST", f"/skp/{skp.pk}/rhk/{rhk.pk}/indikator", body)
    assert refused.status_code == 400
    konten = call(me, "GET", f"/skp/{skp.pk}").json()["konten"]
    assert [i["akumulasi"] for i in konten["rhk"][0]["indikator"]] == ["terakhir", "rata_rata"]
    schema = me.get("/api/v1/openapi.json").json()
    assert "akumulasi" in schema["components"]["schemas"]["IndikatorIn"]["properties"]
