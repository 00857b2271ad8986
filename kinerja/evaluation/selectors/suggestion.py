"""What the evaluation suggests for one SKP in one period, before the penilai decides (issue 15): each RHK of the
version in force for the period with its indikator's capaian (as each realisation keeps it, monitoring's
`Realisasi.capaian`) and the rating they suggest, and the rating hasil kerja the RHK ratings suggest. The bands
are the framework's in force at the period's end, so a threshold changed in a new framework version changes
suggestions only from that version's date. Three queries, whatever the size of the SKP."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from kinerja.criteria import selectors as criteria_selectors
from kinerja.criteria.defaults import rule_rows
from kinerja.evaluation import rules
from kinerja.monitoring.models import Realisasi
from kinerja.monitoring.selectors.plan import plan_for
from kinerja.monitoring.selectors.realisasi import RealisasiPage, realisasi_page
from kinerja.planning.models import SKP, Periode


@dataclass
class SaranIndikator:
    indikator: dict  # as the version recorded it
    capaian: Decimal | None  # of the period's realisation; None without one or without a number


@dataclass
class SaranRHK:
    rhk: dict  # as the version recorded it
    indikator: list[SaranIndikator]
    rating: str | None  # suggested; None when no indikator has a capaian (the penilai judges)

    @property
    def jenis(self) -> str:
        return self.rhk.get("jenis") or rules.UTAMA


@dataclass
class SaranEvaluasi:
    skp: SKP
    periode: Periode | None  # None: the annual evaluation
    versi: int | None  # the SKP version in force for the period (None: the SKP does not cover it)
    bands: list[dict]
    rhk: list[SaranRHK] = field(default_factory=list)
    hasil_kerja: rules.Saran | None = None


def bands_on(instansi_id: int, on: datetime.date) -> list[dict]:
    """The framework's rating bands in force on the day; the default bands when none is published."""
    ruleset = criteria_selectors.rules_in_force(instansi_id, on)
    if ruleset is not None and ruleset.aturan.get("rating"):
        return list(ruleset.aturan["rating"])
    return rule_rows("rating")


def suggestion(skp: SKP, periode: Periode) -> SaranEvaluasi:
    """The suggested RHK ratings and rating hasil kerja of the SKP for the period."""
    bands = bands_on(skp.instansi_id, periode.selesai)
    plan = plan_for(skp, periode)
    if plan is None or plan.versi is None:
        return SaranEvaluasi(skp, periode, None, bands)
    capaian = dict(
        Realisasi.objects.filter(skp=skp, periode=periode, versi_skp=plan.versi.nomor).values_list(
            "indikator_id", "capaian"
        )
    )
    result = SaranEvaluasi(skp, periode, plan.versi.nomor, bands)
    for rhk in plan.rhk():
        rows = [SaranIndikator(i, capaian.get(i.get("id"))) for i in rhk.get("indikator", [])]
        rating = rules.suggest_rhk_rating([r.capaian for r in rows], bands)
        result.rhk.append(SaranRHK(rhk, rows, rating))
    rated = [(r.jenis, r.rating) for r in result.rhk if r.rating is not None]
    result.hasil_kerja = rules.suggest_hasil_kerja(rated)
    return result


def annual_suggestion(skp: SKP, page: RealisasiPage | None = None) -> SaranEvaluasi:
    """The suggestion of the annual evaluation: each indikator's capaian for the year so far at the SKP's last
    covered period (as monitoring accumulates it: sums, last values or averages by the indikator's kind), with
    the framework's bands in force at the SKP's end (`page`: monitoring's page of the SKP, when already read)."""
    bands = bands_on(skp.instansi_id, skp.selesai)
    views = [v for v in (page or realisasi_page(skp)).periods if v.plan.versi is not None]
    if not views:
        return SaranEvaluasi(skp, None, None, bands)
    last = views[-1]
    result = SaranEvaluasi(skp, None, last.plan.versi.nomor if last.plan.versi else None, bands)
    for block in last.blocks:
        rows = [SaranIndikator(r.indikator, r.ytd_capaian) for r in block.rows]
        result.rhk.append(
            SaranRHK(block.rhk, rows, rules.suggest_rhk_rating([r.capaian for r in rows], bands))
        )
    rated = [(r.jenis, r.rating) for r in result.rhk if r.rating is not None]
    result.hasil_kerja = rules.suggest_hasil_kerja(rated)
    return result
