"""The demo government's SKP for its year: cascaded from the Sekda down, in every workflow state.

Like the rest of the demo, rows are written in bulk (a 100,000-pegawai demo must load in minutes), with one
audit event for the whole load; the year itself is opened through the service. Who assesses whom is read from
the organisation on 1 January, the day the year's SKP start.

Everyone who leads someone has an approved SKP, so their people can cascade from it. The others take turns
through the states: approved, not started, draft, submitted, returned, under revision (approved once). The
demo pegawai (pelaksana at Seksi Imunisasi) has not started, so a trial can draft an SKP from nothing; the
year's SKP deadline is 31 December for the same reason (a real year closes drafting at the end of January).
"""

import datetime
from decimal import Decimal

from django.core.management.color import no_style
from django.db import connection
from django.utils import timezone

from kinerja.core import audit, clock
from kinerja.org import demo as org_demo
from kinerja.org import selectors as org_selectors
from kinerja.org.models import Pegawai, Penugasan
from kinerja.org.selectors import Pejabat
from kinerja.planning import rules, selectors, services
from kinerja.planning.models import (
    RHK,
    SKP,
    Indikator,
    JenisRHK,
    PerilakuSKP,
    StatusSKP,
    VersiSKP,
)

CENT = Decimal("0.01")

# The cycle of states for people who lead no one (approved most often, as in late year).
CYCLE = [
    StatusSKP.DISETUJUI,
    None,  # not started
    StatusSKP.DRAFT,
    StatusSKP.DIAJUKAN,
    StatusSKP.DISETUJUI,
    StatusSKP.DIKEMBALIKAN,
    StatusSKP.DISETUJUI,
    StatusSKP.REVISI,
    StatusSKP.DISETUJUI,
    StatusSKP.DISETUJUI,
]

JPT_RHK = [
    (
        "penerima_layanan",
        "Meningkatnya kualitas layanan {unit}",
        "Indeks kepuasan masyarakat",
        "85",
        "indeks",
    ),
    ("proses_bisnis", "Terwujudnya tata kelola {unit} yang akuntabel", "Nilai evaluasi SAKIP", "75", "nilai"),
    (
        "penguatan_internal",
        "Meningkatnya kapasitas SDM aparatur {unit}",
        "Persentase ASN yang memenuhi standar kompetensi jabatan",
        "80",
        "%",
    ),
    (
        "anggaran",
        "Terwujudnya realisasi anggaran {unit} yang optimal",
        "Persentase realisasi anggaran",
        "95",
        "%",
    ),
]

# (RHK, indikator, target, satuan) by a word of the unit's name; the rest take the generic lines.
SPECIFIC = {
    "Imunisasi": [
        (
            "Meningkatnya cakupan imunisasi dasar lengkap",
            "Persentase cakupan imunisasi dasar lengkap",
            "95",
            "%",
        ),
        (
            "Tersedianya data imunisasi yang mutakhir",
            "Jumlah laporan imunisasi bulanan tepat waktu",
            "12",
            "laporan",
        ),
    ],
    "Gizi": [("Menurunnya prevalensi balita stunting", "Prevalensi balita stunting", "14", "%")],
    "Surveilans": [
        ("Terlaksananya surveilans penyakit menular", "Persentase laporan surveilans tepat waktu", "90", "%")
    ],
    "Kinerja": [
        (
            "Terlaksananya penilaian kinerja ASN tepat waktu",
            "Persentase SKP disetujui sebelum tenggat",
            "95",
            "%",
        )
    ],
    "Kurikulum": [
        ("Terlaksananya pendampingan kurikulum sekolah", "Jumlah sekolah yang didampingi", "24", "sekolah")
    ],
    "SD Negeri": [
        ("Terlaksananya pembelajaran yang bermutu", "Persentase peserta didik tuntas belajar", "90", "%")
    ],
    "Puskesmas": [("Meningkatnya mutu pelayanan puskesmas", "Indeks kepuasan pasien", "85", "indeks")],
}
GENERIC = [
    ("Terlaksananya program kerja {unit}", "Persentase kegiatan yang terlaksana sesuai rencana", "100", "%"),
    ("Tersusunnya laporan kinerja {unit}", "Jumlah laporan yang disusun", "4", "laporan"),
    ("Terselesaikannya layanan administrasi {unit}", "Rata-rata waktu penyelesaian layanan", "3", "hari"),
]
STAFF = [
    (
        "Terlaksananya pengolahan data untuk mendukung {goal}",
        "Jumlah laporan data yang disampaikan tepat waktu",
        "12",
        "laporan",
    ),
    (
        "Terselesaikannya tugas teknis untuk mendukung {goal}",
        "Persentase tugas yang diselesaikan sesuai jadwal",
        "95",
        "%",
    ),
]
TAMBAHAN = (
    "Terlaksananya tugas tambahan dari pimpinan",
    "Jumlah tugas tambahan yang diselesaikan",
    "2",
    "kegiatan",
)
LAMPIRAN = {
    "dukungan_sumber_daya": "Anggaran kegiatan pada DPA unit kerja\nSarana dan prasarana kantor",
    "skema_pertanggungjawaban": "Laporan kinerja triwulanan kepada pejabat penilai",
    "konsekuensi": "Realisasi di bawah target menjadi bahan dialog kinerja dan pembinaan",
}


