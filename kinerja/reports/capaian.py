"""Capaian in the leaders' reports (issue 14): each pegawai's capaian per period, the spread of it across units,
and the early warning, all averaged and counted in the database from the capaian each realisation keeps
(monitoring's `Realisasi.capaian`), whatever the number of people (kinerja/reports/rules.py has the rules).

The SKP read are those of the year not ended by a transfer and approved at least once (only they take
realisations), their position inside the view; a pegawai's capaian of a period is the mean of their
realisations' capaian of that period.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Case, CharField, Count, F, OuterRef, Q, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import Round

from kinerja.accounts.permissions import under_unit_paths
from kinerja.criteria import selectors as criteria_selectors
from kinerja.criteria.rules import RATING_LABELS
from kinerja.monitoring.models import Realisasi
from kinerja.org.models import UnitKerja
from kinerja.planning.models import SKP, Periode, TahunKinerja
from kinerja.reports import rules
from kinerja.reports.selectors import ALL, Angka, Baris, Pengisian, Saring

Bands = dict[str, tuple[Decimal, Decimal | None]]
CENT = Decimal("0.01")


def bands_for(instansi_id: int, on: datetime.date) -> Bands:
    """The framework's rating bands in force on the day (the default bands when none is published)."""
    ruleset = criteria_selectors.rules_in_force(instansi_id, on)
    return rules.bands_of(ruleset.aturan.get("rating") if ruleset is not None else None)


def skp_in_view(
    instansi_id: int,
    tahun: TahunKinerja,
    *,
    paths: list[str] | None = None,
    unit: UnitKerja | None = None,
    saring: Saring = ALL,
) -> QuerySet[SKP]:
    """The year's SKP that take realisations, of positions in the view: a unit's subtree, else the given
    subtrees, else the whole instansi."""
    qs = SKP.objects.filter(
        saring.on(), instansi_id=instansi_id, tahun_kinerja=tahun, berakhir=False, versi__gt=0
    )
    if unit is not None:
        return qs.filter(jabatan__unit__path__startswith=unit.path)
    if paths is not None:
        return qs.filter(under_unit_paths(paths, "jabatan__unit__"))
    return qs


# Early warning --------------------------------------------------------------------------------------------


@dataclass
class Peringatan:
    """A flagged pegawai: their SKP (with pegawai, position and unit) and the flag with its numbers."""

    skp: SKP
    flag: rules.Flag
    periods: list[Periode]

    @property
    def points(self) -> list[tuple[Periode, Decimal | None]]:
        return list(zip(self.periods, self.flag.series, strict=True))


def _series(periods: list[Periode]) -> dict:
    return {f"c{p.nomor}": Avg("capaian", filter=Q(periode_id=p.pk)) for p in periods}


@dataclass(frozen=True)
class Tanda:
    """One flagged SKP as the database and the rule found it, before any model is read."""

    skp_id: int
    unit_id: int
    flag: rules.Flag


def flags(skp: QuerySet[SKP], periods: list[Periode], threshold: Decimal) -> list[Tanda]:
    """The flagged SKP among those given, over `periods` (in order, up to the one looked at), lowest latest
    capaian first: one query of plain values. The database averages the realisations per SKP and period (grouped
    by the SKP and its unit, a narrow key) and returns only the SKP with a period under the threshold or a fall of
    at least `rules.FALL` from one period to the next; the rule decides on those."""
    if not periods:
        return []
    names = [f"c{p.nomor}" for p in periods]
    maybe = Q()
    # the database compares unrounded means; a cent of margin keeps every SKP the rule (on rounded means) flags
    for n, name in enumerate(names):
        maybe |= Q(**{f"{name}__lt": threshold + CENT})
        if n:
            maybe |= Q(**{f"{names[n - 1]}__gte": F(name) + rules.FALL - CENT})
    averaged = (
        Realisasi.objects.filter(skp__in=skp, periode__in=periods, capaian__isnull=False)
        .values("skp_id", "skp__jabatan__unit_id")
        .annotate(**_series(periods))
        .filter(maybe)
        .order_by()
    )
    found = []
    for row in averaged:
        series = [
            None if row[name] is None else Decimal(row[name]).quantize(Decimal("0.01")) for name in names
        ]
        flag = rules.early_warning(series, threshold)
        if flag is not None:
            found.append(Tanda(row["skp_id"], row["skp__jabatan__unit_id"], flag))
    found.sort(key=lambda t: (t.flag.latest, t.skp_id))
    return found


