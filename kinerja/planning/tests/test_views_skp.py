"""The screens of one SKP as the pegawai and the penilai use them (the Django test client).

The demo: `pegawai` (pelaksana, Seksi Imunisasi) has no SKP this year; `atasan` (Kepala Seksi Imunisasi) is their
penilai and has an approved SKP whose RHK they can support. Messages are compared through gettext, so the
tests hold whatever the Indonesian catalogue says; test_screens_speak_indonesian checks that it says it.
"""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _

from conftest import YEAR
from kinerja.core.testing.clock import on_day
from kinerja.planning import services
from kinerja.planning.models import RHK, SKP, Indikator, StatusSKP, VersiSKP
from kinerja.testkit import cast as named
from kinerja.testkit import factories

pytestmark = pytest.mark.django_db


def html(response) -> str:
    return response.content.decode()


def fresh(skp: SKP) -> SKP:
    return SKP.objects.get(pk=skp.pk)


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def atasan_skp(cast) -> SKP:
    return named.current_skp(cast.atasan)


def atasan_rhk(cast) -> RHK:
    return atasan_skp(cast).rhk.filter(jenis="utama").order_by("urutan").first()


def own_skp(cast) -> SKP:
    return named.current_skp(cast.pegawai)


def start(cast) -> SKP:
    return services.skp_start(actor=cast.pegawai, pegawai=cast.pegawai.pegawai, tahun=YEAR)


def add_rhk(cast, skp: SKP, uraian: str, *, indikator: bool = True) -> RHK:
    skp = fresh(skp)
    rhk = services.rhk_save(
        actor=cast.pegawai, skp=skp, kunci=skp.kunci, uraian=uraian, rhk_atasan=atasan_rhk(cast)
    )
    if indikator:
        services.indikator_save(
            actor=cast.pegawai,
            rhk=rhk,
            kunci=fresh(skp).kunci,
            uraian=f"Indikator {uraian}",
            target="12",
            satuan="laporan",
            target_periode={1: "3", 2: "6"},
        )
    return rhk


def url(name: str, *args) -> str:
    return reverse(f"planning:{name}", args=args)


INDIKATOR = {
    "uraian": "Persentase balita yang diimunisasi lengkap",
    "aspek": "kuantitas",
    "jenis_target": "angka",
    "satuan": "%",
    "arah": "naik",
    "target_teks": "",
}


# The journey ------------------------------------------------------------------------------------------------


