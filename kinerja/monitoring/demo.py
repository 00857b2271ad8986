"""The demo year's monitoring up to today: realisations with evidence, feedback, rencana aksi, dialog kinerja and
one reopened period (kinerja.core.demo runs it after planning's loader).

Every approved SKP (disetujui or under revision, version 1 or later) has, for each period of the year that has
ended, a realisation of every indikator of the version in force for that period; the current period is filled
by some, partly by others, not at all by the rest. Most people land near the target; some are clearly behind.
Rows are written in bulk a chunk of SKP at a time (a 20,000-pegawai demo must load in a minute or two), the
version in force is chosen with the same pure rules as `selectors.plans` (no query per SKP), and one audit event
covers the load. Evidence files are real, small, stored files (each with its own SHA-256 for the download view),
but only for the named people and the first FILE_PEOPLE SKP, at most FILES_MAX files; the others' evidence is a
link.

The named cast (kinerja/testkit/cast.py): `atasan` (Kepala Seksi Imunisasi) has subordinates whose current
period is filled, partly filled and (those without an approved SKP) not filled, realisations waiting for feedback,
a dialog waiting for their confirmation and an overdue agreed action; their own SKP has evidence and a feedback
thread with replies from the Kepala Bidang Kesmas. The named people's own current period is left empty (a trial,
or a test, records it from nothing). The `pegawai` of the cast has no SKP in the demo (planning
leaves them to start one), so they have no realisations. The Kepala Bidang Kesmas has the previous period
reopened, with one indikator still to fill.
"""

import datetime
import random
from dataclasses import dataclass, field

from django.core.management.color import no_style
from django.db import connection
from django.utils import timezone

from kinerja.accounts.models import User
from kinerja.core import audit, clock
from kinerja.monitoring import demo_disiplin, demo_files, rules
from kinerja.monitoring.demo_insert import COLUMNS, COUNTED, first_free_id, insert
from kinerja.monitoring.demo_words import (
    ALASAN_PEMBUKAAN,
    BALASAN,
    CATATAN,
    KOMENTAR,
    KOMENTAR_RENCANA,
    KOMENTAR_TERTINGGAL,
    NARASI,
    NARASI_TERTINGGAL,
    RENCANA,
    TINDAK,
    TOPIK,
    value_for,
)
from kinerja.monitoring.models import (
    BuktiDukung,
    DialogKinerja,
    JenisBukti,
    JenisDialog,
    Pembukaan,
    PeranUmpanBalik,
    Realisasi,
    RencanaAksi,
    TindakLanjut,
    UmpanBalik,
)
from kinerja.monitoring.selectors.realisasi import akumulasi_of
from kinerja.org import demo as org_demo
from kinerja.org.models import Pegawai, UnitKerja
from kinerja.planning.models import SKP, Periode, StatusSKP, TahunKinerja, VersiSKP

CHUNK = 2000  # SKP per write
FILES_MAX = 2000  # stored evidence files in one demo, whatever its size
FILE_PEOPLE = 60  # SKP (besides the named people's) whose evidence are files; the rest get links
FULL, PARTLY, NONE = "full", "partly", "none"

STATUSES = (StatusSKP.DISETUJUI, StatusSKP.REVISI)


@dataclass
class _Skp:
    pk: int
    pegawai_id: int
    penilai_id: int | None
    mulai: datetime.date
    selesai: datetime.date
    user_id: int | None = None
    focus: bool = False
    fill: str = ""  # the current period: FULL, PARTLY or NONE
    behind: bool = False
    versions: list = field(default_factory=list)  # (nomor, approved on, konten)
    path: str = ""  # of the position's unit
    declining: bool = False  # near target early in the year, lower every period after


# Whole subtrees that lag, for the leaders' dashboards: few realisations of the current period, many behind.
LAGGING_UNITS = ("DINKES.PKM002", "DUKCAPIL")


