"""Rater-bias analytics (issue 17), as pure functions: each pejabat penilai's ratings against what the evidence and
the agency's other raters suggest. The app builds one `Rated` per evaluation of the span (a period or a year) and
calls `analyse`; `bench/bias.py` runs it on a synthetic agency with raters biased on purpose and measures what it
finds. docs/bias-method.md explains the method for an auditor.

Ratings are steps 0, 1, 2 (di bawah, sesuai, di atas). A rater's evaluations of one employee in the span are
averaged first, so every measure counts distinct employees (n). Each rater is compared with the *other* raters
(their own ratings never enter their reference) on employees of the same **cell**: for hasil kerja the step the
evidence suggests and the unit's organisation result; for perilaku the 360 level of peers and subordinates (to half
a level) and the unit's result; unknowns are cells of their own (`bias_stats.CellMeans`: one rater, one vote; thin
cells pulled towards their parent). Six measures are given for every rater, flagged or not: `leniency` (flags
"lenient" and "severe"), `central`, `halo`, `evidence`, `disagree_360` and `self_gap`; each function's docstring
says what it measures and when it flags. Leniency, central and self-gap are mean departures: a standard error from
the agency's pooled spread within raters over sqrt(n), and an estimate shrunk for team size (`mean_shifts`).

A flag needs at least `min_sample` employees with the data (`MIN_SAMPLE` by default), a standardised score of at
least `Z_FLAG` in the flag's direction (a one-sided chance of about 1 in 740 for a rater who rates like the others)
and a departure large enough to matter (the constants below).
"""

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.calibration import bias_stats as stats
from kinerja.core.formats import angka
from kinerja.criteria.rules import BERAKHLAK, PREDIKAT_ORGANISASI, RATINGS

MIN_SAMPLE = 5  # fewer employees than this: the measures are shown, no flag is raised
Z_FLAG = 3.0  # the standardised score a flag needs (one-sided p 0.00135)
MIN_STEP = 0.3  # leniency: a departure of at least a third of a rating step
CENTRAL_RATIO = 0.5  # central: at most half the non-sesuai share the other raters give the same cells
MIN_KAPPA = 0.3  # halo: a kappa at least this much above the other raters'
KAPPA_ROOM = 0.1  # halo: no kappa when chance alone makes more than 90% of the pairs agree
EVIDENCE_MIN_COUNT = 2  # evidence: at least two employees rated against the evidence
EVIDENCE_MIN_EXCESS = 0.2  # ... and a share at least 20 points above the other raters'
TAU_MAX = 0.1  # 360: the rater's tau-b is at most this (no real agreement with the peers)
MIN_LEVEL = 2 * MIN_STEP  # self-gap: the same on the 1-5 scale, where a rating step is two levels
PRIOR_RATERS = 5  # a cell with k other raters counts k / (k + 5) against its parent (smoothing of thin cells)
SD_FLOOR = 0.1  # the pooled spread within raters is taken as at least this (a too uniform agency)

STEP = {code: i for i, code in enumerate(RATINGS)}  # di_bawah 0, sesuai 1, di_atas 2
ORGANISASI_STEP = {code: len(PREDIKAT_ORGANISASI) - 1 - i for i, code in enumerate(PREDIKAT_ORGANISASI)}
KINDS = ("leniency", "central", "halo", "evidence", "disagree_360", "self_gap")
FLAG_LABELS = {
    "lenient": gettext_lazy("lenient"),
    "severe": gettext_lazy("severe"),
    "central": gettext_lazy("central tendency"),
    "halo": gettext_lazy("halo"),
    "evidence": gettext_lazy("against the evidence"),
    "disagree_360": gettext_lazy("disagrees with the 360"),
    "self_gap": gettext_lazy("gap with self-assessments"),
}