def test_pegawai_plans_an_skp_the_atasan_returns_it_then_approves_it(cast):
    pegawai, atasan = cast.client("pegawai"), cast.client("atasan")

    page = html(pegawai.get(url("index")))
    assert 'data-testid="start"' in page and url("start") in page

    response = pegawai.post(url("start"), {})
    skp = own_skp(cast)
    assert response.status_code == 302 and response["Location"] == url("skp_detail", skp.pk)
    assert skp.status == StatusSKP.DRAFT

    # An RHK supporting an RHK of the atasan's approved SKP; the form lists it with its number.
    form = html(pegawai.get(url("rhk_create", skp.pk)))
    parent = atasan_rhk(cast)
    assert f'value="{parent.pk}"' in form and escape(parent.uraian) in form
    response = pegawai.post(
        url("rhk_create", skp.pk),
        {
            "kunci": skp.kunci,
            "jenis": "utama",
            "uraian": "Tersedianya data imunisasi",
            "rhk_atasan": parent.pk,
        },
        follow=True,
    )
    rhk = skp.rhk.get()
    assert rhk.rhk_atasan == parent
    assert _("The RHK was saved.") in messages_of(response)

    # Submitting without an indikator is refused with the list of problems; nothing changes.
    before = fresh(skp).kunci
    response = pegawai.post(url("submit", skp.pk), {"kunci": before}, follow=True)
    assert "RHK U1 belum memiliki indikator kinerja individu." in messages_of(response)
    assert fresh(skp).status == StatusSKP.DRAFT and fresh(skp).kunci == before

    # A target that is not a number is refused on its field; what was typed stays.
    indikator_url = url("indikator_create", skp.pk, rhk.pk)
    response = pegawai.post(indikator_url, {**INDIKATOR, "kunci": before, "target": "sembilan puluh"})
    assert response.status_code == 200
    expected = _('The target must be a number, e.g. 100 or 92,5 (you wrote "%(value)s").') % {
        "value": "sembilan puluh"
    }
    assert response.context["form"].errors["target"] == [expected]
    page = html(response)
    assert 'value="sembilan puluh"' in page and "Persentase balita yang diimunisasi lengkap" in page
    assert not Indikator.objects.filter(rhk=rhk).exists()

    # An Indonesian decimal comma is read as a number.
    response = pegawai.post(
        indikator_url, {**INDIKATOR, "kunci": before, "target": "92,5", "periode_4": "92,5"}
    )
    assert response.status_code == 302
    indikator = rhk.indikator.get()
    assert indikator.target_angka == Decimal("92.50") and indikator.satuan == "%"
    assert indikator.target_periode == {"4": "92.5"}
    page = html(pegawai.get(url("skp_detail", skp.pk)))
    assert "92,5 %" in page

    response = pegawai.post(url("submit", skp.pk), {"kunci": fresh(skp).kunci}, follow=True)
    assert fresh(skp).status == StatusSKP.DIAJUKAN
    name = fresh(skp).identitas_penilai["nama"]
    assert _("The SKP was submitted to %(name)s.") % {"name": name} in messages_of(response)

    # The atasan returns it: a reason is required.
    return_url = url("return", skp.pk)
    assert atasan.get(return_url).status_code == 200
    response = atasan.post(return_url, {"kunci": fresh(skp).kunci, "reason": ""})
    assert response.status_code == 200 and response.context["form"].errors["reason"]
    assert fresh(skp).status == StatusSKP.DIAJUKAN
    response = atasan.post(return_url, {"kunci": fresh(skp).kunci, "reason": "Tambahkan target waktu"})
    assert response.status_code == 302 and fresh(skp).status == StatusSKP.DIKEMBALIKAN
    page = html(pegawai.get(url("skp_detail", skp.pk)))
    assert 'data-testid="returned"' in page and "Tambahkan target waktu" in page

    response = pegawai.post(url("submit", skp.pk), {"kunci": fresh(skp).kunci})
    assert fresh(skp).status == StatusSKP.DIAJUKAN

    # The atasan approves it with an expectation for one BerAKHLAK value.
    approve_url = url("approve", skp.pk)
    page = html(atasan.get(approve_url))
    assert 'name="ekspektasi_berorientasi_pelayanan"' in page and "Tersedianya data imunisasi" in page
    response = atasan.post(
        approve_url,
        {
            "kunci": fresh(skp).kunci,
            "ekspektasi_berorientasi_pelayanan": "Melayani orang tua balita dengan ramah",
        },
    )
    skp = fresh(skp)
    assert response.status_code == 302 and skp.status == StatusSKP.DISETUJUI and skp.versi == 1
    assert (
        skp.perilaku.get(kode="berorientasi_pelayanan").ekspektasi == "Melayani orang tua balita dengan ramah"
    )

    page = html(pegawai.get(url("versions", skp.pk)))
    assert "v1" in page and escape(cast.atasan.pegawai.nama_lengkap) in page
    assert VersiSKP.objects.get(skp=skp).nomor == 1

    response = pegawai.get(url("pdf", skp.pk))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert f'filename="SKP-{cast.pegawai.pegawai.nip}-{YEAR}.pdf"' in response["Content-Disposition"]
    assert response["Content-Disposition"].startswith("attachment")


# Conflicts and refusals -------------------------------------------------------------------------------------


def test_the_indikator_form_reports_every_problem_at_once_and_an_empty_target_as_required(cast):
    skp = start(cast)
    rhk = add_rhk(cast, skp, "Laporan", indikator=False)
    client = cast.client("pegawai")
    data = {
        **INDIKATOR,
        "kunci": fresh(skp).kunci,
        "uraian": "",
        "target": "",
        "satuan": "",
        "periode_2": "x",
    }
    response = client.post(url("indikator_create", skp.pk, rhk.pk), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"uraian", "target", "satuan", "periode_2"}
    assert errors["target"] == ["Target wajib diisi."]
    assert "Anda menulis &quot;&quot;" not in html(response)
    assert not rhk.indikator.exists()
    # A qualitative target needs only its statement; the numeric fields left empty are no problem.
    data = {**data, "jenis_target": "kualitatif", "target_teks": "", "periode_2": ""}
    errors = client.post(url("indikator_create", skp.pk, rhk.pk), data).context["form"].errors
    assert set(errors) == {"uraian", "target_teks"}