def read(found: list[Tanda], periods: list[Periode], limit: int | None = None) -> list[Peringatan]:
    """The first `limit` (all with None) flagged SKP with their pegawai and position: one query."""
    shown = found if limit is None else found[:limit]
    if not shown:
        return []
    by_pk = SKP.objects.select_related("pegawai", "jabatan", "jabatan__unit").in_bulk(
        [t.skp_id for t in shown]
    )
    out = [Peringatan(by_pk[t.skp_id], t.flag, periods) for t in shown if t.skp_id in by_pk]
    out.sort(key=lambda w: (w.flag.latest, w.skp.pegawai.nama))
    return out


def warnings(skp: QuerySet[SKP], periods: list[Periode], threshold: Decimal) -> list[Peringatan]:
    """Every flagged pegawai of the SKP given, with their SKP read (for a team: two queries)."""
    return read(flags(skp, periods, threshold), periods)


# Spread across units -------------------------------------------------------------------------------------


@dataclass
class Sebaran:
    """Capaian of one unit (its own people, or a subtree once rolled up) in a period."""

    per_band: dict[str, int] = field(default_factory=lambda: dict.fromkeys(rules.BANDS, 0))
    tanpa: int = 0  # approved SKP without a capaian in the period
    jumlah: Decimal = Decimal(0)  # sum of the realisations' capaian
    realisasi: int = 0  # realisations with a capaian
    ditandai: int = 0  # flagged pegawai

    def add(self, other: "Sebaran") -> None:
        for band, n in other.per_band.items():
            self.per_band[band] += n
        self.tanpa += other.tanpa
        self.jumlah += other.jumlah
        self.realisasi += other.realisasi
        self.ditandai += other.ditandai

    @property
    def rata_rata(self) -> Decimal | None:
        """The mean capaian of the unit's realisations of the period."""
        if not self.realisasi:
            return None
        return (self.jumlah / self.realisasi).quantize(Decimal("0.01"))

    @property
    def dinilai(self) -> int:
        return sum(self.per_band.values())

    def persen(self, band: str) -> float | None:
        return round(100 * self.per_band[band] / self.dinilai, 1) if self.dinilai else None

    @property
    def bars(self) -> list[dict]:
        """The bands in order, each with its count, its share of those with a capaian and where its part of a
        stacked bar 100 wide starts, for the chart."""
        bars, x = [], 0.0
        for band in rules.BANDS:
            share = self.persen(band) or 0.0
            bars.append(
                {"band": band, "label": RATING_LABELS[band], "n": self.per_band[band], "share": share, "x": x}
            )
            x = round(x + share, 1)
        return bars


