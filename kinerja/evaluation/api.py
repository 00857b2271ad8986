"""Evaluation over the JSON API, through the same services as the screens: my evaluations and queue, one
evaluation with the actions I have on it, saving (and finalising) the draft, acknowledging, objecting, deciding
an objection; and the organisation results of units."""

import datetime
from decimal import Decimal
from typing import Annotated

from ninja import Field, Router, Schema
from ninja.pagination import paginate

from kinerja.accounts.permissions import access_of
from kinerja.core import clock
from kinerja.core.api import Counter, Id, Year, errors
from kinerja.evaluation import permissions, selectors, services
from kinerja.evaluation.models import Evaluasi
from kinerja.evaluation.selectors import lookups

router = Router(tags=["evaluasi"])
Text = Annotated[str, Field(max_length=4000)]


class EvaluasiOut(Schema):
    id: int
    skp_id: int
    pegawai_id: int
    jenis: str
    periode: int | None  # the period's number; None for the annual evaluation
    tahun: int
    status: str
    penilai_id: int
    atasan_penilai_id: int | None
    rating_rhk: dict[str, str]
    rating_nilai: dict[str, str]
    saran_hasil_kerja: str
    rating_hasil_kerja: str
    alasan_hasil_kerja: str
    rating_perilaku: str
    predikat: str
    predikat_organisasi: str
    catatan: str
    rekomendasi: str
    final_at: datetime.datetime | None
    batas_keberatan: datetime.date | None
    alasan_keberatan: str
    hasil_awal: dict
    alasan_keputusan: str
    kunci: int

    @staticmethod
    def resolve_periode(obj):
        return obj.periode.nomor if obj.periode_id else None


class EvaluasiDetailOut(EvaluasiOut):
    # What the caller may do now: "finalkan", "terima", "keberatan", "putus".
    aksi: list[str]


class AntrianOut(Schema):
    skp_id: int
    pegawai_id: int
    nama: str
    tahun: int
    periode: int | None
    evaluasi_id: int | None
    status: str  # "belum" when not started


class EvaluasiIn(Schema):
    kunci: Counter | None = None
    rating_rhk: dict[Annotated[str, Field(max_length=20)], Annotated[str, Field(max_length=10)]] = {}
    rating_nilai: dict[Annotated[str, Field(max_length=40)], Annotated[str, Field(max_length=10)]] = {}
    rating_hasil_kerja: Annotated[str, Field(max_length=10)] = ""
    alasan_hasil_kerja: Text = ""
    rating_perilaku: Annotated[str, Field(max_length=10)] = ""
    catatan: Text = ""
    rekomendasi: Text = ""
    finalkan: bool = False


class AlasanIn(Schema):
    alasan: Text


class PutusIn(Schema):
    alasan: Text
    rating_hasil_kerja: Annotated[str, Field(max_length=10)]
    rating_perilaku: Annotated[str, Field(max_length=10)]


class HasilOrganisasiOut(Schema):
    id: int
    unit_id: int
    unit: str
    tahun: int
    periode: int | None
    capaian: Decimal
    predikat: str
    bukti: str
    tautan: str

    @staticmethod
    def resolve_unit(obj):
        return obj.unit.nama

    @staticmethod
    def resolve_periode(obj):
        return obj.periode.nomor if obj.periode_id else None


class HasilOrganisasiIn(Schema):
    tahun: Year
    periode: Id | None = None  # the period's number; none for the year
    capaian: Annotated[Decimal, Field(ge=0, le=1000, max_digits=7, decimal_places=2)]
    predikat: Annotated[str, Field(max_length=20)]
    bukti: Text = ""
    tautan: Annotated[str, Field(max_length=500)] = ""


def _detail(request, evaluasi: Evaluasi) -> Evaluasi:
    evaluasi = permissions.get_evaluasi_for_user_or_404(request.user, evaluasi.pk)
    evaluasi.aksi = permissions.actions_of(request.user, evaluasi)  # type: ignore[attr-defined]
    return evaluasi


@router.get("/evaluasi", response={200: list[EvaluasiOut], **errors()})
@paginate
def list_evaluations(request):
    """Evaluations where I am the pegawai, the penilai or the atasan penilai, newest first."""
    return lookups.evaluations_of(
        permissions.evaluasi_visible_to(request.user), access_of(request.user).pegawai_id
    )


@router.get("/evaluasi/antrian", response={200: list[AntrianOut], **errors()})
def queue(request):
    """What I evaluate: every period that has ended for the people I assess at its end, the unfinished first."""
    pegawai_id = access_of(request.user).pegawai_id
    if pegawai_id is None:
        return []
    pegawai = request.user.pegawai
    return [
        {
            "skp_id": i.skp.pk,
            "pegawai_id": i.skp.pegawai_id,
            "nama": i.skp.pegawai.nama_lengkap,
            "tahun": i.tahun,
            "periode": i.periode.nomor if i.periode else None,
            "evaluasi_id": i.evaluasi.pk if i.evaluasi else None,
            "status": i.evaluasi.status if i.evaluasi else "belum",
        }
        for i in selectors.queue_of(pegawai, clock.today(pegawai.instansi))
    ]


