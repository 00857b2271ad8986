"""The evaluation page of one SKP for a period (or the year): per RHK and indikator the target, realisasi,
capaian, evidence and feedback thread (monitoring's page of the SKP), the suggested and the given ratings, the
BerAKHLAK values with the leader's ekspektasi, and, for a unit head, the unit's organisation result. A fixed
number of queries, whatever the size of the SKP."""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from kinerja.core import clock
from kinerja.criteria import selectors as criteria_selectors
from kinerja.criteria.defaults import rule_rows
from kinerja.evaluation import rules
from kinerja.evaluation.models import Evaluasi, HasilOrganisasi
from kinerja.evaluation.selectors.suggestion import SaranEvaluasi, annual_suggestion, suggestion
from kinerja.monitoring.selectors.realisasi import IndikatorRow, PeriodView, realisasi_page
from kinerja.org.models import UnitKerja
from kinerja.planning import selectors as planning_selectors
from kinerja.planning.models import SKP, PerilakuSKP, Periode


def period_end(skp: SKP, periode: Periode | None) -> datetime.date:
    """The day the evaluated span ends: the period's last day, or the SKP's for the annual evaluation."""
    return min(periode.selesai, skp.selesai) if periode is not None else skp.selesai


def assessors_of(skp: SKP, periode: Periode | None) -> tuple[int | None, int | None]:
    """The pejabat penilai and atasan pejabat penilai at the end of the evaluated span (Plt/Plh and vacancies as
    the organisation chart gives them; the BKPSDM's choice when it set one on the SKP)."""
    if skp.penilai_ditetapkan:
        return skp.penilai_id, skp.atasan_penilai_id
    chain = planning_selectors.chain_of(skp, period_end(skp, periode))
    penilai = chain.penilai.pegawai.pk if chain.penilai else None
    atasan = chain.atasan_penilai.pegawai.pk if chain.atasan_penilai else None
    return penilai, atasan


def identities(skp: SKP, periode: Periode | None) -> dict:
    """The three identity blocks the Dokumen Evaluasi prints, as they stand at the end of the evaluated span."""
    if skp.penilai_ditetapkan:
        return {
            "pegawai": skp.identitas_pegawai,
            "penilai": skp.identitas_penilai,
            "atasan_penilai": skp.identitas_atasan_penilai,
        }
    chain = planning_selectors.chain_of(skp, period_end(skp, periode))
    jenis = chain.penugasan.jenis if chain.penugasan else "definitif"
    return {
        "pegawai": planning_selectors.identitas(skp.pegawai, skp.jabatan, jenis),
        "penilai": planning_selectors.identitas_pejabat(chain.penilai)
        or planning_selectors.identitas_ppk(skp.instansi),
        # Above the top official's penilai stands the PPK (e.g. the mayor), who is not a pegawai in the system.
        "atasan_penilai": planning_selectors.identitas_pejabat(chain.atasan_penilai)
        or (planning_selectors.identitas_ppk(skp.instansi) if chain.penilai else {}),
    }


def matrix_on(instansi_id: int, on: datetime.date) -> list[dict]:
    """The framework's predikat matrix in force on the day; the regulation's default when none is published."""
    ruleset = criteria_selectors.rules_in_force(instansi_id, on)
    if ruleset is not None and ruleset.aturan.get("predikat"):
        return list(ruleset.aturan["predikat"])
    return rule_rows("predikat")


def _days(instansi_id: int, on: datetime.date, setting: str, default: int) -> int:
    ruleset = criteria_selectors.rules_in_force(instansi_id, on)
    return int(ruleset.settings.get(setting) or default) if ruleset is not None else default


def objection_days(instansi_id: int, on: datetime.date) -> int:
    """The framework's days to object to a finalised evaluation (14 without a framework)."""
    return _days(instansi_id, on, "hari_keberatan", 14)


def evaluation_deadline(instansi_id: int, end: datetime.date) -> datetime.date:
    """The last day to finish the evaluation of a span ending on `end`: the framework's days after it (20
    without a framework)."""
    return end + datetime.timedelta(days=_days(instansi_id, end, "hari_tenggat_evaluasi", 20))


def organisation_result(skp: SKP, periode: Periode | None) -> tuple[UnitKerja | None, HasilOrganisasi | None]:
    """For the head of a unit: the unit and its organisation result for the span (None when not recorded)."""
    if not skp.jabatan.kepala_unit:
        return None, None
    unit = skp.jabatan.unit
    found = HasilOrganisasi.objects.filter(unit=unit)
    if periode is not None:
        found = found.filter(periode=periode)
    else:
        found = found.filter(periode__isnull=True, tahun=skp.tahun)
    return unit, found.first()


