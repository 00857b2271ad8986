"""Rater-bias analytics over the JSON API (read only), for the same readers and with the same query string as the
pages (?tahun=, ?periode=<nomor>|tahunan): every rater's measures and flags, or one rater's."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from ninja import Router, Schema

from kinerja.calibration import permissions
from kinerja.calibration.bias import RaterReport
from kinerja.calibration.selectors import bias as selectors
from kinerja.core.api import Id, Year, errors
from kinerja.evaluation.views.span import span_from
from kinerja.org.permissions import get_pegawai_for_user_or_404

router = Router(tags=["kalibrasi"])


class UkuranOut(Schema):
    jenis: str
    n: int
    nilai: float | None
    pembanding: float | None
    selisih: float | None
    batas_bawah: float | None  # the 90% interval of the departure
    batas_atas: float | None
    z: float | None
    tanda: str | None
    keterangan: str


class PenilaiOut(Schema):
    pegawai_id: int
    nama: str
    jumlah_pegawai: int
    terlalu_sedikit: bool
    tanda: list[str]
    ukuran: list[UkuranOut]


class AnalitikOut(Schema):
    tahun: int
    periode: int | None
    evaluasi: int
    penilai: list[PenilaiOut]


def _report(r: RaterReport, nama: str) -> dict:
    return {
        "pegawai_id": r.rater,
        "nama": nama,
        "jumlah_pegawai": r.n,
        "terlalu_sedikit": r.too_few,
        "tanda": [m.flag for m in r.flags if m.flag],
        "ukuran": [
            {
                "jenis": m.kind,
                "n": m.n,
                "nilai": m.value,
                "pembanding": m.reference,
                "selisih": m.effect,
                "batas_bawah": m.low,
                "batas_atas": m.high,
                "z": m.z,
                "tanda": m.flag,
                "keterangan": m.explain(),
            }
            for m in r.measures.values()
        ],
    }


@router.get("/kalibrasi/penilai", response={200: AnalitikOut, **errors(400, 401, 403)})
def overview(request, tahun: Year | None = None, periode: str = "", hanya_bertanda: bool = True):
    """Every rater of the instansi analysed in the span (by default only those with a flag)."""
    instansi = request.user.instansi
    if instansi is None or not permissions.can_read_bias(request.user, instansi.pk):
        raise PermissionDenied(_("The raters' analytics are for the evaluation team and the BKPSDM."))
    year, found_periode, _periods, today = span_from(request, instansi)
    found_periode = found_periode if periode else None  # by default the year, as the pages
    found = selectors.analysis(instansi.pk, year, found_periode, today)
    reports = [r for r in found.reports.values() if r.flags or not hanya_bertanda]
    names = selectors.raters_named(r.rater for r in reports)
    return {
        "tahun": year,
        "periode": found_periode.nomor if found_periode else None,
        "evaluasi": found.evaluations,
        "penilai": [_report(r, names[r.rater].nama_lengkap if r.rater in names else "") for r in reports],
    }


@router.get("/kalibrasi/penilai/{pegawai_id}", response={200: PenilaiOut, **errors(400, 403, 404)})
def rater(request, pegawai_id: Id, tahun: Year | None = None, periode: str = ""):
    """One rater's measures in the span (for the rater, the evaluation team and the BKPSDM)."""
    found = get_pegawai_for_user_or_404(request.user, pegawai_id)
    if not permissions.can_read_rater(request.user, found):
        raise PermissionDenied(
            _("A rater's analytics are for the rater, the evaluation team and the BKPSDM.")
        )
    year, found_periode, _periods, today = span_from(request, found.instansi)
    found_periode = found_periode if periode else None  # by default the year, as the pages
    report = selectors.analysis(found.instansi_id, year, found_periode, today).reports.get(found.pk)
    if report is None:
        report = RaterReport(found.pk, 0, True, {})
    return _report(report, found.nama_lengkap)