@router.get("/evaluasi/{evaluasi_id}", response={200: EvaluasiDetailOut, **errors(404)})
def get_evaluation(request, evaluasi_id: Id):
    return _detail(request, permissions.get_evaluasi_for_user_or_404(request.user, evaluasi_id))


def _save(request, skp_id: int, nomor: int | None, payload: EvaluasiIn) -> Evaluasi:
    skp, periode, evaluates = permissions.get_span_or_404(request.user, skp_id, nomor)
    if not evaluates:
        permissions.refuse_span(request.user, skp)
    evaluasi = services.evaluasi_simpan(actor=request.user, skp=skp, periode=periode, **payload.dict())
    return _detail(request, evaluasi)


@router.put(
    "/evaluasi/skp/{skp_id}/periode/{nomor}", response={200: EvaluasiDetailOut, **errors(400, 403, 404, 409)}
)
def save_periodic(request, skp_id: Id, nomor: Id, payload: EvaluasiIn):
    """Save the draft of a periodic evaluation (created on the first save); `finalkan` finalises it too."""
    return _save(request, skp_id, nomor, payload)


@router.put("/evaluasi/skp/{skp_id}/tahunan", response={200: EvaluasiDetailOut, **errors(400, 403, 404, 409)})
def save_annual(request, skp_id: Id, payload: EvaluasiIn):
    """Save the draft of the SKP's annual evaluation; `finalkan` finalises it too."""
    return _save(request, skp_id, None, payload)


@router.post("/evaluasi/{evaluasi_id}/terima", response={200: EvaluasiDetailOut, **errors(400, 403, 404)})
def acknowledge(request, evaluasi_id: Id):
    """The evaluated pegawai acknowledges the finalised result."""
    evaluasi = permissions.get_evaluasi_for_user_or_404(request.user, evaluasi_id)
    return _detail(request, services.evaluasi_terima(actor=request.user, evaluasi=evaluasi))


@router.post("/evaluasi/{evaluasi_id}/keberatan", response={200: EvaluasiDetailOut, **errors(400, 403, 404)})
def object_to(request, evaluasi_id: Id, payload: AlasanIn):
    """The evaluated pegawai objects with reasons, within the framework's days."""
    evaluasi = permissions.get_evaluasi_for_user_or_404(request.user, evaluasi_id)
    found = services.evaluasi_keberatan(actor=request.user, evaluasi=evaluasi, reason=payload.alasan)
    return _detail(request, found)


@router.post("/evaluasi/{evaluasi_id}/putus", response={200: EvaluasiDetailOut, **errors(400, 403, 404)})
def decide(request, evaluasi_id: Id, payload: PutusIn):
    """The atasan penilai decides a pending objection: the ratings kept or changed, with reasons."""
    evaluasi = permissions.get_evaluasi_for_user_or_404(request.user, evaluasi_id)
    found = services.evaluasi_putus(
        actor=request.user,
        evaluasi=evaluasi,
        reason=payload.alasan,
        rating_hasil_kerja=payload.rating_hasil_kerja,
        rating_perilaku=payload.rating_perilaku,
    )
    return _detail(request, found)


@router.get("/hasil-organisasi", response={200: list[HasilOrganisasiOut], **errors()})
@paginate
def list_results(request, tahun: Year | None = None):
    """The organisation results of my instansi (of a year), by unit and period."""
    found = permissions.results_visible_to(request.user, access_of(request.user).instansi_id)
    if tahun is not None:
        found = found.filter(tahun=tahun)
    return found.select_related("unit", "periode").order_by("-tahun", "unit__path", "periode__nomor")


@router.put("/hasil-organisasi/unit/{unit_id}", response={200: HasilOrganisasiOut, **errors(400, 403, 404)})
def record_result(request, unit_id: Id, payload: HasilOrganisasiIn):
    """Record or correct a unit's organisation result for a period (by number) or the year."""
    access = access_of(request.user)
    unit = lookups.get_unit_or_404(access.instansi_id, unit_id)
    periode = None
    if payload.periode is not None:
        periode = lookups.get_periode_of_year_or_404(unit.instansi_id, payload.tahun, payload.periode)
    return services.hasil_organisasi_simpan(
        actor=request.user,
        unit=unit,
        tahun=payload.tahun,
        periode=periode,
        capaian=payload.capaian,
        predikat=payload.predikat,
        bukti=payload.bukti,
        tautan=payload.tautan,
    )
