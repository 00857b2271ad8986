"""Monitoring pengisian: how far each part of the instansi is with its SKP and its realisations, counted in the
database (GROUP BY unit) and rolled up along the unit tree, so that the number of queries does not grow with the
number of pegawai (issue 14).

For a scope (the whole instansi, or the subtrees a department administrator administers) and a unit chosen in it
(none: the perangkat daerah, the top units), one row per unit one level down, each counting everything in its
subtree:

- `pegawai`: active people whose definitive placement on the day lies there (an acting seat is a second seat of
  someone already counted where they are placed);
- `belum`: of them, those with no SKP of the year (an SKP ended by a transfer does not count);
- `skp`: the year's SKP by status, counted where their position lies;
- `terisi`: approved SKP (approved at least once) with a realisation in the period; `realisasi`: realisations of
  the period, `ditanggapi`: of them those with a message of the penilai;
- `dialog`: dialog kinerja of the year on those SKP.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import CharField, Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Cast, Substr

from kinerja.accounts.permissions import under_unit_paths
from kinerja.core import clock
from kinerja.monitoring.models import DialogKinerja, PeranUmpanBalik, Realisasi, UmpanBalik
from kinerja.org.models import JenisPenugasan, Penugasan, UnitKerja
from kinerja.planning.models import SKP, Periode, StatusSKP, TahunKinerja, VersiSKP

APPROVED = (StatusSKP.DISETUJUI, StatusSKP.REVISI)
STATUSES = tuple(StatusSKP.values)


@dataclass(frozen=True)
class Saring:
    """The leaders' filters: a kind of position (org.JenisJabatan) and a staff status (PNS, PPPK); "" for all."""

    jenis: str = ""
    status: str = ""

    def on(self) -> Q:
        """The filter on an SKP or a placement (each has `jabatan` and `pegawai`)."""
        q = Q()
        if self.jenis:
            q &= Q(jabatan__jenis=self.jenis)
        if self.status:
            q &= Q(pegawai__status=self.status)
        return q


ALL = Saring()


@dataclass
class Angka:
    """The counts of one unit's subtree."""

    pegawai: int = 0
    belum: int = 0
    skp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    terisi: int = 0
    realisasi: int = 0
    ditanggapi: int = 0
    dialog: int = 0

    def add(self, other: "Angka") -> None:
        self.pegawai += other.pegawai
        self.belum += other.belum
        for status, n in other.skp.items():
            self.skp[status] += n
        self.terisi += other.terisi
        self.realisasi += other.realisasi
        self.ditanggapi += other.ditanggapi
        self.dialog += other.dialog

    @property
    def disetujui(self) -> int:
        return sum(self.skp[s] for s in APPROVED)

    @property
    def diajukan(self) -> int:
        return self.skp[StatusSKP.DIAJUKAN]

    @property
    def draf(self) -> int:
        return self.skp[StatusSKP.DRAFT] + self.skp[StatusSKP.DIKEMBALIKAN]

    @staticmethod
    def rate(part: int, whole: int) -> float | None:
        return round(100 * part / whole, 1) if whole else None

    @property
    def persen_disetujui(self) -> float | None:
        """Approved SKP per person placed."""
        return self.rate(self.disetujui, self.pegawai)

    @property
    def persen_terisi(self) -> float | None:
        """Approved SKP with a realisation of the period."""
        return self.rate(self.terisi, self.disetujui)

    @property
    def persen_ditanggapi(self) -> float | None:
        return self.rate(self.ditanggapi, self.realisasi)


@dataclass
class Baris:
    unit: UnitKerja
    angka: Angka


