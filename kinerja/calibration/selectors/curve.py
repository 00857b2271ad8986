"""The distribution curve of a period or a year: the finalised predikat of each unit's people against the pattern
their organisation predikat asks for (SE MenPANRB 3/2023, the framework's `distribusi` rules).

Whose pattern: by default a person is held to the organisation result of their perangkat daerah (the highest unit
of their path with a result for the span), where SE 3/2023 places the organisation's performance agreement; the
page may instead hold each person to their own unit's result (else the nearest unit above with one), which in a
small section makes the percentages coarse. People with no such unit are counted apart, unchecked. Everyone evaluated in the unit counts, its head included. The queries are a
fixed number whatever the size of the instansi: the results (with their units' names) and the evaluations (two columns)."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from kinerja.accounts.permissions import under_unit_paths
from kinerja.calibration import rules
from kinerja.criteria import selectors as criteria_selectors
from kinerja.criteria.models import Bagian
from kinerja.criteria.rules import ORGANISASI_LABELS, PREDIKAT, PREDIKAT_LABELS, PREDIKAT_ORGANISASI, label
from kinerja.evaluation.models import Evaluasi, HasilOrganisasi
from kinerja.evaluation.selectors.history import RESULT_STATUSES
from kinerja.org.models import UnitKerja
from kinerja.planning.models import Periode


@dataclass(frozen=True)
class Bar:
    predikat: str
    label: str
    count: int
    persen: Decimal
    low: Decimal | None  # the single-predikat band of the rules, for the chart
    high: Decimal | None

    @property
    def svg_width(self) -> str:
        """The bar's width on a 0–100 SVG scale (a dot for decimals, whatever the language)."""
        return f"{float(self.persen):.2f}"

    @property
    def svg_band(self) -> tuple[str, str] | None:
        """(x, width) of the allowed band on the same scale, or None when the rules give this predikat none."""
        if self.low is None and self.high is None:
            return None
        low, high = float(self.low or 0), float(self.high if self.high is not None else 100)
        return f"{low:.2f}", f"{max(high - low, 0.5):.2f}"

    @property
    def outside(self) -> bool:
        return (self.low is not None and self.persen < self.low) or (
            self.high is not None and self.persen > self.high
        )


@dataclass
class Group:
    """People held to one pattern: one unit's (unit set) or, summed, every unit of one organisation predikat."""

    organisasi: str
    counts: Counter = field(default_factory=Counter)
    unit_id: int | None = None
    nama: str = ""
    path: str = ""
    units: int = 0
    violations: list[rules.Violation] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def organisasi_label(self) -> str:
        return label(ORGANISASI_LABELS, self.organisasi)

    @property
    def cells(self) -> list[int]:
        """The count of each predikat, best first."""
        return [self.counts[p] for p in PREDIKAT]

    @property
    def one_person(self) -> Decimal | None:
        return rules.one_person(self.total)

    @property
    def coarse(self) -> bool:
        return rules.is_coarse(self.total)

    def bars(self, distribusi: list[dict]) -> list[Bar]:
        band = rules.bands(self.organisasi, distribusi)
        return [
            Bar(p, str(PREDIKAT_LABELS[p]), self.counts[p], rules.share(self.counts[p], self.total), *band[p])
            for p in PREDIKAT
        ]


@dataclass
class Curve:
    tahun: int
    periode: Periode | None
    distribusi: list[dict]  # the rules in force for the span
    units: list[Group]  # per unit whose result governs people in scope, by path
    by_organisasi: list[Group]  # summed per organisation predikat, best first
    ungoverned: Counter  # predikat of people no organisation result governs
    framework: bool  # whether a framework was in force (without one nothing is checked)

    @property
    def total(self) -> int:
        return sum(g.total for g in self.units) + sum(self.ungoverned.values())

    @property
    def per_predikat(self) -> dict[str, int]:
        """Everyone's count per predikat, best first, governed or not."""
        total = Counter(self.ungoverned)
        for group in self.units:
            total.update(group.counts)
        return {p: total[p] for p in PREDIKAT}

    @property
    def ungoverned_total(self) -> int:
        return sum(self.ungoverned.values())

    @property
    def violating_units(self) -> list[Group]:
        return [g for g in self.units if g.violations]


LEVELS = ("perangkat_daerah", "unit")


