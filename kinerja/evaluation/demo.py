"""The demo's evaluations (issue 15): each unit's organisation result for every period that has ended, and the
finalised periodic evaluation of every approved SKP for those periods, rated from the realisations' stored
capaian by the framework's bands with a realistic spread: most penilai follow the suggestion with some judgement
of their own, two rate everyone high and two rate everyone low (for calibration to find). Most results are
acknowledged; the last period's newest ones still wait for the pegawai; one objection was decided and one waits
for the Kepala Dinas Kesehatan.

The Kepala Seksi Imunisasi's team and the Kepala Seksi themselves are left to evaluate, so that a trial (or a
test) works through the queue from nothing. Rows are written in bulk: a demo of 20,000 pegawai stays quick."""

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from kinerja.core import audit, clock
from kinerja.evaluation import demo_lalu, rules
from kinerja.evaluation.models import Evaluasi, HasilOrganisasi, JenisEvaluasi, StatusEvaluasi
from kinerja.evaluation.selectors.page import matrix_on
from kinerja.evaluation.selectors.suggestion import bands_on
from kinerja.monitoring import rules as monitoring_rules
from kinerja.monitoring.models import Realisasi
from kinerja.org import demo as org_demo
from kinerja.org import selectors as org_selectors
from kinerja.org.models import Jabatan, Pegawai, UnitKerja
from kinerja.planning.models import SKP, PerilakuSKP, Periode, TahunKinerja, VersiSKP

CHUNK = 500
UP, DOWN = demo_lalu.UP, demo_lalu.DOWN
ALASAN_NAIK = "Kualitas hasil kerja melampaui angka capaian; bukti dukung lengkap dan tepat waktu."
ALASAN_TURUN = "Capaian angka belum didukung bukti dukung yang memadai."
CATATAN = [
    "Pertahankan ketepatan waktu pelaporan.",
    "Tingkatkan kelengkapan bukti dukung setiap realisasi.",
    "Koordinasi dengan lintas seksi sudah baik.",
    "Perlu lebih proaktif melaporkan kendala di lapangan.",
]
REKOMENDASI = ["Pelatihan teknis sesuai bidang.", "Pendampingan (coaching) oleh atasan.", "", ""]
KEBERATAN = (
    "Capaian saya pada triwulan ini melampaui target; mohon ditinjau kembali dengan bukti dukung terlampir."
)
PUTUS = "Setelah memeriksa bukti dukung, capaian memang melampaui target: rating hasil kerja diubah."


def _head_units(instansi) -> list[int]:
    return list(
        UnitKerja.objects.filter(instansi=instansi, aktif=True, jabatan__kepala_unit=True)
        .distinct()
        .values_list("pk", flat=True)
    )


def _raters(chains: dict[int, dict[int, tuple]], skip: set[int]) -> dict[int, str]:
    """Two lenient and two severe penilai among those with the largest teams (never a named one)."""
    sizes: dict[int, int] = defaultdict(int)
    for by_pegawai in chains.values():
        for penilai, _atasan in by_pegawai.values():
            if penilai is not None and penilai not in skip:
                sizes[penilai] += 1
    ranked = sorted(sizes, key=lambda p: (-sizes[p], p))
    return {p: kind for p, kind in zip(ranked[2:6], ("murah", "pelit", "murah", "pelit"), strict=False)}


def _nilai_ratings(codes: list[str], base: str, tendency: str, rng: random.Random) -> dict[str, str]:
    result = {}
    for code in codes:
        r = base
        if tendency == "murah":
            r = rules.DI_ATAS if rng.random() < 0.8 else rules.SESUAI
        elif tendency == "pelit":
            r = rules.DI_BAWAH if rng.random() < 0.5 else rules.SESUAI
        elif rng.random() < 0.12:
            r = rng.choice([rules.DI_ATAS, rules.DI_BAWAH]) if base == rules.SESUAI else rules.SESUAI
        result[code] = r
    return result


