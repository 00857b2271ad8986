"""The rater-bias analytics of a span (a period, or the year's periods) over the instansi: each finalised
evaluation read as a `bias.Rated` and analysed by `bias.analyse` (the code the bench measures), cached until an
evaluation of the span changes.

What the evidence suggests for a rating hasil kerja is read apart from the rater: the band of the mean capaian of
the pegawai's realisations in the period (the framework's rating bands at the period's end), or for the head of
a unit with an organisation result, the rating that result gives. The 360 levels are the BerAKHLAK items of the
pegawai's closed rounds of the year: peers and subordinates together only when at least the round's anonymity
threshold answered (as the report shows them), and the self-assessment."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Avg, Count, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from kinerja.calibration import bias
from kinerja.criteria.rules import BERAKHLAK
from kinerja.evaluation import rules as evaluation_rules
from kinerja.evaluation.models import Evaluasi, JenisEvaluasi
from kinerja.evaluation.selectors.history import RESULT_STATUSES
from kinerja.evaluation.selectors.suggestion import bands_on
from kinerja.feedback360.models import Jawaban, Kelompok, Ronde
from kinerja.monitoring.models import BuktiDukung, Realisasi
from kinerja.org.models import Pegawai
from kinerja.planning.models import Periode

CACHE_SECONDS = 3600
NILAI = tuple(f"nilai:{code}" for code in BERAKHLAK)


def _evaluations(instansi_id: int, tahun: int, periode: Periode | None):
    span = Q(periode=periode) if periode is not None else Q(periode__tahun_kinerja__tahun=tahun)
    return (
        Evaluasi.objects.filter(
            span,
            instansi_id=instansi_id,
            tahun=tahun,
            jenis=JenisEvaluasi.PERIODIK,
            status__in=RESULT_STATUSES,
        )
        .exclude(rating_hasil_kerja="")
        .exclude(rating_perilaku="")
    )


def _version(instansi_id: int, tahun: int, periode: Periode | None, today: datetime.date) -> str:
    """What the cached analysis depends on and may change: the span's evaluations (their count and latest change:
    a finalisation, a decision, a calibration), the 360 rounds of the year that have closed, and the day. Later
    realisations or withdrawn evidence of an evaluated span count after the cache's hour."""
    found = _evaluations(instansi_id, tahun, periode).aggregate(n=Count("pk"), last=Max("updated_at"))
    closed = Q(ditutup_pada__isnull=False) | Q(tanggal_tutup__lt=today)
    rounds = Ronde.objects.filter(closed, instansi_id=instansi_id, tahun=tahun).aggregate(
        n=Count("pk"), last=Max("ditutup_pada")
    )
    stamps = [x.timestamp() if x else 0 for x in (found["last"], rounds["last"])]
    return f"{today.isoformat()}:{found['n']}:{stamps[0]}:{rounds['n']}:{stamps[1]}"


def _mean(levels: list[int]) -> float | None:
    return sum(levels) / len(levels) if levels else None


def _levels_360(
    pegawai_ids: set[int], tahun: int, today: datetime.date
) -> dict[int, tuple[float | None, float | None]]:
    """{pegawai: (peers' and subordinates' mean BerAKHLAK level, the self-assessment's)} of the closed rounds of
    the year. As the report shows them, the peers of one round count only when at least that round's anonymity
    threshold of them answered, and so do its subordinates; the groups that qualify are then pooled."""
    closed = Q(peserta__ronde__ditutup_pada__isnull=False) | Q(peserta__ronde__tanggal_tutup__lt=today)
    rows = Jawaban.objects.filter(
        closed, peserta__ronde__tahun=tahun, peserta__pegawai_id__in=pegawai_ids
    ).values_list("peserta__pegawai_id", "peserta__ronde_id", "peserta__ronde__ambang", "kelompok", "nilai")
    groups: dict[tuple[int, int, str], list[list[int]]] = defaultdict(list)
    thresholds: dict[int, int] = {}
    own: dict[int, list[int]] = defaultdict(list)
    for pegawai_id, ronde_id, ambang, kelompok, nilai in rows.iterator(2000):
        levels = [v for k in NILAI if isinstance(v := nilai.get(k), int) and not isinstance(v, bool)]
        if kelompok == Kelompok.DIRI:
            own[pegawai_id].extend(levels)
        elif kelompok in (Kelompok.REKAN, Kelompok.BAWAHAN):
            groups[(pegawai_id, ronde_id, kelompok)].append(levels)
            thresholds[ronde_id] = ambang
    others: dict[int, list[int]] = defaultdict(list)
    for (pegawai_id, ronde_id, _kelompok), answers in groups.items():
        if len(answers) >= thresholds[ronde_id]:
            others[pegawai_id].extend(x for a in answers for x in a)
    return {p: (_mean(others.get(p, [])), _mean(own.get(p, []))) for p in pegawai_ids}


