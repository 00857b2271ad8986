"""Reads of a pegawai's record beside their performance: disciplinary sanctions on record and innovations.

`sanctions_in_force(pegawai_ids, on)` is what the evaluation reads and `promotion_barred` what the promotion rule
reads (kenaikan pangkat needs no sanction in progress unless the framework says otherwise, DOMAIN 2.9); `verified_innovations(pegawai_id, tahun)` is what the evaluation and the
recognition read. Both take many people in one query."""

import datetime
from collections.abc import Iterable

from django.db.models import Q, QuerySet

from kinerja.accounts.permissions import access_of, is_admin_bkpsdm
from kinerja.criteria import selectors as criteria_selectors
from kinerja.monitoring.models import Inovasi, SanksiDisiplin, StatusInovasi
from kinerja.org import selectors as org_selectors
from kinerja.org.models import Pegawai

# Sanctions ----------------------------------------------------------------------------------------------------


def _sanctions() -> QuerySet[SanksiDisiplin]:
    return SanksiDisiplin.objects.select_related("pegawai", "dibuat_oleh", "batal_oleh")


def sanctions_of(pegawai_id: int) -> list[SanksiDisiplin]:
    """Every decision on record for a pegawai, cancelled ones included, latest start first."""
    return list(_sanctions().filter(pegawai_id=pegawai_id))


def sanctions_in_force(pegawai_ids: Iterable[int], on: datetime.date) -> dict[int, list[SanksiDisiplin]]:
    """{pegawai id: the sanctions being served on `on`} for the people that have any (cancelled ones never
    count), in one query."""
    rows = SanksiDisiplin.objects.filter(
        Q(sampai__isnull=True) | Q(sampai__gte=on),
        pegawai_id__in=list(pegawai_ids),
        batal_at__isnull=True,
        mulai__lte=on,
    ).order_by("pegawai_id", "mulai", "pk")
    found: dict[int, list[SanksiDisiplin]] = {}
    for row in rows:
        found.setdefault(row.pegawai_id, []).append(row)
    return found


def promotion_barred(instansi_id: int, pegawai_ids: Iterable[int], on: datetime.date) -> dict[int, list]:
    """{pegawai id: the sanctions in force on `on`} for the people whose promotion in rank they bar: all of them
    unless the framework in force that day lifts the condition (`promosi_tanpa_hukuman`; without a framework, the
    regulation's default holds)."""
    kerangka = criteria_selectors.in_force(instansi_id, on)
    if kerangka is not None and not kerangka.promosi_tanpa_hukuman:
        return {}
    return sanctions_in_force(pegawai_ids, on)


def sanctions_of_instansi(instansi_id: int, on: datetime.date, berlaku: bool = False, query: str = ""):
    """The instansi's decisions, latest start first; only those in force on `on` when `berlaku`; by name or NIP
    when `query`."""
    rows = _sanctions().filter(instansi_id=instansi_id)
    if berlaku:
        rows = rows.filter(Q(sampai__isnull=True) | Q(sampai__gte=on), batal_at__isnull=True, mulai__lte=on)
    query = (query or "").replace("\x00", "").strip()
    if query:
        rows = rows.filter(Q(pegawai__nama__icontains=query) | Q(pegawai__nip__startswith=query))
    return rows


def sanksi_visible_to(user) -> QuerySet[SanksiDisiplin]:
    """The decisions a user may open from a list or a link: all of the instansi for the admin BKPSDM, their own
    for a pegawai (a superior opens them from the pegawai's profile: monitoring.permissions.can_see_discipline)."""
    access = access_of(user)
    if access.instansi_id is not None and is_admin_bkpsdm(user, access.instansi_id):
        return SanksiDisiplin.objects.filter(instansi_id=access.instansi_id)
    if access.pegawai_id is None:
        return SanksiDisiplin.objects.none()
    return SanksiDisiplin.objects.filter(pegawai_id=access.pegawai_id)


def sanksi_or_none(pk: int) -> SanksiDisiplin | None:
    return _sanctions().select_related("instansi", "pegawai__instansi").filter(pk=pk).first()


def pegawai_of_instansi(instansi_id: int, pk: int | None) -> Pegawai | None:
    """A pegawai of the instansi (a form's pre-filled choice), or None."""
    if pk is None:
        return None
    return Pegawai.objects.filter(instansi_id=instansi_id, pk=pk).first()


# Innovations --------------------------------------------------------------------------------------------------


def _innovations() -> QuerySet[Inovasi]:
    return Inovasi.objects.select_related(
        "pegawai", "pegawai__instansi", "instansi", "penilai", "diverifikasi_oleh"
    )


def innovations_of(pegawai_id: int) -> QuerySet[Inovasi]:
    """A pegawai's innovations, every state, latest year and newest first."""
    return _innovations().filter(pegawai_id=pegawai_id)


def verified_innovations(pegawai_ids: Iterable[int], tahun: int) -> dict[int, list[Inovasi]]:
    """{pegawai id: their verified innovations of the year} for the people that have any, in one query."""
    found: dict[int, list[Inovasi]] = {}
    rows = (
        _innovations()
        .filter(pegawai_id__in=list(pegawai_ids), tahun=tahun, status=StatusInovasi.DIVERIFIKASI)
        .order_by("pegawai_id", "diverifikasi_at", "pk")
    )
    for row in rows:
        found.setdefault(row.pegawai_id, []).append(row)
    return found


def innovations_waiting_for(penilai: Pegawai, on: datetime.date) -> list[Inovasi]:
    """The submitted innovations of the people the pegawai assesses by the organisation chart of `on` (those
    they may verify), oldest submission first."""
    team = [d.pegawai.pk for d in org_selectors.assessed_by(penilai, on)]
    if not team:
        return []
    return list(
        _innovations()
        .filter(pegawai_id__in=team, status=StatusInovasi.DIAJUKAN)
        .order_by("diajukan_at", "pk")
    )


def inovasi_or_none(pk: int) -> Inovasi | None:
    return _innovations().filter(pk=pk).first()


def inovasi_visible_to(user) -> QuerySet[Inovasi]:
    """The innovations a user opens from a link: their own, those submitted to them, all of the instansi for
    the admin BKPSDM."""
    access = access_of(user)
    if access.instansi_id is not None and is_admin_bkpsdm(user, access.instansi_id):
        return Inovasi.objects.filter(instansi_id=access.instansi_id)
    if access.pegawai_id is None:
        return Inovasi.objects.none()
    return Inovasi.objects.filter(Q(pegawai_id=access.pegawai_id) | Q(penilai_id=access.pegawai_id))