@dataclass(frozen=True)
class Rated:
    """One evaluation: ratings as steps 0..2 (`STEP`), `nilai` the seven BerAKHLAK values in `BERAKHLAK` order
    (None: not rated), `expected` the step the evidence suggests (None: unknown), `capaian` the mean achievement %
    (carried for pages; the measures use its band, `expected`, so the agency's own bands apply), `organisasi` the unit's result 0..4 (`ORGANISASI_STEP`, 4 istimewa), `bukti` the ratee's evidence files,
    `peers` the 360 mean level of peers and subordinates and `self_level` the self-assessment's (1..5)."""

    rater: int
    ratee: int
    hasil_kerja: int
    perilaku: int
    nilai: tuple[int | None, ...]
    expected: int | None = None
    capaian: float | None = None
    organisasi: int | None = None
    bukti: int = 0
    peers: float | None = None
    self_level: float | None = None

    def __post_init__(self) -> None:
        steps = (self.hasil_kerja, self.perilaku, self.expected, *self.nilai)
        if len(self.nilai) != len(BERAKHLAK) or any(s is not None and s not in (0, 1, 2) for s in steps):
            raise ValueError(f"ratings must be steps 0..2 and seven values: {self!r}")


@dataclass(frozen=True)
class Measure:
    """One measure of one rater. `value` is the rater's figure and `reference` the other raters' for the same
    employees; `effect` the departure (value - reference); `estimate` the departure allowing for team size
    (shrunk; the effect itself for evidence and 360); `low`..`high` the effect's 90% interval; `z` the standardised
    score (above 0: more lenient, more spread, more halo, more against the evidence, more agreement with the 360, a
    larger self-gap); `typical` and `spread` the mean and standard deviation of the effect over the agency's raters
    with at least `min_sample` employees. `count`: for evidence the employees rated above the evidence (`count_low`
    below it), for halo the employees whose nine ratings are all the same. `flag` is set when the measure raises
    one ("lenient", "severe", or the kind's name)."""

    kind: str
    n: int
    min_sample: int = MIN_SAMPLE
    value: float | None = None
    reference: float | None = None
    effect: float | None = None
    estimate: float | None = None
    low: float | None = None
    high: float | None = None
    z: float | None = None
    typical: float | None = None
    spread: float | None = None
    count: int | None = None
    count_low: int | None = None
    flag: str | None = None

    label = property(lambda self: str(FLAG_LABELS[self.flag]) if self.flag else "")  # the flag's words

    def explain(self) -> str:
        """The measure in plain words with its numbers, and the flag when raised."""
        if self.n < 1 or self.value is None:
            return str(NO_DATA[self.kind])
        text = EXPLAIN[self.kind](self)
        if self.flag:
            text += " " + _("Flagged: %(label)s.") % {"label": FLAG_LABELS[self.flag]}
        elif self.n < self.min_sample:
            values = {"n": self.n, "min": self.min_sample}
            text += " " + _("Too few employees (%(n)s, at least %(min)s) to raise a flag.") % values
        return text


@dataclass(frozen=True)
class RaterReport:
    """What `analyse` says of one rater: n distinct employees, every measure by kind (in `KINDS` order) and
    `too_few` when n is under the minimum sample (then nothing is flagged)."""

    rater: int
    n: int
    too_few: bool
    measures: Mapping[str, Measure]

    @property
    def flags(self) -> list[Measure]:
        return [m for m in self.measures.values() if m.flag]


# --- per employee ---------------------------------------------------------------------------------------------


def _key(value: float | None) -> tuple[bool, float]:
    return (value is not None, value or 0)


def _order(r: Rated) -> tuple:
    """A total order of the input, so that sums and therefore results do not depend on the caller's order."""
    fields = (r.expected, r.capaian, r.organisasi, r.peers, r.self_level, *r.nilai)
    return (r.rater, r.ratee, r.hasil_kerja, r.perilaku, r.bukti, *(_key(v) for v in fields))


def _off(step: float) -> float:
    """How far a rating is from sesuai: 0 for sesuai, 1 for di bawah or di atas."""
    return abs(step - 1)


def _band(peers: float | None) -> float | None:
    """The 360 level rounded to half a level: the cell of the behaviour evidence."""
    return None if peers is None else round(peers * 2) / 2


def _behaviour(r: Rated) -> list[int]:
    return [r.perilaku, *(v for v in r.nilai if v is not None)]


def _agreement(r: Rated) -> float:
    """The share of the behaviour ratings (perilaku, the rated values) equal to the rating hasil kerja."""
    behaviour = _behaviour(r)
    return sum(1 for b in behaviour if b == r.hasil_kerja) / len(behaviour)


def _step_shares(steps: Sequence[int]) -> tuple[float, ...]:
    return tuple(steps.count(k) / len(steps) for k in range(3))


