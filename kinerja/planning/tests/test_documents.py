"""The printable SKP: what the PDF says, read back with pypdf."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from conftest import YEAR
from kinerja.core import verification
from kinerja.core.models import DokumenResmi
from kinerja.core.testing.pdf import page_texts, qr_codes
from kinerja.criteria.defaults import BERAKHLAK
from kinerja.org import demo
from kinerja.org import selectors as org_selectors
from kinerja.org.models import Pegawai
from kinerja.planning import selectors
from kinerja.planning.documents import signed, skp_pdf
from kinerja.planning.models import (
    RHK,
    SKP,
    Aspek,
    Indikator,
    JenisRHK,
    JenisTarget,
    Pendekatan,
    PerilakuSKP,
    Periode,
    StatusSKP,
    TahunKinerja,
    VersiSKP,
)
from kinerja.testkit import cast as named

# A year of its own, so that SKP the demo may create for the current year never collide with these.
TAHUN = YEAR + 3


def pdf_text(data: bytes) -> str:
    """All the text of the document, with every run of whitespace (line breaks in cells) as one space."""
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in reader.pages))


def person(nip: str) -> tuple[Pegawai, dict]:
    pegawai = Pegawai.objects.get(nip=nip)
    penugasan = org_selectors.primary_assignment(pegawai)
    return pegawai, selectors.identitas(pegawai, penugasan.jabatan, penugasan.jenis)


def publish_framework(instansi) -> None:
    """The framework of TAHUN (the JPT perspectives come from it), published as the demo's admin."""
    from kinerja.criteria import services as criteria_services

    admin = named.user("admin.bkpsdm")
    kerangka = criteria_services.kerangka_start(actor=admin, instansi=instansi, tahun=TAHUN)
    criteria_services.kerangka_publish(
        actor=admin, kerangka=kerangka, berlaku_mulai=datetime.date(TAHUN, 1, 1)
    )


def make_skp(pegawai: Pegawai, ident: dict, *, penilai=None, identitas_penilai=None, **kw) -> SKP:
    tahun, _ = TahunKinerja.objects.get_or_create(
        instansi=pegawai.instansi,
        tahun=TAHUN,
        defaults={"tenggat_skp": datetime.date(TAHUN, 1, 31)},
    )
    jabatan = org_selectors.primary_assignment(pegawai).jabatan
    skp = SKP.objects.create(
        instansi=pegawai.instansi,
        tahun_kinerja=tahun,
        pegawai=pegawai,
        jabatan=jabatan,
        mulai=datetime.date(TAHUN, 1, 1),
        selesai=datetime.date(TAHUN, 12, 31),
        pendekatan=Pendekatan.KUANTITATIF,
        identitas_pegawai=ident,
        penilai=penilai,
        identitas_penilai=identitas_penilai or {},
        **kw,
    )
    PerilakuSKP.objects.bulk_create(
        PerilakuSKP(skp=skp, kode=kode, nama=nama, indikator=indikator, urutan=i)
        for i, (kode, nama, indikator) in enumerate(BERAKHLAK)
    )
    return skp


def angka(rhk: RHK, uraian: str, target, satuan: str, aspek=Aspek.KUANTITAS, urutan=0) -> Indikator:
    return Indikator.objects.create(
        rhk=rhk,
        urutan=urutan,
        uraian=uraian,
        aspek=aspek,
        jenis_target=JenisTarget.ANGKA,
        target_angka=target,
        satuan=satuan,
    )


def fetch(skp: SKP) -> SKP:
    return selectors.with_content(SKP.objects.filter(pk=skp.pk)).get()


@pytest.fixture
def people():
    pelaksana = person(demo.NIP_PELAKSANA_IMUNISASI)
    kasi = person(demo.NIP_KASI_IMUNISASI)
    return pelaksana, kasi


