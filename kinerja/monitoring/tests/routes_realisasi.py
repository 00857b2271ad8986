"""Routes of monitoring: realisasi and bukti dukung (kinerja/monitoring/views/realisasi.py, api/realisasi.py).

The recorder is `atasan` on their own approved SKP (version 1; the demo's `pegawai` has no approved SKP): only
they record, add and withdraw evidence (in the period open today). Who sees that SKP in planning sees its
realisations and downloads its evidence (SEES_ATASAN_SKP): they get 403 on the forms, everyone else 404.
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.core.testing.harness import LOGIN, OK, Route, Writes, demo_object, expect, expect_roles
from kinerja.monitoring import selectors, services
from kinerja.monitoring.models import BuktiDukung, Realisasi
from kinerja.org.tests.routes import managed_by, seen_by
from kinerja.planning.tests.routes_skp import SEES_ATASAN_SKP, SEES_PEGAWAI_SKP
from kinerja.testkit import cast as named

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 200


def photo(name: str = "foto.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, JPEG, content_type="image/jpeg")


# Demo objects -----------------------------------------------------------------------------------------------


@demo_object
def mon_skp(objs):
    """The atasan's approved SKP."""
    return named.current_skp(objs.cast.atasan)


@demo_object
def mon_period(objs):
    """The period of that SKP that runs today (open for input)."""
    return selectors.realisasi_page(objs.mon_skp).period(None)


def _numeric_rows(objs):
    return [r for b in objs.mon_period.blocks for r in b.rows if r.numeric]


@demo_object
def mon_indikator(objs):
    """A numeric indikator with no realisasi yet in that period."""
    return _numeric_rows(objs)[-1].indikator


@demo_object
def mon_realisasi(objs):
    """A realisasi recorded with a photo and a link."""
    row = _numeric_rows(objs)[0]
    return services.realisasi_record(
        actor=objs.cast.atasan,
        skp=objs.mon_skp,
        periode=objs.mon_period.periode,
        indikator_id=row.id,
        nilai="40",
        narasi="Sweeping imunisasi di tiga kelurahan.",
        berkas=photo(),
        tautan="https://drive.example.id/laporan",
        judul="Foto kegiatan",
    )


@demo_object
def mon_bukti_file(objs):
    return objs.mon_realisasi.bukti.get(jenis="berkas")


@demo_object
def mon_bukti_link(objs):
    return objs.mon_realisasi.bukti.get(jenis="tautan")


def _state(objs):
    skp = objs.mon_skp
    return (
        list(Realisasi.objects.filter(skp=skp).order_by("pk").values_list("pk", "nilai_angka", "kunci")),
        list(
            BuktiDukung.objects.filter(realisasi__skp=skp)
            .order_by("pk")
            .values_list("pk", "jenis", "ditarik_at", "sha256")
        ),
    )


RECORDS = managed_by(("atasan",), SEES_ATASAN_SKP)
WRITES = managed_by(("atasan",), SEES_ATASAN_SKP, ok=OK)
SKP_ = lambda objs: {"pk": objs.mon_skp.pk}  # noqa: E731
REALISASI = lambda objs: {"pk": objs.mon_realisasi.pk}  # noqa: E731
CREATE = lambda objs: {  # noqa: E731
    "pk": objs.mon_skp.pk,
    "periode": objs.mon_period.periode.nomor,
    "indikator": objs.mon_indikator["id"],
}
UPDATE = lambda objs: {  # noqa: E731
    "pk": objs.mon_skp.pk,
    "periode": objs.mon_period.periode.nomor,
    "indikator": objs.mon_realisasi.indikator_id,
}
# Who has exactly one SKP is sent straight to it; the others get the list (possibly empty).
INDEX = expect(200, anon=LOGIN, atasan=302, kepala_dinas=302, sekda=302)


def api_read(roles):
    return expect_roles(404, {200: roles}, anon=401)


def api_write(*, ok: int = 200):
    return expect_roles(404, {403: SEES_ATASAN_SKP}, anon=401, atasan=Writes(ok))


