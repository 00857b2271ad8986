"""360 feedback over the JSON API, through the same services and the same anonymity as the screens: my forms
(read, save, submit), the rounds (the BKPSDM opens and reads their response rates), peers, a participant's
report (aggregates only) and the competency profile. No operation returns a peer's or subordinate's answer or
names them next to one."""

import datetime
from decimal import Decimal
from typing import Annotated

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from kinerja.accounts.permissions import access_of
from kinerja.core import clock
from kinerja.core.api import Id, Year, errors
from kinerja.core.errors import ApplicationError
from kinerja.evaluation.selectors.lookups import get_periode_of_year_or_404
from kinerja.feedback360 import permissions, selectors, services

router = Router(tags=["360"])
Comment = Annotated[str, Field(max_length=2000)]
Level = int | str | None  # 1 to 5, "x" (cannot judge) or null (not answered yet)


class FormulirOut(Schema):
    id: int
    ronde: str
    tanggal_tutup: datetime.date
    untuk: str  # the participant's name
    kelompok: str


class ItemOut(Schema):
    key: str
    kind: str
    nama: str
    uraian: list[str]
    levels: dict[int, str]


class FormulirDetailOut(FormulirOut):
    pertanyaan: list[ItemOut]
    draf: dict


class FormulirIn(Schema):
    nilai: dict[str, Level] = {}
    komentar: Comment = ""
    kirim: bool = False


def _formulir(f, detail: bool = False) -> dict:
    out = {
        "id": f.pk,
        "ronde": f.peserta.ronde.nama,
        "tanggal_tutup": f.peserta.ronde.tanggal_tutup,
        "untuk": f.peserta.pegawai.nama_lengkap,
        "kelompok": f.kelompok,
    }
    if detail:
        out["pertanyaan"] = [
            {"key": i.key, "kind": i.kind, "nama": i.nama, "uraian": i.uraian, "levels": i.levels}
            for i in selectors.items_of(f.peserta)
        ]
        out["draf"] = f.draf
    return out


@router.get("/360/formulir", response={200: list[FormulirOut], **errors()})
def my_forms(request):
    me = access_of(request.user).pegawai_id
    if me is None:
        return []
    return [_formulir(f) for f in selectors.forms_of(me, clock.today(request.user.instansi))]


@router.get("/360/formulir/{formulir_id}", response={200: FormulirDetailOut, **errors(404)})
def get_form(request, formulir_id: Id):
    return _formulir(permissions.get_formulir_for_user_or_404(request.user, formulir_id), detail=True)


@router.put("/360/formulir/{formulir_id}", response={200: FormulirDetailOut, **errors(400, 403, 404, 409)})
def save_form(request, formulir_id: Id, payload: FormulirIn):
    found = permissions.get_formulir_for_user_or_404(request.user, formulir_id)
    saved = services.formulir_simpan(
        actor=request.user,
        formulir=found,
        nilai=payload.nilai,
        komentar=payload.komentar,
        kirim=payload.kirim,
    )
    return _formulir(permissions.get_formulir_for_user_or_404(request.user, saved.pk), detail=True)


class RondeOut(Schema):
    id: int
    nama: str
    tahun: int
    unit: str | None
    tanggal_tutup: datetime.date
    ditutup: bool
    ambang: int


class RondeIn(Schema):
    nama: Annotated[str, Field(max_length=150)]
    tanggal_tutup: datetime.date
    unit_id: Id | None = None
    periode: Annotated[int, Field(ge=1, le=12)] | None = None


class UnitRateOut(Schema):
    unit: str
    peserta: int
    diminta: int
    selesai: int
    persen: int


class RondeDetailOut(RondeOut):
    per_unit: list[UnitRateOut]


def _ronde(r, detail: bool = False) -> dict:
    out = {
        "id": r.pk,
        "nama": r.nama,
        "tahun": r.tahun,
        "unit": r.unit.nama if r.unit_id else None,
        "tanggal_tutup": r.tanggal_tutup,
        "ditutup": r.closed(clock.today(r.instansi)),
        "ambang": r.ambang,
    }
    if detail:
        out["per_unit"] = selectors.rates_per_unit(r)
    return out


@router.get("/360/ronde", response={200: list[RondeOut], **errors()})
def list_rounds(request):
    return [
        _ronde(r)
        for r in permissions.rounds_visible_to(request.user).select_related("unit", "instansi")[:200]
    ]


@router.get("/360/ronde/{ronde_id}", response={200: RondeDetailOut, **errors(404)})
def get_round(request, ronde_id: Id):
    return _ronde(permissions.get_ronde_for_user_or_404(request.user, ronde_id), detail=True)


@router.post("/360/ronde", response={201: RondeDetailOut, **errors(400, 403, 409)})
def open_round(request, payload: RondeIn):
    instansi = request.user.instansi
    if instansi is None:
        raise Http404
    unit = permissions.get_unit_or_404(request.user, payload.unit_id) if payload.unit_id else None
    periode = (
        get_periode_of_year_or_404(instansi.pk, clock.today(instansi).year, payload.periode)
        if payload.periode
        else None
    )
    found = services.ronde_buka(
        actor=request.user,
        instansi=instansi,
        nama=payload.nama,
        tanggal_tutup=payload.tanggal_tutup,
        unit=unit,
        periode=periode,
    )
    return Status(201, _ronde(permissions.get_ronde_for_user_or_404(request.user, found.pk), detail=True))