def _hasil_keys(r: Rated) -> tuple[tuple, ...]:
    return ("all",), ("expected", r.expected), ("cell", r.expected, r.organisasi)


def _perilaku_keys(r: Rated) -> tuple[tuple, ...]:
    return ("all",), ("peers", _band(r.peers)), ("cell", _band(r.peers), r.organisasi)


@dataclass(frozen=True)
class _Employee:
    """One employee of one rater over the span: means of their evaluations, and the other raters' for the cells."""

    rating: float  # mean of hasil kerja and perilaku
    predicted: float
    extreme: float  # share of the two ratings not sesuai
    extreme_predicted: float
    agreement: float  # share of the behaviour ratings equal to hasil kerja
    hasil_shares: tuple[float, ...]  # shares of the ratings hasil kerja at each step
    behaviour_shares: tuple[float, ...]  # ... and of the behaviour ratings
    identical: bool  # all nine ratings the same in every evaluation
    hasil_kerja: float
    expected: float | None
    bukti: int
    behaviour: float  # mean of perilaku and the rated values
    peers: float | None
    self_level: float | None


def _mean_known(values: Iterable[float | None]) -> float | None:
    known = [float(v) for v in values if v is not None]
    return stats.mean(known) if known else None


def _employee(group: Sequence[Rated], cells: Sequence[stats.CellMeans]) -> _Employee:
    hasil, perilaku = cells
    predicted = [
        (hasil.predict(r.rater, _hasil_keys(r)), perilaku.predict(r.rater, _perilaku_keys(r))) for r in group
    ]
    return _Employee(
        rating=stats.mean([(r.hasil_kerja + r.perilaku) / 2 for r in group]),
        predicted=stats.mean([(h[0] + p[0]) / 2 for h, p in predicted]),
        extreme=stats.mean([(_off(r.hasil_kerja) + _off(r.perilaku)) / 2 for r in group]),
        extreme_predicted=stats.mean([(h[1] + p[1]) / 2 for h, p in predicted]),
        agreement=stats.mean([_agreement(r) for r in group]),
        hasil_shares=_step_shares([r.hasil_kerja for r in group]),
        behaviour_shares=_step_shares([b for r in group for b in _behaviour(r)]),
        identical=all(_agreement(r) == 1 for r in group),
        hasil_kerja=stats.mean([r.hasil_kerja for r in group]),
        expected=_mean_known(r.expected for r in group),
        bukti=sum(r.bukti for r in group),
        behaviour=stats.mean([b for r in group for b in _behaviour(r)]),
        peers=_mean_known(r.peers for r in group),
        self_level=_mean_known(r.self_level for r in group),
    )


def _teams(rows: Sequence[Rated]) -> dict[int, list[_Employee]]:
    """Each rater's employees, the evaluations of one (rater, employee) averaged."""
    cells = (stats.CellMeans(PRIOR_RATERS), stats.CellMeans(PRIOR_RATERS))
    groups: dict[tuple[int, int], list[Rated]] = defaultdict(list)
    for r in rows:
        cells[0].add(r.rater, _hasil_keys(r), (r.hasil_kerja, _off(r.hasil_kerja)))
        cells[1].add(r.rater, _perilaku_keys(r), (r.perilaku, _off(r.perilaku)))
        groups[(r.rater, r.ratee)].append(r)
    teams: dict[int, list[_Employee]] = defaultdict(list)
    for (rater, _ratee), group in groups.items():
        teams[rater].append(_employee(group, cells))
    return teams


# --- the measures ---------------------------------------------------------------------------------------------

Teams = Mapping[int, Sequence[_Employee]]


def _with(m: Measure, **changes) -> Measure:
    return Measure(**{**m.__dict__, **changes})


def _with_spread(measures: dict[int, Measure], min_sample: int) -> dict[int, Measure]:
    """The agency's typical effect and its spread (mean and standard deviation over raters with enough employees)."""
    typical, spread = stats.mean_sd(
        [m.effect for m in measures.values() if m.n >= min_sample and m.effect is not None]
    )
    return {rater: _with(m, typical=typical, spread=spread) for rater, m in measures.items()}