ROUTES = [
    Route("monitoring:index", read=INDEX),
    Route("monitoring:skp", case="disetujui", kwargs=SKP_, read=seen_by(SEES_ATASAN_SKP)),
    Route(
        "monitoring:skp",
        case="draft",
        kwargs=lambda objs: {"pk": objs.view_skp_draft.pk},
        read=seen_by(SEES_PEGAWAI_SKP),
    ),
    Route(
        "monitoring:realisasi_edit",
        case="create",
        kwargs=CREATE,
        read=RECORDS,
        write=WRITES,
        data=lambda objs: {"nilai": "12,5", "narasi": "Laporan bulan Oktober.", "kunci": 0},
        state=_state,
    ),
    Route(
        "monitoring:realisasi_edit",
        case="update",
        kwargs=UPDATE,
        read=RECORDS,
        write=WRITES,
        data=lambda objs: {"nilai": "45", "kunci": objs.mon_realisasi.kunci, "berkas": photo("kedua.jpeg")},
        state=_state,
    ),
    Route("monitoring:realisasi_detail", kwargs=REALISASI, read=seen_by(SEES_ATASAN_SKP)),
    Route(
        "monitoring:bukti_add",
        kwargs=REALISASI,
        read=RECORDS,
        write=WRITES,
        data=lambda objs: {"tautan": "https://example.id/notulen", "judul": "Notulen"},
        state=_state,
    ),
    Route(
        "monitoring:bukti_add",
        case="file",
        kwargs=REALISASI,
        read=None,
        write=WRITES,
        data=lambda objs: {"berkas": photo("rapat.jpg")},
        state=_state,
    ),
    Route(
        "monitoring:bukti_download",
        kwargs=lambda objs: {"pk": objs.mon_bukti_file.pk},
        read=seen_by(SEES_ATASAN_SKP),
    ),
    Route(
        "monitoring:bukti_download",
        case="link",
        kwargs=lambda objs: {"pk": objs.mon_bukti_link.pk},
        read=expect(404, anon=LOGIN),
    ),
    Route(
        "monitoring:bukti_withdraw",
        kwargs=lambda objs: {"pk": objs.mon_bukti_file.pk},
        read=RECORDS,
        write=WRITES,
        data=lambda objs: {"reason": "Salah unggah foto."},
        state=_state,
    ),
    # API ------------------------------------------------------------------------------------------------------
    Route(
        "GET /api/v1/skp/{skp_id}/realisasi",
        kwargs=lambda objs: {"skp_id": objs.mon_skp.pk},
        read=api_read(SEES_ATASAN_SKP),
    ),
    Route(
        "POST /api/v1/skp/{skp_id}/realisasi/{periode}/{indikator_id}",
        kwargs=lambda objs: {
            "skp_id": objs.mon_skp.pk,
            "periode": objs.mon_period.periode.nomor,
            "indikator_id": objs.mon_indikator["id"],
        },
        read=None,
        write=api_write(ok=201),
        data=lambda objs: {"nilai": "7"},
        state=_state,
    ),
    Route(
        "PUT /api/v1/skp/{skp_id}/realisasi/{periode}/{indikator_id}",
        kwargs=lambda objs: {
            "skp_id": objs.mon_skp.pk,
            "periode": objs.mon_period.periode.nomor,
            "indikator_id": objs.mon_realisasi.indikator_id,
        },
        read=None,
        write=api_write(),
        data=lambda objs: {"nilai": "50,5", "kunci": objs.mon_realisasi.kunci},
        state=_state,
    ),
    Route(
        "GET /api/v1/realisasi/{realisasi_id}/bukti",
        kwargs=lambda objs: {"realisasi_id": objs.mon_realisasi.pk},
        read=api_read(SEES_ATASAN_SKP),
    ),
    # Without a file: the recorder is told to choose one (400), the others are refused before that. The upload
    # itself is multipart (test_realisasi_api).
    Route(
        "POST /api/v1/realisasi/{realisasi_id}/bukti",
        kwargs=lambda objs: {"realisasi_id": objs.mon_realisasi.pk},
        read=expect_roles(404, {403: SEES_ATASAN_SKP}, anon=401, atasan=400),
    ),
    Route(
        "POST /api/v1/realisasi/{realisasi_id}/tautan",
        kwargs=lambda objs: {"realisasi_id": objs.mon_realisasi.pk},
        read=None,
        write=api_write(ok=201),
        data=lambda objs: {"tautan": "https://example.id/daftar-hadir"},
        state=_state,
    ),
    Route(
        "GET /api/v1/bukti/{bukti_id}/unduh",
        kwargs=lambda objs: {"bukti_id": objs.mon_bukti_file.pk},
        read=api_read(SEES_ATASAN_SKP),
    ),
    Route(
        "POST /api/v1/bukti/{bukti_id}/tarik",
        kwargs=lambda objs: {"bukti_id": objs.mon_bukti_file.pk},
        read=None,
        write=api_write(),
        data=lambda objs: {"alasan": "Foto buram."},
        state=_state,
    ),
]