def load_evaluations(*, instansi, admin, year: int, seed: int, today: datetime.date | None = None) -> dict:
    today = today or clock.today(instansi)
    tahun = TahunKinerja.objects.filter(instansi=instansi, tahun=year).first()
    if tahun is None:
        return {}
    periods = [p for p in Periode.objects.filter(tahun_kinerja=tahun).order_by("nomor") if p.selesai < today]
    if not periods:
        return {}
    rng = random.Random(seed * 17 + 15)  # noqa: S311 (demo data, not a secret)
    units = _head_units(instansi)
    counts = {
        "hasil_organisasi": len(demo_lalu.organisation_rows(instansi, year, units, periods, admin, rng))
    }
    results = {
        (h.unit_id, h.periode_id): h for h in HasilOrganisasi.objects.filter(instansi=instansi, tahun=year)
    }
    chains = {
        p.pk: {
            pid: (
                c.penilai.pegawai.pk if c.penilai else None,
                c.atasan_penilai.pegawai.pk if c.atasan_penilai else None,
            )
            for pid, c in org_selectors.chains_at(instansi, p.selesai).items()
        }
        for p in periods
    }
    named = dict(
        Pegawai.objects.filter(nip__in=[org_demo.NIP_KASI_IMUNISASI, org_demo.NIP_KEPALA_DINKES]).values_list(
            "nip", "pk"
        )
    )
    kasi, kadis = named.get(org_demo.NIP_KASI_IMUNISASI), named.get(org_demo.NIP_KEPALA_DINKES)
    tendencies = _raters(chains, {kasi, kadis})
    heads = set(Jabatan.objects.filter(instansi=instansi, kepala_unit=True).values_list("pk", flat=True))
    skps = list(
        SKP.objects.filter(tahun_kinerja=tahun, versi__gt=0)
        .order_by("pk")
        .values_list("pk", "pegawai_id", "jabatan_id", "jabatan__unit_id", "mulai", "selesai")
    )
    made: list[Evaluasi] = []
    tables = {p.pk: (bands_on(instansi.pk, p.selesai), matrix_on(instansi.pk, p.selesai)) for p in periods}
    run = _Run(instansi, year, {}, tables, rng, today)
    for start in range(0, len(skps), CHUNK):
        chunk = skps[start : start + CHUNK]
        ids = [s[0] for s in chunk]
        versions: dict[int, list] = defaultdict(list)
        for skp_id, nomor, konten, approved in VersiSKP.objects.filter(skp_id__in=ids).values_list(
            "skp_id", "nomor", "konten", "disetujui_at"
        ):
            versions[skp_id].append((nomor, clock.local_date(approved, instansi), konten))
        capaian: dict[tuple, Decimal | None] = run.capaian
        capaian.clear()
        for skp_id, periode_id, indikator_id, value in Realisasi.objects.filter(skp_id__in=ids).values_list(
            "skp_id", "periode_id", "indikator_id", "capaian"
        ):
            capaian[(skp_id, periode_id, indikator_id)] = value
        values: dict[int, list[str]] = defaultdict(list)
        for skp_id, kode in (
            PerilakuSKP.objects.filter(skp_id__in=ids).order_by("urutan").values_list("skp_id", "kode")
        ):
            values[skp_id].append(kode)
        for skp_id, pegawai_id, jabatan_id, unit_id, mulai, selesai in chunk:
            for periode in periods:
                if mulai > periode.mulai or selesai < periode.selesai:
                    continue
                penilai, atasan = chains[periode.pk].get(pegawai_id, (None, None))
                if penilai is None or pegawai_id == kasi or penilai == kasi:
                    continue
                approvals = [(n, d) for n, d, _k in versions[skp_id]]
                nomor = monitoring_rules.version_for_period(approvals, periode.mulai)
                konten = next((k for n, _d, k in versions[skp_id] if n == nomor), None)
                if konten is None:
                    continue
                made.append(
                    _evaluation(
                        run,
                        skp_id,
                        pegawai_id,
                        periode,
                        nomor,
                        konten,
                        penilai,
                        atasan,
                        values[skp_id],
                        tendencies.get(penilai, ""),
                        results.get((unit_id, periode.pk)) if jabatan_id in heads else None,
                    )
                )
    _objections(made, periods[-1], kadis, today)
    Evaluasi.objects.bulk_create(made, batch_size=1000)
    counts["evaluasi"] = len(made)

    def organisation(last, last_periods):
        rows = demo_lalu.organisation_rows(instansi, last.tahun, units, [*last_periods, None], admin, rng)
        return {(h.unit_id, h.periode.pk if h.periode else None): h for h in rows}

    counts.update(
        demo_lalu.load_last_year(
            instansi=instansi, this=tahun, tendencies=tendencies, seed=seed, organisation=organisation
        )
    )
    audit.record(
        actor=None,
        action="demo.evaluation",
        obj=tahun,
        instansi=instansi,
        changes={"counts": [None, counts]},
        reason=f"Data evaluasi demo tahun {year}",
    )
    return counts


@dataclass(frozen=True)
class _Run:
    """What every evaluation of one load shares."""

    instansi: object
    year: int
    capaian: dict
    tables: dict  # period id: (the framework's bands, its predikat matrix) at the period's end
    rng: random.Random
    today: datetime.date