def _shift_measures(
    kind: str, pairs: Mapping[int, Sequence[tuple[float, float]]], min_sample: int, flag: Callable
) -> dict[int, Measure]:
    """Measures of a mean departure from (value, reference) pairs, one per employee (`bias_stats.mean_shifts`)."""
    shifts = stats.mean_shifts(
        {r: [v - ref for v, ref in ps] for r, ps in pairs.items()}, min_sample, SD_FLOOR
    )
    result = {}
    for rater, s in shifts.items():
        value, reference = (stats.mean(column) for column in zip(*pairs[rater], strict=True))
        low, high = s.interval
        m = Measure(kind, s.n, min_sample, value, reference, s.effect, s.estimate, low, high, s.z)
        result[rater] = _with(m, flag=flag(m)) if s.n >= min_sample else m
    return _with_spread(result, min_sample)


def _flag_leniency(m: Measure) -> str | None:
    strong = abs(m.z or 0.0) >= Z_FLAG and abs(m.effect or 0.0) >= MIN_STEP
    return None if not strong else "lenient" if (m.effect or 0.0) > 0 else "severe"


def leniency(teams: Teams, min_sample: int = MIN_SAMPLE) -> dict[int, Measure]:
    """Lenient or severe: the mean rating (hasil kerja and perilaku) against the other raters' in the same cells;
    flagged at |z| >= `Z_FLAG` with a departure of at least `MIN_STEP`."""
    pairs = {rater: [(e.rating, e.predicted) for e in team] for rater, team in teams.items()}
    return _shift_measures("leniency", pairs, min_sample, _flag_leniency)


def _hardly_moves(m: Measure) -> bool:
    return (m.value or 0.0) <= CENTRAL_RATIO * (m.reference or 0.0)


def _flag_central(m: Measure) -> str | None:
    return "central" if (m.z or 0.0) <= -Z_FLAG and _hardly_moves(m) else None


def central(teams: Teams, min_sample: int = MIN_SAMPLE) -> dict[int, Measure]:
    """Central tendency: the share of ratings not sesuai against the other raters' in the same cells; flagged at
    z <= -`Z_FLAG` when the share is at most `CENTRAL_RATIO` of the others'."""
    pairs = {rater: [(e.extreme, e.extreme_predicted) for e in team] for rater, team in teams.items()}
    return _shift_measures("central", pairs, min_sample, _flag_central)


def _shares(team: Sequence[_Employee], field: str) -> list[float]:
    return [stats.mean([getattr(e, field)[k] for e in team]) for k in range(3)]


def _kappa(team: Sequence[_Employee]) -> tuple[float | None, float]:
    """Cohen's kappa of the rating hasil kerja and the behaviour ratings, with the chance agreement of the rater's
    own mix of ratings (their shares of each step); no kappa when chance leaves less than `KAPPA_ROOM`."""
    chance = stats.chance_agreement(_shares(team, "hasil_shares"), _shares(team, "behaviour_shares"))
    kappa = (
        (stats.mean([e.agreement for e in team]) - chance) / (1 - chance)
        if 1 - chance >= KAPPA_ROOM
        else None
    )
    return kappa, chance


def _follows_hasil(team: Sequence[_Employee]) -> bool:
    """Whether the behaviour ratings follow the rating hasil kerja more closely than the 360 level (Goodman and
    Kruskal's gamma over the employees with a 360 result): in a team whose best workers are also, by their peers'
    account, the best behaved, agreeing ratings are no halo. True when it cannot be told."""
    known = [e for e in team if e.peers is not None]
    behaviour = [e.behaviour for e in known]
    by_hasil = stats.gamma([e.hasil_kerja for e in known], behaviour)
    by_peers = stats.gamma([e.peers or 0.0 for e in known], behaviour)
    return by_hasil is None or by_peers is None or by_hasil > by_peers