@dataclass
class Pengisian:
    tahun: TahunKinerja
    periode: Periode | None
    periods: list[Periode]
    on: datetime.date
    unit: UnitKerja | None  # the unit drilled into (None: the perangkat daerah)
    rows: list[Baris]
    total: Angka
    crumbs: list[UnitKerja] = field(default_factory=list)  # the chosen unit's ancestors within the scope
    saring: Saring = ALL
    instansi_id: int = 0
    paths: list[str] | None = None
    units: list[UnitKerja] = field(default_factory=list)  # every unit of the scope, by path

    def subtree(self, row: "Baris") -> list[UnitKerja]:
        """The units a row counts: the unit drilled into counts only itself (its own row), any other its
        subtree."""
        if self.unit is not None and row.unit.pk == self.unit.pk:
            return [row.unit]
        return [u for u in self.units if u.path.startswith(row.unit.path)]


def _counts(
    instansi_id: int, tahun: TahunKinerja, periode: Periode | None, on: datetime.date, saring: Saring
) -> dict[int, Angka]:
    """The counts of each unit of the instansi on its own (not its subtree): six grouped queries."""
    found: dict[int, Angka] = {}

    def of(unit_id: int) -> Angka:
        if unit_id not in found:
            found[unit_id] = Angka()
        return found[unit_id]

    has_skp = SKP.objects.filter(pegawai=OuterRef("pegawai"), tahun_kinerja=tahun, berakhir=False)
    placed = (
        Penugasan.objects.active_at(on)
        .filter(jenis=JenisPenugasan.DEFINITIF, jabatan__unit__instansi_id=instansi_id, pegawai__aktif=True)
        .filter(saring.on())
        .annotate(punya_skp=Exists(has_skp))
        .values("jabatan__unit_id")
        .annotate(
            n=Count("pegawai", distinct=True),
            belum=Count("pegawai", distinct=True, filter=Q(punya_skp=False)),
        )
        .order_by()
    )
    for row in placed:
        angka = of(row["jabatan__unit_id"])
        angka.pegawai, angka.belum = row["n"], row["belum"]
    skp = SKP.objects.filter(saring.on(), tahun_kinerja=tahun, berakhir=False)
    for unit_id, status, n in (
        skp.values_list("jabatan__unit_id", "status").annotate(n=Count("pk")).order_by()
    ):
        of(unit_id).skp[status] = n
    for unit_id, n in (
        DialogKinerja.objects.filter(skp__in=skp)
        .values_list("skp__jabatan__unit_id")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        of(unit_id).dialog = n
    if periode is not None:
        filled = Realisasi.objects.filter(skp=OuterRef("pk"), periode=periode)
        for unit_id, n in (
            skp.filter(versi__gt=0, status__in=APPROVED)
            .filter(Exists(filled))
            .values_list("jabatan__unit_id")
            .annotate(n=Count("pk"))
            .order_by()
        ):
            of(unit_id).terisi = n
        answered = UmpanBalik.objects.filter(realisasi=OuterRef("pk"), peran=PeranUmpanBalik.PENILAI)
        for row in (
            Realisasi.objects.filter(periode=periode, skp__in=skp)
            .annotate(ada=Exists(answered))
            .values("skp__jabatan__unit_id")
            .annotate(n=Count("pk"), dijawab=Count("pk", filter=Q(ada=True)))
            .order_by()
        ):
            angka = of(row["skp__jabatan__unit_id"])
            angka.realisasi, angka.ditanggapi = row["n"], row["dijawab"]
    return found


def placed(
    instansi_id: int, on: datetime.date, paths: list[str] | None, unit: UnitKerja | None, saring: Saring = ALL
) -> int:
    """The active people whose definitive placement on the day lies in the view (the unit's subtree, else the
    scope): one query, the `pegawai` of the report's total."""
    qs = (
        Penugasan.objects.active_at(on)
        .filter(jenis=JenisPenugasan.DEFINITIF, jabatan__unit__instansi_id=instansi_id, pegawai__aktif=True)
        .filter(saring.on())
    )
    if unit is not None:
        qs = qs.filter(jabatan__unit__path__startswith=unit.path)
    elif paths is not None:
        qs = qs.filter(under_unit_paths(paths, "jabatan__unit__"))
    return qs.values("pegawai").distinct().count()


def scope_units(instansi_id: int, paths: list[str] | None) -> QuerySet[UnitKerja]:
    """The instansi's units a viewer reads: all (`paths` None), or those inside the given subtrees."""
    qs = UnitKerja.objects.filter(instansi_id=instansi_id)
    if paths is not None:
        qs = qs.filter(under_unit_paths(paths))
    return qs.order_by("path")


def pengisian(
    *,
    instansi_id: int,
    tahun: TahunKinerja,
    periode: Periode | None,
    periods: list[Periode],
    on: datetime.date,
    paths: list[str] | None,
    unit: UnitKerja | None,
    saring: Saring = ALL,
) -> Pengisian:
    """The rows for `unit`'s children (or the top units of the scope), each with its subtree's counts, and the
    total of what is shown. Seven queries whatever the number of people and units."""
    units = list(scope_units(instansi_id, paths))
    counts = _counts(instansi_id, tahun, periode, on, saring)
    in_scope = {u.pk for u in units}
    if unit is None:
        # the top of the scope: units whose parent the viewer does not read
        shown = [u for u in units if u.parent_id not in in_scope and u.aktif]
    else:
        shown = [u for u in units if u.parent_id == unit.pk and u.aktif]
    rows = []
    total = Angka()
    for top in shown:
        angka = Angka()
        for u in units:
            if u.path.startswith(top.path) and u.pk in counts:
                angka.add(counts[u.pk])
        rows.append(Baris(top, angka))
        total.add(angka)
    if unit is not None and unit.pk in counts:
        own = counts[unit.pk]  # placed in the unit itself, not in a sub-unit
        rows.insert(0, Baris(unit, own))
        total.add(own)
    crumbs = [u for u in units if unit is not None and unit.path.startswith(u.path) and u.pk != unit.pk]
    return Pengisian(
        tahun, periode, periods, on, unit, rows, total, crumbs, saring, instansi_id, paths, units
    )


def years_of(instansi_id: int) -> list[TahunKinerja]:
    """The instansi's performance years, latest first."""
    return list(
        TahunKinerja.objects.filter(instansi_id=instansi_id).select_related("instansi").order_by("-tahun")
    )


@dataclass
class Orang:
    """One person placed in a unit, with their SKP of the year (if any) and whether it has a realisation of the
    period."""

    penugasan: Penugasan
    skp_id: int | None
    skp_status: str | None
    terisi: bool

    @property
    def status_label(self) -> str:
        return str(dict(StatusSKP.choices).get(self.skp_status or "", ""))


def people_of(
    unit: UnitKerja, tahun: TahunKinerja, periode: Periode | None, on: datetime.date, saring: Saring = ALL
) -> list[Orang]:
    """The people whose definitive placement on `on` is in the unit itself (not its sub-units), by name: one
    query."""
    own = SKP.objects.filter(pegawai=OuterRef("pegawai"), tahun_kinerja=tahun, berakhir=False).order_by(
        "-mulai"
    )
    rows = (
        Penugasan.objects.active_at(on)
        .filter(jenis=JenisPenugasan.DEFINITIF, jabatan__unit=unit, pegawai__aktif=True)
        .filter(saring.on())
        .annotate(skp_id=Subquery(own.values("pk")[:1]), skp_status=Subquery(own.values("status")[:1]))
        .select_related("pegawai", "jabatan")
        .order_by("pegawai__nama", "pk")
    )
    if periode is not None:
        rows = rows.annotate(
            terisi=Exists(Realisasi.objects.filter(skp_id=OuterRef("skp_id"), periode=periode))
        )
    return [Orang(row, row.skp_id, row.skp_status, bool(getattr(row, "terisi", False))) for row in rows]


EXPORT_HEADER = [
    "Unit",
    "Pegawai",
    "Belum ada SKP",
    "Draf",
    "Diajukan",
    "Disetujui",
    "% disetujui",
    "Realisasi terisi",
    "% terisi",
    "Realisasi",
    "Umpan balik diberikan",
    "Dialog",
]


def export_rows(report: Pengisian) -> list[list]:
    """The report's rows and total as a sheet (numbers as numbers, rates as percentages or empty)."""
    out = []
    for label, a in [*[(row.unit.nama, row.angka) for row in report.rows], ("Jumlah", report.total)]:
        out.append(
            [
                label,
                a.pegawai,
                a.belum,
                a.draf,
                a.diajukan,
                a.disetujui,
                a.persen_disetujui,
                a.terisi,
                a.persen_terisi,
                a.realisasi,
                a.ditanggapi,
                a.dialog,
            ]
        )
    return out


@dataclass
class Minggu:
    """One week of the year: SKP approved for the first time, realisations recorded and feedback given."""

    mulai: datetime.date  # its Monday
    disetujui: int
    kumulatif: int  # SKP approved so far
    realisasi: int
    umpan_balik: int


def trend(
    instansi_id: int,
    tahun: TahunKinerja,
    on: datetime.date,
    paths: list[str] | None,
    unit: UnitKerja | None,
    saring: Saring = ALL,
) -> list[Minggu]:
    """Week by week from the year's first Monday to `on`, for the scope (the unit's subtree when given): three
    queries grouped by week, whatever the number of people."""
    skp = SKP.objects.filter(saring.on(), tahun_kinerja=tahun, berakhir=False, instansi_id=instansi_id)
    if unit is not None:
        skp = skp.filter(jabatan__unit__path__startswith=unit.path)
    elif paths is not None:
        skp = skp.filter(under_unit_paths(paths, "jabatan__unit__"))

    start = datetime.date(tahun.tahun, 1, 1)
    mondays = []
    week = start - datetime.timedelta(days=start.weekday())
    while week <= on:
        mondays.append(week)
        week += datetime.timedelta(days=7)
    if not mondays:
        return []

    first, index = mondays[0], {monday: n for n, monday in enumerate(mondays)}
    zone = clock.zone_of(tahun.instansi)  # weeks run Monday to Sunday in the instansi's time zone

    def weekly(qs, moment: str) -> tuple[int, list[int]]:
        """(the rows before the first week, the rows of each week). The database groups by the UTC hour, read
        from the timestamp as text (`YYYY-MM-DD HH` on SQLite and PostgreSQL alike, in C, not a Python function
        per row as a truncation would be on SQLite); each hour is placed in its local week here."""
        hours = (
            qs.annotate(jam=Substr(Cast(moment, CharField()), 1, 13))
            .values_list("jam")
            .annotate(n=Count("pk"))
            .order_by()
        )
        before, per_week = 0, [0] * len(mondays)
        for jam, n in hours:
            if not jam:
                continue
            utc = datetime.datetime(
                int(jam[:4]), int(jam[5:7]), int(jam[8:10]), int(jam[11:13]), tzinfo=datetime.UTC
            )
            local = utc.astimezone(zone).date()
            monday = local - datetime.timedelta(days=local.weekday())
            if monday < first:
                before += n
            elif monday in index:
                per_week[index[monday]] += n
        return before, per_week

    before, approved = weekly(VersiSKP.objects.filter(skp__in=skp, nomor=1), "disetujui_at")
    _before, recorded = weekly(Realisasi.objects.filter(skp__in=skp), "created_at")
    _earlier, answered = weekly(
        UmpanBalik.objects.filter(realisasi__skp__in=skp, peran=PeranUmpanBalik.PENILAI), "created_at"
    )
    weeks, total = [], before
    for n, monday in enumerate(mondays):
        total += approved[n]
        weeks.append(Minggu(monday, approved[n], total, recorded[n], answered[n]))
    return weeks


TREND_HEADER = [
    "Minggu mulai",
    "SKP disetujui",
    "Disetujui sampai minggu ini",
    "Realisasi dicatat",
    "Umpan balik",
]


def trend_rows(weeks: list[Minggu]) -> list[list]:
    return [[w.mulai, w.disetujui, w.kumulatif, w.realisasi, w.umpan_balik] for w in weeks]