def _evaluation(
    run: _Run,
    skp_id,
    pegawai_id,
    periode,
    nomor,
    konten,
    penilai,
    atasan,
    codes,
    tendency,
    organisasi,
) -> Evaluasi:
    instansi, year, capaian, rng, today = run.instansi, run.year, run.capaian, run.rng, run.today
    bands, matrix = run.tables[periode.pk]
    rhk_ratings, kinds = {}, []
    for rhk in konten.get("rhk", []):
        found = [capaian.get((skp_id, periode.pk, i.get("id"))) for i in rhk.get("indikator", [])]
        saran = rules.suggest_rhk_rating(found, bands) or rules.SESUAI
        given = saran
        if tendency == "murah" and rng.random() < 0.8:
            given = UP[saran]
        elif tendency == "pelit" and rng.random() < 0.8:
            given = DOWN[saran]
        rhk_ratings[str(rhk.get("id"))] = given
        kinds.append((rhk.get("jenis") or rules.UTAMA, given))
    if organisasi is not None:
        saran_hasil = rules.hasil_kerja_of_organisasi(organisasi.predikat)
    else:
        saran_hasil = rules.suggest_hasil_kerja(kinds).rating or rules.SESUAI
    hasil, alasan = saran_hasil, ""
    if not tendency and organisasi is None and rng.random() < 0.07:
        hasil = UP[saran_hasil] if rng.random() < 0.5 else DOWN[saran_hasil]
        alasan = ALASAN_NAIK if hasil != saran_hasil and hasil == UP[saran_hasil] else ALASAN_TURUN
        if hasil == saran_hasil:
            alasan = ""
    nilai = _nilai_ratings(codes, rules.SESUAI if hasil != rules.DI_ATAS else rules.DI_ATAS, tendency, rng)
    perilaku = demo_lalu.majority(nilai)
    final_day = periode.selesai + datetime.timedelta(days=rng.randint(5, 20))
    final_day = min(final_day, today - datetime.timedelta(days=1))
    last = (today - periode.selesai).days < 75
    waiting = last and rng.random() < 0.3
    if waiting:
        final_day = today - datetime.timedelta(days=rng.randint(1, 6))
    final_at = timezone.make_aware(
        datetime.datetime.combine(final_day, datetime.time(10, rng.randint(0, 59)))
    )
    return Evaluasi(
        instansi=instansi,
        skp_id=skp_id,
        pegawai_id=pegawai_id,
        jenis=JenisEvaluasi.PERIODIK,
        periode=periode,
        tahun=year,
        status=StatusEvaluasi.FINAL if waiting else StatusEvaluasi.DITERIMA,
        versi_skp=nomor,
        penilai_id=penilai,
        atasan_penilai_id=atasan,
        rating_rhk=rhk_ratings,
        rating_nilai=nilai,
        saran_hasil_kerja=saran_hasil,
        rating_hasil_kerja=hasil,
        alasan_hasil_kerja=alasan,
        rating_perilaku=perilaku,
        predikat=rules.predikat(hasil, perilaku, matrix),
        predikat_organisasi=organisasi.predikat if organisasi else "",
        capaian_organisasi=organisasi.capaian if organisasi else None,
        catatan=rng.choice(CATATAN),
        rekomendasi=rng.choice(REKOMENDASI),
        final_at=final_at,
        batas_keberatan=rules.objection_deadline(final_day, 14),
        diterima_at=None
        if waiting
        else min(final_at + datetime.timedelta(days=rng.randint(1, 5)), timezone.now()),
        kunci=2,
    )


def _objections(made: list[Evaluasi], last: Periode, kadis: int | None, today: datetime.date) -> None:
    """One objection decided (an earlier period) and one of the last period waiting for the Kepala Dinas."""
    pending = next(
        (
            e
            for e in made
            if e.periode_id == last.pk
            and e.atasan_penilai_id == kadis
            and e.rating_hasil_kerja != rules.DI_ATAS
        ),
        None,
    )
    if pending is not None:
        pending.status = StatusEvaluasi.KEBERATAN
        pending.diterima_at = None
        pending.batas_keberatan = today + datetime.timedelta(days=10)
        pending.final_at = timezone.now() - datetime.timedelta(days=4)
        pending.alasan_keberatan = KEBERATAN
        pending.keberatan_at = timezone.now() - datetime.timedelta(days=2)
    decided = next(
        (
            e
            for e in made
            if e.periode_id != last.pk
            and e.atasan_penilai_id
            and not e.predikat_organisasi
            and e.rating_hasil_kerja == rules.SESUAI
            and e.rating_perilaku == rules.DI_ATAS
            and e is not pending
        ),
        None,
    )
    if decided is not None:
        decided.hasil_awal = {
            n: getattr(decided, n) for n in ("rating_hasil_kerja", "rating_perilaku", "predikat")
        }
        decided.status = StatusEvaluasi.DIPUTUS
        decided.diterima_at = None
        decided.alasan_keberatan = KEBERATAN
        decided.keberatan_at = decided.final_at + datetime.timedelta(days=3)
        decided.rating_hasil_kerja = rules.DI_ATAS
        decided.predikat = "sangat_baik"
        decided.alasan_keputusan = PUTUS
        decided.diputus_oleh_id = decided.atasan_penilai_id
        decided.diputus_at = decided.keberatan_at + datetime.timedelta(days=5)


def load(demo) -> None:
    """The demo year's evaluations (kinerja.core.demo runs it after monitoring's loader)."""
    demo.counts.update(
        load_evaluations(instansi=demo.instansi, admin=demo.admin, year=demo.year, seed=demo.seed)
    )