def halo(teams: Teams, min_sample: int = MIN_SAMPLE) -> dict[int, Measure]:
    """Halo: Cohen's kappa between the rating hasil kerja and the behaviour ratings of the same evaluation, against
    the other raters' (their kappas' mean weighted by n). Its standard error is the agency's pooled standard
    deviation of the employees' agreement within raters over sqrt(n) × (1 - chance). Flagged at z >= `Z_FLAG` with
    a kappa at least `MIN_KAPPA` above the others', unless the ratings hardly move (see `central`) or the behaviour
    ratings follow the 360 at least as closely as hasil kerja (`_follows_hasil`)."""
    kappas = {rater: (len(team), *_kappa(team)) for rater, team in teams.items() if team}
    known = {rater: (float(n), k) for rater, (n, k, _c) in kappas.items() if k is not None}
    sd = max(SD_FLOOR, stats.pooled_sd([[e.agreement for e in team] for team in teams.values()]) or 0.0)
    moving = {rater: not _hardly_moves(m) for rater, m in central(teams, min_sample).items()}
    references, measures = stats.weighted_without(known, kappas), {}
    for rater, (n, kappa, chance) in kappas.items():
        team, reference = teams[rater], references[rater]
        m = Measure("halo", n, min_sample, value=kappa, count=sum(1 for e in team if e.identical))
        if kappa is not None and reference is not None:
            se, effect = sd / math.sqrt(n) / (1 - chance), kappa - reference
            m = Measure("halo", n, min_sample, kappa, reference, effect, effect, *(effect - stats.Z90 * se,
                        effect + stats.Z90 * se), effect / se, count=m.count)  # fmt: skip
            strong = n >= min_sample and effect / se >= Z_FLAG and effect >= MIN_KAPPA
            m = _with(m, flag="halo" if strong and moving[rater] and _follows_hasil(team) else None)
        measures[rater] = m
    return _with_spread(measures, min_sample)


def _gap_keys(e: _Employee) -> tuple[tuple, ...]:
    return ("all",), ("peers", _band(e.peers))


def _gap(e: _Employee) -> float | None:
    """Self-assessment minus the rater's behaviour rating, the rater's step put on 1..5 as 1 + 2 × step."""
    return None if e.self_level is None else e.self_level - (1 + 2 * e.behaviour)


def _flag_self_gap(m: Measure) -> str | None:
    return "self_gap" if abs(m.z or 0.0) >= Z_FLAG and abs(m.effect or 0.0) >= MIN_LEVEL else None


def self_gap(teams: Teams, min_sample: int = MIN_SAMPLE) -> dict[int, Measure]:
    """The team's self-assessments minus the rater's behaviour ratings, against the other raters' gap for
    employees of the same 360 level; flagged at |z| >= `Z_FLAG` with a difference of at least `MIN_LEVEL`."""
    cells = stats.CellMeans(PRIOR_RATERS)
    for rater, team in teams.items():
        for e in team:
            if (g := _gap(e)) is not None:
                cells.add(rater, _gap_keys(e), (g,))
    pairs = {
        rater: [(g, cells.predict(rater, _gap_keys(e))[0]) for e in team if (g := _gap(e)) is not None]
        for rater, team in teams.items()
    }
    return _shift_measures("self_gap", pairs, min_sample, _flag_self_gap)


def _against(e: _Employee) -> int:
    """1: rated di atas without achievements in the di atas band or without bukti; -1: rated di bawah with
    achievements of at least sesuai and bukti; 0 otherwise (on means over the span: di atas is 1.5 and up)."""
    if e.hasil_kerja >= 1.5 and (e.bukti == 0 or (e.expected is not None and e.expected < 1.5)):
        return 1
    if e.hasil_kerja <= 0.5 and e.bukti > 0 and e.expected is not None and e.expected >= 0.5:
        return -1
    return 0


def _or(value: float | None, default: float) -> float:
    return default if value is None else value


def _evidence_measure(marks: Sequence[int], reference: float, min_sample: int) -> Measure:
    n, high, low = len(marks), marks.count(1), marks.count(-1)
    count, effect = high + low, (high + low) / n - reference
    lower, upper = stats.wilson(count, n)
    z = stats.z_of_upper_p(stats.binomial_mid_p(count, n, reference))
    m = Measure(
        "evidence",
        n,
        min_sample,
        count / n,
        reference,
        effect,
        effect,
        lower - reference,
        upper - reference,
        z,
    )
    enough = n >= min_sample and count >= EVIDENCE_MIN_COUNT
    flag = "evidence" if enough and z >= Z_FLAG and effect >= EVIDENCE_MIN_EXCESS else None
    return _with(m, count=high, count_low=low, flag=flag)