def test_the_indikator_form_marks_what_is_required_and_each_section_answers_to_the_kind_of_target(cast):
    skp = start(cast)
    rhk = add_rhk(cast, skp, "Laporan", indikator=False)
    page = html(cast.client("pegawai").get(url("indikator_create", skp.pk, rhk.pk)))
    for name in ("target", "satuan", "target_teks", "uraian"):
        label = page.split(f'for="id_{name}"', 1)[1].split("</label>", 1)[0]
        assert 'class="text-danger"' in label, name
    assert 'data-show-when="jenis_target" data-show-value="angka"' in page
    assert 'data-show-when="jenis_target" data-show-value="kualitatif"' in page
    assert "<script>" not in page  # the behaviour is in kinerja.js (the CSP forbids inline scripts)


def test_a_stale_kunci_on_the_rhk_form_is_refused_and_keeps_what_was_typed(cast):
    skp = start(cast)
    client = cast.client("pegawai")
    shown = client.get(url("rhk_create", skp.pk)).context["form"]["kunci"].value()
    add_rhk(cast, skp, "Diubah di tab lain")  # someone (another tab) changes the SKP meanwhile
    before = (fresh(skp).kunci, list(skp.rhk.values_list("uraian", flat=True)))
    response = client.post(
        url("rhk_create", skp.pk),
        {"kunci": shown, "jenis": "utama", "uraian": "Laporan cakupan imunisasi", "rhk_atasan": ""},
    )
    assert response.status_code == 200
    conflict = _(
        "This SKP was changed by someone else after you opened it. Reload the page to see the current version; "
        "nothing was saved."
    )
    assert response.context["form"].non_field_errors() == [conflict]
    assert "Laporan cakupan imunisasi" in html(response)
    assert (fresh(skp).kunci, list(skp.rhk.values_list("uraian", flat=True))) == before


def test_the_rhk_form_answers_an_rhk_one_may_not_support_like_one_that_does_not_exist(cast):
    skp = start(cast)
    client = cast.client("pegawai")
    other = RHK.objects.exclude(skp__pegawai__in=[cast.atasan.pegawai, cast.pegawai.pegawai]).first()
    missing = RHK.objects.order_by("-pk").first().pk + 1000
    errors = []
    for pk in (other.pk, missing):
        data = {"kunci": fresh(skp).kunci, "jenis": "utama", "uraian": "Laporan", "rhk_atasan": pk}
        response = client.post(url("rhk_create", skp.pk), data)
        assert response.status_code == 200
        errors.append([e.replace(str(pk), "<id>") for e in response.context["form"].errors["rhk_atasan"]])
    assert errors[0] == errors[1]
    assert not fresh(skp).rhk.exists()


def test_the_penilai_reads_but_cannot_edit_the_rhk(cast):
    skp = start(cast)
    rhk = add_rhk(cast, skp, "Data imunisasi")
    atasan = cast.client("atasan")
    page = html(atasan.get(url("skp_detail", skp.pk)))
    assert "Data imunisasi" in page and url("rhk_edit", skp.pk, rhk.pk) not in page
    assert atasan.get(url("rhk_edit", skp.pk, rhk.pk)).status_code == 403
    assert atasan.get(url("rhk_create", skp.pk)).status_code == 403
    before = list(RHK.objects.filter(skp=skp).values())
    response = atasan.post(
        url("rhk_edit", skp.pk, rhk.pk), {"kunci": fresh(skp).kunci, "jenis": "utama", "uraian": "X"}
    )
    assert response.status_code == 403
    assert list(RHK.objects.filter(skp=skp).values()) == before


def test_the_pegawai_cannot_approve_their_own_skp(cast):
    skp = start(cast)
    add_rhk(cast, skp, "Data imunisasi")
    skp = services.skp_submit(actor=cast.pegawai, skp=fresh(skp), kunci=fresh(skp).kunci)
    client = cast.client("pegawai")
    assert client.get(url("approve", skp.pk)).status_code == 403
    assert client.post(url("approve", skp.pk), {"kunci": skp.kunci}).status_code == 403
    assert fresh(skp).status == StatusSKP.DIAJUKAN


def test_a_form_without_kunci_is_refused_with_a_message(cast):
    skp = start(cast)
    response = cast.client("pegawai").post(url("lampiran", skp.pk), {"konsekuensi": "Teguran"})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert fresh(skp).konsekuensi == ""


