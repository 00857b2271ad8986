"""The demo's 360 feedback (issue 16): a closed round of the third quarter over the Dinas Kesehatan, with
realistic answers (people rate themselves a little higher, as usual; peers who cannot judge a competency say so;
a few forms were never sent, so some groups stay under the anonymity threshold and show nothing), reports and
competency profiles set by most penilai; and an open round of the fourth quarter over the whole instansi, opened
through the same service as the screen, with about a third of the forms sent and one nomination of peers waiting
for its penilai. The cast's pelaksana and Kepala Seksi Imunisasi still have their forms to fill in, and the
Kepala Seksi has their team's competency profiles to set.

Answers are written in bulk (as the service writes them: an anonymous row per submitted form)."""

import datetime
import random

from django.urls import reverse

from kinerja.core import audit, clock
from kinerja.core.models import Notifikasi
from kinerja.criteria import selectors as criteria_selectors
from kinerja.feedback360 import services
from kinerja.feedback360.models import Formulir, Jawaban, Kelompok, Peserta, ProfilKompetensi, StatusRekan
from kinerja.feedback360.selectors.questionnaire import KOMPETENSI, items_of
from kinerja.org import demo as org_demo
from kinerja.org.models import Pegawai, UnitKerja
from kinerja.planning.models import Periode

BIAS = {Kelompok.DIRI: 0.5, Kelompok.PENILAI: -0.1, Kelompok.REKAN: 0.0, Kelompok.BAWAHAN: 0.2}
KOMENTAR = {
    Kelompok.DIRI: [
        "Saya berusaha selalu tepat waktu.",
        "Saya perlu belajar lebih banyak tentang analisis data.",
    ],
    Kelompok.PENILAI: [
        "Teliti dan dapat diandalkan; perlu lebih berani menyampaikan usulan.",
        "Koordinasi lintas seksi sudah baik.",
    ],
    Kelompok.REKAN: [
        "Selalu siap membantu rekan yang kesulitan.",
        "Komunikasi dalam rapat bisa lebih ringkas.",
        "Ramah kepada masyarakat yang datang.",
        "Laporan kegiatannya rapi dan tepat waktu.",
        "",
    ],
    Kelompok.BAWAHAN: [
        "Memberi arahan yang jelas.",
        "Terbuka terhadap masukan tim.",
        "Kadang keputusan datang terlambat.",
        "",
    ],
}


def _level(true: float, kelompok: str, rng: random.Random) -> int:
    return max(1, min(5, round(true + BIAS[kelompok] + rng.gauss(0, 0.6))))


def _answer(forms: list[Formulir], sent: float, rng: random.Random, keep: set[int]) -> int:
    """Send a share of the forms with answers around each participant's "true" level; `keep` are raters whose
    forms stay open (for a trial)."""
    items: dict[int, list] = {}
    truth: dict[tuple[int, str], float] = {}
    answers, done = [], []
    for f in forms:
        if f.pengisi_id in keep or rng.random() > sent:
            continue
        peserta = f.peserta
        if peserta.pk not in items:
            items[peserta.pk] = items_of(peserta)
        nilai = {}
        for item in items[peserta.pk]:
            base = truth.setdefault((peserta.pk, item.key), (item.standar or 3.4) + rng.uniform(-0.8, 0.8))
            cannot = (
                item.kind == KOMPETENSI
                and f.kelompok in (Kelompok.REKAN, Kelompok.BAWAHAN)
                and rng.random() < 0.08
            )
            nilai[item.key] = None if cannot else _level(base, f.kelompok, rng)
        answers.append(
            Jawaban(
                peserta=peserta, kelompok=f.kelompok, nilai=nilai, komentar=rng.choice(KOMENTAR[f.kelompok])
            )
        )
        done.append(f.pk)
    Jawaban.objects.bulk_create(answers, batch_size=2000)
    Formulir.objects.filter(pk__in=done).update(selesai=True, aktif=True, draf={})
    return len(done)


def _forms(ronde) -> list[Formulir]:
    return list(
        Formulir.objects.filter(peserta__ronde=ronde, aktif=True)
        .select_related("peserta__ronde", "peserta__jabatan")
        .order_by("pk")
    )


