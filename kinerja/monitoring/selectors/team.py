"""The supervisor's team ("Tim saya"): for each SKP the signed-in pegawai assesses in a period, how far its
realisations are filled, how many wait for their feedback, and until when the period takes input.

Who is on the team follows planning's inbox (kinerja/planning/selectors/inbox.py): the people the organisation
chart puts below the pegawai at the period's end (or today, while it runs), acting (Plt/Plh) seats included,
unless the BKPSDM set another penilai on the SKP; and the SKP the BKPSDM assigned to them. The number of queries
does not grow with the number of people: the versions' contents, the realisations and the reopenings are each
read in one query for the whole team."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q

from kinerja.core import clock
from kinerja.monitoring import rules
from kinerja.monitoring.models import Pembukaan, Realisasi
from kinerja.monitoring.selectors.waiting import flagged as waiting_flagged
from kinerja.org import selectors as org_selectors
from kinerja.org.models import Pegawai
from kinerja.planning.models import SKP, Periode, TahunKinerja, VersiSKP

BELUM, SEBAGIAN, LENGKAP = "belum", "sebagian", "lengkap"


@dataclass
class TeamRow:
    """One SKP of the team in the period."""

    skp: SKP
    total: int  # indikator in the period's plan
    filled: int  # of them with a realisasi
    waiting: int  # realisations waiting for the supervisor's feedback
    until: datetime.date  # last day of input (the deadline, or a reopening)
    open: bool
    reopened: bool

    @property
    def pegawai(self) -> Pegawai:
        return self.skp.pegawai

    @property
    def status(self) -> str:
        if self.total and self.filled >= self.total:
            return LENGKAP
        return SEBAGIAN if self.filled else BELUM


@dataclass
class TeamStatus:
    tahun: int
    periode: Periode | None
    periods: list[Periode] = field(default_factory=list)
    rows: list[TeamRow] = field(default_factory=list)
    without_skp: list[Pegawai] = field(default_factory=list)  # on the team, no approved SKP for the period

    @property
    def complete(self) -> int:
        return sum(1 for r in self.rows if r.status == LENGKAP)

    @property
    def waiting(self) -> int:
        return sum(r.waiting for r in self.rows)

    @property
    def people(self) -> int:
        return len(self.rows) + len(self.without_skp)


def current_period(periods: list[Periode], today: datetime.date) -> Periode | None:
    """The period running today, else the last one that started, else the first."""
    started = [p for p in periods if p.mulai <= today]
    return started[-1] if started else (periods[0] if periods else None)


def team_skp(pegawai: Pegawai, tahun: TahunKinerja, periode: Periode, at: datetime.date):
    """The approved SKP of the period of the people the pegawai assesses at `at` (and those the BKPSDM assigned
    to them), and the people assessed without one."""
    dinilai = org_selectors.assessed_by(pegawai, at)
    ids = [d.pegawai.pk for d in dinilai]
    skp = list(
        SKP.objects.filter(
            tahun_kinerja=tahun, versi__gt=0, mulai__lte=periode.selesai, selesai__gte=periode.mulai
        )
        .filter(Q(pegawai_id__in=ids, penilai_ditetapkan=False) | Q(penilai=pegawai, penilai_ditetapkan=True))
        .exclude(pegawai=pegawai)
        .select_related("pegawai", "jabatan", "jabatan__unit", "instansi")
        .order_by("pegawai__nama", "mulai")
    )
    with_skp = {s.pegawai_id for s in skp}
    without = sorted(
        {d.pegawai.pk: d.pegawai for d in dinilai if d.pegawai.pk not in with_skp}.values(),
        key=lambda p: p.nama,
    )
    return skp, without


def _plan_sizes(skp: list[SKP], periode: Periode, instansi) -> dict[int, set[int]]:
    """For each SKP, the ids of the indikator of the version in force for the period (one query)."""
    versions: dict[int, list[VersiSKP]] = {}
    for v in VersiSKP.objects.filter(skp__in=skp).order_by("skp_id", "nomor"):
        versions.setdefault(v.skp_id, []).append(v)
    result = {}
    for s in skp:
        mine = versions.get(s.pk, [])
        approvals = [(v.nomor, clock.local_date(v.disetujui_at, instansi)) for v in mine]
        nomor = rules.version_for_period(approvals, periode.mulai)
        konten: dict = next((v.konten for v in mine if v.nomor == nomor), {})
        result[s.pk] = {i.get("id") for r in konten.get("rhk", []) for i in r.get("indikator", [])}
    return result


def _realisations(skp: list[SKP], periode: Periode) -> dict[int, list[tuple[int, bool]]]:
    """For each SKP, (indikator id, waiting for feedback) of its realisations of the period (one query)."""
    rows = waiting_flagged(Realisasi.objects.filter(skp__in=skp, periode=periode)).values_list(
        "skp_id", "indikator_id", "menunggu"
    )
    result: dict[int, list[tuple[int, bool]]] = {}
    for skp_id, indikator_id, menunggu in rows:
        result.setdefault(skp_id, []).append((indikator_id, bool(menunggu)))
    return result


def _reopened(skp: list[SKP], periode: Periode) -> dict[int, list[datetime.date]]:
    """For each SKP, the dates its period was reopened until, for its pegawai or a unit above them (one query)."""
    units = {u for s in skp for u in [*s.jabatan.unit.ancestor_ids, s.jabatan.unit_id]}
    found = list(
        Pembukaan.objects.filter(periode=periode).filter(
            Q(pegawai_id__in=[s.pegawai_id for s in skp]) | Q(unit_id__in=units)
        )
    )
    result = {}
    for s in skp:
        mine = {*s.jabatan.unit.ancestor_ids, s.jabatan.unit_id}
        result[s.pk] = [p.sampai for p in found if p.pegawai_id == s.pegawai_id or p.unit_id in mine]
    return result


def team_status(user, periode_nomor: int | None = None) -> TeamStatus:
    """The team of the signed-in pegawai in the current period of this year (or period `periode_nomor`). `user`
    may also be a Pegawai (the reminders work without a request)."""
    pegawai = user if isinstance(user, Pegawai) else getattr(user, "pegawai", None)
    if pegawai is None:
        return TeamStatus(tahun=0, periode=None)
    today = clock.today(pegawai.instansi)
    result = TeamStatus(tahun=today.year, periode=None)
    tahun = TahunKinerja.objects.filter(instansi_id=pegawai.instansi_id, tahun=today.year).first()
    if tahun is None:
        return result
    result.periods = list(Periode.objects.filter(tahun_kinerja=tahun).order_by("nomor"))
    chosen = [p for p in result.periods if p.nomor == periode_nomor]
    periode = chosen[0] if chosen else current_period(result.periods, today)
    result.periode = periode
    if periode is None:
        return result
    skp, result.without_skp = team_skp(pegawai, tahun, periode, min(periode.selesai, today))
    plans = _plan_sizes(skp, periode, pegawai.instansi)
    filled = _realisations(skp, periode)
    reopened = _reopened(skp, periode)
    for s in skp:
        indikator = plans[s.pk]
        done = [(i, w) for i, w in filled.get(s.pk, []) if i in indikator]
        until = rules.input_deadline(periode.tenggat_input, reopened[s.pk])
        result.rows.append(
            TeamRow(
                skp=s,
                total=len(indikator),
                filled=len(done),
                waiting=sum(1 for _i, w in done if w),
                until=until,
                open=rules.is_open(
                    today=today,
                    mulai=periode.mulai,
                    tenggat_input=periode.tenggat_input,
                    reopened_until=reopened[s.pk],
                ),
                reopened=until > periode.tenggat_input,
            )
        )
    return result


def menu_summary(pegawai_id: int | None, tahun: int) -> dict:
    """For the menu and the home card, in one query: whether the pegawai has an approved SKP this year and whether
    they are the penilai of an approved SKP (planning's snapshot). How many realisations wait for their feedback
    is the queue's count (selectors/feedback.py), shown on the home page and the queue, not on every page."""
    summary = {"skp": False, "menilai": False}
    if pegawai_id is None:
        return summary
    approved = SKP.objects.filter(tahun_kinerja__tahun=tahun, versi__gt=0)
    row = (
        Pegawai.objects.filter(pk=pegawai_id)
        .annotate(
            punya_skp=Exists(approved.filter(pegawai_id=OuterRef("pk"))),
            menilai=Exists(approved.filter(penilai_id=OuterRef("pk")).exclude(pegawai_id=OuterRef("pk"))),
        )
        .values("punya_skp", "menilai")
        .first()
    )
    if row:
        summary.update(skp=row["punya_skp"], menilai=row["menilai"])
    return summary