def _lines(unit_name: str) -> list[tuple[str, str, str, str]]:
    for word, lines in SPECIFIC.items():
        if word in unit_name:
            return [*lines, *GENERIC[: 3 - len(lines)]] if len(lines) < 2 else lines
    return GENERIC[:2]


def _staff_lines(parents: list[RHK]) -> list[tuple[str, str, str, str]]:
    """What someone who leads no one plans: their part in each of their penilai's first two RHK."""
    lines = []
    for n, parent in enumerate(parents[:2]):
        goal = parent.uraian[:1].lower() + parent.uraian[1:]
        text, ind, target, satuan = STAFF[n % len(STAFF)]
        lines.append((text.format(goal=goal), ind, target, satuan))
    return lines


class _Plan:
    """The SKP rows being built, written a chunk at a time; the leaders' RHK stay at hand so that people below
    can link to them (memory follows the number of leaders, not of pegawai)."""

    CHUNK = 2000  # SKP per write

    def __init__(self, instansi, tahun_kinerja, ruleset, today):
        self.instansi, self.tahun, self.ruleset, self.today = instansi, tahun_kinerja, ruleset, today
        self.skp: list[SKP] = []
        self.rhk: list[tuple[SKP, RHK, list[Indikator]]] = []
        self.rhk_of: dict[int, list[RHK]] = {}  # leader's pegawai id -> their Utama RHK
        self.leaders: set[int] = set()  # pegawai who assess someone: their RHK are their unit's
        self.written = self.approved = 0
        self.next_rhk = (RHK.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1

    def add(
        self,
        p: Penugasan,
        penilai: Pejabat | None,
        atasan: Pejabat | None,
        status,
        mulai,
        selesai,
        berakhir=False,
        alasan="",
    ) -> SKP:
        year = self.tahun.tahun
        approved_at = timezone.make_aware(datetime.datetime(year, 1, 20, 9, 0))
        versi = 1 if status in (StatusSKP.DISETUJUI, StatusSKP.REVISI) else 0
        jabatan = p.jabatan
        skp = SKP(
            instansi=self.instansi,
            tahun_kinerja=self.tahun,
            pegawai=p.pegawai,
            jabatan=jabatan,
            mulai=mulai,
            selesai=selesai,
            pendekatan=self.ruleset.pendekatan(jabatan.jenis),
            jpt=selectors.is_jpt(jabatan),
            status=status,
            versi=versi,
            berakhir=berakhir,
            alasan_berakhir=alasan,
            penilai=penilai.pegawai if penilai else None,
            atasan_penilai=atasan.pegawai if atasan else None,
            identitas_pegawai=selectors.identitas(p.pegawai, jabatan, p.jenis),
            identitas_penilai=selectors.identitas_pejabat(penilai) or selectors.identitas_ppk(self.instansi),
            identitas_atasan_penilai=selectors.identitas_pejabat(atasan),
            diajukan_at=approved_at - datetime.timedelta(days=5) if status != StatusSKP.DRAFT else None,
            disetujui_at=approved_at if versi else None,
            catatan_pengembalian="Target kuantitas belum terukur; lengkapi satuan dan angka target."
            if status == StatusSKP.DIKEMBALIKAN
            else "",
            alasan_revisi="Penyesuaian target setelah perubahan anggaran"
            if status == StatusSKP.REVISI
            else "",
            **LAMPIRAN,
        )
        self.skp.append(skp)
        parents = self.rhk_of.get(penilai.pegawai.pk, []) if penilai else []
        mine = []
        if skp.jpt:
            lines = [(text, ind, t, s, persp) for persp, text, ind, t, s in JPT_RHK]
        elif parents and p.pegawai_id not in self.leaders:
            lines = [(*line, "") for line in _staff_lines(parents)]
        else:
            lines = [(*line, "") for line in _lines(jabatan.unit.nama)]
        for n, (text, ind, target, satuan, persp) in enumerate(lines, start=1):
            rhk = RHK(
                skp=skp,
                jenis=JenisRHK.UTAMA,
                urutan=n,
                uraian=text.format(unit=jabatan.unit.nama),
                perspektif=persp,
            )
            rhk.parent = parents[(n - 1) % len(parents)] if parents else None
            mine.append(rhk)
            indikator = [
                Indikator(
                    urutan=1,
                    uraian=ind,
                    target_angka=Decimal(target).quantize(CENT),
                    satuan=satuan,
                    arah="turun" if satuan == "hari" or "stunting" in ind else "naik",
                )
            ]
            self.rhk.append((skp, rhk, indikator))
        if status != StatusSKP.DRAFT:
            text, ind, target, satuan = TAMBAHAN
            self.rhk.append(
                (
                    skp,
                    RHK(skp=skp, jenis=JenisRHK.TAMBAHAN, urutan=1, uraian=text),
                    [
                        Indikator(
                            urutan=1, uraian=ind, target_angka=Decimal(target).quantize(CENT), satuan=satuan
                        )
                    ],
                )
            )
        if p.pegawai_id in self.leaders:
            self.rhk_of[p.pegawai_id] = mine
        if len(self.skp) >= self.CHUNK:
            self.flush()
        return skp

    def flush(self) -> None:
        """Write the SKP added since the last write, with their RHK, indikator, perilaku and version 1."""
        SKP.objects.bulk_create(self.skp, batch_size=1000)
        for skp, rhk, _ in self.rhk:
            rhk.skp = skp
        # Ids are given here (as the organisation demo does), so a child row names its parent RHK as it is
        # written: no second pass over tens of thousands of rows.
        for _, rhk, _ in self.rhk:
            rhk.pk = self.next_rhk
            self.next_rhk += 1
        for _, rhk, _ in self.rhk:
            if getattr(rhk, "parent", None) is not None:
                rhk.rhk_atasan_id = rhk.parent.pk
        RHK.objects.bulk_create([r for _, r, _ in self.rhk], batch_size=1000)
        indikator = []
        for _, rhk, items in self.rhk:
            for i in items:
                i.rhk = rhk
                i.akumulasi = rules.default_akumulasi(i.aspek, i.satuan)
                indikator.append(i)
        Indikator.objects.bulk_create(indikator, batch_size=2000)
        nilai = self.ruleset.nilai_perilaku
        perilaku = {
            skp: [
                PerilakuSKP(
                    skp=skp,
                    kode=n["kode"],
                    nama=n["nama"],
                    indikator=n["indikator"],
                    urutan=k,
                    ekspektasi="Memberikan layanan yang cepat dan ramah kepada masyarakat"
                    if k == 0 and skp.versi
                    else "",
                )
                for k, n in enumerate(nilai)
            ]
            for skp in self.skp
        }
        PerilakuSKP.objects.bulk_create([p for rows in perilaku.values() for p in rows], batch_size=5000)
        # Version 1 of every SKP approved once, from the rows at hand (no reading back).
        rhk_of: dict[SKP, list] = {}
        for skp, rhk, items in self.rhk:
            parent = getattr(rhk, "parent", None)
            rhk_of.setdefault(skp, []).append((rhk, items, parent.uraian if parent is not None else ""))
        VersiSKP.objects.bulk_create(
            (
                VersiSKP(
                    skp=skp,
                    nomor=1,
                    konten=selectors.content_from(skp, rhk=rhk_of.get(skp, []), perilaku=perilaku[skp]),
                    disetujui_oleh_id=skp.penilai_id,
                    disetujui_at=skp.disetujui_at,
                )
                for skp in self.skp
                if skp.versi
            ),
            batch_size=1000,
        )
        self.written += len(self.skp)
        self.approved += sum(1 for skp in self.skp if skp.versi)
        self.skp, self.rhk = [], []

    def finish(self) -> dict:
        self.flush()
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [RHK]):
                cursor.execute(sql)
        return {"skp": self.written, "disetujui": self.approved}


