"""Last year in the demo: the performance year before the demo's, with an approved SKP (the same plan) for everyone
who holds the same position the whole of this year, the organisation results of its periods and of the year, and
the finalised, acknowledged periodic and annual evaluations, rated by the same raters with the same leanings as
this year's. Everything is history: nothing waits for anyone. Written in bulk, like the rest of the demo."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from kinerja.evaluation import rules
from kinerja.evaluation.models import Evaluasi, HasilOrganisasi, JenisEvaluasi, StatusEvaluasi
from kinerja.evaluation.selectors.page import matrix_on
from kinerja.planning import rules as planning_rules
from kinerja.planning.models import (
    RHK,
    SKP,
    Indikator,
    PerilakuSKP,
    Periode,
    StatusSKP,
    TahunKinerja,
    VersiSKP,
)
from kinerja.planning.selectors import content_from

CHUNK = 500
UP = {rules.DI_BAWAH: rules.SESUAI, rules.SESUAI: rules.DI_ATAS, rules.DI_ATAS: rules.DI_ATAS}
DOWN = {rules.DI_ATAS: rules.SESUAI, rules.SESUAI: rules.DI_BAWAH, rules.DI_BAWAH: rules.DI_BAWAH}


def majority(ratings: dict[str, str]) -> str:
    """The overall rating perilaku a penilai would give from the values' ratings: most above, at least half below,
    else as expected."""
    values = list(ratings.values()) or [rules.SESUAI]
    if 2 * values.count(rules.DI_ATAS) > len(values):
        return rules.DI_ATAS
    return rules.DI_BAWAH if 2 * values.count(rules.DI_BAWAH) >= len(values) else rules.SESUAI


def _moment(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _year(instansi, this: TahunKinerja, year: int) -> tuple[TahunKinerja, list[Periode]]:
    last = TahunKinerja.objects.create(
        instansi=instansi,
        tahun=year,
        skema_periode=this.skema_periode,
        tenggat_skp=datetime.date(year, 1, 31),
        hari_tenggat_skp_baru=this.hari_tenggat_skp_baru,
    )
    periods = Periode.objects.bulk_create(
        Periode(
            tahun_kinerja=last,
            nomor=p.nomor,
            nama=p.nama,
            mulai=p.mulai,
            selesai=p.selesai,
            tenggat_input=p.selesai + datetime.timedelta(days=10),
        )
        for p in planning_rules.periods(year, this.skema_periode)
    )
    return last, list(periods)


def _copy(chunk: list[SKP], last: TahunKinerja, year: int) -> list[tuple[SKP, SKP, dict]]:
    """Last year's SKP of each of this year's, with its RHK, indikator, values and approved version."""
    approved = _moment(datetime.date(year, 1, 20))
    copies = SKP.objects.bulk_create(
        SKP(
            instansi_id=s.instansi_id,
            tahun_kinerja=last,
            pegawai_id=s.pegawai_id,
            jabatan_id=s.jabatan_id,
            mulai=datetime.date(year, 1, 1),
            selesai=datetime.date(year, 12, 31),
            pendekatan=s.pendekatan,
            jpt=s.jpt,
            status=StatusSKP.DISETUJUI,
            versi=1,
            penilai_id=s.penilai_id,
            atasan_penilai_id=s.atasan_penilai_id,
            identitas_pegawai=s.identitas_pegawai,
            identitas_penilai=s.identitas_penilai,
            identitas_atasan_penilai=s.identitas_atasan_penilai,
            diajukan_at=_moment(datetime.date(year, 1, 15)),
            disetujui_at=approved,
        )
        for s in chunk
    )
    pairs = list(zip(chunk, copies, strict=True))
    rhk_rows = RHK.objects.bulk_create(
        RHK(skp=new, jenis=r.jenis, urutan=r.urutan, uraian=r.uraian, perspektif=r.perspektif)
        for old, new in pairs
        for r in old.rhk.all()
    )
    olds = [r for old, _new in pairs for r in old.rhk.all()]
    indikator = Indikator.objects.bulk_create(
        Indikator(
            rhk=new_rhk,
            urutan=i.urutan,
            uraian=i.uraian,
            aspek=i.aspek,
            jenis_target=i.jenis_target,
            target_angka=i.target_angka,
            satuan=i.satuan,
            arah=i.arah,
            target_teks=i.target_teks,
            target_periode=i.target_periode,
            akumulasi=i.akumulasi,
        )
        for old_rhk, new_rhk in zip(olds, rhk_rows, strict=True)
        for i in old_rhk.indikator.all()
    )
    perilaku = PerilakuSKP.objects.bulk_create(
        PerilakuSKP(
            skp=new, kode=p.kode, nama=p.nama, indikator=p.indikator, urutan=p.urutan, ekspektasi=p.ekspektasi
        )
        for old, new in pairs
        for p in old.perilaku.all()
    )
    by_rhk: dict[int, list[Indikator]] = {}
    for i in indikator:
        by_rhk.setdefault(i.rhk_id, []).append(i)
    rhk_of: dict[int, list[RHK]] = {}
    for r in rhk_rows:
        rhk_of.setdefault(r.skp_id, []).append(r)
    values_of: dict[int, list[PerilakuSKP]] = {}
    for p in perilaku:
        values_of.setdefault(p.skp_id, []).append(p)
    result, versions = [], []
    for old, new in pairs:
        konten = content_from(
            new,
            rhk=[(r, by_rhk.get(r.pk, []), "") for r in rhk_of.get(new.pk, [])],
            perilaku=values_of.get(new.pk, []),
        )
        versions.append(
            VersiSKP(skp=new, nomor=1, konten=konten, disetujui_oleh_id=new.penilai_id, disetujui_at=approved)
        )
        result.append((old, new, konten))
    VersiSKP.objects.bulk_create(versions)
    return result


def _ratings(konten: dict, level: str, tendency: str, rng: random.Random) -> dict[str, str]:
    result = {}
    for rhk in konten.get("rhk", []):
        r = level if rng.random() < 0.75 else rng.choice(rules.RATINGS)
        if tendency == "murah" and rng.random() < 0.8:
            r = UP[r]
        elif tendency == "pelit" and rng.random() < 0.8:
            r = DOWN[r]
        result[str(rhk["id"])] = r
    return result


def load_last_year(
    *, instansi, this: TahunKinerja, tendencies: dict[int, str], seed: int, organisation
) -> dict:
    """Write last year; `organisation(periods, annual)` writes the organisation results of the periods (and of
    the year when `annual`) and returns them by (unit id, period id or None)."""
    year = this.tahun - 1
    if TahunKinerja.objects.filter(instansi=instansi, tahun=year).exists():
        return {}
    rng = random.Random(seed * 7 + 2)  # noqa: S311 (demo data, not a secret)
    last, periods = _year(instansi, this, year)
    results = organisation(last, periods)
    matrix = matrix_on(instansi.pk, datetime.date(year, 12, 31))
    this_year = list(
        SKP.objects.filter(
            tahun_kinerja=this,
            versi__gt=0,
            berakhir=False,
            mulai=this.periode.order_by("nomor").first().mulai,
        )
        .exclude(penilai=None)
        .select_related("jabatan")
        .order_by("pk")
    )
    made: list[Evaluasi] = []
    skp_count = 0
    for start in range(0, len(this_year), CHUNK):
        chunk = list(
            SKP.objects.filter(pk__in=[s.pk for s in this_year[start : start + CHUNK]])
            .select_related("jabatan")
            .prefetch_related("rhk__indikator", "perilaku")
            .order_by("pk")
        )
        for old, new, konten in _copy(chunk, last, year):
            skp_count += 1
            tendency = tendencies.get(new.penilai_id, "")
            level = rng.choices(rules.RATINGS, weights=(15, 65, 20))[0]
            codes = [p["kode"] for p in konten.get("perilaku", [])]
            head = old.jabatan.kepala_unit
            for periode in [*periods, None]:
                organisasi = (
                    results.get((old.jabatan.unit_id, periode.pk if periode else None)) if head else None
                )
                made.append(
                    _evaluation(
                        instansi, new, periode, konten, codes, level, tendency, organisasi, matrix, rng, year
                    )
                )
        Evaluasi.objects.bulk_create(made, batch_size=1000)
        made = []
    return {"skp_tahun_lalu": skp_count, "evaluasi_tahun_lalu": skp_count * (len(periods) + 1)}


def _evaluation(
    instansi, skp, periode, konten, codes, level, tendency, organisasi, matrix, rng, year
) -> Evaluasi:
    rhk = _ratings(konten, level, tendency, rng)
    kinds = [(r.get("jenis") or rules.UTAMA, rhk[str(r["id"])]) for r in konten.get("rhk", [])]
    if organisasi is not None:
        hasil = rules.hasil_kerja_of_organisasi(organisasi.predikat)
    else:
        hasil = rules.suggest_hasil_kerja(kinds).rating or rules.SESUAI
    nilai = {}
    for code in codes:
        n = rules.DI_ATAS if hasil == rules.DI_ATAS and rng.random() < 0.5 else rules.SESUAI
        if tendency == "murah" and rng.random() < 0.7:
            n = rules.DI_ATAS
        elif tendency == "pelit" and rng.random() < 0.4:
            n = rules.DI_BAWAH
        nilai[code] = n
    perilaku = majority(nilai)
    end = periode.selesai if periode else datetime.date(year, 12, 31)
    final_day = end + datetime.timedelta(days=rng.randint(4, 18))
    final_at = _moment(final_day)
    return Evaluasi(
        instansi=instansi,
        skp=skp,
        pegawai_id=skp.pegawai_id,
        jenis=JenisEvaluasi.PERIODIK if periode else JenisEvaluasi.TAHUNAN,
        periode=periode,
        tahun=year,
        status=StatusEvaluasi.DITERIMA,
        versi_skp=1,
        penilai_id=skp.penilai_id,
        atasan_penilai_id=skp.atasan_penilai_id,
        rating_rhk=rhk,
        rating_nilai=nilai,
        saran_hasil_kerja=hasil,
        rating_hasil_kerja=hasil,
        rating_perilaku=perilaku,
        predikat=rules.predikat(hasil, perilaku, matrix),
        predikat_organisasi=organisasi.predikat if organisasi else "",
        capaian_organisasi=organisasi.capaian if organisasi else None,
        final_at=final_at,
        batas_keberatan=rules.objection_deadline(final_day, 14),
        diterima_at=final_at + datetime.timedelta(days=rng.randint(1, 4)),
        kunci=2,
    )


def organisation_rows(
    instansi, tahun: int, unit_ids: list[int], periods: list, admin, rng
) -> list[HasilOrganisasi]:
    """A realistic result for each unit and each period (None: the year), as the leaders above would record."""
    rows = []
    for periode in periods:
        for unit_id in unit_ids:
            capaian = Decimal(str(round(rng.gauss(100, 7), 2)))
            predikat = (
                "istimewa"
                if capaian >= 110
                else "baik"
                if capaian >= 90
                else "butuh_perbaikan"
                if capaian >= 80
                else "kurang"
                if capaian >= 70
                else "sangat_kurang"
            )
            rows.append(
                HasilOrganisasi(
                    instansi=instansi,
                    unit_id=unit_id,
                    tahun=tahun,
                    periode=periode,
                    capaian=capaian,
                    predikat=predikat,
                    bukti=f"Laporan kinerja unit {periode.nama if periode else 'tahunan'} {tahun}",
                    dicatat_oleh=admin,
                )
            )
    HasilOrganisasi.objects.bulk_create(rows, batch_size=1000)
    return rows