def _governing(path: str, results: dict[str, tuple], level: str) -> str | None:
    """The unit whose organisation result holds a person of the unit at `path`: at the level "perangkat_daerah",
    the highest unit of the path with a result (the perangkat daerah when it has one); at "unit", the nearest (the
    person's own unit first)."""
    parts = path.strip("/").split("/")
    ends = range(1, len(parts) + 1) if level == "perangkat_daerah" else range(len(parts), 0, -1)
    for end in ends:
        candidate = "/" + "/".join(parts[:end]) + "/"
        if candidate in results:
            return candidate
    return None


def span_filter(tahun: int, periode: Periode | None) -> Q:
    """The evaluations (or organisation results) of a period, or the annual ones of the year."""
    return Q(tahun=tahun) & (Q(periode=periode) if periode is not None else Q(periode__isnull=True))


def _distribusi(
    instansi_id: int, tahun: int, periode: Periode | None, today: datetime.date
) -> list[dict] | None:
    at = min(
        periode.selesai if periode else datetime.date(tahun, 12, 31), max(today, datetime.date(tahun, 1, 1))
    )
    ruleset = criteria_selectors.rules_in_force(instansi_id, at)
    return None if ruleset is None else list(ruleset.aturan.get(Bagian.DISTRIBUSI, []))


def curve(
    instansi_id: int,
    tahun: int,
    periode: Periode | None,
    today: datetime.date,
    paths: list[str] | None = None,
    level: str = "perangkat_daerah",
    overrides: dict[int, str] | None = None,
) -> Curve:
    """The curve of the span inside the unit subtrees `paths` (None: the whole instansi), each person held to the
    organisation result of their perangkat daerah or of their own unit (`level`); `overrides` puts another
    predikat in place of some evaluations' (by id): a calibration session's before or after."""
    distribusi = _distribusi(instansi_id, tahun, periode, today)
    results = {
        path: (unit_id, nama, predikat)
        for unit_id, path, nama, predikat in HasilOrganisasi.objects.filter(
            span_filter(tahun, periode), instansi_id=instansi_id
        ).values_list("unit_id", "unit__path", "unit__nama", "predikat")
    }
    evaluations = Evaluasi.objects.filter(
        span_filter(tahun, periode), instansi_id=instansi_id, status__in=RESULT_STATUSES
    ).exclude(predikat="")
    if paths is not None:
        evaluations = evaluations.filter(under_unit_paths(paths, "skp__jabatan__unit__"))
    counts: dict[str, Counter] = defaultdict(Counter)
    ungoverned: Counter = Counter()
    overrides = overrides or {}
    rows = evaluations.values_list("pk", "predikat", "skp__jabatan__unit__path").iterator(2000)
    for pk, found, path in rows:
        predikat = overrides.get(pk, found)
        governing = _governing(path, results, level)
        if governing is None:
            ungoverned[predikat] += 1
        else:
            counts[governing][predikat] += 1
    units = []
    for path in sorted(counts):
        unit_id, nama, organisasi = results[path]
        group = Group(organisasi, counts[path], unit_id, nama, path, 1)
        group.violations = rules.check_distribution(organisasi, group.counts, distribusi or [])
        units.append(group)
    summed: dict[str, Group] = {}
    for group in units:
        total = summed.setdefault(group.organisasi, Group(group.organisasi))
        total.counts.update(group.counts)
        total.units += 1
    by_organisasi = sorted(summed.values(), key=lambda g: PREDIKAT_ORGANISASI.index(g.organisasi))
    for group in by_organisasi:
        group.violations = rules.check_distribution(group.organisasi, group.counts, distribusi or [])
    return Curve(tahun, periode, distribusi or [], units, by_organisasi, ungoverned, distribusi is not None)


def unit_choices(instansi_id: int, paths: list[str] | None) -> list[UnitKerja]:
    """The units one may narrow the curve to: the perangkat daerah (top units) of the instansi, or a department administrator's
    units and the units right below them."""
    units = UnitKerja.objects.filter(instansi_id=instansi_id, aktif=True).only("pk", "nama", "path", "depth")
    if paths is None:
        return list(units.filter(depth=0))
    inside = Q(pk__in=[])
    for path in paths:
        inside |= Q(path=path) | Q(parent__path=path)
    return list(units.filter(inside))