def evidence(teams: Teams, min_sample: int = MIN_SAMPLE) -> dict[int, Measure]:
    """Ratings against the evidence: the count of such employees against the other raters' share (binomial,
    one-sided mid-p); flagged at z >= `Z_FLAG` with at least `EVIDENCE_MIN_COUNT` employees and a share at least
    `EVIDENCE_MIN_EXCESS` above the others'."""
    marks = {rater: [_against(e) for e in team] for rater, team in teams.items() if team}
    shares = {rater: (float(len(ms)), sum(1 for x in ms if x) / len(ms)) for rater, ms in marks.items()}
    references = stats.weighted_without(shares, marks)
    measures = {
        rater: _evidence_measure(ms, _or(references[rater], shares[rater][1]), min_sample)
        for rater, ms in marks.items()
    }
    return _with_spread(measures, min_sample)


def _tau_measure(n: int, tau: float | None, reference: float | None, min_sample: int) -> Measure:
    m = Measure("disagree_360", n, min_sample, value=tau, reference=reference)
    se = stats.fisher_tau_se(n)
    if tau is None or reference is None or se is None:
        return m
    centre, effect = stats.atanh_clamped(tau), tau - reference
    z = (centre - stats.atanh_clamped(reference)) / se
    low = min(
        effect, math.tanh(centre - stats.Z90 * se) - reference
    )  # the interval holds tau at the clamp too
    high = max(effect, math.tanh(centre + stats.Z90 * se) - reference)
    flag = "disagree_360" if n >= min_sample and z <= -Z_FLAG and tau <= TAU_MAX else None
    return Measure("disagree_360", n, min_sample, tau, reference, effect, effect, low, high, z, flag=flag)


def disagree_360(teams: Teams, min_sample: int = MIN_SAMPLE) -> dict[int, Measure]:
    """Disagreement with the 360: Kendall's tau-b between the rater's behaviour ratings and the 360 level, over
    employees with a 360 result, against the other raters' tau (the mean of their Fisher-transformed taus weighted by
    n - 4, the inverse of its variance); flagged at z <= -`Z_FLAG` when the rater's tau is at most `TAU_MAX`."""
    taus: dict[int, tuple[int, float | None]] = {}
    for rater, team in teams.items():
        pairs = [(e.behaviour, e.peers) for e in team if e.peers is not None]
        tau = stats.kendall_tau_b([p[0] for p in pairs], [p[1] for p in pairs]) if len(pairs) > 1 else None
        taus[rater] = (len(pairs), tau)
    known = {r: (n - 4.0, stats.atanh_clamped(t)) for r, (n, t) in taus.items() if t is not None and n > 4}
    references, measures = stats.weighted_without(known, taus), {}
    for rater, (n, tau) in taus.items():
        reference = references[rater]
        measures[rater] = _tau_measure(
            n, tau, None if reference is None else math.tanh(reference), min_sample
        )
    return _with_spread(measures, min_sample)


MEASURES: dict[str, Callable[[Teams, int], dict[int, Measure]]] = {
    f.__name__: f for f in (leniency, central, halo, evidence, disagree_360, self_gap)
}  # by kind, as in KINDS


def analyse(rated: Iterable[Rated], min_sample: int = MIN_SAMPLE) -> dict[int, RaterReport]:
    """Every rater of the span (one period or a year of evaluations) with their measures and flags, by rater id.
    The result does not depend on the input's order."""
    teams = _teams(sorted(rated, key=_order))
    by_kind = {kind: measure(teams, min_sample) for kind, measure in MEASURES.items()}
    return {
        rater: RaterReport(
            rater=rater,
            n=len(team),
            too_few=len(team) < min_sample,
            measures={kind: by_kind[kind].get(rater) or Measure(kind, 0, min_sample) for kind in KINDS},
        )
        for rater, team in sorted(teams.items())
    }


# --- the explanations -----------------------------------------------------------------------------------------


def _num(x: float | None, places: int = 2) -> str:
    return "–" if x is None else angka(Decimal(f"{x:.{places}f}"))


def _pct(x: float | None) -> str:
    return _num(None if x is None else 100 * x, 0)