def test_gets_never_change_an_skp(cast):
    skp = start(cast)
    rhk = add_rhk(cast, skp, "Data imunisasi")
    client = cast.client("pegawai")
    before = fresh(skp).kunci
    for name, args in [("submit", [skp.pk]), ("rhk_delete", [skp.pk, rhk.pk]), ("withdraw", [skp.pk])]:
        assert client.get(url(name, *args)).status_code == 405
    assert fresh(skp).kunci == before and fresh(skp).status == StatusSKP.DRAFT


def _content(skp: SKP) -> tuple:
    skp = fresh(skp)
    return (
        skp.kunci,
        skp.status,
        list(skp.rhk.values_list("pk", flat=True)),
        Indikator.objects.filter(rhk__skp=skp).count(),
    )


@pytest.mark.parametrize("action", ["rhk_delete", "indikator_delete", "withdraw"])
def test_a_destructive_button_asks_first_and_changes_nothing_until_confirmed(cast, action):
    skp = start(cast)
    rhk = add_rhk(cast, skp, "Data imunisasi")
    if action == "withdraw":
        skp = fresh(skp)
        services.skp_submit(actor=cast.pegawai, skp=skp, kunci=skp.kunci)
    args = {
        "rhk_delete": [skp.pk, rhk.pk],
        "indikator_delete": [skp.pk, rhk.indikator.get().pk],
        "withdraw": [skp.pk],
    }[action]
    client = cast.client("pegawai")
    kunci = fresh(skp).kunci
    before = _content(skp)

    page = client.post(url(action, *args), {"kunci": kunci})  # the button on the SKP page, one click
    assert page.status_code == 200 and _content(skp) == before
    text = html(page)
    assert 'data-testid="consequence"' in text
    assert ("kembali menjadi draf" if action == "withdraw" else "Data imunisasi") in text
    assert f'name="kunci" value="{kunci}"' in text and 'name="konfirmasi" value="1"' in text
    assert f'href="{url("skp_detail", skp.pk)}' in text  # Cancel goes back to the SKP

    done = client.post(url(action, *args), {"kunci": kunci, "konfirmasi": "1"})
    assert done.status_code == 302 and _content(skp) != before


# Pages ------------------------------------------------------------------------------------------------------


def test_skp_detail_queries_do_not_grow_with_the_rhk(cast):
    skp = start(cast)
    client = cast.client("pegawai")

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url("skp_detail", skp.pk))
        assert response.status_code == 200
        return len(ctx)

    for n in range(2):
        add_rhk(cast, skp, f"RHK nomor {n}")
    few = count()
    for n in range(2, 8):
        add_rhk(cast, skp, f"RHK nomor {n}")
    assert count() == few


def test_detail_shows_identities_checklist_and_timeline(cast):
    skp = start(cast)
    add_rhk(cast, skp, "Data imunisasi", indikator=False)
    page = html(cast.client("pegawai").get(url("skp_detail", skp.pk)))
    assert (
        escape(cast.pegawai.pegawai.nama_lengkap) in page and escape(cast.atasan.pegawai.nama_lengkap) in page
    )
    assert 'data-testid="checklist"' in page and "RHK U1 belum memiliki indikator kinerja individu." in page
    assert str(_("SKP started")) in page and str(_("RHK added")) in page
    # Someone who only reads sees no edit buttons and no checklist.
    page = html(cast.client("kepala_dinas").get(url("skp_detail", skp.pk)))
    assert 'data-testid="checklist"' not in page and url("rhk_create", skp.pk) not in page


def test_admin_bkpsdm_sees_the_links_to_reassign_and_extend(cast):
    skp = start(cast)
    page = html(cast.client("admin_bkpsdm").get(url("skp_detail", skp.pk)))
    assert url("reassign", skp.pk) in page and url("extend", skp.pk) in page
    page = html(cast.client("pegawai").get(url("skp_detail", skp.pk)))
    assert url("reassign", skp.pk) not in page


def test_index_for_an_account_without_pegawai(cast):
    response = cast.client("admin_bkpsdm").get(url("index"))
    assert response.status_code == 200 and 'data-testid="no-pegawai"' in html(response)
    assert cast.client("admin_bkpsdm").post(url("start"), {}).status_code == 403


def test_index_says_when_the_year_is_not_open_yet(cast):
    with on_day(datetime.date(YEAR + 1, 1, 5)):
        page = html(cast.client("pegawai").get(url("index")))
    assert 'data-testid="year-not-open"' in page and 'data-testid="start"' not in page


