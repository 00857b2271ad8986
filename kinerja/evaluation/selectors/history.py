"""The predikat history of pegawai: their finalised evaluations per period and year, the one read that later
capabilities (calibration, development, promotion) use."""

from collections import defaultdict

from django.db.models import QuerySet

from kinerja.evaluation.models import Evaluasi, JenisEvaluasi, StatusEvaluasi

RESULT_STATUSES = [s for s in StatusEvaluasi.values if s != StatusEvaluasi.DRAF]


def _order(e: Evaluasi) -> tuple:
    """Newest year first, the annual evaluation before the periods of its year."""
    return (-e.tahun, e.jenis != JenisEvaluasi.TAHUNAN, e.periode.nomor if e.periode else 0)


def predikat_history(
    pegawai_ids, tahun: int | None = None, visible: QuerySet[Evaluasi] | None = None
) -> dict[int, list[Evaluasi]]:
    """Finalised evaluations (the result in force, an objection pending included) by pegawai, in `_order`, of
    those `visible` (permissions.evaluasi_visible_to) when given (one query)."""
    found = (visible if visible is not None else Evaluasi.objects.all()).filter(
        pegawai_id__in=list(pegawai_ids), status__in=RESULT_STATUSES
    )
    if tahun is not None:
        found = found.filter(tahun=tahun)
    result: dict[int, list[Evaluasi]] = defaultdict(list)
    for e in found.select_related("periode", "skp"):
        result[e.pegawai_id].append(e)
    return {pegawai_id: sorted(items, key=_order) for pegawai_id, items in result.items()}


def history_of(pegawai_id: int, visible: QuerySet[Evaluasi] | None = None) -> list[Evaluasi]:
    return predikat_history([pegawai_id], visible=visible).get(pegawai_id, [])


def awaiting_acknowledgement(pegawai_id: int, limit: int = 5) -> list[Evaluasi]:
    """The pegawai's finalised results still waiting for them to acknowledge or object."""
    found = Evaluasi.objects.filter(pegawai_id=pegawai_id, status=StatusEvaluasi.FINAL).select_related(
        "periode"
    )
    return list(found.order_by("final_at")[:limit])


def version_in_force(subjek: str) -> int | None:
    """The version of an evaluation's result in force, for the verification of its prints: 2 once an objection
    was decided, else 1; none for a draft (or an unknown id)."""
    row = Evaluasi.objects.filter(pk=int(subjek)).values("status").first() if subjek.isdigit() else None
    if row is None or row["status"] == StatusEvaluasi.DRAF:
        return None
    return 2 if row["status"] == StatusEvaluasi.DIPUTUS else 1
