"""Reads for the leaders' and administrators' screens of performance planning: the inbox kept on the PPK's
behalf, the menu's counts, the list's counts and filters, the default leader of the cascade."""

import datetime

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Length, Replace

from kinerja.accounts.permissions import under_unit_paths
from kinerja.core import clock
from kinerja.org.models import Pegawai, Penugasan, UnitKerja
from kinerja.planning import selectors
from kinerja.planning.models import SKP, Periode, StatusSKP, TahunKinerja

WAITING = Q(status=StatusSKP.DIAJUKAN, berakhir=False)
# SKP of people the organisation gives no penilai (the top official, assessed by the PPK outside the system).
WITHOUT_PENILAI = Q(penilai__isnull=True, penilai_ditetapkan=False)


def ppk_inbox(instansi_id: int, tahun: int) -> selectors.Inbox:
    """The SKP the admin BKPSDM decides on the PPK's behalf: those of people without a penilai."""
    result = selectors.Inbox(tahun=tahun)
    qs = selectors.with_content(
        SKP.objects.filter(
            WITHOUT_PENILAI, instansi_id=instansi_id, tahun_kinerja__tahun=tahun, berakhir=False
        )
    ).order_by("pegawai__nama")
    for skp in qs:
        (result.menunggu if skp.status == StatusSKP.DIAJUKAN else result.lainnya).append(skp)
    return result


def waiting_counts(
    *, pegawai_id: int | None, ppk_instansi_id: int | None, tahun: int, at: datetime.date | None = None
) -> dict:
    """For the menu, in one query each: whether the pegawai leads a position, how many SKP wait for them,
    and how many wait for the admin BKPSDM on the PPK's behalf. Without `at`, the server's day: the menu has
    no instansi at hand, and a position starting or ending that night is all it could miss."""
    at = at or clock.today()
    counts = {"memimpin": False, "menunggu": 0, "menunggu_ppk": 0}
    waiting = SKP.objects.filter(WAITING, tahun_kinerja__tahun=tahun)
    if pegawai_id is not None:
        row = (
            Pegawai.objects.filter(pk=pegawai_id)
            .annotate(
                memimpin=Exists(
                    Penugasan.objects.active_at(at).filter(
                        pegawai_id=OuterRef("pk"), jabatan__bawahan__isnull=False
                    )
                ),
                menunggu=Coalesce(
                    Subquery(
                        waiting.filter(penilai_id=OuterRef("pk"))
                        .order_by()
                        .values("penilai_id")
                        .annotate(n=Count("pk"))
                        .values("n")[:1]
                    ),
                    0,
                ),
            )
            .values("memimpin", "menunggu")
            .first()
        )
        if row:
            counts.update(row)
    if ppk_instansi_id is not None:
        counts["menunggu_ppk"] = waiting.filter(WITHOUT_PENILAI, instansi_id=ppk_instansi_id).count()
    return counts


def year_numbers(instansi_id: int) -> list[int]:
    return list(
        TahunKinerja.objects.filter(instansi_id=instansi_id)
        .order_by("-tahun")
        .values_list("tahun", flat=True)
    )


def status_counts(qs: QuerySet[SKP]) -> dict[str, int]:
    """How many of the SKP are in each status (every status present, zero when none)."""
    found = dict(qs.order_by().values_list("status").annotate(n=Count("pk")))
    return {status: found.get(status, 0) for status in StatusSKP.values}


def units_for_list(instansi_id: int, paths: list[str] | None) -> list[UnitKerja]:
    """Active units of the instansi, or only those inside the given subtrees (None: all of them)."""
    qs = UnitKerja.objects.filter(instansi_id=instansi_id, aktif=True)
    if paths is not None:
        qs = qs.filter(under_unit_paths(paths))
    return list(qs.order_by("path"))


def periods_in(years: QuerySet[TahunKinerja]) -> QuerySet[Periode]:
    return Periode.objects.filter(tahun_kinerja__in=years).select_related(
        "tahun_kinerja", "tahun_kinerja__instansi"
    )


def highest_leader(pegawai: QuerySet[Pegawai], at: datetime.date | None = None) -> Pegawai | None:
    """The pegawai (among the given ones) in the highest position today: the default leader of the cascade
    for someone who holds no position (the Sekda for the BKPSDM, a department head for its administrator)."""
    at = at or clock.today()
    first = (
        Penugasan.objects.active_at(at)
        .filter(pegawai__in=pegawai, jabatan__bawahan__isnull=False)
        .select_related("pegawai")
        .annotate(depth=Length("jabatan__path") - Length(Replace("jabatan__path", Value("/"), Value(""))))
        .order_by("depth", "jabatan__path", "pk")
        .first()
    )
    return first.pegawai if first else None


def skp_by_id(qs: QuerySet[SKP], ids: list[int]) -> dict[int, SKP]:
    """The given SKP (among those of `qs`), by id, ready for the workflow services."""
    return qs.select_related("pegawai", "jabatan", "tahun_kinerja", "instansi").in_bulk(ids)


def pegawai_by_nip(qs: QuerySet[Pegawai], nip: str) -> Pegawai | None:
    return qs.filter(nip=nip).first()