@pytest.fixture
def skp(people) -> SKP:
    (pegawai, ident), (kasi, ident_kasi) = people
    atasan = make_skp(kasi, ident_kasi, status=StatusSKP.DISETUJUI, versi=1)
    rhk_kasi = RHK.objects.create(skp=atasan, uraian="Cakupan imunisasi dasar lengkap meningkat")
    skp = make_skp(
        pegawai,
        ident,
        penilai=kasi,
        identitas_penilai=ident_kasi,
        dukungan_sumber_daya="Vaksin dan rantai dingin\nKendaraan operasional",
        skema_pertanggungjawaban="Laporan bulanan ke Kepala Seksi",
        konsekuensi="",
    )
    u1 = RHK.objects.create(
        skp=skp, urutan=1, uraian="Data sasaran imunisasi “valid” – terkini", rhk_atasan=rhk_kasi
    )
    angka(u1, "Jumlah posyandu terdata", 24, "posyandu")
    Indikator.objects.create(
        rhk=u1,
        urutan=1,
        uraian="Ketepatan laporan",
        aspek=Aspek.WAKTU,
        jenis_target=JenisTarget.KUALITATIF,
        target_teks="Tepat waktu setiap bulan",
    )
    u2 = RHK.objects.create(skp=skp, urutan=2, uraian="Vaksin terdistribusi ke puskesmas")
    angka(u2, "Dosis vaksin tersalur", Decimal("1250.5"), "dosis")
    t1 = RHK.objects.create(skp=skp, jenis=JenisRHK.TAMBAHAN, uraian="Materi penyuluhan tersusun")
    angka(t1, "Jumlah leaflet", 3, "dokumen", aspek=Aspek.KUALITAS)
    PerilakuSKP.objects.filter(skp=skp, kode="akuntabel").update(ekspektasi="Laporan stok vaksin jujur")
    return fetch(skp)


@pytest.mark.django_db
def test_skp_pdf_prints_the_whole_plan(skp, people):
    (_, ident), (_, ident_kasi) = people
    text = pdf_text(skp_pdf(skp, tanggal=datetime.date(TAHUN, 1, 15)))

    assert "SASARAN KINERJA PEGAWAI" in text
    assert "PEMERINTAH KOTA SUKAMAJU" in text
    assert f"1 Januari {TAHUN} s.d. 31 Desember {TAHUN}" in text
    assert "PENDEKATAN: KUANTITATIF" in text
    # Hasil kerja: the RHK, their indikator, the formatted targets, the supported RHK of the assessor.
    for expected in (
        "A. UTAMA",
        "B. TAMBAHAN",
        "Data sasaran imunisasi “valid” – terkini",
        "Vaksin terdistribusi ke puskesmas",
        "Materi penyuluhan tersusun",
        "Jumlah posyandu terdata",
        "Ketepatan laporan",
        "Dosis vaksin tersalur",
        "Jumlah leaflet",
        "24 posyandu",
        "1.250,5 dosis",
        "Tepat waktu setiap bulan",
        "3 dokumen",
        "Cakupan imunisasi dasar lengkap meningkat",
        "Kuantitas",
        "Waktu",
        "Kualitas",
    ):
        assert expected in text, expected
    # Perilaku kerja and the expectation of the leader.
    assert "Berorientasi Pelayanan" in text
    assert "Laporan stok vaksin jujur" in text
    # Lampiran, numbered by line.
    assert "1. Vaksin dan rantai dingin" in text
    assert "2. Kendaraan operasional" in text
    assert "KONSEKUENSI" in text
    # Both signatories, with formatted NIP, and the place and date.
    assert ident["nama"] in text
    assert ident_kasi["nama"] in text
    assert "NIP. 19920618 201903 2 004" in text
    assert "NIP. 19840722 200903 1 001" in text
    assert f"Sukamaju, 15 Januari {TAHUN}" in text
    assert "Halaman 1 dari" in text


@pytest.mark.django_db
def test_a_stored_version_is_printed_as_given(skp):
    content = selectors.content_of(skp)
    content["rhk"][0]["uraian"] = "RHK versi lama"
    content["identitas"]["penilai"] = {}
    for rhk in content["rhk"]:  # content stored before the printed target was kept
        for indikator in rhk["indikator"]:
            del indikator["target"]
    # A stored version was approved: no draft note, even though the SKP itself is a draft (or under revision).
    text = pdf_text(skp_pdf(skp, content=content))
    assert "RHK versi lama" in text
    assert "1.250,5 dosis" in text
    assert "Tepat waktu setiap bulan" in text
    assert "Data sasaran imunisasi" not in text
    assert "BELUM DISETUJUI" not in text
    assert "NIP. -" in text


