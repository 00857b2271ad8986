"""The predikat history of pegawai: their finalised evaluations per period and year, the one read that later
capabilities (calibration, development, promotion) use."""

from collections import defaultdict

from kinerja.evaluation.models import Evaluasi, JenisEvaluasi, StatusEvaluasi

RESULT_STATUSES = [s for s in StatusEvaluasi.values if s != StatusEvaluasi.DRAF]


def predikat_history(pegawai_ids, tahun: int | None = None) -> dict[int, list[Evaluasi]]:
    """Finalised evaluations (the result in force, an objection pending included) by pegawai, newest year first,
    the annual evaluation before the periods of its year (one query)."""
    found = Evaluasi.objects.filter(pegawai_id__in=list(pegawai_ids), status__in=RESULT_STATUSES)
    if tahun is not None:
        found = found.filter(tahun=tahun)
    result: dict[int, list[Evaluasi]] = defaultdict(list)
    rows = found.select_related("periode", "skp").order_by("-tahun", "jenis", "periode__nomor", "pk")
    for e in rows:
        result[e.pegawai_id].append(e)
    for items in result.values():
        items.sort(
            key=lambda e: (-e.tahun, e.jenis != JenisEvaluasi.TAHUNAN, e.periode.nomor if e.periode else 0)
        )
    return dict(result)


def history_of(pegawai_id: int) -> list[Evaluasi]:
    return predikat_history([pegawai_id]).get(pegawai_id, [])


def version_in_force(subjek: str) -> int | None:
    """The version of an evaluation's result in force, for the verification of its prints: 2 once an objection
    was decided, else 1; none for a draft (or an unknown id)."""
    row = Evaluasi.objects.filter(pk=int(subjek)).values("status").first() if subjek.isdigit() else None
    if row is None or row["status"] == StatusEvaluasi.DRAF:
        return None
    return 2 if row["status"] == StatusEvaluasi.DIPUTUS else 1
