"""Reads of the feedback thread: the messages of a realisasi, who may write in it, and the queue of realisations
waiting for the feedback of a penilai.

The queue ("menunggu umpan balik") lists, for a penilai, the realisations of the periods they are penilai of that
wait for feedback (selectors/waiting.py: no message yet, the pegawai's reply last, or changed since). The penilai is
per period (the penilai at the period's end, as `penilai_of_period` says); the queue finds it in a number of
queries that does not grow with the rows:

- candidates: the SKP of the people the user assesses today (org's `assessed_by`) that the BKPSDM did not give to
  someone else, and the SKP that name the user as their penilai (set by the BKPSDM, or stored at the last
  approval); one query for the realisations with their latest message;
- per period: the penilai is read at the period's end (kept inside its SKP's span). One query finds the days on
  which an assignment of these pegawai, or of a seat on or above their SKP's position, began or ended; a date
  with no such day between it and today has today's penilai, any other date gets its own `assessed_by`, so a
  penilai who changed during the year sees only their own periods.

Limits: a former penilai who no longer assesses the pegawai and is not the SKP's stored penilai does not find
that pegawai's earlier periods in the queue; the realisasi page still lets them comment on those periods. The
change check watches the seats above the SKP's position: a pegawai whose primary position is another one (an
acting post that outranks it) with a change above that post only is judged by today's chain.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, Q, QuerySet
from django.db.models.functions import Coalesce, Greatest

from kinerja.accounts.permissions import access_of
from kinerja.core import clock
from kinerja.monitoring import rules
from kinerja.monitoring.models import PeranUmpanBalik, Realisasi, UmpanBalik
from kinerja.monitoring.selectors.realisasi import akumulasi_of
from kinerja.monitoring.selectors.waiting import waiting as waiting_only
from kinerja.monitoring.selectors.waiting import with_last_message
from kinerja.org import selectors as org_selectors
from kinerja.org.models import Penugasan
from kinerja.planning import selectors as planning_selectors
from kinerja.planning.models import VersiSKP

QUEUE_LIMIT = 300  # the oldest beyond this wait for the newer ones to be answered


def thread(realisasi: Realisasi) -> list[UmpanBalik]:
    """The messages on a realisasi, oldest first, with their authors."""
    return list(
        UmpanBalik.objects.filter(realisasi=realisasi).select_related("penulis").order_by("created_at", "pk")
    )


def threads(realisasi_ids) -> dict[int, list[UmpanBalik]]:
    """The threads of many realisations in one query, by realisasi id (for a page listing several)."""
    found: dict[int, list[UmpanBalik]] = {pk: [] for pk in realisasi_ids}
    for message in (
        UmpanBalik.objects.filter(realisasi_id__in=list(found))
        .select_related("penulis")
        .order_by("created_at", "pk")
    ):
        found[message.realisasi_id].append(message)
    return found


def writer_role(user, realisasi: Realisasi, messages: list[UmpanBalik], cache: dict | None = None) -> str:
    """What the user may write in the thread now: "penilai" (a comment), "pegawai" (a reply, once the penilai
    commented), or "" (nothing). `cache` (kept for one request) holds the answer per SKP and period, so that a
    page with many threads asks who the period's penilai is once per period, not once per realisasi."""
    from kinerja.monitoring import permissions  # permissions reads selectors

    cache = {} if cache is None else cache
    key = (realisasi.skp_id, realisasi.periode_id)
    if key not in cache:
        cache[key] = (permissions.can_comment(user, realisasi), permissions.can_reply(user, realisasi))
    comment, reply = cache[key]
    if comment:
        return PeranUmpanBalik.PENILAI
    if reply and any(m.peran == PeranUmpanBalik.PENILAI for m in messages):
        return PeranUmpanBalik.PEGAWAI
    return ""


@dataclass
class Menunggu:
    """One realisation waiting for the penilai's feedback, with what the queue shows of it."""

    realisasi: Realisasi
    indikator: dict | None = None
    rhk: dict | None = None
    target: Decimal | None = None
    capaian: Decimal | None = None

    @property
    def pegawai(self):
        return self.realisasi.skp.pegawai

    @property
    def periode(self):
        return self.realisasi.periode


def _candidates(pegawai_id: int, assessed_today: set[int]) -> QuerySet[Realisasi]:
    mine = Q(skp__penilai_id=pegawai_id) | Q(
        skp__pegawai_id__in=assessed_today, skp__penilai_ditetapkan=False
    )
    return (
        waiting_only(Realisasi.objects.filter(mine, skp__versi__gt=0).exclude(skp__pegawai_id=pegawai_id))
        .annotate(aktivitas=Greatest(F("updated_at"), Coalesce(F("terakhir_at"), F("updated_at"))))
        .select_related("skp", "skp__pegawai", "skp__instansi", "skp__jabatan", "periode")
        .order_by("-aktivitas", "-pk")
    )