@pytest.mark.django_db
def test_draft_is_marked_and_approved_is_not(skp):
    assert "DRAF — BELUM DISETUJUI (status: Draf)" in pdf_text(skp_pdf(skp))
    assert "DRAF — BELUM DISETUJUI" in pdf_text(skp_pdf(skp, content=selectors.content_of(skp), draf=True))

    approved_at = timezone.make_aware(datetime.datetime(TAHUN, 2, 3, 20, 0), datetime.UTC)
    SKP.objects.filter(pk=skp.pk).update(status=StatusSKP.DISETUJUI, versi=1, disetujui_at=approved_at)
    text = pdf_text(skp_pdf(fetch(skp)))
    assert "BELUM DISETUJUI" not in text
    assert "DRAF" not in text
    # The date defaults to the day of approval in the instansi's time zone (20:00 UTC is the next day in WIB).
    assert f"Sukamaju, 4 Februari {TAHUN}" in text


@pytest.mark.django_db
def test_jpt_layout_groups_utama_by_perspektif(people):
    (pegawai, ident), _ = people
    publish_framework(pegawai.instansi)
    skp = make_skp(pegawai, ident, jpt=True)
    for urutan, (perspektif, uraian) in enumerate(
        [("proses_bisnis", "Layanan terpadu berjalan"), ("penerima_layanan", "Kepuasan warga naik")]
    ):
        rhk = RHK.objects.create(skp=skp, urutan=urutan, uraian=uraian, perspektif=perspektif)
        angka(rhk, f"Indeks {urutan}", Decimal("87.25"), "persen")
    tambahan = RHK.objects.create(skp=skp, jenis=JenisRHK.TAMBAHAN, uraian="Forum inovasi daerah")
    angka(tambahan, "Inovasi", 1, "inovasi")

    text = pdf_text(skp_pdf(fetch(skp)))

    assert "SASARAN KINERJA PEGAWAI PEJABAT PIMPINAN TINGGI" in text
    assert "Perspektif Penerima Layanan" in text
    assert "Perspektif Proses Bisnis" in text
    # The framework's order, not the SKP's: Penerima Layanan comes first.
    assert text.index("Perspektif Penerima Layanan") < text.index("Perspektif Proses Bisnis")
    assert text.index("Kepuasan warga naik") < text.index("Layanan terpadu berjalan")
    assert "87,25 persen" in text
    assert "Forum inovasi daerah" in text
    assert "RHK PIMPINAN YANG DIINTERVENSI" not in text
    # No assessor: the identity table and the signature print a dash.
    assert "NIP. -" in text


@pytest.mark.django_db
def test_empty_skp_prints_dashes(people):
    (pegawai, ident), _ = people
    skp = make_skp(pegawai, ident)
    PerilakuSKP.objects.filter(skp=skp).delete()
    data = skp_pdf(fetch(skp), tanggal=datetime.date(TAHUN, 3, 1))
    text = pdf_text(data)
    assert "A. UTAMA - - - - - - B. TAMBAHAN - - - - - -" in text
    assert "Sukamaju, 1 Maret " in text


@pytest.mark.django_db
def test_texts_taller_than_a_page_are_split_across_pages(skp):
    content = selectors.content_of(skp)
    content["rhk"][0]["uraian"] = "panjang " * 2500 + "AKHIR-RHK"
    content["rhk"][1]["indikator"] = [
        {"uraian": f"Indikator ke-{n} " + "uraian " * 20, "aspek": "kuantitas", "target": f"{n} dokumen"}
        for n in range(1, 61)
    ]
    content["perilaku"][0]["ekspektasi"] = "harapan " * 2000 + "AKHIR-EKSPEKTASI"
    content["lampiran"]["konsekuensi"] = "sanksi " * 2000 + "AKHIR-LAMPIRAN"
    data = skp_pdf(skp, content=content)
    pages = len(PdfReader(io.BytesIO(data)).pages)
    text = pdf_text(data)
    assert pages > 10
    for expected in ("AKHIR-RHK", "Indikator ke-60", "60 dokumen", "AKHIR-EKSPEKTASI", "AKHIR-LAMPIRAN"):
        assert expected in text, expected
    assert f"Halaman {pages} dari {pages}" in text


# The SKP as issued: verifiable, the version printed, nothing lost at page breaks (issue 11, items 5 and 6) --------