def organisation_saran(hasil: HasilOrganisasi) -> rules.Saran:
    rating = rules.hasil_kerja_of_organisasi(hasil.predikat)
    return rules.Saran(
        rating,
        _("The unit's organisation predikat is %(predikat)s: for its head it is the work result rating.")
        % {"predikat": hasil.get_predikat_display()},
    )


@dataclass
class RHKRow:
    rhk: dict
    rows: list[IndikatorRow]
    saran: str | None
    given: str | None
    annual: bool

    @property
    def jenis(self) -> str:
        return self.rhk.get("jenis") or rules.UTAMA

    @property
    def key(self) -> str:
        return str(self.rhk.get("id"))


@dataclass
class NilaiRow:
    kode: str
    nama: str
    indikator: list
    ekspektasi: str
    given: str | None


@dataclass
class EvaluationPage:
    skp: SKP
    periode: Periode | None
    evaluasi: Evaluasi | None
    saran: SaranEvaluasi
    saran_hasil: rules.Saran
    view: PeriodView | None
    rhk: list[RHKRow] = field(default_factory=list)
    nilai: list[NilaiRow] = field(default_factory=list)
    unit_dipimpin: UnitKerja | None = None
    organisasi: HasilOrganisasi | None = None
    ended: bool = True
    end: datetime.date | None = None

    @property
    def annual(self) -> bool:
        return self.periode is None

    @property
    def title(self) -> str:
        return self.evaluasi.nama_periode if self.evaluasi else (self.periode.nama if self.periode else "")


def _nilai(skp: SKP, evaluasi: Evaluasi | None) -> list[NilaiRow]:
    given = evaluasi.rating_nilai if evaluasi else {}
    rows = [
        NilaiRow(p.kode, p.nama, p.indikator, p.ekspektasi, given.get(p.kode))
        for p in PerilakuSKP.objects.filter(skp=skp).order_by("urutan", "pk")
    ]
    if rows:
        return rows
    ruleset = planning_selectors.ruleset_of(skp)
    return [
        NilaiRow(n["kode"], n["nama"], n.get("indikator") or [], "", given.get(n["kode"]))
        for n in (ruleset.nilai_perilaku if ruleset else [])
    ]


def hasil_saran(
    rhk_rows: list[RHKRow], organisasi: HasilOrganisasi | None, unit: UnitKerja | None
) -> rules.Saran:
    """The suggested rating hasil kerja: the organisation result for a unit head, else the guidance of section
    2.5 over the RHK ratings the capaian suggests, the penilai's own only for an RHK without one (a qualitative
    one): so a rating hasil kerja away from what the capaian says always needs its written reason."""
    if unit is not None:
        if organisasi is None:
            return rules.Saran(
                None,
                _("%(unit)s has no organisation result for this period yet: the leader above records it.")
                % {"unit": unit.nama},
            )
        return organisation_saran(organisasi)
    rated = [(r.jenis, r.saran or r.given) for r in rhk_rows if (r.saran or r.given)]
    return rules.suggest_hasil_kerja([(j, str(g)) for j, g in rated])


def evaluation_page(skp: SKP, periode: Periode | None, evaluasi: Evaluasi | None) -> EvaluationPage:
    annual = periode is None
    page = realisasi_page(skp)
    saran = annual_suggestion(skp, page) if periode is None else suggestion(skp, periode)
    views = [v for v in page.periods if v.plan.versi is not None]
    if annual:
        view = views[-1] if views else None
    else:
        view = next((v for v in page.periods if v.periode.pk == periode.pk), None)  # type: ignore[union-attr]
    given = evaluasi.rating_rhk if evaluasi else {}
    suggested = {str(r.rhk.get("id")): r.rating for r in saran.rhk}
    rhk_rows = [
        RHKRow(b.rhk, b.rows, suggested.get(str(b.rhk.get("id"))), given.get(str(b.rhk.get("id"))), annual)
        for b in (view.blocks if view else [])
    ]
    unit, organisasi = organisation_result(skp, periode)
    end = period_end(skp, periode)
    return EvaluationPage(
        skp=skp,
        periode=periode,
        evaluasi=evaluasi,
        saran=saran,
        saran_hasil=hasil_saran(rhk_rows, organisasi, unit),
        view=view,
        rhk=rhk_rows,
        nilai=_nilai(skp, evaluasi),
        unit_dipimpin=unit,
        organisasi=organisasi,
        ended=end < clock.today(skp.instansi),
        end=end,
    )