def _numbers(m: Measure, scale: Callable[[float | None], str] = _num) -> dict[str, object]:
    values: dict[str, object] = {
        f: scale(getattr(m, f)) for f in ("value", "reference", "effect", "estimate")
    }
    values.update(
        {f: scale(getattr(m, f)) for f in ("low", "high", "typical")}, spread=scale(m.spread or 0.0)
    )
    return values | {"z": _num(m.z, 1), "n": m.n, "count": m.count, "count_low": m.count_low}


def _agency(m: Measure) -> str:
    text = _("Across the agency raters depart by %(typical)s on average (±%(spread)s).")
    return "" if m.typical is None else " " + text % _numbers(m)


def _explain_leniency(m: Measure) -> str:
    values = _numbers(m)
    effect = m.effect or 0.0
    if effect >= 0:
        text = _(
            "Your ratings average %(effect)s step above what the other raters give employees with the same "
            "evidence, 360 and unit results as your %(n)s employees (90%% interval %(low)s to %(high)s; "
            "%(estimate)s allowing for team size; z %(z)s)."
        )
    else:
        values.update(effect=_num(-effect), estimate=_num(-(m.estimate or 0.0)))
        values.update(low=_num(-(m.high or 0.0)), high=_num(-(m.low or 0.0)))
        text = _(
            "Your ratings average %(effect)s step below what the other raters give employees with the same "
            "evidence, 360 and unit results as your %(n)s employees (90%% interval %(low)s to %(high)s; "
            "%(estimate)s allowing for team size; z %(z)s)."
        )
    return text % values + _agency(m)


def _explain_central(m: Measure) -> str:
    return _(
        "%(value)s%% of your ratings hasil kerja and perilaku are other than “As expected”; the other raters give "
        "%(reference)s%% to employees with the same evidence, 360 and unit results (%(n)s employees; 90%% "
        "interval of the difference %(low)s to %(high)s points; z %(z)s)."
    ) % _numbers(m, _pct)


def _explain_halo(m: Measure) -> str:
    return _(
        "Cohen's kappa between your rating hasil kerja and your behaviour ratings (perilaku and the seven "
        "BerAKHLAK values) of the same evaluation, how much more often they are equal than your own mix of "
        "ratings gives by chance, is %(value)s against %(reference)s with the other raters (%(n)s employees; 90%% "
        "interval of the difference %(low)s to %(high)s; z %(z)s). Employees with all nine ratings the same: "
        "%(count)s."
    ) % _numbers(m) + _agency(m)


def _explain_evidence(m: Measure) -> str:
    return _(
        "Of your %(n)s employees, %(count)s are rated above expectations without achievements in that band or "
        "without bukti, and %(count_low)s below expectations with achievements at least as expected and bukti: "
        "%(value)s%% against %(reference)s%% with the other raters (z %(z)s)."
    ) % _numbers(m, _pct)


def _explain_360(m: Measure) -> str:
    values = _numbers(m)
    if m.reference is not None and m.low is not None and m.high is not None:
        values.update(low=_num(m.reference + m.low), high=_num(m.reference + m.high))
    text = _(
        "Kendall's tau-b between your behaviour ratings and the 360 levels from peers and subordinates is "
        "%(value)s over %(n)s employees (90%% interval %(low)s to %(high)s) against %(reference)s with the "
        "other raters (z %(z)s)."
    )
    return text % values


def _explain_self_gap(m: Measure) -> str:
    return _(
        "Your %(n)s employees' self-assessments minus your ratings of their behaviour average %(value)s level "
        "(1 to 5 scale, your steps counted as 1, 3 and 5); %(reference)s with the other raters for "
        "the same 360 level. The difference is %(effect)s (90%% interval %(low)s to %(high)s; %(estimate)s "
        "allowing for team size; z %(z)s)."
    ) % _numbers(m) + _agency(m)


EXPLAIN: dict[str, Callable[[Measure], str]] = {
    "leniency": _explain_leniency,
    "central": _explain_central,
    "halo": _explain_halo,
    "evidence": _explain_evidence,
    "disagree_360": _explain_360,
    "self_gap": _explain_self_gap,
}
NO_DATA = {
    **dict.fromkeys(KINDS, gettext_lazy("No employees rated.")),
    "halo": gettext_lazy("Halo cannot be measured: your ratings hardly differ from each other."),
    "disagree_360": gettext_lazy("Too few employees with a 360 result and different ratings to compare."),
    "self_gap": gettext_lazy("No employees with a self-assessment."),
}