def approve(skp: SKP, content: dict | None = None, nomor: int = 1, day: int = 3) -> tuple[SKP, VersiSKP]:
    """A stored version of the SKP's content, approved on `day` February (09:00 UTC)."""
    at = timezone.make_aware(datetime.datetime(TAHUN, 2, day, 9, 0), datetime.UTC)
    versi = VersiSKP.objects.create(
        skp=skp, nomor=nomor, konten=content or selectors.content_of(skp), disetujui_at=at
    )
    SKP.objects.filter(pk=skp.pk).update(status=StatusSKP.DISETUJUI, versi=nomor, disetujui_at=at)
    return fetch(skp), versi


def stamped(skp: SKP, versi: VersiSKP) -> bytes:
    issued = verification.issue("uji", signed(skp, versi))
    return skp_pdf(
        skp, content=versi.konten, stamp=verification.stamp_of(issued, "https://kinerja.example.go.id")
    )


@pytest.mark.django_db
def test_an_approved_version_prints_its_number_version_date_and_a_qr_code_of_what_was_signed(skp, cast):
    skp, versi = approve(skp)
    response = cast.client("pegawai").get(reverse("planning:pdf", args=[skp.pk]))
    data = response.content
    texts = page_texts(data)

    issued = DokumenResmi.objects.get(jenis="planning.skp", subjek=str(skp.pk), versi=1)
    assert issued.hash == verification.content_hash(versi.konten)
    assert f"VERSI 1, DISETUJUI 3 FEBRUARI {TAHUN} · NOMOR {issued.nomor}" in texts[0]
    codes = qr_codes(data)
    assert len(codes) == len(texts) > 1
    for text, page_codes in zip(texts, codes, strict=True):
        assert f"Nomor dokumen: {issued.nomor}" in text
        assert page_codes == [f"http://testserver{verification.address(issued)}"]
    # Printed again: the same number; the page of that address vouches for it.
    again = cast.client("pegawai").get(reverse("planning:pdf", args=[skp.pk]), {"versi": 1}).content
    assert qr_codes(again)[0] == codes[0]
    page = Client().get(codes[0][0].removeprefix("http://testserver")).content.decode()
    assert "Berlaku" in page
    assert skp.identitas_pegawai["nama"] in page and skp.identitas_penilai["nama"] in page


@pytest.mark.django_db
def test_a_draft_carries_no_number_nor_qr_code(skp, cast):
    data = cast.client("pegawai").get(reverse("planning:pdf", args=[skp.pk])).content
    assert "Nomor dokumen" not in " ".join(page_texts(data))
    assert qr_codes(data) == [[] for _ in page_texts(data)]
    assert not DokumenResmi.objects.filter(jenis="planning.skp", subjek=str(skp.pk)).exists()


@pytest.mark.django_db
def test_the_atasan_penilai_and_the_targets_per_period_are_printed(skp, people):
    _, (_, ident_kasi) = people
    tahun = skp.tahun_kinerja
    for nomor, nama in ((1, "Semester I"), (2, "Semester II")):
        Periode.objects.create(
            tahun_kinerja=tahun,
            nomor=nomor,
            nama=nama,
            mulai=datetime.date(TAHUN, 6 * nomor - 5, 1),
            selesai=datetime.date(TAHUN, 6 * nomor, 28),
            tenggat_input=datetime.date(TAHUN, 6 * nomor, 28),
        )
    Indikator.objects.filter(rhk__skp=skp, uraian="Jumlah posyandu terdata").update(
        target_periode={"1": "10", "2": "24"}
    )
    Indikator.objects.filter(rhk__skp=skp, uraian="Ketepatan laporan").update(
        target_periode={"2": "Laporan semester tepat waktu"}
    )
    content = selectors.content_of(fetch(skp))
    content["identitas"]["atasan_penilai"] = {**ident_kasi, "nama": "Atasan Penilai Uji"}
    text = pdf_text(skp_pdf(fetch(skp), content=content))

    assert "ATASAN PEJABAT PENILAI KINERJA" in text
    assert "Atasan Penilai Uji" in text
    assert "24 posyandu Semester I: 10 posyandu Semester II: 24 posyandu" in text
    assert "Tepat waktu setiap bulan Semester II: Laporan semester tepat waktu" in text


