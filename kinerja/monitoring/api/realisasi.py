"""Realisasi and bukti dukung over the JSON API: the same services as the screens.

Writes on a realisasi take `kunci`, its change counter as GET returned it: a stale one is refused with 409.
Evidence files are uploaded as multipart form data and downloaded as attachments."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from kinerja.core.api import Counter, Id, errors
from kinerja.core.errors import ApplicationError
from kinerja.monitoring import permissions, selectors, services
from kinerja.monitoring.views.realisasi import attachment

router = Router()
NO_FILE = File(None)  # an upload without a file is answered by the view (400 for the recorder, 403 or 404)
NO_TITLE = Form("")


class BuktiOut(Schema):
    id: int
    jenis: str
    judul: str
    nama_asli: str
    tipe: str
    ukuran: int
    sha256: str
    tautan: str
    created_at: datetime.datetime
    ditarik_at: datetime.datetime | None
    alasan_tarik: str


class RealisasiOut(Schema):
    id: int
    indikator_id: int
    versi_skp: int
    nilai_angka: Decimal | None
    nilai_teks: str
    narasi: str
    kunci: int
    updated_at: datetime.datetime


class IndikatorOut(Schema):
    rhk_id: int
    indikator_id: int
    uraian: str
    jenis_target: str
    satuan: str
    arah: str
    akumulasi: str
    target: Decimal | None
    target_periode: Decimal | None
    realisasi: RealisasiOut | None
    capaian: Decimal | None
    ytd_realisasi: Decimal | None
    ytd_capaian: Decimal | None
    bukti: list[BuktiOut]


class PeriodeOut(Schema):
    nomor: int
    nama: str
    mulai: datetime.date
    selesai: datetime.date
    terbuka: bool
    batas_input: datetime.date
    versi_skp: int | None
    indikator: list[IndikatorOut]


class RealisasiIn(Schema):
    nilai: str = ""
    nilai_teks: str = ""
    narasi: str = ""


class RealisasiUpdateIn(RealisasiIn):
    kunci: Counter


class TautanIn(Schema):
    tautan: str
    judul: str = ""


class AlasanIn(Schema):
    alasan: str


def _period_out(view) -> dict:
    rows = [row for block in view.blocks for row in block.rows]
    return {
        "nomor": view.periode.nomor,
        "nama": view.periode.nama,
        "mulai": view.periode.mulai,
        "selesai": view.periode.selesai,
        "terbuka": view.open,
        "batas_input": view.until,
        "versi_skp": view.plan.versi.nomor if view.plan.versi else None,
        "indikator": [
            {
                "rhk_id": row.rhk.get("id"),
                "indikator_id": row.id,
                "uraian": row.indikator.get("uraian", ""),
                "jenis_target": row.indikator.get("jenis_target", ""),
                "satuan": row.indikator.get("satuan", ""),
                "arah": row.indikator.get("arah", ""),
                "akumulasi": row.akumulasi,
                "target": row.target,
                "target_periode": row.target_periode,
                "realisasi": row.realisasi,
                "capaian": row.capaian,
                "ytd_realisasi": row.ytd_realisasi,
                "ytd_capaian": row.ytd_capaian,
                "bukti": row.bukti,
            }
            for row in rows
        ],
    }


@router.get("/skp/{skp_id}/realisasi", response={200: list[PeriodeOut], **errors(404)})
def list_realisasi(request, skp_id: Id):
    """Every period the SKP covers, with per indikator the target, the realisasi, capaian and evidence."""
    page = selectors.realisasi_page(permissions.get_skp_for_user_or_404(request.user, skp_id))
    return [_period_out(view) for view in page.periods]


def _save(request, skp_id: int, periode: int, indikator_id: int, payload: RealisasiIn, kunci: int | None):
    skp = permissions.get_skp_for_user_or_404(request.user, skp_id)
    plan = selectors.plan_numbered(skp, periode)
    if plan is None:
        raise Http404
    return services.realisasi_save(
        actor=request.user,
        skp=skp,
        periode=plan.periode,
        indikator_id=indikator_id,
        nilai=payload.nilai,
        nilai_teks=payload.nilai_teks,
        narasi=payload.narasi,
        kunci=kunci,
    )


@router.post(
    "/skp/{skp_id}/realisasi/{periode}/{indikator_id}",
    response={201: RealisasiOut, **errors(400, 403, 404, 409)},
)
def create_realisasi(request, skp_id: Id, periode: Id, indikator_id: Id, payload: RealisasiIn):
    """Record the realisasi of an indikator in a period (the period by its number in the year)."""
    return Status(201, _save(request, skp_id, periode, indikator_id, payload, None))


@router.put(
    "/skp/{skp_id}/realisasi/{periode}/{indikator_id}",
    response={200: RealisasiOut, **errors(400, 403, 404, 409)},
)
def update_realisasi(request, skp_id: Id, periode: Id, indikator_id: Id, payload: RealisasiUpdateIn):
    """Change a realisasi; `kunci` as GET returned it (409 when someone changed it since)."""
    return _save(request, skp_id, periode, indikator_id, payload, payload.kunci)


@router.get("/realisasi/{realisasi_id}/bukti", response={200: list[BuktiOut], **errors(404)})
def list_bukti(request, realisasi_id: Id):
    realisasi = permissions.get_realisasi_for_user_or_404(request.user, realisasi_id)
    return selectors.realisasi_detail(realisasi).bukti


@router.post("/realisasi/{realisasi_id}/bukti", response={201: BuktiOut, **errors(400, 403, 404)})
def upload_bukti(
    request,
    realisasi_id: Id,
    berkas: UploadedFile | None = NO_FILE,
    judul: str = NO_TITLE,
):
    """Upload an evidence file (multipart form data: `berkas`, optional `judul`)."""
    realisasi = permissions.get_realisasi_for_user_or_404(request.user, realisasi_id)
    if berkas is None:
        if not permissions.can_record(request.user, realisasi.skp):
            raise PermissionDenied(_("Only the employee records the realisations of their own SKP."))
        raise ApplicationError({"berkas": _("Choose a file.")})
    bukti = services.bukti_upload(actor=request.user, realisasi=realisasi, berkas=berkas, judul=judul)
    return Status(201, bukti)


@router.post("/realisasi/{realisasi_id}/tautan", response={201: BuktiOut, **errors(400, 403, 404)})
def link_bukti(request, realisasi_id: Id, payload: TautanIn):
    """Add an http(s) link as evidence."""
    realisasi = permissions.get_realisasi_for_user_or_404(request.user, realisasi_id)
    bukti = services.bukti_link(
        actor=request.user, realisasi=realisasi, tautan=payload.tautan, judul=payload.judul
    )
    return Status(201, bukti)


@router.get("/bukti/{bukti_id}/unduh", response={200: None, **errors(404)})
def download_bukti(request, bukti_id: Id):
    """The evidence file, as an attachment (404 for a link)."""
    return attachment(permissions.get_bukti_for_user_or_404(request.user, bukti_id))


@router.post("/bukti/{bukti_id}/tarik", response={200: BuktiOut, **errors(400, 403, 404)})
def withdraw_bukti(request, bukti_id: Id, payload: AlasanIn):
    """Withdraw evidence while its period is open, with a reason (it stays, marked withdrawn)."""
    bukti = permissions.get_bukti_for_user_or_404(request.user, bukti_id)
    return services.bukti_withdraw(actor=request.user, bukti=bukti, alasan=payload.alasan)