@router.post("/360/ronde/{ronde_id}/tutup", response={200: RondeDetailOut, **errors(400, 403, 404)})
def close_round(request, ronde_id: Id):
    found = permissions.get_ronde_for_user_or_404(request.user, ronde_id)
    services.ronde_tutup(actor=request.user, ronde=found)
    return _ronde(permissions.get_ronde_for_user_or_404(request.user, ronde_id), detail=True)


class RekanIn(Schema):
    rekan: list[Id] = []
    nip_lain: list[Annotated[str, Field(max_length=18)]] = []


class PesertaOut(Schema):
    id: int
    ronde: str
    pegawai: str
    status_rekan: str
    rekan: list[str]  # who is asked as a peer (being asked is not secret; what they answer is)


def _peserta(p) -> dict:
    return {
        "id": p.pk,
        "ronde": p.ronde.nama,
        "pegawai": p.pegawai.nama_lengkap,
        "status_rekan": p.status_rekan,
        "rekan": [r.nama_lengkap for r in selectors.peers_of(p)],
    }


@router.put("/360/peserta/{peserta_id}/rekan", response={200: PesertaOut, **errors(400, 403, 404, 409)})
def set_peers(request, peserta_id: Id, payload: RekanIn):
    peserta = permissions.get_peserta_for_user_or_404(request.user, peserta_id)
    services.rekan_simpan(actor=request.user, peserta=peserta, rekan=payload.rekan, nip_lain=payload.nip_lain)
    return _peserta(permissions.get_peserta_for_user_or_404(request.user, peserta_id))


class GroupOut(Schema):
    jumlah: int | None = None  # how many gave a level (an anonymous group)
    rata_rata: Decimal | None = None


class RowOut(Schema):
    key: str
    nama: str
    diri: int | None
    penilai: int | None
    rekan: GroupOut | None
    bawahan: GroupOut | None
    lainnya: Decimal | None
    standar: int | None


class LaporanOut(Schema):
    peserta: int
    pegawai: str
    ronde: str
    ambang: int
    dijawab: dict[str, int]
    baris: list[RowOut]
    komentar: dict[str, list[str]]


def _group(a) -> dict | None:
    return None if a is None else {"jumlah": a.count, "rata_rata": a.mean}


@router.get("/360/peserta/{peserta_id}/laporan", response={200: LaporanOut, **errors(400, 404)})
def get_report(request, peserta_id: Id):
    peserta = permissions.get_peserta_for_user_or_404(request.user, peserta_id)
    if not peserta.ronde.closed(clock.today(peserta.ronde.instansi)):
        raise ApplicationError(_("The report opens once the round has closed."))
    report = selectors.report_of(peserta)
    return {
        "peserta": peserta.pk,
        "pegawai": peserta.pegawai.nama_lengkap,
        "ronde": peserta.ronde.nama,
        "ambang": peserta.ronde.ambang,
        "dijawab": report.answered,
        "baris": [
            {
                "key": r.item.key,
                "nama": r.item.nama,
                "diri": r.diri,
                "penilai": r.penilai,
                "rekan": _group(r.rekan),
                "bawahan": _group(r.bawahan),
                "lainnya": r.lain,
                "standar": r.item.standar,
            }
            for r in report.rows
        ],
        "komentar": report.comments,
    }


class ProfilOut(Schema):
    kompetensi: str
    kode: str
    level: int
    level_standar: int | None
    kesenjangan: int
    catatan: str


class ProfilIn(Schema):
    # {competency id: level 1 to 5, or null to leave it unset}
    level: dict[int, Annotated[int, Field(ge=1, le=5)] | None]
    catatan: dict[int, Annotated[str, Field(max_length=500)]] = {}


def _profil(rows) -> list[dict]:
    return [
        {
            "kompetensi": p.kompetensi.nama,
            "kode": p.kompetensi.kode,
            "level": p.level,
            "level_standar": p.level_standar,
            "kesenjangan": p.gap,
            "catatan": p.catatan,
        }
        for p in rows
    ]


@router.get("/360/profil/{pegawai_id}/{tahun}", response={200: list[ProfilOut], **errors(404)})
def get_profile(request, pegawai_id: Id, tahun: Year):
    pegawai = permissions.get_pegawai_for_profile_or_404(request.user, pegawai_id)
    return _profil(selectors.profile_of(pegawai.pk, tahun))


@router.put("/360/profil/{pegawai_id}/{tahun}", response={200: list[ProfilOut], **errors(400, 403, 404)})
def set_profile(request, pegawai_id: Id, tahun: Year, payload: ProfilIn):
    pegawai = permissions.get_pegawai_for_profile_or_404(request.user, pegawai_id)
    services.profil_simpan(
        actor=request.user, pegawai=pegawai, tahun=tahun, levels=payload.level, catatan=payload.catatan
    )
    return _profil(selectors.profile_of(pegawai.pk, tahun))
