"""Routes of sanctions on record and of the innovation log, for every role.

A sanction on `pegawai` (Dinas Kesehatan) is recorded by the admin BKPSDM: the BKPSDM (and the superuser) list,
record and cancel decisions; the decision and its decree are read by those who see the pegawai's discipline
record (the pegawai, their penilai `atasan`, the admin BKPSDM, the superuser); nobody else learns it exists. The
outsider (admin BKPSDM of another instansi) sees their own empty list and gets the form again for a NIP of Kota
Sukamaju.

`pegawai` keeps a draft innovation and one submitted to `atasan`: only the pegawai changes and submits or
withdraws, only `atasan` (their penilai today) verifies or returns; the same readers as the discipline record
open them."""

from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.core import clock
from kinerja.core.testing.harness import LOGIN, OK, Route, demo_object, expect, expect_roles
from kinerja.monitoring import services
from kinerja.monitoring.models import Inovasi, SanksiDisiplin
from kinerja.monitoring.tests.realisasi_kit import PDF
from kinerja.org.tests.routes import managed_by, page_for, seen_by

SEES_RECORD = ("pegawai", "atasan", "admin_bkpsdm", "superuser")
BKPSDM = ("admin_bkpsdm", "superuser")
# The accounts of the cast that are an employee's (the administrators' and the readers' are not).
WITH_PEGAWAI = ("pegawai", "atasan", "kepala_dinas", "sekda")
POST_ONLY = expect(405, anon=LOGIN)


