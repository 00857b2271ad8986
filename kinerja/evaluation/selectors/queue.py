"""The penilai's queue: every SKP they assess at the end of a period that has ended (this year's, and the last
period of last year for the January round), each with its periodic evaluation, and the annual evaluation of each
SKP whose span has ended; and the objections waiting for an atasan pejabat penilai's decision.

Who is assessed follows monitoring's team (the organisation chart at the period's end, acting seats included,
unless the BKPSDM set another penilai on the SKP). The number of queries grows with the number of periods and the
depth of the hierarchy, never with the number of people."""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse

from kinerja.evaluation.models import Evaluasi, StatusEvaluasi
from kinerja.evaluation.selectors.page import assessors_of, evaluation_deadline, period_end
from kinerja.monitoring.selectors.team import team_skp
from kinerja.org.models import Pegawai
from kinerja.planning.models import SKP, Periode


@dataclass
class QueueItem:
    skp: SKP
    periode: Periode | None  # None: the annual evaluation
    evaluasi: Evaluasi | None
    tenggat: datetime.date | None = None  # the last day to finish it (the framework's days after the span)
    today: datetime.date | None = None

    @property
    def late(self) -> bool:
        return (
            not self.done
            and self.tenggat is not None
            and self.today is not None
            and self.today > self.tenggat
        )

    @property
    def done(self) -> bool:
        return self.evaluasi is not None and self.evaluasi.status != StatusEvaluasi.DRAF

    @property
    def tahun(self) -> int:
        return self.skp.tahun

    @property
    def nama_periode(self) -> str:
        return self.periode.nama if self.periode else ""

    @property
    def url(self) -> str:
        return evaluation_url(self.skp.pk, self.periode.nomor if self.periode else None)

    @property
    def sort_key(self):
        return (
            self.done,
            self.tahun,
            self.periode is None,
            self.periode.nomor if self.periode else 0,
            self.skp.pegawai.nama,
            self.skp.pk,
        )


def evaluation_url(skp_id: int, nomor: int | None) -> str:
    if nomor is None:
        return reverse("evaluation:tahunan", args=[skp_id])
    return reverse("evaluation:periodik", args=[skp_id, nomor])


def _periods(instansi_id: int, today: datetime.date) -> list[Periode]:
    ended = Periode.objects.filter(
        tahun_kinerja__instansi_id=instansi_id,
        selesai__lt=today,
        tahun_kinerja__tahun__in=[today.year, today.year - 1],
    ).select_related("tahun_kinerja")
    found = sorted(ended, key=lambda p: (p.tahun_kinerja.tahun, p.nomor))
    last_year = [p for p in found if p.tahun_kinerja.tahun < today.year]
    return [*last_year[-1:], *(p for p in found if p.tahun_kinerja.tahun == today.year)]


def _assessed(pegawai: Pegawai, periode: Periode) -> list[SKP]:
    """The SKP of the period the pegawai evaluates. An SKP that ended inside the period (a transfer) is evaluated
    by the penilai at its own end: kept only when that is the pegawai too (rare, one chain each)."""
    found = [
        skp
        for skp in team_skp(pegawai, periode.tahun_kinerja, periode, periode.selesai)[0]
        if skp.penilai_ditetapkan
        or skp.selesai >= periode.selesai
        or assessors_of(skp, periode)[0] == pegawai.pk
    ]
    return found


def queue_of(pegawai: Pegawai, today: datetime.date) -> list[QueueItem]:
    """What the pegawai evaluates, the unfinished first, then by year, period and name."""
    pairs: list[tuple[SKP, Periode | None]] = []
    for periode in _periods(pegawai.instansi_id, today):
        for skp in _assessed(pegawai, periode):
            pairs.append((skp, periode))
            if skp.selesai < today and periode.mulai <= skp.selesai <= periode.selesai:
                pairs.append((skp, None))  # the penilai at the SKP's end gives the annual evaluation
    evaluations = {
        (e.skp_id, e.periode_id): e
        for e in Evaluasi.objects.filter(skp_id__in={s.pk for s, _ in pairs}).select_related("periode")
    }
    deadlines: dict[datetime.date, datetime.date] = {}

    def deadline(skp: SKP, periode: Periode | None) -> datetime.date:
        end = period_end(skp, periode)
        if end not in deadlines:  # one framework read per distinct end, cached
            deadlines[end] = evaluation_deadline(pegawai.instansi_id, end)
        return deadlines[end]

    items = [
        QueueItem(s, p, evaluations.get((s.pk, p.pk if p else None)), deadline(s, p), today) for s, p in pairs
    ]
    return sorted(items, key=lambda i: i.sort_key)


def next_after(items: list[QueueItem], skp_id: int, periode_id: int | None) -> QueueItem | None:
    """The next unfinished item of the queue after the one just worked on (for "save and next")."""
    pending = [i for i in items if not i.done]
    for n, item in enumerate(pending):
        if item.skp.pk == skp_id and (item.periode.pk if item.periode else None) == periode_id:
            return pending[n + 1] if n + 1 < len(pending) else None
    return pending[0] if pending else None


def decisions_waiting(pegawai_id: int | None) -> QuerySet[Evaluasi]:
    """Objections the pegawai decides as atasan pejabat penilai."""
    return (
        Evaluasi.objects.filter(atasan_penilai_id=pegawai_id, status=StatusEvaluasi.KEBERATAN)
        .select_related("pegawai", "periode", "penilai")
        .order_by("keberatan_at")
    )
