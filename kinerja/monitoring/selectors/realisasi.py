"""What the realisasi pages show: for one SKP, every covered period with, per RHK of the version in force, its
indikator rows (target, period target, realisasi, capaian, year to date, evidence, feedback thread) and the
rencana aksi. A fixed number of queries, whatever the number of rows."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q

from kinerja.core import clock
from kinerja.monitoring import rules
from kinerja.monitoring.models import (
    BuktiDukung,
    Pembukaan,
    Realisasi,
    RencanaAksi,
    RiwayatRealisasi,
    UmpanBalik,
)
from kinerja.monitoring.selectors.plan import PeriodPlan, plans
from kinerja.planning import rules as planning_rules
from kinerja.planning.models import SKP


def _decimal(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return None


def akumulasi_of(indikator: dict) -> str:
    """How the indikator's periods add up: as the version recorded it, or the default (older versions)."""
    return indikator.get("akumulasi") or planning_rules.default_akumulasi(
        indikator.get("aspek", ""), indikator.get("satuan", "")
    )


@dataclass
class IndikatorRow:
    rhk: dict
    indikator: dict
    numeric: bool
    akumulasi: str
    target: Decimal | None  # the annual target
    target_periode: Decimal | None
    realisasi: Realisasi | None
    capaian: Decimal | None
    ytd_realisasi: Decimal | None
    ytd_capaian: Decimal | None
    bukti: list[BuktiDukung] = field(default_factory=list)
    thread: list[UmpanBalik] = field(default_factory=list)

    @property
    def id(self) -> int:
        return self.indikator["id"]

    @property
    def bar(self) -> int:
        """The width of the progress bar, 0 to 100."""
        return 0 if self.capaian is None else int(min(max(self.capaian, Decimal(0)), Decimal(100)))

    @property
    def tone(self) -> str:
        """The colour of the capaian: met, nearly, behind."""
        if self.capaian is None:
            return "secondary"
        if self.capaian >= 100:
            return "success"
        return "warning" if self.capaian >= 75 else "danger"


@dataclass
class RHKBlock:
    rhk: dict
    rows: list[IndikatorRow]
    rencana: RencanaAksi | None


@dataclass
class PeriodView:
    plan: PeriodPlan
    open: bool
    until: datetime.date
    started: bool
    blocks: list[RHKBlock]

    @property
    def periode(self):
        return self.plan.periode

    @property
    def total(self) -> int:
        return sum(len(b.rows) for b in self.blocks)

    @property
    def filled(self) -> int:
        return sum(1 for b in self.blocks for r in b.rows if r.realisasi is not None)


@dataclass
class RealisasiPage:
    skp: SKP
    periods: list[PeriodView]
    today: datetime.date

    def period(self, nomor: int | None) -> PeriodView | None:
        """The period asked for, else the one running today (or the last one begun, or the first)."""
        if not self.periods:
            return None
        for view in self.periods:
            if view.periode.nomor == nomor:
                return view
        running = [v for v in self.periods if v.periode.mulai <= self.today <= v.periode.selesai]
        if running:
            return running[0]
        begun = [v for v in self.periods if v.periode.mulai <= self.today]
        return begun[-1] if begun else self.periods[0]


def _reopened(skp: SKP, plan_list: list[PeriodPlan]) -> dict[int, list[datetime.date]]:
    """The reopenings reaching this SKP's pegawai, per period id (one query)."""
    unit = skp.jabatan.unit
    found: dict[int, list[datetime.date]] = defaultdict(list)
    rows = Pembukaan.objects.filter(
        Q(pegawai_id=skp.pegawai_id) | Q(unit_id__in=[*unit.ancestor_ids, unit.pk]),
        periode__in=[p.periode for p in plan_list],
    ).values_list("periode_id", "sampai")
    for periode_id, sampai in rows:
        found[periode_id].append(sampai)
    return found


def _indexed(skp: SKP):
    """Realisasi by (period id, indikator id), with their evidence and threads (three queries)."""
    realisasi = {
        (r.periode_id, r.indikator_id): r
        for r in Realisasi.objects.filter(skp=skp).select_related("diisi_oleh")
    }
    by_id = {r.pk: r for r in realisasi.values()}
    bukti: dict[int, list[BuktiDukung]] = defaultdict(list)
    for b in BuktiDukung.objects.filter(realisasi__skp=skp).order_by("created_at", "pk"):
        bukti[b.realisasi_id].append(b)
    thread: dict[int, list[UmpanBalik]] = defaultdict(list)
    for u in UmpanBalik.objects.filter(realisasi__skp=skp).select_related("penulis"):
        u.realisasi = by_id[u.realisasi_id]
        thread[u.realisasi_id].append(u)
    return realisasi, bukti, thread


def _row(rhk, indikator, plan, realisasi, numbers, values_of) -> IndikatorRow:
    numeric = indikator.get("jenis_target") == "angka"
    mode = akumulasi_of(indikator)
    target = _decimal(indikator.get("target_angka"))
    nomor = plan.periode.nomor
    if numeric:
        result = rules.indikator_capaian(
            periods=numbers,
            realisasi=values_of(indikator["id"]),
            annual_target=target,
            target_periode=indikator.get("target_periode") or {},
            arah=indikator.get("arah", rules.NAIK),
            mode=mode,
        )
        period_target, _value, capaian = result.per_period[nomor]
        ytd, ytd_capaian = result.ytd_realisasi, result.ytd_capaian
    else:
        period_target = capaian = ytd = ytd_capaian = None
    return IndikatorRow(
        rhk=rhk,
        indikator=indikator,
        numeric=numeric,
        akumulasi=mode,
        target=target,
        target_periode=period_target,
        realisasi=realisasi,
        capaian=capaian,
        ytd_realisasi=ytd,
        ytd_capaian=ytd_capaian,
    )


