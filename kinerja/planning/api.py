"""The SKP over the JSON API: reading, starting, editing the content and moving it through the workflow.

Every write goes through the same service as the screens, with the same checks and audit events. Writes on an
SKP take `kunci`, the change counter read from GET /skp/{id}: a stale one is refused with 409.
"""

import datetime
from typing import Any

from django.http import Http404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from kinerja.core.api import Counter, Id, Year, errors
from kinerja.planning import permissions, selectors, services
from kinerja.planning.models import RHK, SKP

router = Router(tags=["perencanaan (SKP)"])


class PeriodeOut(Schema):
    nomor: int
    nama: str
    mulai: datetime.date
    selesai: datetime.date
    tenggat_input: datetime.date


class TahunOut(Schema):
    id: int
    instansi_id: int
    tahun: int
    skema_periode: str
    tenggat_skp: datetime.date
    hari_tenggat_skp_baru: int
    periode: list[PeriodeOut]

    @staticmethod
    def resolve_periode(obj):
        return list(obj.periode.all())


class SKPOut(Schema):
    id: int
    pegawai_id: int
    jabatan_id: int
    tahun: int
    mulai: datetime.date
    selesai: datetime.date
    pendekatan: str
    status: str
    versi: int
    berakhir: bool
    penilai_id: int | None
    kunci: int
    identitas_pegawai: dict[str, Any]

    @staticmethod
    def resolve_tahun(obj):
        return obj.mulai.year


class SKPDetailOut(SKPOut):
    tenggat: datetime.date
    identitas_penilai: dict[str, Any]
    identitas_atasan_penilai: dict[str, Any]
    catatan_pengembalian: str
    konten: dict[str, Any]
    # The workflow actions the caller may take now ("ajukan", "tarik", ...), as the page shows its buttons.
    aksi: list[str]

    @staticmethod
    def resolve_tenggat(obj):
        return selectors.deadline_of(obj)

    @staticmethod
    def resolve_konten(obj):
        return selectors.content_of(obj)

    @staticmethod
    def resolve_aksi(obj, context):
        return permissions.actions(context["request"].user, obj)


class VersiOut(Schema):
    nomor: int
    disetujui_at: datetime.datetime
    disetujui_oleh_id: int | None
    alasan: str
    konten: dict[str, Any]


class StartIn(Schema):
    tahun: Year
    salin_dari_id: Id | None = None


class KunciIn(Schema):
    kunci: Counter


class RHKIn(KunciIn):
    uraian: str
    jenis: str = "utama"
    rhk_atasan_id: Id | None = None
    perspektif: str = ""


class IndikatorIn(KunciIn):
    uraian: str
    aspek: str = "kuantitas"
    jenis_target: str = "angka"
    target: str = ""
    satuan: str = ""
    arah: str = "naik"
    target_teks: str = ""
    target_periode: dict[str, str] = {}
    akumulasi: str = Field(
        "",
        description="How the periods add up to the year: jumlah, terakhir or rata_rata; empty: the default for "
        "the aspect and unit (a %, index or score: terakhir; time and cost: rata_rata; else jumlah).",
    )


class LampiranIn(KunciIn):
    dukungan_sumber_daya: str = ""
    skema_pertanggungjawaban: str = ""
    konsekuensi: str = ""


class SetujuiIn(KunciIn):
    ekspektasi: dict[str, str] | None = None


class AlasanIn(KunciIn):
    alasan: str


class IdOut(Schema):
    id: int


def _skp(request, skp_id: int) -> SKP:
    return permissions.get_skp_for_user_or_404(request.user, skp_id)


def _detail(skp: SKP) -> SKP:
    return selectors.skp_with_content(skp)


def _rhk_atasan(rhk_atasan_id: int | None) -> RHK | None:
    # Whether it may be supported is the service's check (and its message); a missing RHK gets the same 400 as
    # another instansi's, not a 404 that would tell the two apart.
    if not rhk_atasan_id:
        return None
    rhk = selectors.find_rhk_atasan(rhk_atasan_id)
    if rhk is None:
        raise services.rhk_atasan_refused()
    return rhk


@router.get("/skp-tahun", response={200: list[TahunOut], **errors()})
def list_years(request):
    return list(permissions.years_visible_to(request.user).prefetch_related("periode").order_by("-tahun"))


@router.get("/skp", response={200: list[SKPOut], **errors()})
@paginate
def list_skp(request, tahun: Year | None = None, status: str = "", pegawai_id: Id | None = None):
    qs = selectors.skp_list(permissions.skp_visible_to(request.user), tahun=tahun, status=status)
    return qs.filter(pegawai_id=pegawai_id) if pegawai_id else qs


@router.get("/skp/{skp_id}", response={200: SKPDetailOut, **errors(404)})
def get_skp(request, skp_id: Id):
    return _detail(_skp(request, skp_id))


@router.get("/skp/{skp_id}/versi", response={200: list[VersiOut], **errors(404)})
def list_versions(request, skp_id: Id):
    return list(selectors.versions(_skp(request, skp_id)))


@router.post("/skp", response={201: SKPDetailOut, **errors(400, 403, 404)})
def start_skp(request, payload: StartIn):
    salin = _skp(request, payload.salin_dari_id) if payload.salin_dari_id else None
    pegawai = request.user.pegawai
    if pegawai is None:
        raise Http404
    skp = services.skp_start(actor=request.user, pegawai=pegawai, tahun=payload.tahun, salin_dari=salin)
    return Status(201, _detail(skp))