@pytest.mark.django_db
def test_the_jpt_layout_prints_the_supported_rhk_where_one_is_named(people):
    (pegawai, ident), (kasi, ident_kasi) = people
    publish_framework(pegawai.instansi)
    atasan = make_skp(kasi, ident_kasi, status=StatusSKP.DISETUJUI, versi=1)
    rhk_atasan = RHK.objects.create(skp=atasan, uraian="Indeks kesehatan masyarakat meningkat")
    skp = make_skp(pegawai, ident, jpt=True)
    rhk = RHK.objects.create(skp=skp, uraian="Kepuasan warga naik", perspektif="penerima_layanan")
    angka(rhk, "Indeks kepuasan", 87, "persen")

    assert "RHK PIMPINAN YANG DIINTERVENSI" not in pdf_text(skp_pdf(fetch(skp)))
    RHK.objects.filter(pk=rhk.pk).update(rhk_atasan=rhk_atasan)
    text = pdf_text(skp_pdf(fetch(skp)))
    assert "RHK PIMPINAN YANG DIINTERVENSI" in text
    assert "Indeks kesehatan masyarakat meningkat" in text


@pytest.mark.django_db
def test_the_signatures_never_stand_alone_on_the_last_page(skp):
    # Lampiran of every length from a few lines to several pages: wherever the page ends, the signatures share
    # their page with the last line of the lampiran.
    for lines in range(1, 40, 3):
        content = selectors.content_of(skp)
        content["lampiran"]["konsekuensi"] = "\n".join(
            f"Konsekuensi ke-{n} " + "teguran " * 12 for n in range(lines)
        )
        last = page_texts(skp_pdf(skp, content=content))[-1]
        assert f"Konsekuensi ke-{lines - 1} " in last, lines
        assert "Pejabat Penilai Kinerja" in last


@pytest.mark.django_db
def test_a_long_rhk_goes_on_across_the_page_break_under_repeated_headings(skp):
    content = selectors.content_of(skp)
    long = {
        **content["rhk"][1],
        "uraian": "AWAL-PANJANG " + "kegiatan pelayanan imunisasi " * 45 + "AKHIR-PANJANG",
        "indikator": [
            {"uraian": f"Indikator panjang {n}", "aspek": "kuantitas", "target": "1 desa"} for n in range(8)
        ],
    }
    filler = [{**content["rhk"][1], "uraian": f"RHK pengisi {n}"} for n in range(4)]
    content["rhk"] = content["rhk"][:1] + filler + [long] + content["rhk"][2:]
    pages = page_texts(skp_pdf(skp, content=content))

    start = next(n for n, page in enumerate(pages) if "AWAL-PANJANG" in page)
    assert "RHK pengisi 3" in pages[start]  # it starts right after the row before, not on a fresh page
    end = next(n for n, page in enumerate(pages) if "AKHIR-PANJANG" in page)
    assert end == start + 1
    assert "RENCANA HASIL KERJA" in pages[end]
    assert "Indikator panjang 7" in " ".join(pages[start : end + 1])


@pytest.mark.django_db
def test_a_print_stops_being_in_force_when_a_revision_is_approved_unprinted_or_the_skp_ends(skp, cast):
    """The verification page asks planning which version is in force: a v1 print is superseded as soon as v2
    is approved, though nobody printed v2 yet, and no version is in force once the SKP has ended."""
    skp, _versi = approve(skp)
    cast.client("pegawai").get(reverse("planning:pdf", args=[skp.pk]))
    first = DokumenResmi.objects.get(jenis="planning.skp", subjek=str(skp.pk), versi=1)
    code = verification.code_of(first)
    assert verification.verify(first.nomor, code).berlaku

    approve(skp, nomor=2, content={**selectors.content_of(skp), "revisi": "v2"})
    assert not DokumenResmi.objects.filter(jenis="planning.skp", subjek=str(skp.pk), versi=2).exists()
    verdict = verification.verify(first.nomor, code)
    assert verdict.cocok and not verdict.berlaku
    assert verdict.versi_berlaku == 2 and verdict.latest is None
    page = Client().get(verification.address(first)).content.decode()
    assert "digantikan oleh versi 2" in page and "Sudah digantikan" in page

    SKP.objects.filter(pk=skp.pk).update(berakhir=True)
    verdict = verification.verify(first.nomor, code)
    assert verdict.berakhir and not verdict.berlaku
    assert "Dokumen ini sudah tidak berlaku." in Client().get(verification.address(first)).content.decode()