def load_planning(*, instansi, admin, year: int, today: datetime.date | None = None) -> dict:
    """Open the year and write the demo SKP; returns counts."""
    from kinerja.criteria import selectors as criteria_selectors

    today = today or clock.today(instansi)
    today = min(max(today, datetime.date(year, 1, 1)), datetime.date(year, 12, 31))
    # The demo keeps the year open for drafting until 31 December, so a trial can start an SKP on any day.
    tahun = services.tahun_open(
        actor=admin, instansi=instansi, tahun=year, tenggat_skp=datetime.date(year, 12, 31)
    )
    first_day = datetime.date(year, 1, 1)
    ruleset = criteria_selectors.rules_in_force(instansi.pk, first_day)
    plan = _Plan(instansi, tahun, ruleset, today)
    chains = org_selectors.chains_at(instansi, first_day)
    leaders = plan.leaders
    leaders.update(c.penilai.pegawai.pk for c in chains.values() if c.penilai)
    turn = 0
    for pegawai_id, chain in sorted(
        chains.items(),
        key=lambda item: (item[1].penugasan.jabatan.path.count("/"), item[1].penugasan.jabatan.path),
    ):
        p, penilai, atasan = chain.penugasan, chain.penilai, chain.atasan_penilai
        nip = p.pegawai.nip
        if nip == org_demo.NIP_PELAKSANA_IMUNISASI:
            continue
        if pegawai_id in leaders or not penilai or nip == org_demo.NIP_MUTASI:
            status = StatusSKP.DISETUJUI
        elif "Epidemiolog" in p.jabatan.nama and "Imunisasi" in p.jabatan.unit.nama:
            status = StatusSKP.DIAJUKAN  # waits in the Kepala Seksi Imunisasi's inbox
        else:
            status = CYCLE[turn % len(CYCLE)]
            turn += 1
            if status is None:
                continue
        ends = p.selesai if p.selesai and p.selesai < datetime.date(year, 12, 31) else None
        if ends is not None and ends < today:
            plan.add(
                p,
                penilai,
                atasan,
                status,
                first_day,
                ends,
                berakhir=True,
                alasan=p.keterangan or "Penugasan berakhir",
            )
        else:
            plan.add(p, penilai, atasan, status, first_day, ends or datetime.date(year, 12, 31))
    # The mid-year transfer: the new position's SKP, assessed by the new penilai, once the transfer happened.
    moved = Pegawai.objects.filter(nip=org_demo.NIP_MUTASI).first()
    if moved is not None:
        after = (
            Penugasan.objects.filter(pegawai=moved, mulai__gt=first_day)
            .select_related("jabatan", "jabatan__unit", "pegawai")
            .first()
        )
        if after is not None and after.mulai <= today:
            chain = org_selectors.chains_at(instansi, after.mulai)[moved.pk]
            penilai, atasan = chain.penilai, chain.atasan_penilai
            plan.add(after, penilai, atasan, StatusSKP.DISETUJUI, after.mulai, datetime.date(year, 12, 31))
    counts = plan.finish()
    audit.record(
        actor=None,
        action="demo.planning",
        obj=tahun,
        instansi=instansi,
        changes={"counts": [None, counts]},
        reason=f"SKP demo tahun {year}",
    )
    return counts


def load(demo) -> None:
    """The demo year's SKP (kinerja.core.demo runs it after the organisation and the framework)."""
    demo.counts["skp"] = load_planning(instansi=demo.instansi, admin=demo.admin, year=demo.year)["skp"]
