"""The demo year's discipline and innovation (kinerja.monitoring.demo runs it after the realisations), written
through the same services a person uses, so that import records, alerts, notifications and audit events are
those of real use.

- **Attendance**: one file per month from January to the last full month, imported by the admin BKPSDM, for the
  first ATTENDANCE_PEOPLE active pegawai (all of them in the usual 300-person demo), Monday to Friday. Most people
  are clean (present, with some leave, sick days, permissions and official travel; some with one or two days
  absent without a valid reason); three reach teguran lisan (3 days), two teguran tertulis (5), one the written
  statement of dissatisfaction (8), and one is absent ten working days in a row. At least one of the first
  group is a subordinate of the Kepala Seksi Imunisasi (`atasan`), who gets the alert. The `pegawai` and the
  `atasan` of the cast are left without attendance: a trial (or a test) imports theirs from nothing.
- **Sanctions**: two decisions on record, each with a small PDF as its decree: the statement of dissatisfaction
  for the eight days, and an allowance cut of six months in force today for another violation.
- **Innovations**: drafts, submitted ones, a returned one and verified ones; the first three belong to people the
  `atasan` assesses (one waiting for their verification, two verified by them). The named people have none of
  their own: a trial (or a test) starts theirs from nothing.
"""

import calendar
import datetime
import hashlib
import random
from dataclasses import dataclass

from django.core.files.base import ContentFile

from kinerja.accounts.models import User
from kinerja.core import clock
from kinerja.monitoring import demo_files, services
from kinerja.monitoring.services.common import user_of
from kinerja.org import demo as org_demo
from kinerja.org import selectors as org_selectors
from kinerja.org.models import Pegawai

ATTENDANCE_PEOPLE = 1000
LEFT_OUT = (org_demo.NIP_PELAKSANA_IMUNISASI, org_demo.NIP_KASI_IMUNISASI)
# (unexcused days, people): the levels the demo reaches, lightest first.
CROSSING = ((3, 3), (5, 2), (8, 1))
CONSECUTIVE = 10

INNOVATIONS = [
    (
        "Pendaftaran imunisasi lewat WhatsApp",
        "Orang tua antre hingga 2 jam untuk mendaftar imunisasi di puskesmas.",
        "Pendaftaran dan pengingat jadwal dikirim lewat WhatsApp Business sejak Maret.",
        "Waktu tunggu rata-rata turun dari 120 menit menjadi 20 menit (data Januari dan Juni).",
    ),
    (
        "Arsip digital rekam imunisasi",
        "Buku register imunisasi rusak dan sulit dicari saat pelaporan.",
        "Register dipindai dan dicatat di lembar kerja bersama per kelurahan.",
        "Penyusunan laporan bulanan dari 3 hari menjadi 4 jam.",
    ),
    (
        "Layanan konsultasi gizi keliling",
        "Ibu hamil di kelurahan jauh jarang datang konsultasi gizi.",
        "Konsultasi gizi dibawa ke posyandu sebulan sekali.",
        "Kunjungan konsultasi gizi naik dari 35 menjadi 112 per bulan.",
    ),
    (
        "Papan antrean daring layanan KTP",
        "Warga menunggu di kantor kecamatan tanpa tahu giliran.",
        "Nomor antrean dan perkiraan jam layanan tampil di laman kecamatan.",
        "Keluhan antrean di kanal pengaduan turun dari 41 menjadi 7 per bulan.",
    ),
    (
        "Pemeliharaan jalan berbasis foto warga",
        "Kerusakan jalan baru diketahui saat inspeksi triwulanan.",
        "Laporan foto warga lewat formulir daring dipetakan setiap pekan.",
        "Lubang jalan ditambal rata-rata 6 hari setelah dilaporkan (sebelumnya 45 hari).",
    ),
    (
        "Rapat tanpa kertas",
        "Bahan rapat dicetak untuk setiap peserta.",
        "Bahan rapat dibagikan lewat folder bersama dan ditampilkan di layar.",
        "Pemakaian kertas turun 60% (rim per bulan, Januari–Juni).",
    ),
    (
        "Jadwal piket puskesmas otomatis",
        "Jadwal piket disusun manual dan sering bentrok.",
        "Lembar kerja menyusun jadwal dari daftar cuti dan kebutuhan tiap unit.",
        "Bentrokan jadwal dari 12 menjadi 1 per bulan.",
    ),
    (
        "Surat izin usaha tanpa tatap muka",
        "Pemohon datang dua kali untuk melengkapi berkas yang kurang.",
        "Daftar periksa berkas diunggah lebih dulu dan diperiksa dalam satu hari kerja.",
        "Permohonan yang kembali karena berkas kurang turun dari 38% menjadi 9%.",
    ),
]
RETURN_REASON = "Lengkapi dengan angka sebelum dan sesudah perubahan, dan lampirkan datanya."