def decree(name: str = "sk-hukdis.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def sanksi(cast, **overrides) -> SanksiDisiplin:
    """A written reprimand on `pegawai`, recorded today by the admin BKPSDM."""
    today = clock.today(cast.pegawai.pegawai.instansi)
    values = {
        "nip": cast.pegawai.pegawai.nip,
        "tingkat": "teguran_tertulis",
        "nomor_sk": "800/12/BKPSDM/2026",
        "tanggal_sk": today,
        "mulai": today,
        "uraian": "Tidak masuk kerja tanpa keterangan 5 hari.",
        "berkas": decree(),
        **overrides,
    }
    return services.sanksi_create(actor=cast.admin_bkpsdm, instansi=cast.pegawai.pegawai.instansi, **values)


def inovasi(cast, *, submit: bool = False, **overrides) -> Inovasi:
    """A complete innovation of `pegawai`, with a PDF as evidence; submitted to `atasan` when asked."""
    values = {
        "tahun": clock.today(cast.pegawai.pegawai.instansi).year,
        "judul": "Pendaftaran imunisasi lewat WhatsApp",
        "masalah": "Antrean pendaftaran imunisasi di puskesmas sampai 2 jam.",
        "perubahan": "Pendaftaran dan jadwal dikirim lewat WhatsApp sejak Maret.",
        "dampak": "Waktu tunggu turun dari 120 menit menjadi 15 menit.",
        "berkas": decree("laporan-inovasi.pdf"),
        **overrides,
    }
    found = services.inovasi_create(actor=cast.pegawai, **values)
    return services.inovasi_ajukan(actor=cast.pegawai, inovasi=found) if submit else found


@demo_object
def ct_sanksi(objs):
    return sanksi(objs.cast)


@demo_object
def ct_draf(objs):
    return inovasi(objs.cast)


@demo_object
def ct_diajukan(objs):
    return inovasi(objs.cast, submit=True, judul="Arsip digital rekam imunisasi")


def _sanksi_state(o):
    return list(SanksiDisiplin.objects.order_by("pk").values())


def _inovasi_state(o):
    return list(Inovasi.objects.order_by("pk").values())


def _sanksi_form(o):
    today = clock.today(o.cast.pegawai.pegawai.instansi)
    return {
        "nip": o.cast.pegawai.pegawai.nip,
        "tingkat": "potong_tukin_6",
        "nomor_sk": "800/77/BKPSDM/2026",
        "tanggal_sk": today.isoformat(),
        "mulai": today.isoformat(),
        "berkas": decree(),
    }


def _inovasi_form(o):
    return {
        "tahun": clock.today(o.cast.pegawai.pegawai.instansi).year,
        "judul": "Formulir daring cuti",
        "masalah": "Berkas cuti tercecer.",
        "perubahan": "Formulir daring.",
        "dampak": "Proses 3 hari menjadi 1 hari.",
        "tautan": "https://contoh.go.id/inovasi",
    }


SANKSI = lambda o: {"pk": o.ct_sanksi.pk}  # noqa: E731
DRAF = lambda o: {"pk": o.ct_draf.pk}  # noqa: E731
DIAJUKAN = lambda o: {"pk": o.ct_diajukan.pk}  # noqa: E731

ROUTES: list = [
    # Sanctions --------------------------------------------------------------------------------------------
    Route("monitoring:sanksi_list", read=page_for((*BKPSDM, "outsider"))),
    Route(
        "monitoring:sanksi_create",
        read=page_for((*BKPSDM, "outsider")),
        data=_sanksi_form,
        state=_sanksi_state,
        # the outsider's instansi has no such NIP: the form again, nothing written
        write=expect_roles(403, {OK: BKPSDM, 200: ("outsider",)}, anon=LOGIN),
    ),
    Route("monitoring:sanksi_detail", kwargs=SANKSI, read=seen_by(SEES_RECORD)),
    Route("monitoring:sanksi_document", kwargs=SANKSI, read=seen_by(SEES_RECORD)),
    Route(
        "monitoring:sanksi_cancel",
        kwargs=SANKSI,
        read=managed_by(BKPSDM, SEES_RECORD),
        data=lambda o: {"reason": "Salah orang: SK untuk pegawai lain."},
        state=_sanksi_state,
        write=managed_by(BKPSDM, SEES_RECORD, ok=OK),
    ),
    Route(
        "GET /api/v1/sanksi/pegawai/{pegawai_id}",
        kwargs=lambda o: {"pegawai_id": o.cast.pegawai.pegawai.pk},
        read=seen_by(SEES_RECORD, api=True),
    ),
    # Innovations ------------------------------------------------------------------------------------------
    Route("monitoring:inovasi_list", read=page_for(WITH_PEGAWAI)),
    Route(
        "monitoring:inovasi_create",
        read=page_for(WITH_PEGAWAI),
        data=_inovasi_form,
        state=_inovasi_state,
        write=page_for(WITH_PEGAWAI, ok=OK),
    ),
    Route("monitoring:inovasi_detail", kwargs=DRAF, read=seen_by(SEES_RECORD)),
    Route("monitoring:inovasi_file", kwargs=DRAF, read=seen_by(SEES_RECORD)),
    Route(
        "monitoring:inovasi_edit",
        kwargs=DRAF,
        read=managed_by(("pegawai",), SEES_RECORD),
        data=lambda o: {**_inovasi_form(o), "kunci": o.ct_draf.kunci},
        state=_inovasi_state,
        write=managed_by(("pegawai",), SEES_RECORD, ok=OK),
    ),
    Route(
        "monitoring:inovasi_edit",
        case="submitted",
        kwargs=DIAJUKAN,
        read=managed_by((), SEES_RECORD),
        data=lambda o: {**_inovasi_form(o), "kunci": o.ct_diajukan.kunci},
        state=_inovasi_state,
        write=managed_by((), SEES_RECORD),
    ),
    Route(
        "monitoring:inovasi_ajukan",
        kwargs=DRAF,
        read=POST_ONLY,
        data=lambda o: {},
        state=_inovasi_state,
        write=managed_by(("pegawai",), SEES_RECORD, ok=OK),
    ),
    Route(
        "monitoring:inovasi_tarik",
        kwargs=DIAJUKAN,
        read=POST_ONLY,
        data=lambda o: {},
        state=_inovasi_state,
        write=managed_by(("pegawai",), SEES_RECORD, ok=OK),
    ),
    Route(
        "monitoring:inovasi_verifikasi",
        kwargs=DIAJUKAN,
        read=POST_ONLY,
        data=lambda o: {},
        state=_inovasi_state,
        write=managed_by(("atasan",), SEES_RECORD, ok=OK),
    ),
    Route(
        "monitoring:inovasi_kembalikan",
        kwargs=DIAJUKAN,
        read=managed_by(("atasan",), SEES_RECORD),
        data=lambda o: {"reason": "Lampirkan data waktu tunggu sebelum dan sesudah."},
        state=_inovasi_state,
        write=managed_by(("atasan",), SEES_RECORD, ok=OK),
    ),
    Route("GET /api/v1/inovasi", read=expect(200, anon=401)),
    Route(
        "GET /api/v1/inovasi/{inovasi_id}",
        kwargs=lambda o: {"inovasi_id": o.ct_draf.pk},
        read=seen_by(SEES_RECORD, api=True),
    ),
    Route(
        "GET /api/v1/inovasi/pegawai/{pegawai_id}",
        kwargs=lambda o: {"pegawai_id": o.cast.pegawai.pegawai.pk},
        read=seen_by(SEES_RECORD, api=True),
    ),
]
