"""Calibration sessions over the JSON API, for the same people and through the same services as the pages:
list and read sessions (with the distribution before and after), open one, propose a change, accept or reject a
proposal, close the session."""

from typing import Annotated

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.responses import Status

from kinerja.calibration import permissions, services
from kinerja.calibration.selectors import sesi as selectors
from kinerja.core import clock
from kinerja.core.api import Id, Year, errors
from kinerja.core.errors import ApplicationError
from kinerja.evaluation.selectors.lookups import get_periode_of_year_or_404

router = Router(tags=["kalibrasi"])
Text = Annotated[str, Field(max_length=4000)]


class UsulanOut(Schema):
    id: int
    evaluasi_id: int
    pegawai: str
    predikat_semula: str
    predikat: str
    rating_hasil_kerja: str
    rating_perilaku: str
    alasan: str
    status: str
    diusulkan_oleh: str
    catatan_ketua: str


class SesiOut(Schema):
    id: int
    nama: str
    tahun: int
    periode: int | None  # the period's number; None for the annual results
    status: str
    ketua: str


class SesiDetailOut(SesiOut):
    units: list[str]
    anggota: list[str]
    berubah: int  # results the session changes (open: the accepted proposals) or changed (closed)
    sebelum: dict[str, int]  # count per predikat before the changes
    sesudah: dict[str, int]
    usulan: list[UsulanOut]


def _sesi(s) -> dict:
    return {
        "id": s.pk,
        "nama": s.nama,
        "tahun": s.tahun,
        "periode": s.periode.nomor if s.periode_id else None,
        "status": s.status,
        "ketua": s.ketua.nama,
    }


def _usulan(u) -> dict:
    return {
        "id": u.pk,
        "evaluasi_id": u.evaluasi_id,
        "pegawai": u.evaluasi.pegawai.nama_lengkap,
        "predikat_semula": u.predikat_semula,
        "predikat": u.predikat,
        "rating_hasil_kerja": u.rating_hasil_kerja,
        "rating_perilaku": u.rating_perilaku,
        "alasan": u.alasan,
        "status": u.status,
        "diusulkan_oleh": u.diusulkan_oleh.nama,
        "catatan_ketua": u.catatan_ketua,
    }


def _detail(request, pk: int) -> dict:
    s = permissions.get_sesi_for_user_or_404(request.user, pk)
    ba = selectors.before_after(s, clock.today(s.instansi))
    return {
        **_sesi(s),
        "units": [u.nama for u in s.units.all()],
        "anggota": [u.nama for u in s.anggota.all()],
        "berubah": ba.changed,
        "sebelum": ba.before.per_predikat,
        "sesudah": ba.after.per_predikat,
        "usulan": [_usulan(u) for u in selectors.proposals_of(s)],
    }


@router.get("/kalibrasi/sesi", response={200: list[SesiOut], **errors()})
def list_sessions(request):
    return [
        _sesi(s)
        for s in permissions.sessions_visible_to(request.user).select_related("periode", "ketua")[:200]
    ]


@router.get("/kalibrasi/sesi/{sesi_id}", response={200: SesiDetailOut, **errors(404)})
def get_session(request, sesi_id: Id):
    return _detail(request, sesi_id)


class SesiIn(Schema):
    nama: Annotated[str, Field(max_length=150)]
    tahun: Year
    periode: int | None = None  # the period's number in the year; none for the annual results
    unit_ids: list[Id]
    ketua_id: Id
    anggota_ids: list[Id] = []
    catatan: Text = ""


@router.post("/kalibrasi/sesi", response={201: SesiDetailOut, **errors(400, 403, 409)})
def open_session(request, payload: SesiIn):
    instansi = request.user.instansi
    if instansi is None:
        raise Http404
    periode = (
        get_periode_of_year_or_404(instansi.pk, payload.tahun, payload.periode) if payload.periode else None
    )
    units = list(selectors.unit_choices(instansi.pk).filter(pk__in=payload.unit_ids))
    anggota = list(selectors.users_of(instansi.pk, payload.anggota_ids))
    if len(units) != len(set(payload.unit_ids)) or len(anggota) != len(set(payload.anggota_ids)):
        raise ApplicationError(_("A unit or a member is not of your agency."))
    found = services.sesi_buka(
        actor=request.user,
        instansi=instansi,
        nama=payload.nama,
        tahun=payload.tahun,
        periode=periode,
        units=units,
        ketua=selectors.chair_choices(instansi.pk).filter(pk=payload.ketua_id).first(),
        anggota=anggota,
        catatan=payload.catatan,
    )
    return Status(201, _detail(request, found.pk))


class UsulanIn(Schema):
    evaluasi_id: Id
    rating_hasil_kerja: str
    rating_perilaku: str
    alasan: Text


@router.post("/kalibrasi/sesi/{sesi_id}/usulan", response={201: UsulanOut, **errors(400, 403, 404, 409)})
def propose(request, sesi_id: Id, payload: UsulanIn):
    s = permissions.get_sesi_for_user_or_404(request.user, sesi_id)
    evaluasi = selectors.get_evaluation_or_404(s, payload.evaluasi_id)
    found = services.usulan_ajukan(
        actor=request.user,
        sesi=s,
        evaluasi=evaluasi,
        rating_hasil_kerja=payload.rating_hasil_kerja,
        rating_perilaku=payload.rating_perilaku,
        alasan=payload.alasan,
    )
    return Status(201, _usulan(permissions.get_usulan_for_user_or_404(request.user, found.pk)))


@router.post("/kalibrasi/usulan/{usulan_id}/terima", response={200: UsulanOut, **errors(400, 403, 404)})
def accept(request, usulan_id: Id):
    found = permissions.get_usulan_for_user_or_404(request.user, usulan_id)
    services.usulan_terima(actor=request.user, usulan=found)
    return _usulan(permissions.get_usulan_for_user_or_404(request.user, usulan_id))


class TolakIn(Schema):
    alasan: Text


@router.post("/kalibrasi/usulan/{usulan_id}/tolak", response={200: UsulanOut, **errors(400, 403, 404)})
def reject(request, usulan_id: Id, payload: TolakIn):
    found = permissions.get_usulan_for_user_or_404(request.user, usulan_id)
    services.usulan_tolak(actor=request.user, usulan=found, reason=payload.alasan)
    return _usulan(permissions.get_usulan_for_user_or_404(request.user, usulan_id))


@router.post("/kalibrasi/sesi/{sesi_id}/tutup", response={200: SesiDetailOut, **errors(400, 403, 404)})
def close(request, sesi_id: Id):
    s = permissions.get_sesi_for_user_or_404(request.user, sesi_id)
    services.sesi_tutup(actor=request.user, sesi=s)
    return _detail(request, sesi_id)