def test_index_lists_the_skp_of_the_year_and_refuses_a_second_one(cast):
    client = cast.client("atasan")
    page = html(client.get(url("index")))
    skp = atasan_skp(cast)
    assert url("skp_detail", skp.pk) in page and 'data-testid="start"' not in page
    response = client.post(url("start"), {}, follow=True)
    assert _("You already have an SKP for %(year)s.") % {"year": YEAR} in messages_of(response)


def test_start_copies_last_years_skp_when_asked(cast):
    last_year = start(cast)
    add_rhk(cast, last_year, "Data imunisasi tahun lalu")
    factories.move_to_last_year(last_year)
    client = cast.client("pegawai")
    page = html(client.get(url("index")))
    assert 'name="salin"' in page and url("skp_detail", last_year.pk) in page  # listed under other years
    assert client.post(url("start"), {"salin": "on"}).status_code == 302
    copied = own_skp(cast)
    assert copied.asal_id == last_year.pk
    assert list(copied.rhk.values_list("uraian", flat=True)) == ["Data imunisasi tahun lalu"]


def test_versions_compare_the_revision_with_the_approved_version(cast):
    skp = atasan_skp(cast)
    client = cast.client("atasan")
    response = client.post(url("revise", skp.pk), {"kunci": skp.kunci, "reason": "Anggaran berubah"})
    assert response.status_code == 302 and fresh(skp).status == StatusSKP.REVISI
    rhk = skp.rhk.filter(jenis="tambahan").first()
    services.rhk_save(
        actor=cast.atasan,
        skp=fresh(skp),
        kunci=fresh(skp).kunci,
        uraian="Tugas tambahan baru",
        jenis="tambahan",
        rhk=rhk,
    )
    response = client.get(url("versions", skp.pk))
    changes = response.context["compare"]["changes"]
    assert [(c["kind"], c["after"]) for c in changes if c["part"] == _("RHK")] == [
        ("diubah", "Tugas tambahan baru")
    ]
    assert "Tugas tambahan baru" in html(response)
    assert cast.client("atasan").get(url("pdf", skp.pk), {"versi": 1}).status_code == 200
    assert cast.client("atasan").get(url("pdf", skp.pk), {"versi": 2}).status_code == 404


def test_import_previews_every_row_then_adds_the_rhk(cast):
    skp = start(cast)
    client = cast.client("pegawai")
    bad = (
        "No,Jenis,Rencana Hasil Kerja,RHK Pimpinan yang Diintervensi,Indikator Kinerja Individu,Aspek,Target,Satuan\n"
        "1,Utama,Terlaksananya pencatatan imunisasi,U1,Persentase data tercatat,Kuantitas,95,%\n"
        "2,Utama,Terlaksananya sweeping,U9,Jumlah desa,Kuantitas,banyak,desa\n"
    )
    response = client.post(url("import", skp.pk), {"berkas": SimpleUploadedFile("rhk.csv", bad.encode())})
    page = html(response)
    assert (
        response.status_code == 200 and 'data-testid="refused"' in page and 'data-testid="apply"' not in page
    )
    assert "Terlaksananya pencatatan imunisasi" in page and "U9" in page
    good = bad.splitlines()[:2]
    response = client.post(
        url("import", skp.pk), {"berkas": SimpleUploadedFile("rhk.csv", "\n".join(good).encode())}
    )
    form = response.context["apply_form"]
    assert not skp.rhk.exists()
    response = client.post(
        url("import_apply", skp.pk), {"kunci": form["kunci"].value(), "token": form["token"].value()}
    )
    assert response.status_code == 302
    rhk = skp.rhk.get()
    assert rhk.uraian == "Terlaksananya pencatatan imunisasi" and rhk.rhk_atasan == atasan_rhk(cast)
    assert client.get(url("import_template"))["Content-Type"].startswith("application/vnd.openxmlformats")


def test_screens_speak_indonesian(cast):
    """The default language is Indonesian: the labels of the screens come from the catalogue."""
    skp = start(cast)
    client = cast.client("pegawai")
    assert "SKP saya" in html(client.get(url("index")))
    page = html(client.get(url("skp_detail", skp.pk)))
    assert "Ajukan kepada pejabat penilai" in page and "Tambah RHK" in page
    assert "Ekspektasi khusus pimpinan" in page