def _step(code: str | None) -> int | None:
    return bias.STEP.get(code) if code else None


def rated_of(instansi_id: int, tahun: int, periode: Periode | None, today: datetime.date) -> list[bias.Rated]:
    """Every finalised periodic evaluation of the span as the analytics read it (a fixed number of queries)."""
    realisasi = Realisasi.objects.filter(skp=OuterRef("skp"), periode=OuterRef("periode"))
    capaian = realisasi.order_by().values("skp").annotate(m=Avg("capaian")).values("m")
    bukti = (
        BuktiDukung.objects.filter(
            realisasi__skp=OuterRef("skp"), realisasi__periode=OuterRef("periode"), ditarik_at=None
        )
        .order_by()
        .values("realisasi__skp")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = list(
        _evaluations(instansi_id, tahun, periode)
        .annotate(capaian_rata=Subquery(capaian), bukti_n=Coalesce(Subquery(bukti), 0))
        .values_list(
            "penilai_id",
            "pegawai_id",
            "rating_hasil_kerja",
            "rating_perilaku",
            "rating_nilai",
            "predikat_organisasi",
            "capaian_rata",
            "bukti_n",
            "periode__selesai",
        )
    )
    levels = _levels_360({r[1] for r in rows}, tahun, today)
    bands: dict[datetime.date, list[dict]] = {}
    found = []
    for penilai, pegawai, hasil, perilaku, nilai, organisasi, mean, n_bukti, end in rows:
        if end not in bands:
            bands[end] = bands_on(instansi_id, end)
        if organisasi:
            expected = _step(evaluation_rules.hasil_kerja_of_organisasi(organisasi))
        else:
            expected = _step(
                evaluation_rules.suggest_rhk_rating([mean], bands[end]) if mean is not None else None
            )
        peers, self_level = levels.get(pegawai, (None, None))
        found.append(
            bias.Rated(
                rater=penilai,
                ratee=pegawai,
                hasil_kerja=bias.STEP[hasil],
                perilaku=bias.STEP[perilaku],
                nilai=tuple(_step((nilai or {}).get(code)) for code in BERAKHLAK),
                expected=expected,
                capaian=float(mean) if isinstance(mean, Decimal | float | int) else None,
                organisasi=bias.ORGANISASI_STEP.get(organisasi) if organisasi else None,
                bukti=n_bukti,
                peers=peers,
                self_level=self_level,
            )
        )
    return found


@dataclass
class Analysis:
    tahun: int
    periode: Periode | None
    reports: dict[int, bias.RaterReport]
    raters: int  # how many raters were analysed
    evaluations: int


def analysis(instansi_id: int, tahun: int, periode: Periode | None, today: datetime.date) -> Analysis:
    """The span's analysis, from the cache while no evaluation of the span has changed."""
    key = f"calibration.bias:{instansi_id}:{tahun}:{periode.pk if periode else 'tahun'}:" + _version(
        instansi_id, tahun, periode, today
    )

    def compute() -> tuple[dict[int, bias.RaterReport], int]:
        rated = rated_of(instansi_id, tahun, periode, today)
        return bias.analyse(rated), len(rated)

    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, CACHE_SECONDS)
    reports, count = found
    return Analysis(tahun, periode, reports, len(reports), count)


def raters_named(ids) -> dict[int, Pegawai]:
    return Pegawai.objects.in_bulk(list(ids))


def rates_anyone(pegawai_id: int, tahun: int) -> bool:
    """Whether the pegawai finalised an evaluation of someone this year or last (one query)."""
    return Evaluasi.objects.filter(
        penilai_id=pegawai_id, tahun__in=[tahun, tahun - 1], status__in=RESULT_STATUSES
    ).exists()