@dataclass
class _Person:
    pk: int
    nip: str
    nama: str


def _working_days(year: int, month: int) -> list[datetime.date]:
    days = calendar.monthrange(year, month)[1]
    return [
        datetime.date(year, month, d)
        for d in range(1, days + 1)
        if datetime.date(year, month, d).weekday() < 5
    ]


def _months(year: int, today: datetime.date) -> list[int]:
    """The full months of the year before today's month."""
    if today.year > year:
        return list(range(1, 13))
    return list(range(1, today.month)) if today.year == year else []


def _baseline(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.012:
        return "I"
    if r < 0.03:
        return "S"
    if r < 0.05:
        return "C"
    if r < 0.08:
        return "DL"
    return "H"


def _plan_unexcused(people: list[_Person], all_days: list[datetime.date], rng, focus: set[int]) -> dict:
    """{pegawai id: set of days absent without a valid reason}: the crossers (a subordinate of the atasan
    among the first), the one with ten days in a row, and a few with one or two days."""
    order = sorted(people, key=lambda p: (p.pk not in focus, rng.random()))
    plan: dict[int, set[datetime.date]] = {}
    index = 0
    for days, count in CROSSING:
        for _ in range(count):
            if index >= len(order):
                return plan
            plan[order[index].pk] = set(rng.sample(all_days, days))
            index += 1
    if index < len(order) and len(all_days) > CONSECUTIVE:
        start = rng.randrange(len(all_days) // 2, len(all_days) - CONSECUTIVE)
        plan[order[index].pk] = set(all_days[start : start + CONSECUTIVE])
        index += 1
    for person in order[index:]:
        if rng.random() < 0.08:
            plan[person.pk] = set(rng.sample(all_days, rng.choice((1, 2))))
    return plan


def _attendance(instansi, admin, year: int, today: datetime.date, rng: random.Random, focus: set[int]):
    months = _months(year, today)
    people = [
        _Person(*row)
        for row in Pegawai.objects.filter(instansi=instansi, aktif=True)
        .exclude(nip__in=LEFT_OUT)
        .order_by("pk")
        .values_list("pk", "nip", "nama")[:ATTENDANCE_PEOPLE]
    ]
    if not months or not people:
        return [], {}
    by_month = {m: _working_days(year, m) for m in months}
    all_days = [d for m in months for d in by_month[m]]
    plan = _plan_unexcused(people, all_days, rng, focus)
    for month in months:
        rows = []
        for person in people:
            unexcused = plan.get(person.pk, ())
            for day in by_month[month]:
                status = "TK" if day in unexcused else _baseline(rng)
                rows.append(
                    {"row": len(rows) + 2, "nip": person.nip, "tanggal": day.isoformat(), "status": status}
                )
        name = f"absensi-{year}-{month:02d}.xlsx"
        services.kehadiran_apply(
            actor=admin,
            instansi=instansi,
            rows=rows,
            nama_berkas=name,
            sha256=hashlib.sha256(f"{name}:{len(rows)}".encode()).hexdigest(),
        )
    return people, plan


def _decree(lines: list[str], name: str) -> ContentFile:
    return ContentFile(demo_files.tiny_pdf(lines), name=name)


def _sanctions(instansi, admin, people, plan, today: datetime.date) -> int:
    """The statement of dissatisfaction for the eight days, two weeks after the eighth; an allowance cut for another
    violation, decreed some ten weeks ago (in force today)."""
    by_pk = {p.pk: p for p in people}
    eight = next((pk for pk, days in plan.items() if len(days) == 8), None)
    other = next((p for p in reversed(people) if p.pk not in plan), None)  # not one of the named heads
    decisions = []
    if eight is not None:
        on = min(today, sorted(plan[eight])[-1] + datetime.timedelta(days=14))
        decisions.append(
            (
                by_pk[eight],
                on,
                "pernyataan_tidak_puas",
                "BKPSDM",
                "ringan",
                "Tidak masuk kerja tanpa alasan yang sah selama 8 hari kerja dalam satu tahun.",
            )
        )
    if other is not None:
        on = max(datetime.date(today.year, 1, 2), today - datetime.timedelta(days=75))
        decisions.append(
            (
                other,
                on,
                "potong_tukin_6",
                "INSP",
                "sedang",
                "Menggunakan kendaraan dinas untuk kepentingan pribadi di luar jam kerja.",
            )
        )
    for person, on, tingkat, office, weight, uraian in decisions:
        services.sanksi_create(
            actor=admin,
            instansi=instansi,
            nip=person.nip,
            tingkat=tingkat,
            nomor_sk=f"800.1.6/{on:%m}/{office}/{on.year}",
            tanggal_sk=on,
            mulai=on,
            uraian=uraian,
            berkas=_decree(
                ["KEPUTUSAN WALI KOTA SUKAMAJU", f"Hukuman disiplin {weight}", person.nama], "sk.pdf"
            ),
        )
    return len(decisions)


def _innovations(instansi, today: datetime.date, rng: random.Random) -> int:
    """Eight innovations: two drafts, two submitted (one to the atasan), one returned, three verified (two by the
    atasan)."""
    named = dict(Pegawai.objects.filter(nip__in=(org_demo.NIP_KASI_IMUNISASI,)).values_list("nip", "pk"))
    atasan = (
        Pegawai.objects.filter(pk=named.get(org_demo.NIP_KASI_IMUNISASI)).select_related("instansi").first()
    )
    owners: list[Pegawai] = []
    if atasan is not None:
        team = [
            d.pegawai
            for d in org_selectors.assessed_by(atasan, today)
            if d.pegawai.nip not in LEFT_OUT and d.pegawai.instansi_id == instansi.pk
        ]
        owners.extend(team[:3])
    others = list(
        Pegawai.objects.filter(instansi=instansi, aktif=True).exclude(nip__in=LEFT_OUT).order_by("-pk")[:40]
    )
    rng.shuffle(others)
    owners.extend(p for p in others if p not in owners)
    users = {u.pegawai_id: u for u in User.objects.filter(pegawai__in=owners, is_active=True)}
    # Who verifies each: the penilai of today, with an account.
    plan = [
        "diajukan",
        "diverifikasi",
        "diverifikasi",
        "draf",
        "diajukan",
        "dikembalikan",
        "diverifikasi",
        "draf",
    ]
    made = 0
    for owner in owners:
        if made == len(INNOVATIONS):
            break
        actor = users.get(owner.pk)
        chain = org_selectors.penilai_chain(owner, today)
        penilai = user_of(chain.penilai.pegawai.pk) if chain.penilai is not None else None
        if actor is None or penilai is None:
            continue
        judul, masalah, perubahan, dampak = INNOVATIONS[made]
        state = plan[made]
        evidence = (
            {"berkas": _decree(["LAPORAN INOVASI", judul, owner.nama], "laporan-inovasi.pdf")}
            if made % 2 == 0
            else {"tautan": f"https://sukamaju.go.id/inovasi/{made + 1}"}
        )
        found = services.inovasi_create(
            actor=actor,
            tahun=today.year,
            judul=judul,
            masalah=masalah,
            perubahan=perubahan,
            dampak=dampak if state != "draf" or made > 3 else "",
            **evidence,
        )
        if state != "draf":
            found = services.inovasi_ajukan(actor=actor, inovasi=found)
        if state == "diverifikasi":
            services.inovasi_verifikasi(actor=penilai, inovasi=found)
        elif state == "dikembalikan":
            services.inovasi_kembalikan(actor=penilai, inovasi=found, reason=RETURN_REASON)
        made += 1
    return made


def load_discipline(*, instansi, admin, year: int, seed: int, today: datetime.date | None = None) -> dict:
    """Write the demo's attendance, sanctions and innovations of the year up to today; returns counts."""
    today = today or clock.today(instansi)
    rng = random.Random(seed * 17 + 13)  # noqa: S311 (demo data)
    focus: set[int] = set()
    atasan = Pegawai.objects.filter(nip=org_demo.NIP_KASI_IMUNISASI).first()
    if atasan is not None:
        focus = {d.pegawai.pk for d in org_selectors.assessed_by(atasan, today)}
    people, plan = _attendance(instansi, admin, year, today, rng, focus)
    counts = {"kehadiran_pegawai": len(people), "sanksi": 0, "inovasi": 0}
    if year == today.year:
        counts["sanksi"] = _sanctions(instansi, admin, people, plan, today) if people else 0
        counts["inovasi"] = _innovations(instansi, today, rng)
    return counts
