"""The distribution curve over the JSON API (read only), for the same readers and with the same query string as the
page (calibration.filters): per unit and summed per organisation predikat, each violation with its rule, bound,
actual share and the people who would have to move."""

from decimal import Decimal

from ninja import Router, Schema

from kinerja.calibration import rules
from kinerja.calibration.filters import scope
from kinerja.calibration.selectors import Group
from kinerja.core.api import Id, Year, errors

router = Router(tags=["kalibrasi"])


class Pelanggaran(Schema):
    jenis: str  # maks, min, ada
    predikat: list[str]
    batas_persen: Decimal | None
    jumlah: int
    persen: Decimal
    perlu_dipindah: int
    keterangan: str


class Kelompok(Schema):
    unit_id: int | None
    unit: str
    predikat_organisasi: str
    jumlah_unit: int
    pegawai: int
    per_predikat: dict[str, int]
    satu_orang_persen: Decimal | None
    kasar: bool
    pelanggaran: list[Pelanggaran]


class Kurva(Schema):
    tahun: int
    periode: int | None  # the period's number; None for the annual evaluations
    tingkat: str
    ada_kerangka: bool
    pegawai: int
    tanpa_hasil_organisasi: int
    per_predikat_organisasi: list[Kelompok]
    per_unit: list[Kelompok]


def _violation(v: rules.Violation) -> dict:
    return {
        "jenis": v.jenis,
        "predikat": list(v.rule["predikat"]),
        "batas_persen": v.bound_persen,
        "jumlah": v.count,
        "persen": v.actual_persen,
        "perlu_dipindah": v.to_move,
        "keterangan": v.explain(),
    }


def _group(g: Group) -> dict:
    return {
        "unit_id": g.unit_id,
        "unit": g.nama,
        "predikat_organisasi": g.organisasi,
        "jumlah_unit": g.units,
        "pegawai": g.total,
        "per_predikat": dict(g.counts),
        "satu_orang_persen": g.one_person,
        "kasar": g.coarse,
        "pelanggaran": [_violation(v) for v in g.violations],
    }


@router.get("/kalibrasi/kurva", response={200: Kurva, **errors(400, 401, 403)})
def kurva(request, tahun: Year | None = None, periode: str = "", unit: Id | None = None, tingkat: str = ""):
    """The curve of a period (`periode`: its number, or "tahunan"; by default the last that ended) of a year,
    for the instansi or one perangkat daerah (`unit`), at the level `tingkat` (perangkat_daerah or unit)."""
    s = scope(request)
    found = s.curve()
    return {
        "tahun": s.tahun,
        "periode": s.periode.nomor if s.periode else None,
        "tingkat": s.level,
        "ada_kerangka": found.framework,
        "pegawai": found.total,
        "tanpa_hasil_organisasi": found.ungoverned_total,
        "per_predikat_organisasi": [_group(g) for g in found.by_organisasi],
        "per_unit": [_group(g) for g in found.units],
    }