def _chain_date(realisasi: Realisasi, today: datetime.date) -> datetime.date:
    """The date at which the penilai of the realisasi's period is read (as `penilai_of_period` reads it)."""
    return planning_selectors.chain_date(realisasi.skp, min(realisasi.periode.selesai, today))


def _org_changes(rows: list[Realisasi], since: datetime.date, today: datetime.date) -> list[datetime.date]:
    """The days after `since` (up to today) on which an assignment of these pegawai, or of a seat on or above
    their SKP's position, began or ended (one query): before the first of them, the penilai are today's."""
    seats: set[int] = set()
    for r in rows:
        seats.update([r.skp.jabatan_id, *r.skp.jabatan.ancestor_ids])
    found = (
        Penugasan.objects.filter(Q(jabatan_id__in=seats) | Q(pegawai_id__in={r.skp.pegawai_id for r in rows}))
        .filter(Q(mulai__gt=since, mulai__lte=today) | Q(selesai__gte=since, selesai__lt=today))
        .values_list("mulai", "selesai")
    )
    days = []
    for mulai, selesai in found:
        days.append(mulai)
        if selesai is not None:
            days.append(selesai + datetime.timedelta(days=1))
    return [d for d in days if since < d <= today]


def waiting(user) -> list[Realisasi]:
    """The realisations waiting for the user's feedback as penilai of their period, newest first."""
    pegawai = getattr(user, "pegawai", None)
    if access_of(user).pegawai_id is None or pegawai is None:
        return []
    today = clock.today(pegawai.instansi)
    assessed: dict[datetime.date, set[int]] = {
        today: {d.pegawai.pk for d in org_selectors.assessed_by(pegawai, today)}
    }
    rows = list(_candidates(pegawai.pk, assessed[today])[:QUEUE_LIMIT])
    by_org = [r for r in rows if not r.skp.penilai_ditetapkan]
    dates = {r.pk: _chain_date(r, today) for r in by_org}
    earlier = [d for d in dates.values() if d < today]
    changes = _org_changes(by_org, min(earlier), today) if earlier else []
    result = []
    for realisasi in rows:
        skp = realisasi.skp
        if skp.penilai_ditetapkan:
            mine = skp.penilai_id == pegawai.pk
        else:
            at = dates[realisasi.pk]
            if at not in assessed:
                unchanged = not any(at < day <= today for day in changes)
                assessed[at] = (
                    assessed[today]
                    if unchanged
                    else {d.pegawai.pk for d in org_selectors.assessed_by(pegawai, at)}
                )
            mine = skp.pegawai_id in assessed[at]
        if mine:
            result.append(realisasi)
    return result


def waiting_count(user) -> int:
    return len(waiting(user))


def _find(konten: dict, indikator_id: int) -> tuple[dict | None, dict | None]:
    for rhk in konten.get("rhk", []):
        for indikator in rhk.get("indikator", []):
            if indikator.get("id") == indikator_id:
                return rhk, indikator
    return None, None


def _numbers(indikator: dict, realisasi: Realisasi) -> tuple[Decimal | None, Decimal | None]:
    """The period target of a numeric indikator and the capaian of the realisation against it."""
    return rules.period_numbers(
        indikator, realisasi.periode.nomor, realisasi.nilai_angka, akumulasi_of(indikator)
    )


def queue(user) -> list[Menunggu]:
    """The queue page's rows: `waiting` with the indikator as the version in force recorded it, its period
    target and the capaian (one more query for the versions)."""
    rows = waiting(user)
    if not rows:
        return []
    versions = {
        (v.skp_id, v.nomor): v.konten
        for v in VersiSKP.objects.filter(
            skp_id__in={r.skp_id for r in rows}, nomor__in={r.versi_skp for r in rows}
        ).only("skp_id", "nomor", "konten")
    }
    result = []
    for realisasi in rows:
        rhk, indikator = _find(
            versions.get((realisasi.skp_id, realisasi.versi_skp), {}), realisasi.indikator_id
        )
        target, capaian = _numbers(indikator, realisasi) if indikator else (None, None)
        result.append(Menunggu(realisasi, indikator, rhk, target, capaian))
    return result


def unanswered_count(user) -> int:
    """For a pegawai: their realisations whose latest message is a comment of the penilai (one query)."""
    pegawai_id = access_of(user).pegawai_id
    if pegawai_id is None:
        return 0
    return (
        with_last_message(Realisasi.objects.filter(skp__pegawai_id=pegawai_id))
        .filter(terakhir_peran=PeranUmpanBalik.PENILAI)
        .count()
    )