def realisasi_page(skp: SKP) -> RealisasiPage:
    """Every covered period of the SKP with its rows (a fixed number of queries)."""
    today = clock.today(skp.instansi)
    plan_list = plans(skp)
    reopened = _reopened(skp, plan_list)
    realisasi, bukti, thread = _indexed(skp)
    rencana = {(r.periode_id, r.rhk_id): r for r in RencanaAksi.objects.filter(skp=skp)}
    ids_by_number = {p.periode.nomor: p.periode.pk for p in plan_list}
    views = []
    for plan in plan_list:
        periode = plan.periode
        numbers = [n for n in ids_by_number if n <= periode.nomor]

        def values_of(indikator_id: int, numbers=numbers) -> dict[int, Decimal | None]:
            found = {n: realisasi.get((ids_by_number[n], indikator_id)) for n in numbers}
            return {n: r.nilai_angka for n, r in found.items() if r is not None}

        blocks = []
        for rhk in plan.rhk():
            rows = []
            for indikator in rhk.get("indikator", []):
                current = realisasi.get((periode.pk, indikator["id"]))
                row = _row(rhk, indikator, plan, current, numbers, values_of)
                if current is not None:
                    row.bukti = sorted(bukti[current.pk], key=lambda b: b.ditarik_at is not None)
                    row.thread = thread[current.pk]
                rows.append(row)
            blocks.append(RHKBlock(rhk=rhk, rows=rows, rencana=rencana.get((periode.pk, rhk["id"]))))
        until = rules.input_deadline(periode.tenggat_input, reopened.get(periode.pk, []))
        views.append(
            PeriodView(
                plan=plan,
                open=plan.versi is not None and periode.mulai <= today <= until,
                until=until,
                started=periode.mulai <= today,
                blocks=blocks,
            )
        )
    return RealisasiPage(skp=skp, periods=views, today=today)


@dataclass
class RealisasiDetail:
    realisasi: Realisasi
    row: IndikatorRow | None
    view: PeriodView | None
    riwayat: list[tuple[RiwayatRealisasi, list[BuktiDukung]]]
    bukti: list[BuktiDukung]


def realisasi_detail(realisasi: Realisasi) -> RealisasiDetail:
    """One realisasi with its row on the page (target, capaian, thread), its history and all its evidence."""
    page = realisasi_page(realisasi.skp)
    view = next((v for v in page.periods if v.periode.pk == realisasi.periode_id), None)
    row = None
    if view is not None:
        row = next((r for b in view.blocks for r in b.rows if r.id == realisasi.indikator_id), None)
    riwayat = list(realisasi.riwayat.select_related("diisi_oleh").order_by("-nomor"))
    bukti = list(realisasi.bukti.select_related("diunggah_oleh", "ditarik_oleh").order_by("created_at", "pk"))
    by_id = {b.pk: b for b in bukti}
    # Each earlier value with the evidence it had then.
    history = [(h, [by_id[i] for i in h.bukti if i in by_id]) for h in riwayat]
    return RealisasiDetail(realisasi=realisasi, row=row, view=view, riwayat=history, bukti=bukti)


def my_skps(pegawai_id: int | None, year: int) -> list[SKP]:
    """The SKPs of a pegawai, this year's first, then the latest years."""
    if pegawai_id is None:
        return []
    rows = list(
        SKP.objects.filter(pegawai_id=pegawai_id)
        .select_related("tahun_kinerja", "jabatan")
        .order_by("-tahun_kinerja__tahun", "-mulai")
    )
    return sorted(rows, key=lambda s: s.tahun_kinerja.tahun != year)


@dataclass
class Due:
    skp: SKP
    periode: object
    until: datetime.date
    unfilled: int
    total: int


def due_for(pegawai_id: int | None, today: datetime.date) -> list[Due]:
    """The periods of the pegawai's approved SKPs in force today that take input, with what is unfilled."""
    if pegawai_id is None:
        return []
    skps = SKP.objects.filter(
        pegawai_id=pegawai_id, versi__gt=0, berakhir=False, mulai__lte=today, selesai__gte=today
    ).select_related("jabatan__unit", "instansi", "tahun_kinerja")
    result = []
    for skp in skps:
        plan_list = [p for p in plans(skp) if p.versi is not None and p.periode.mulai <= today]
        if not plan_list:
            continue
        reopened = _reopened(skp, plan_list)
        counts = dict(
            Realisasi.objects.filter(skp=skp, periode__in=[p.periode for p in plan_list])
            .values_list("periode_id")
            .annotate(n=Count("pk"))
        )
        for plan in plan_list:
            until = rules.input_deadline(plan.periode.tenggat_input, reopened.get(plan.periode.pk, []))
            if today > until:
                continue
            total = sum(len(r.get("indikator", [])) for r in plan.rhk())
            unfilled = max(total - counts.get(plan.periode.pk, 0), 0)
            result.append(Due(skp=skp, periode=plan.periode, until=until, unfilled=unfilled, total=total))
    return result


def plan_numbered(skp: SKP, nomor: int) -> PeriodPlan | None:
    """The plan of the SKP's covered period with this number, or None."""
    return next((p for p in plans(skp) if p.periode.nomor == nomor), None)


def realisasi_of(skp: SKP, periode, indikator_id: int) -> Realisasi | None:
    return Realisasi.objects.filter(skp=skp, periode=periode, indikator_id=indikator_id).first()
