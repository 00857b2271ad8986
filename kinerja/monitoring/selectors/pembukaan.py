"""Reads of the reopened periods: those an administrator sees, and what the form to reopen one offers."""

from django.db.models import Q, QuerySet

from kinerja.accounts.permissions import access_of, in_own_instansi, is_admin_bkpsdm, under_unit_paths
from kinerja.core import clock
from kinerja.monitoring.models import Pembukaan
from kinerja.org.models import Pegawai, Penugasan, UnitKerja
from kinerja.planning.models import Periode


def can_reopen_any(user, instansi_id: int | None) -> bool:
    """May open the reopening screens: the admin BKPSDM of the instansi, or a department administrator in it."""
    access = access_of(user)
    return is_admin_bkpsdm(user, instansi_id) or (
        access.in_instansi(instansi_id) and bool(access.admin_unit_paths)
    )


def units_in_scope(user, instansi) -> QuerySet[UnitKerja]:
    """The units the user may reopen a period for: all of the instansi, or a department administrator's subtrees."""
    units = UnitKerja.objects.filter(instansi=instansi)
    if not is_admin_bkpsdm(user, instansi.pk):
        units = units.filter(under_unit_paths(access_of(user).admin_unit_paths))
    return units.order_by("path")


def pembukaan_visible_to(user, instansi, tahun: int) -> QuerySet[Pembukaan]:
    """The reopenings of the year in the user's scope, newest first: the whole instansi for the admin BKPSDM; for
    a department administrator those for their units and for the people placed in them now."""
    rows = Pembukaan.objects.filter(
        periode__tahun_kinerja__instansi=instansi, periode__tahun_kinerja__tahun=tahun
    ).select_related("periode", "pegawai", "unit", "dibuat_oleh", "dibuat_oleh__pegawai")
    if is_admin_bkpsdm(user, instansi.pk):
        return rows
    paths = access_of(user).admin_unit_paths
    placed = Penugasan.objects.active_at(clock.today(instansi)).filter(
        under_unit_paths(paths, "jabatan__unit__")
    )
    return rows.filter(Q(under_unit_paths(paths, "unit__")) | Q(pegawai_id__in=placed.values("pegawai_id")))


def periods_of_year(instansi, tahun: int) -> QuerySet[Periode]:
    return Periode.objects.filter(tahun_kinerja__instansi=instansi, tahun_kinerja__tahun=tahun).order_by(
        "nomor"
    )


def pegawai_by_nip(user, nip: str) -> Pegawai | None:
    """The pegawai of the user's instansi with this NIP (digits only), or None."""
    return in_own_instansi(user, Pegawai).filter(nip=nip).first()