def spread(skp: QuerySet[SKP], periode: Periode, bands: Bands) -> dict[int, Sebaran]:
    """Each unit's own spread in the period (by unit id): two grouped queries. A pegawai is counted in the band
    of their mean capaian; the unit's mean is over its realisations."""
    mean = (
        Realisasi.objects.filter(skp=OuterRef("pk"), periode=periode, capaian__isnull=False)
        .values("skp")
        .annotate(
            a=Round(Avg("capaian"), 2)
        )  # banded as shown: to the cent, as the lists and the rules read it
        .values("a")
    )
    cases = [When(c__isnull=True, then=Value(""))]
    for band in rules.BANDS[:-1]:
        cases.append(When(c__lt=bands[band][1], then=Value(band)))
    found: dict[int, Sebaran] = {}
    counted = (
        skp.annotate(c=Subquery(mean))
        .annotate(band=Case(*cases, default=Value(rules.BANDS[-1]), output_field=CharField()))
        .values_list("jabatan__unit_id", "band")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for unit_id, band, n in counted:
        sebaran = found.setdefault(unit_id, Sebaran())
        if band:
            sebaran.per_band[band] += n
        else:
            sebaran.tanpa += n
    for unit_id, total, n in (
        Realisasi.objects.filter(periode=periode, capaian__isnull=False, skp__in=skp)
        .values_list("skp__jabatan__unit_id")
        .annotate(total=Sum("capaian"), n=Count("pk"))
        .order_by()
    ):
        sebaran = found.setdefault(unit_id, Sebaran())
        sebaran.jumlah, sebaran.realisasi = Decimal(total or 0), n
    return found


# The leaders' dashboard -----------------------------------------------------------------------------------


SHOWN = 50  # flagged people listed on the dashboard; the count covers them all, a unit chosen shows its own


@dataclass
class BarisKinerja:
    """One unit of the dashboard: its filling (pengisian), its spread of capaian and why it lags, if it does."""

    baris: Baris
    sebaran: Sebaran
    tertinggal_isi: bool
    tertinggal_capaian: bool

    @property
    def unit(self) -> UnitKerja:
        return self.baris.unit

    @property
    def angka(self) -> Angka:
        return self.baris.angka

    @property
    def tertinggal(self) -> bool:
        return self.tertinggal_isi or self.tertinggal_capaian


@dataclass
class Kinerja:
    report: Pengisian
    rows: list[BarisKinerja]
    total: Sebaran
    warnings: list[Peringatan]  # the first SHOWN of those flagged (`total.ditandai` counts them all)
    bands: Bands
    threshold: Decimal
    periods: list[Periode]  # read by the early warning, up to the period shown

    @property
    def lagging(self) -> list[BarisKinerja]:
        return [r for r in self.rows if r.tertinggal]


def dashboard(report: Pengisian) -> Kinerja:
    """The leaders' dashboard over a monitoring report's view and period: per unit row, the spread of capaian
    and the flagged people, rolled up like the report (four queries more than the report's)."""
    bands = bands_for(report.instansi_id, report.on)
    threshold = rules.threshold_of(bands)
    periods = [p for p in report.periods if report.periode is not None and p.nomor <= report.periode.nomor]
    if report.periode is None:
        return Kinerja(report, [], Sebaran(), [], bands, threshold, [])
    skp = skp_in_view(
        report.instansi_id, report.tahun, paths=report.paths, unit=report.unit, saring=report.saring
    )
    flagged = flags(skp, periods, threshold)
    own = spread(skp, report.periode, bands)
    for t in flagged:
        own.setdefault(t.unit_id, Sebaran()).ditandai += 1
    per_row, total = [], Sebaran()
    for baris in report.rows:
        sebaran = Sebaran()
        for u in report.subtree(baris):
            if u.pk in own:
                sebaran.add(own[u.pk])
        total.add(sebaran)
        per_row.append((baris, sebaran))
    rows = []
    for baris, sebaran in per_row:
        behind, under = rules.lagging(
            baris.angka.persen_terisi,
            report.total.persen_terisi,
            sebaran.rata_rata,
            total.rata_rata,
            approved=baris.angka.disetujui,
            rated=sebaran.dinilai,
        )
        rows.append(BarisKinerja(baris, sebaran, behind, under))
    return Kinerja(report, rows, total, read(flagged, periods, SHOWN), bands, threshold, periods)


def capaian_of(skp_ids: list[int], periode: Periode) -> dict[int, Decimal]:
    """The mean capaian of each SKP in the period (one query)."""
    return {
        skp_id: Decimal(value).quantize(Decimal("0.01"))
        for skp_id, value in Realisasi.objects.filter(
            skp_id__in=skp_ids, periode=periode, capaian__isnull=False
        )
        .values_list("skp_id")
        .annotate(a=Avg("capaian"))
        .order_by()
        if value is not None
    }


# The pegawai's own progress -------------------------------------------------------------------------------


@dataclass
class Titik:
    """One period of the pegawai's chart: the mean capaian of their indikator that have one."""

    periode: Periode
    capaian: Decimal | None
    band: str | None

    @property
    def tinggi(self) -> float:
        """The bar's height on a chart 0 to 150%."""
        return 0.0 if self.capaian is None else float(min(self.capaian, Decimal(150)))


@dataclass
class BarisIndikator:
    nama: str
    satuan: str
    per_period: list  # (target, realisasi, capaian) per period begun, None where not numeric
    ytd: Decimal | None


@dataclass
class Kemajuan:
    skp: SKP
    titik: list[Titik]
    indikator: list[BarisIndikator]
    ytd: Decimal | None  # the mean of the indikator's capaian year to date
    threshold: Decimal
    flag: rules.Flag | None

    @property
    def bars(self) -> list[dict]:
        """The chart's bars: 10 wide per period, 0 to 150% high (the target, 100%, is drawn at 50 from the top)."""
        return [
            {"x": n * 10 + 2, "y": round(150 - t.tinggi, 2), "h": round(t.tinggi, 2), "titik": t}
            for n, t in enumerate(self.titik)
            if t.capaian is not None
        ]


def _mean(values: list[Decimal]) -> Decimal | None:
    return (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.01")) if values else None


def my_progress(skp: SKP, page, bands: Bands) -> Kemajuan:
    """The pegawai's indikator against target per period begun, from their realisation page (monitoring's
    `realisasi_page`, a fixed number of queries): the chart's points, the table behind it, the year to date and
    their own early-warning flag."""
    begun = [view for view in page.periods if view.started]
    threshold = rules.threshold_of(bands)
    # the points are the stored capaian averaged as the leaders' reports average them (one query)
    means = dict(
        Realisasi.objects.filter(skp=skp, periode__in=[v.periode for v in begun], capaian__isnull=False)
        .values_list("periode_id")
        .annotate(a=Avg("capaian"))
        .order_by()
    )
    titik: list[Titik] = []
    rows_by_id: dict[int, BarisIndikator] = {}
    for view in begun:
        mean = means.get(view.periode.pk)
        mean = None if mean is None else Decimal(mean).quantize(Decimal("0.01"))
        titik.append(Titik(view.periode, mean, rules.band_of(mean, bands)))
        for block in view.blocks:
            for row in block.rows:
                found = rows_by_id.get(row.id)
                if found is None:
                    found = rows_by_id[row.id] = BarisIndikator(
                        row.indikator.get("uraian") or "",
                        row.indikator.get("satuan") or "",
                        [None] * len(begun),
                        None,
                    )
                position = begun.index(view)
                if row.numeric:
                    value = row.realisasi.nilai_angka if row.realisasi is not None else None
                    found.per_period[position] = (row.target_periode, value, row.capaian)
                    found.ytd = row.ytd_capaian
    rows = list(rows_by_id.values())
    ytd = _mean([r.ytd for r in rows if r.ytd is not None])
    flag = rules.early_warning([t.capaian for t in titik], threshold)
    return Kemajuan(skp, titik, rows, ytd, threshold, flag)


@dataclass(frozen=True)
class DiBawahTarget:
    periode: Periode | None  # the latest period with a realisation of the team
    indikator: int  # its realisations under their period target
    orang: int  # of how many SKP


def behind_target(skp_ids: list[int], periods: list[Periode]) -> DiBawahTarget:
    """In the latest of `periods` in which the SKP have realisations: how many are under their period target
    (capaian under 100%), and of how many people. One query."""
    rows = {
        periode_id: (n, under, orang)
        for periode_id, n, under, orang in Realisasi.objects.filter(skp_id__in=skp_ids, periode__in=periods)
        .values_list("periode_id")
        .annotate(
            n=Count("pk"),
            under=Count("pk", filter=Q(capaian__lt=100)),
            orang=Count("skp", distinct=True, filter=Q(capaian__lt=100)),
        )
        .order_by()
    }
    for periode in reversed(periods):
        if periode.pk in rows:
            _n, under, orang = rows[periode.pk]
            return DiBawahTarget(periode, under, orang)
    return DiBawahTarget(None, 0, 0)
