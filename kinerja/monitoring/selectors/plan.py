"""The plan a period is monitored against: the periods an SKP covers, the approved version in force for each,
the penilai of each period, and whether a period still takes input (its deadline or a reopening)."""

import datetime
from dataclasses import dataclass

from django.db.models import Q

from kinerja.core import clock
from kinerja.monitoring import rules
from kinerja.monitoring.models import Pembukaan
from kinerja.planning import selectors as planning_selectors
from kinerja.planning.models import SKP, Periode, VersiSKP


@dataclass
class PeriodPlan:
    """One period of an SKP with the content of the version in force for it (VersiSKP.konten)."""

    periode: Periode
    versi: VersiSKP | None

    @property
    def konten(self) -> dict:
        return self.versi.konten if self.versi else {}

    def rhk(self) -> list[dict]:
        return self.konten.get("rhk", [])

    def indikator(self, indikator_id: int) -> tuple[dict, dict] | None:
        """The RHK and indikator (as the version recorded them) with this id, or None."""
        for r in self.rhk():
            for i in r.get("indikator", []):
                if i.get("id") == indikator_id:
                    return r, i
        return None

    def has_rhk(self, rhk_id: int) -> bool:
        return any(r.get("id") == rhk_id for r in self.rhk())


def covered_periods(skp: SKP) -> list[Periode]:
    """The periods of the SKP's year that the SKP overlaps, in order (one query)."""
    periods = list(Periode.objects.filter(tahun_kinerja_id=skp.tahun_kinerja_id).order_by("nomor"))
    numbers = set(
        rules.periods_covered(
            [rules.Span(p.nomor, p.mulai, p.selesai) for p in periods], skp.mulai, skp.selesai
        )
    )
    return [p for p in periods if p.nomor in numbers]


def plans(skp: SKP) -> list[PeriodPlan]:
    """Each covered period with the version in force for it (two queries); a period before any approval has
    none (nothing can be recorded against an SKP never approved)."""
    versions = list(VersiSKP.objects.filter(skp=skp).order_by("nomor"))
    approvals = [(v.nomor, clock.local_date(v.disetujui_at, skp.instansi)) for v in versions]
    by_number = {v.nomor: v for v in versions}
    result = []
    for periode in covered_periods(skp):
        nomor = rules.version_for_period(approvals, periode.mulai)
        result.append(PeriodPlan(periode=periode, versi=by_number.get(nomor) if nomor else None))
    return result


def plan_for(skp: SKP, periode: Periode) -> PeriodPlan | None:
    """The plan of one period of the SKP, or None when the SKP does not cover that period."""
    for plan in plans(skp):
        if plan.periode.pk == periode.pk:
            return plan
    return None


def penilai_of_period(skp: SKP, periode: Periode) -> int | None:
    """Who gives feedback on a period's realisations: the penilai at the period's end (or today, while it runs),
    kept inside the SKP's span; the BKPSDM's choice when it set one (Plt/Plh and vacancies as in planning)."""
    at = min(periode.selesai, clock.today(skp.instansi))
    return planning_selectors.effective_penilai_id(skp, at)


def reopenings(skp: SKP, periode: Periode):
    """The reopenings of a period that reach this SKP's pegawai: for them, or for a unit above their position."""
    unit = skp.jabatan.unit
    ids = [*unit.ancestor_ids, unit.pk]
    return Pembukaan.objects.filter(Q(pegawai_id=skp.pegawai_id) | Q(unit_id__in=ids), periode=periode)


def input_until(skp: SKP, periode: Periode) -> datetime.date:
    """The last day the pegawai may record input for the period."""
    return rules.input_deadline(periode.tenggat_input, [r.sampai for r in reopenings(skp, periode)])


def is_open(skp: SKP, periode: Periode, today: datetime.date | None = None) -> bool:
    today = today or clock.today(skp.instansi)
    reopened = [r.sampai for r in reopenings(skp, periode)]
    return rules.is_open(
        today=today, mulai=periode.mulai, tenggat_input=periode.tenggat_input, reopened_until=reopened
    )