def _profiles(ronde, skip_penilai: set[int], today: datetime.date, rng: random.Random) -> int:
    """Most penilai set the profile of their people from the report: the others' level, rounded, give or take."""
    rows = []
    for peserta in (
        Peserta.objects.filter(ronde=ronde).exclude(penilai__isnull=True).exclude(penilai_id__in=skip_penilai)
    ):
        for item in items_of(peserta):
            if item.kind != KOMPETENSI or rng.random() < 0.1:
                continue
            level = max(1, min(5, (item.standar or 3) + rng.choice([-1, 0, 0, 0, 1])))
            rows.append((peserta, item, level))
    kompetensi = {k.kode: k.pk for k in ronde.kerangka.kompetensi.all()}
    ProfilKompetensi.objects.bulk_create(
        [
            ProfilKompetensi(
                pegawai_id=p.pegawai_id,
                tahun=today.year,
                jabatan_id=p.jabatan_id,
                kompetensi_id=kompetensi[item.key.split(":", 1)[1]],
                level=level,
                level_standar=item.standar,
                ditetapkan_oleh_id=p.penilai_id,
            )
            for p, item, level in rows
        ],
        batch_size=2000,
    )
    return len(rows)


def load_rounds(*, instansi, admin, seed: int, today: datetime.date | None = None) -> dict:
    today = today or clock.today(instansi)
    if criteria_selectors.in_force(instansi.pk, today) is None:
        return {}
    rng = random.Random(seed + 360)  # noqa: S311 (demo data, not a secret)
    cast = dict(
        Pegawai.objects.filter(
            nip__in=[org_demo.NIP_PELAKSANA_IMUNISASI, org_demo.NIP_KASI_IMUNISASI]
        ).values_list("nip", "pk")
    )
    kasi = cast.get(org_demo.NIP_KASI_IMUNISASI)
    keep = set(cast.values())
    dinkes = UnitKerja.objects.filter(instansi=instansi, kode="DINKES").first()
    quarters = {
        p.nomor: p
        for p in Periode.objects.filter(tahun_kinerja__instansi=instansi, tahun_kinerja__tahun=today.year)
    }
    ended = [p for p in quarters.values() if p.selesai < today]
    last = max(ended, key=lambda p: p.nomor) if ended else None
    counts = {}
    last_note = Notifikasi.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    # A closed round of the last ended period over the Dinas Kesehatan: answered, reported, profiled.
    closed = services.ronde_buka(
        actor=admin,
        instansi=instansi,
        nama=f"Umpan Balik 360 {last.nama if last else 'Semester I'} {today.year}",
        tanggal_tutup=today,
        unit=dinkes,
        periode=last,
    )
    Peserta.objects.filter(ronde=closed).update(status_rekan=StatusRekan.DISETUJUI)
    counts["jawaban_360"] = _answer(_forms(closed), 0.9, rng, keep=set())
    closed.tanggal_tutup = min(
        today - datetime.timedelta(days=1),
        (last.tenggat_input if last else today - datetime.timedelta(days=30)),
    )
    closed.save(update_fields=["tanggal_tutup"])
    counts["profil_kompetensi"] = _profiles(closed, {kasi} if kasi else set(), today, rng)
    # An open round of the year's next period over the whole instansi, opened like on the screen.
    following = quarters.get(last.nomor + 1) if last else None
    open_round = services.ronde_buka(
        actor=admin,
        instansi=instansi,
        nama=f"Umpan Balik 360 {following.nama if following else 'Akhir Tahun'} {today.year}",
        tanggal_tutup=today + datetime.timedelta(days=14),
        periode=following,
    )
    counts["jawaban_360"] += _answer(_forms(open_round), 0.35, rng, keep=keep)
    waiting = (
        Peserta.objects.filter(ronde=open_round, penilai_id=kasi)
        .exclude(pegawai_id__in=keep)
        .exclude(formulir__kelompok=Kelompok.REKAN, formulir__selesai=True)
        .order_by("pegawai__nama")
        .first()
    )
    if waiting is not None:
        waiting.status_rekan = StatusRekan.DIAJUKAN
        waiting.save(update_fields=["status_rekan"])
        Formulir.objects.filter(peserta=waiting, kelompok=Kelompok.REKAN).update(aktif=False)
    # The demo starts quiet: the notifications of its two openings are not kept.
    Notifikasi.objects.filter(pk__gt=last_note, url=reverse("feedback360:index")).delete()
    audit.record(
        actor=None,
        action="demo.feedback360",
        object_type="org.instansi",
        object_id=str(instansi.pk),
        object_repr=instansi.nama,
        instansi=instansi,
        changes={"counts": [None, counts]},
        reason="Data demo umpan balik 360",
    )
    return {**counts, "ronde_360": 2}


def load(demo) -> None:
    """The demo's 360 rounds (kinerja.core.demo runs it after evaluation's loader); only for the current year,
    whose framework is in force."""
    if demo.year not in (None, clock.today(demo.instansi).year):
        return
    demo.counts.update(load_rounds(instansi=demo.instansi, admin=demo.admin, seed=demo.seed))