def _rhk_save(request, skp_id: int, payload: RHKIn, rhk_id: int | None = None) -> RHK:
    """Add an RHK to the SKP, or change the one `rhk_id` names."""
    skp = _skp(request, skp_id)
    return services.rhk_save(
        actor=request.user,
        skp=skp,
        rhk=permissions.get_rhk_of_skp_or_404(skp, rhk_id) if rhk_id else None,
        kunci=payload.kunci,
        uraian=payload.uraian,
        jenis=payload.jenis,
        rhk_atasan=_rhk_atasan(payload.rhk_atasan_id),
        perspektif=payload.perspektif,
    )


@router.post("/skp/{skp_id}/rhk", response={201: IdOut, **errors(400, 403, 404, 409)})
def create_rhk(request, skp_id: Id, payload: RHKIn):
    return Status(201, _rhk_save(request, skp_id, payload))


@router.put("/skp/{skp_id}/rhk/{rhk_id}", response={200: IdOut, **errors(400, 403, 404, 409)})
def update_rhk(request, skp_id: Id, rhk_id: Id, payload: RHKIn):
    return _rhk_save(request, skp_id, payload, rhk_id)


@router.delete("/skp/{skp_id}/rhk/{rhk_id}", response={204: None, **errors(400, 403, 404, 409)})
def delete_rhk(request, skp_id: Id, rhk_id: Id, payload: KunciIn):
    skp = _skp(request, skp_id)
    services.rhk_delete(
        actor=request.user, rhk=permissions.get_rhk_of_skp_or_404(skp, rhk_id), kunci=payload.kunci
    )
    return Status(204, None)


def _indikator_values(payload: IndikatorIn) -> dict:
    return payload.dict(exclude={"kunci"})


@router.post("/skp/{skp_id}/rhk/{rhk_id}/indikator", response={201: IdOut, **errors(400, 403, 404, 409)})
def create_indikator(request, skp_id: Id, rhk_id: Id, payload: IndikatorIn):
    skp = _skp(request, skp_id)
    rhk = permissions.get_rhk_of_skp_or_404(skp, rhk_id)
    item = services.indikator_save(
        actor=request.user, rhk=rhk, kunci=payload.kunci, **_indikator_values(payload)
    )
    return Status(201, item)


@router.put("/skp/{skp_id}/indikator/{indikator_id}", response={200: IdOut, **errors(400, 403, 404, 409)})
def update_indikator(request, skp_id: Id, indikator_id: Id, payload: IndikatorIn):
    skp = _skp(request, skp_id)
    item = permissions.get_indikator_of_skp_or_404(skp, indikator_id)
    return services.indikator_save(
        actor=request.user, rhk=item.rhk, indikator=item, kunci=payload.kunci, **_indikator_values(payload)
    )


@router.delete("/skp/{skp_id}/indikator/{indikator_id}", response={204: None, **errors(400, 403, 404, 409)})
def delete_indikator(request, skp_id: Id, indikator_id: Id, payload: KunciIn):
    skp = _skp(request, skp_id)
    item = permissions.get_indikator_of_skp_or_404(skp, indikator_id)
    services.indikator_delete(actor=request.user, indikator=item, kunci=payload.kunci)
    return Status(204, None)


@router.put("/skp/{skp_id}/lampiran", response={200: SKPDetailOut, **errors(400, 403, 404, 409)})
def update_lampiran(request, skp_id: Id, payload: LampiranIn):
    skp = services.lampiran_save(actor=request.user, skp=_skp(request, skp_id), **payload.dict())
    return _detail(skp)


def _step(request, skp_id: int, service, payload: KunciIn, **values) -> SKP:
    """One workflow step through its service; the SKP as GET /skp/{id} shows it afterwards."""
    return _detail(service(actor=request.user, skp=_skp(request, skp_id), kunci=payload.kunci, **values))


@router.post("/skp/{skp_id}/ajukan", response={200: SKPDetailOut, **errors(400, 403, 404, 409)})
def submit_skp(request, skp_id: Id, payload: KunciIn):
    return _step(request, skp_id, services.skp_submit, payload)


@router.post("/skp/{skp_id}/tarik", response={200: SKPDetailOut, **errors(400, 403, 404, 409)})
def withdraw_skp(request, skp_id: Id, payload: KunciIn):
    return _step(request, skp_id, services.skp_withdraw, payload)


@router.post("/skp/{skp_id}/setujui", response={200: SKPDetailOut, **errors(400, 403, 404, 409)})
def approve_skp(request, skp_id: Id, payload: SetujuiIn):
    return _step(request, skp_id, services.skp_approve, payload, ekspektasi=payload.ekspektasi)


@router.post("/skp/{skp_id}/kembalikan", response={200: SKPDetailOut, **errors(400, 403, 404, 409)})
def return_skp(request, skp_id: Id, payload: AlasanIn):
    return _step(request, skp_id, services.skp_return, payload, reason=payload.alasan)


@router.post("/skp/{skp_id}/revisi", response={200: SKPDetailOut, **errors(400, 403, 404, 409)})
def revise_skp(request, skp_id: Id, payload: AlasanIn):
    return _step(request, skp_id, services.skp_propose_revision, payload, reason=payload.alasan)
