"""The leaders' reports over the JSON API (read only), for the same readers and with the same query string as the
pages (reports.filters): monitoring pengisian per unit, and the performance dashboard with its spread of capaian,
lagging units and early warning. A unit outside the reader's view is a 404; anyone else is refused (403)."""

import datetime
from decimal import Decimal

from django.http import Http404
from ninja import Query, Router, Schema

from kinerja.core.api import Id, Year, errors
from kinerja.reports import capaian, permissions
from kinerja.reports.filters import report_from
from kinerja.reports.selectors import Angka, Pengisian

router = Router(tags=["laporan pimpinan"])


class Saringan(Schema):
    """The view, as in the pages' address: read from the query string by reports.filters (declared here for the
    schema and its checks); each left out means the current year and period, the top of the view, everyone."""

    tahun: Year | None = None
    periode: Id | None = None  # a period's id
    unit: Id | None = None  # a unit's id, inside the reader's view
    jenis: str = ""  # a kind of position (org.JenisJabatan)
    status: str = ""  # a staff status: pns, pppk


class AngkaOut(Schema):
    pegawai: int
    belum_ada_skp: int
    draf: int
    diajukan: int
    disetujui: int
    persen_disetujui: float | None
    realisasi_terisi: int
    persen_terisi: float | None
    realisasi: int
    umpan_balik_diberikan: int
    dialog: int


class UnitOut(Schema):
    id: int
    kode: str
    nama: str
    hanya_unit_ini: bool  # the people placed in the unit drilled into, not its sub-units


class BarisPengisianOut(Schema):
    unit: UnitOut
    angka: AngkaOut


class PeriodeOut(Schema):
    id: int
    nomor: int
    nama: str


class PengisianOut(Schema):
    tahun: int
    periode: PeriodeOut | None
    pada: datetime.date
    unit: UnitOut | None
    baris: list[BarisPengisianOut]
    jumlah: AngkaOut


class SebaranOut(Schema):
    di_bawah: int
    sesuai: int
    di_atas: int
    tanpa_capaian: int
    rata_rata_capaian: Decimal | None
    ditandai: int


class BarisKinerjaOut(Schema):
    unit: UnitOut
    angka: AngkaOut
    sebaran: SebaranOut
    tertinggal_pengisian: bool
    tertinggal_capaian: bool


class PeringatanOut(Schema):
    skp_id: int
    pegawai_id: int
    nama: str
    unit: str
    capaian_per_periode: list[Decimal | None]
    menurun: bool
    di_bawah_ambang: bool
    periode_di_bawah_ambang: int
    dialog_dapat_dibuka: bool


class KinerjaOut(PengisianOut):
    ambang: Decimal
    periode_dibaca: list[PeriodeOut]
    sebaran: SebaranOut
    unit_baris: list[BarisKinerjaOut]
    peringatan: list[PeringatanOut]  # the lowest 50; `sebaran.ditandai` counts them all


def _angka(a: Angka) -> dict:
    return {
        "pegawai": a.pegawai,
        "belum_ada_skp": a.belum,
        "draf": a.draf,
        "diajukan": a.diajukan,
        "disetujui": a.disetujui,
        "persen_disetujui": a.persen_disetujui,
        "realisasi_terisi": a.terisi,
        "persen_terisi": a.persen_terisi,
        "realisasi": a.realisasi,
        "umpan_balik_diberikan": a.ditanggapi,
        "dialog": a.dialog,
    }


def _unit(unit, report: Pengisian) -> dict:
    only = report.unit is not None and unit.pk == report.unit.pk
    return {"id": unit.pk, "kode": unit.kode, "nama": unit.nama, "hanya_unit_ini": only}


def _periode(p) -> dict:
    return {"id": p.pk, "nomor": p.nomor, "nama": p.nama}


def _sebaran(s: capaian.Sebaran) -> dict:
    return {
        "di_bawah": s.per_band["di_bawah"],
        "sesuai": s.per_band["sesuai"],
        "di_atas": s.per_band["di_atas"],
        "tanpa_capaian": s.tanpa,
        "rata_rata_capaian": s.rata_rata,
        "ditandai": s.ditandai,
    }


def _pengisian(report: Pengisian) -> dict:
    return {
        "tahun": report.tahun.tahun,
        "periode": _periode(report.periode) if report.periode else None,
        "pada": report.on,
        "unit": _unit(report.unit, report) if report.unit else None,
        "baris": [{"unit": _unit(r.unit, report), "angka": _angka(r.angka)} for r in report.rows],
        "jumlah": _angka(report.total),
    }


def _report(request) -> Pengisian:
    _instansi, report, _years = report_from(request)
    if report is None:
        raise Http404
    return report


@router.get("/laporan/pengisian", response={200: PengisianOut, **errors(403, 404)})
def pengisian(request, saringan: Query[Saringan]):
    """Monitoring pengisian of the view, with the filters of the page: the year, a period and a unit (ids), a kind
    of position and a staff status; the current period and the top of the view when left out."""
    return _pengisian(_report(request))


@router.get("/laporan/kinerja", response={200: KinerjaOut, **errors(403, 404)})
def kinerja(request, saringan: Query[Saringan]):
    """The performance dashboard of the view: the spread of capaian per unit, the lagging units and the early
    warning, with the same filters as monitoring pengisian."""
    report = _report(request)
    board = capaian.dashboard(report)
    openable = permissions.dialog_openable(request.user, [w.skp for w in board.warnings], report.on)
    return {
        **_pengisian(report),
        "ambang": board.threshold,
        "periode_dibaca": [_periode(p) for p in board.periods],
        "sebaran": _sebaran(board.total),
        "unit_baris": [
            {
                "unit": _unit(r.unit, report),
                "angka": _angka(r.angka),
                "sebaran": _sebaran(r.sebaran),
                "tertinggal_pengisian": r.tertinggal_isi,
                "tertinggal_capaian": r.tertinggal_capaian,
            }
            for r in board.rows
        ],
        "peringatan": [
            {
                "skp_id": w.skp.pk,
                "pegawai_id": w.skp.pegawai_id,
                "nama": w.skp.pegawai.nama_lengkap,
                "unit": w.skp.jabatan.unit.nama,
                "capaian_per_periode": list(w.flag.series),
                "menurun": w.flag.menurun,
                "di_bawah_ambang": w.flag.di_bawah_ambang,
                "periode_di_bawah_ambang": w.flag.periods_under,
                "dialog_dapat_dibuka": w.skp.pk in openable,
            }
            for w in board.warnings
        ],
    }