class _Monitoring:
    """The rows being built, written a chunk of SKP at a time."""

    def __init__(self, *, instansi, tahun, periods, today, seed, year):
        self.instansi, self.tahun, self.periods, self.today, self.year = instansi, tahun, periods, today, year
        self.rng = random.Random(seed * 31 + 12)  # noqa: S311 (demo data, not secrets)
        self.file_rng = random.Random(seed * 31 + 13)  # noqa: S311
        self.now = timezone.now()
        self.zone = clock.zone_of(instansi)
        self.spans = [rules.Span(p.nomor, p.mulai, p.selesai) for p in periods]
        self.started = [p for p in periods if p.mulai <= today]
        self.current = next((p for p in periods if p.mulai <= today <= p.selesai), None)
        closed = [p for p in periods if p.tenggat_input < today]
        self.reopened = closed[-1] if closed else None
        self.counts = {
            "realisasi": 0,
            "bukti_dukung": 0,
            "bukti_berkas": 0,
            "umpan_balik": 0,
            "rencana_aksi": 0,
            "dialog": 0,
            "pembukaan": 0,
        }
        self.files_other = 0
        self.people_with_files = 0
        self.stored: list[str] = []  # storage names written (for the tests and a failed load's cleanup)
        self.reopened_for: int | None = None  # pegawai id
        self.rows: dict = {model: [] for model in COLUMNS}
        self.next_realisasi = first_free_id(Realisasi)

    # Moments ------------------------------------------------------------------------------------------------

    def moment(self, day: datetime.date, rng: random.Random) -> datetime.datetime:
        """A working hour of a day (never later than now)."""
        at = datetime.datetime.combine(day, datetime.time(rng.randint(8, 15), rng.randint(0, 59)), self.zone)
        return min(at, self.now - datetime.timedelta(minutes=1))

    def later(self, moment: datetime.datetime, rng: random.Random) -> datetime.datetime:
        return min(moment + datetime.timedelta(hours=rng.randint(2, 60)), self.now)

    def filled_on(self, periode: Periode, rng: random.Random) -> datetime.date:
        """The day a period's realisation was recorded: near the period's end, or within it while it runs."""
        last = min(periode.tenggat_input, self.today)
        if self.current is not None and periode.pk == self.current.pk:
            first = periode.mulai
        else:
            first = min(periode.selesai - datetime.timedelta(days=6), last)
        return first + datetime.timedelta(days=rng.randint(0, max((last - first).days, 0)))

    # One SKP ------------------------------------------------------------------------------------------------

    def plan_of(self, skp: _Skp, periode: Periode) -> dict:
        """The content of the version in force for the period (rules.version_for_period, as selectors.plans)."""
        nomor = rules.version_for_period([(n, on) for n, on, _k in skp.versions], periode.mulai)
        return next((k for n, _on, k in skp.versions if n == nomor), {})

    def add(self, skp: _Skp) -> None:
        """Queue the realisations (with their evidence, feedback and rencana aksi) of one SKP."""
        covered = set(rules.periods_covered(self.spans, skp.mulai, skp.selesai))
        with_files = skp.focus or self.people_with_files < FILE_PEOPLE
        if with_files and not skp.focus:
            self.people_with_files += 1
        for periode in self.started:
            if periode.nomor not in covered:
                continue
            konten = self.plan_of(skp, periode)
            versi = self.version_number(skp, periode)
            indikator = [i for r in konten.get("rhk", []) for i in r.get("indikator", [])]
            quota = len(indikator)
            if self.current is not None and periode.pk == self.current.pk:
                quota = {FULL: quota, PARTLY: max(quota // 2, 1) if quota > 1 else 0, NONE: 0}[skp.fill]
            if (
                self.reopened is not None
                and periode.pk == self.reopened.pk
                and skp.pegawai_id == self.reopened_for
            ):
                quota = max(quota - 1, 0)  # the reopening is for the one still to fill
            for ind in indikator[:quota]:
                self.realisasi(skp, periode, ind, versi, with_files)
            self.rencana(skp, periode, konten)

    def realisasi(self, skp: _Skp, periode: Periode, ind: dict, versi: int, with_files: bool) -> None:
        rng = self.rng
        angka, teks = value_for(ind, periode.nomor, len(self.periods), rng, skp.behind, skp.declining)
        texts = NARASI_TERTINGGAL if skp.behind else NARASI
        created = self.moment(self.filled_on(periode, rng), rng)
        pk = self.next_realisasi
        self.next_realisasi += 1
        narasi = rng.choice(texts).format(periode=periode.nama)
        capaian = rules.stored(rules.period_numbers(ind, periode.nomor, angka, akumulasi_of(ind))[1])
        self.rows[Realisasi].append(
            (
                pk,
                skp.pk,
                periode.pk,
                ind["id"],
                versi,
                angka,
                teks,
                narasi,
                capaian,
                skp.user_id,
                0,
                created,
                created,
            )
        )
        self.bukti(skp, periode, (pk, ind["id"], teks or f"{angka}", narasi, created), with_files)
        self.feedback(skp, periode, pk, created)

    def version_number(self, skp: _Skp, periode: Periode) -> int:
        return rules.version_for_period([(n, on) for n, on, _k in skp.versions], periode.mulai) or 1

    def bukti(self, skp: _Skp, periode: Periode, row: tuple, with_files: bool) -> None:
        rng = self.rng
        if not skp.focus and rng.random() > 0.55:
            return
        kinds = ["pdf", "jpeg"] if skp.focus and rng.random() < 0.5 else [rng.choice(["pdf", "png", "jpeg"])]
        pk, _ind, _value, _narasi, created = row
        for kind in kinds:
            room = self.counts["bukti_berkas"] < FILES_MAX and (
                skp.focus or self.files_other < FILES_MAX - 300
            )
            if with_files and room:
                self.file_bukti(skp, periode, row, kind)
                self.files_other += 0 if skp.focus else 1
            else:
                tautan = f"https://example.org/sukamaju/arsip/{self.year}/{rng.getrandbits(48):012x}"
                judul = f"Dokumen pendukung {periode.nama}"
                self.rows[BuktiDukung].append(
                    (pk, JenisBukti.TAUTAN.value, judul, "", "", "", 0, "", tautan, skp.user_id, created, "")
                )

    def file_bukti(self, skp: _Skp, periode: Periode, row: tuple, kind: str) -> None:
        rng = self.file_rng
        pk, indikator_id, value, narasi, created = row
        if kind == "pdf":
            data = demo_files.tiny_pdf(
                [f"Laporan {periode.nama} {self.year}", f"Indikator #{indikator_id}: {value}", narasi]
            )
            judul, nama, tipe = (
                f"Laporan {periode.nama}",
                f"laporan-{periode.nomor}.pdf",
                rules.CONTENT_TYPES["pdf"],
            )
        elif kind == "png":
            data = demo_files.tiny_chart_png(rng)
            judul, nama, tipe = (
                f"Rekap capaian {periode.nama}",
                "rekap-capaian.png",
                rules.CONTENT_TYPES["png"],
            )
        else:
            data = demo_files.tiny_photo_jpeg(rng)
            judul, nama, tipe = f"Foto kegiatan {periode.nama}", "IMG_2041.jpg", rules.CONTENT_TYPES["jpeg"]
        stored = demo_files.store(data, year=self.year, rng=rng, tipe=tipe)
        self.stored.append(stored.name)
        self.counts["bukti_berkas"] += 1
        self.rows[BuktiDukung].append(
            (
                pk,
                JenisBukti.BERKAS.value,
                judul,
                stored.name,
                nama,
                stored.tipe,
                stored.ukuran,
                stored.sha256,
                "",
                skp.user_id,
                created,
                "",
            )
        )

    def feedback(self, skp: _Skp, periode: Periode, pk: int, created: datetime.datetime) -> None:
        """The penilai's comment on some realisations (on every past one of the named people, on none of their
        current ones, which wait), and the pegawai's reply on some comments."""
        rng = self.rng
        if skp.penilai_id is None:
            return
        current = self.current is not None and periode.pk == self.current.pk
        comment = not current if skp.focus else rng.random() < (0.2 if current else 0.4)
        if not comment:
            return
        said = self.later(created, rng)
        texts = KOMENTAR_TERTINGGAL if skp.behind else KOMENTAR
        self.rows[UmpanBalik].append(
            (pk, skp.penilai_id, PeranUmpanBalik.PENILAI.value, rng.choice(texts), said)
        )
        if rng.random() < (0.6 if skp.focus else 0.35):
            self.rows[UmpanBalik].append(
                (
                    pk,
                    skp.pegawai_id,
                    PeranUmpanBalik.PEGAWAI.value,
                    rng.choice(BALASAN),
                    self.later(said, rng),
                )
            )

    def rencana(self, skp: _Skp, periode: Periode, konten: dict) -> None:
        """Rencana aksi: every main RHK of the named people, the first RHK of some others."""
        rng = self.rng
        utama = [r for r in konten.get("rhk", []) if r.get("jenis") == "utama"]
        if not skp.focus:
            utama = utama[:1] if rng.random() < 0.3 else []
        current = self.current is not None and periode.pk == self.current.pk
        for n, rhk in enumerate(utama):
            created = self.moment(
                min(periode.mulai + datetime.timedelta(days=rng.randint(0, 9)), self.today), rng
            )
            commented = skp.penilai_id is not None and not current and rng.random() < 0.5
            self.rows[RencanaAksi].append(
                (
                    skp.pk,
                    periode.pk,
                    rhk["id"],
                    RENCANA[(n + periode.nomor) % len(RENCANA)].format(periode=periode.nama),
                    KOMENTAR_RENCANA if commented else "",
                    skp.penilai_id if commented else None,
                    self.later(created, rng) if commented else None,
                    0,
                    created,
                    created,
                )
            )

    # Writing ------------------------------------------------------------------------------------------------

    def flush(self) -> None:
        for model, columns in COLUMNS.items():
            rows = self.rows[model]
            insert(model, columns, rows)
            self.counts[COUNTED[model]] += len(rows)
            rows.clear()

    # Dialog kinerja -----------------------------------------------------------------------------------------

    def dialog(
        self,
        skp: _Skp,
        *,
        jenis: str,
        tanggal: datetime.date,
        confirmed: bool,
        actions: list[tuple[str, int, datetime.date, bool]],
    ) -> "_Dialog":
        """A dialog recorded by the penilai (confirmed by them; by the pegawai too when `confirmed`) with its
        agreed actions (text, owner's pegawai id, due date, done)."""
        rng = self.rng
        recorded = self.moment(tanggal, rng)
        row = DialogKinerja(
            skp_id=skp.pk,
            penilai_id=skp.penilai_id,
            jenis=jenis,
            tanggal=tanggal,
            topik=TOPIK[jenis],
            catatan=CATATAN,
            dicatat_oleh_id=skp.penilai_id,
            dikonfirmasi_penilai_at=recorded,
            dikonfirmasi_pegawai_at=self.later(recorded, rng) if confirmed else None,
            created_at=recorded,
        )
        tindak = [
            TindakLanjut(
                dialog=row,
                uraian=text,
                pemilik_id=owner,
                tenggat=due,
                selesai_at=self.moment(min(due, self.today), rng) if done else None,
            )
            for text, owner, due, done in actions
        ]
        return _Dialog(row, tindak)

    def some_dialog(self, skp: _Skp) -> "_Dialog | None":
        """A dialog for a few of the others: mostly confirmed, its actions done when due (a few overdue)."""
        rng = self.rng
        if skp.penilai_id is None or not self.started or rng.random() > 0.06:
            return None
        first = max(skp.mulai, self.started[0].mulai)
        if first > self.today:
            return None
        tanggal = first + datetime.timedelta(days=rng.randint(0, (self.today - first).days))
        due = tanggal + datetime.timedelta(days=rng.randint(14, 45))
        owner = skp.pegawai_id if rng.random() < 0.7 else skp.penilai_id
        done = due < self.today and rng.random() < 0.8
        jenis = rng.choice(list(TOPIK))
        return self.dialog(
            skp,
            jenis=jenis,
            tanggal=tanggal,
            confirmed=rng.random() < 0.85,
            actions=[(rng.choice(TINDAK), owner, due, done)],
        )

    def named_dialogs(self, named: dict[str, _Skp]) -> list["_Dialog"]:
        """The cast's dialogs: the atasan with a subordinate (confirmed by both, the atasan's action overdue),
        the Kepala Bidang with the atasan (waiting for the atasan's confirmation), and the Kepala Dinas with the
        Kepala Bidang (confirmed, the Kepala Dinas's action overdue)."""
        found = []
        week_ago = max(self.today - datetime.timedelta(days=20), datetime.date(self.year, 1, 1))
        overdue = self.today - datetime.timedelta(days=3)
        soon = self.today + datetime.timedelta(days=10)
        subordinate, atasan, kabid = named.get("bawahan"), named.get("atasan"), named.get("kabid")
        if subordinate is not None and subordinate.penilai_id:
            tanggal = max(week_ago, subordinate.mulai)
            due = overdue if overdue >= tanggal else soon
            found.append(
                self.dialog(
                    subordinate,
                    jenis=JenisDialog.COACHING,
                    tanggal=tanggal,
                    confirmed=True,
                    actions=[
                        (
                            "Mendampingi tim menyusun rencana percepatan cakupan imunisasi",
                            subordinate.penilai_id,
                            due,
                            False,
                        ),
                        (
                            "Menyampaikan rekap capaian mingguan kepada atasan",
                            subordinate.pegawai_id,
                            tanggal,
                            True,
                        ),
                    ],
                )
            )
        if atasan is not None and atasan.penilai_id:
            tanggal = max(week_ago, atasan.mulai)
            found.append(
                self.dialog(
                    atasan,
                    jenis=JenisDialog.MENTORING,
                    tanggal=tanggal,
                    confirmed=False,
                    actions=[
                        ("Mengikuti pelatihan pengolahan data imunisasi", atasan.pegawai_id, soon, False)
                    ],
                )
            )
        if kabid is not None and kabid.penilai_id:
            tanggal = max(week_ago, kabid.mulai)
            due = overdue if overdue >= tanggal else soon
            found.append(
                self.dialog(
                    kabid,
                    jenis=JenisDialog.KONSELING,
                    tanggal=tanggal,
                    confirmed=True,
                    actions=[("Memfasilitasi rapat koordinasi lintas bidang", kabid.penilai_id, due, False)],
                )
            )
        return found

    def write_dialogs(self, dialogs: list["_Dialog"]) -> None:
        DialogKinerja.objects.bulk_create([d.row for d in dialogs], batch_size=1000)
        TindakLanjut.objects.bulk_create([t for d in dialogs for t in d.tindak], batch_size=1000)
        self.counts["dialog"] += len(dialogs)


@dataclass
class _Dialog:
    row: DialogKinerja
    tindak: list[TindakLanjut]


def _named_people() -> dict[str, int]:
    nips = {
        "atasan": org_demo.NIP_KASI_IMUNISASI,
        "kabid": org_demo.NIP_KABID_KESMAS,
        "kepala_dinas": org_demo.NIP_KEPALA_DINKES,
        "sekda": org_demo.NIP_SEKDA,
        "pegawai": org_demo.NIP_PELAKSANA_IMUNISASI,
    }
    ids = dict(Pegawai.objects.filter(nip__in=nips.values()).values_list("nip", "pk"))
    return {role: ids[nip] for role, nip in nips.items() if nip in ids}


def _approved(tahun: TahunKinerja, named: dict[str, int], rng: random.Random) -> list[_Skp]:
    """The approved SKP of the year in order, marked: the named people's and the atasan's subordinates'
    (focus), how far each has filled the current period, who is behind."""
    rows = (
        SKP.objects.filter(tahun_kinerja=tahun, versi__gt=0, status__in=STATUSES)
        .order_by("pk")
        .values_list("pk", "pegawai_id", "penilai_id", "mulai", "selesai", "jabatan__unit__path")
    )
    found = [_Skp(*row[:5], path=row[5]) for row in rows]
    users = dict(
        User.objects.filter(pegawai_id__in=[s.pegawai_id for s in found]).values_list("pegawai_id", "pk")
    )
    named_ids = set(named.values())
    atasan = named.get("atasan")
    subordinates = [
        s for s in found if atasan is not None and s.penilai_id == atasan and s.pegawai_id != atasan
    ]
    for skp in found:
        skp.user_id = users.get(skp.pegawai_id)
        r = rng.random()
        skp.fill = FULL if r < 0.5 else PARTLY if r < 0.75 else NONE
        skp.behind = rng.random() < 0.08
        if skp.pegawai_id in named_ids:
            skp.focus, skp.behind = True, False
            # Their own current period is left to fill: a trial (or a test) records it from nothing.
            skp.fill = NONE
    # Drawn apart from `rng`, so that everything else of the demo stays as it was.
    focus_pks = {s.pk for s in subordinates}
    marks = random.Random(tahun.tahun)  # noqa: S311 (demo data, not a secret)
    units = UnitKerja.objects.filter(instansi_id=tahun.instansi_id, kode__in=LAGGING_UNITS)
    lagging = list(units.values_list("path", flat=True))
    for skp in found:
        if skp.focus or skp.pk in focus_pks:
            continue
        if any(skp.path.startswith(p) for p in lagging):
            skp.fill = NONE if marks.random() < 0.85 else skp.fill
            skp.behind = skp.behind or marks.random() < 0.65
        elif not skp.behind and marks.random() < 0.06:
            skp.declining = True
    for n, skp in enumerate(subordinates):
        skp.focus = True
        skp.declining = n % 3 == 0  # the one who filled everything has been falling period after period
        skp.fill = (FULL, PARTLY, NONE)[n % 3]
        skp.behind = n % 3 == 1  # the one partly filled is also behind target
    return found


def _versions(chunk: list[_Skp], instansi) -> None:
    by_pk = {s.pk: s for s in chunk}
    for skp_id, nomor, konten, approved in (
        VersiSKP.objects.filter(skp_id__in=list(by_pk)).order_by("skp_id", "nomor")
    ).values_list("skp_id", "nomor", "konten", "disetujui_at"):
        by_pk[skp_id].versions.append((nomor, clock.local_date(approved, instansi), konten))


def load_monitoring(*, instansi, admin, year: int, seed: int, today: datetime.date | None = None) -> dict:
    """Write the demo's monitoring of the year up to today; returns counts."""
    today = today or clock.today(instansi)
    tahun = TahunKinerja.objects.get(instansi=instansi, tahun=year)
    periods = list(Periode.objects.filter(tahun_kinerja=tahun).order_by("nomor"))
    build = _Monitoring(instansi=instansi, tahun=tahun, periods=periods, today=today, seed=seed, year=year)
    named = _named_people()
    build.reopened_for = named.get("kabid") if build.reopened is not None else None
    skps = _approved(tahun, named, random.Random(seed * 31 + 14))  # noqa: S311
    named_skp = {}
    for role, pegawai_id in named.items():
        mine = [s for s in skps if s.pegawai_id == pegawai_id and s.selesai >= today] or [
            s for s in skps if s.pegawai_id == pegawai_id
        ]
        if mine:
            named_skp[role] = mine[-1]
    subordinates = [s for s in skps if s.focus and s.pegawai_id not in named.values()]
    if subordinates:
        named_skp["bawahan"] = subordinates[0]
    try:
        dialogs: list[_Dialog] = []
        for start in range(0, len(skps), CHUNK):
            chunk = skps[start : start + CHUNK]
            _versions(chunk, instansi)
            for skp in chunk:
                build.add(skp)
                if not skp.focus and (found := build.some_dialog(skp)) is not None:
                    dialogs.append(found)
                skp.versions = []
            build.flush()
        if build.started:
            dialogs.extend(build.named_dialogs(named_skp))
        build.write_dialogs(dialogs)
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [Realisasi]):
                cursor.execute(sql)
        if build.reopened_for is not None and build.reopened is not None:
            Pembukaan.objects.create(
                periode=build.reopened,
                pegawai_id=build.reopened_for,
                sampai=today + datetime.timedelta(days=14),
                alasan=ALASAN_PEMBUKAAN,
                dibuat_oleh=admin,
            )
            build.counts["pembukaan"] = 1
    except BaseException:
        for name in build.stored:  # a failed load leaves no file behind
            demo_files.default_storage.delete(name)
        raise
    audit.record(
        actor=None,
        action="demo.monitoring",
        obj=tahun,
        instansi=instansi,
        changes={"counts": [None, build.counts]},
        reason=f"Data pemantauan demo tahun {year}",
    )
    return build.counts


def load(demo) -> None:
    """The demo year's monitoring (kinerja.core.demo runs it after planning's loader)."""
    demo.counts.update(
        load_monitoring(instansi=demo.instansi, admin=demo.admin, year=demo.year, seed=demo.seed)
    )
    demo.counts.update(
        demo_disiplin.load_discipline(
            instansi=demo.instansi, admin=demo.admin, year=demo.year, seed=demo.seed
        )
    )
