"""Who may see and change organisation data.

Reading: every user sees the structure (units, positions, who holds them) of their own instansi. Pegawai records
are visible to the instansi-wide roles (admin BKPSDM, tim penilai, auditor), to a department administrator for
their unit subtree and for new pegawai never placed anywhere, and to every pegawai for themselves and their line
of command.
Writing: admin BKPSDM for the whole instansi, admin perangkat daerah inside their unit subtree.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from kinerja.accounts.permissions import (
    access_of,
    in_own_instansi,
    instansi_rows,
    is_admin_bkpsdm,
    under_unit_paths,
)
from kinerja.core import clock
from kinerja.org import selectors
from kinerja.org.models import Instansi, Jabatan, Pegawai, Penugasan, UnitKerja


def instansi_visible_to(user) -> QuerySet[Instansi]:
    return in_own_instansi(user, Instansi, "pk")


def instansi_for(user, wanted: str | None = None) -> Instansi | None:
    """The user's own instansi; a superuser (who has none) gets the one asked for, else the first."""
    qs = instansi_visible_to(user).order_by("pk")
    chosen_id = str(wanted or access_of(user).instansi_id or "")
    chosen = qs.filter(pk=int(chosen_id)).first() if chosen_id.isascii() and chosen_id.isdigit() else None
    return chosen or qs.first()


# Where the instansi a superuser chose with the switcher is remembered (org.views.instansi_switch).
SESSION_INSTANSI = "kinerja_instansi"


def request_instansi(request) -> Instansi | None:
    """The instansi the user works in: their own; a superuser's choice (?instansi= on this request, else the one
    remembered in the session by the switcher, else the first one)."""
    session = getattr(request, "session", {})
    return instansi_for(request.user, request.GET.get("instansi") or session.get(SESSION_INSTANSI))


def can_switch_instansi(user) -> bool:
    """Only a superuser works across agencies; everyone else is bound to their own."""
    return access_of(user).superuser


def current_instansi(request) -> Instansi:
    """The instansi of the request (request_instansi), or a refusal for an account linked to none."""
    instansi = request_instansi(request)
    if instansi is None:
        raise PermissionDenied(_("Your account is not linked to an agency."))
    return instansi


def units_visible_to(user) -> QuerySet[UnitKerja]:
    return in_own_instansi(user, UnitKerja)


def jabatan_visible_to(user) -> QuerySet[Jabatan]:
    return in_own_instansi(user, Jabatan)


def pegawai_visible_to(user) -> QuerySet[Pegawai]:
    in_instansi, whole = instansi_rows(user, Pegawai)
    if whole:
        return in_instansi
    access = access_of(user)
    active = Penugasan.objects.active_at(clock.today())
    visible = Q(pk=access.pegawai_id) if access.pegawai_id else Q(pk__in=[])
    if access.pegawai_id:
        below = selectors.subordinate_positions(Pegawai(pk=access.pegawai_id))
        visible |= Q(pk__in=active.filter(jabatan__in=below).values("pegawai_id"))
    if access.admin_unit_paths:
        in_subtree = active.filter(under_unit_paths(access.admin_unit_paths, "jabatan__unit__"))
        visible |= Q(pk__in=in_subtree.values("pegawai_id")) | _never_placed()
    return in_instansi.filter(visible)


def _never_placed() -> Q:
    """New pegawai a department administrator may place: active and never assigned anywhere. People whose post
    ended (retired, seconded, between transfers) stay with the BKPSDM."""
    return Q(aktif=True) & ~Q(pk__in=Penugasan.objects.values("pegawai_id"))


def visible_pegawai_ids(user, ids) -> set[int]:
    """Which of the given pegawai the user may open (to link a name or show a row), in one query."""
    ids = set(ids)
    if not ids:
        return set()
    return set(pegawai_visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))


def penugasan_visible_to(user) -> QuerySet[Penugasan]:
    return Penugasan.objects.filter(pegawai__in=pegawai_visible_to(user))


def get_unit_for_user_or_404(user, pk) -> UnitKerja:
    return get_object_or_404(units_visible_to(user).select_related("parent", "instansi"), pk=pk)


def get_jabatan_for_user_or_404(user, pk) -> Jabatan:
    return get_object_or_404(jabatan_visible_to(user).select_related("unit", "atasan", "instansi"), pk=pk)


def get_pegawai_for_user_or_404(user, pk) -> Pegawai:
    return get_object_or_404(pegawai_visible_to(user).select_related("instansi"), pk=pk)


def get_penugasan_for_user_or_404(user, pk) -> Penugasan:
    return get_object_or_404(
        penugasan_visible_to(user).select_related("pegawai", "jabatan", "jabatan__unit"), pk=pk
    )


def _administers_unit(user, unit: UnitKerja | None) -> bool:
    if unit is None:
        return False
    access = access_of(user)
    return access.in_instansi(unit.instansi_id) and access.administers_unit_path(unit.path)


def can_manage_instansi(user, instansi: Instansi) -> bool:
    return is_admin_bkpsdm(user, instansi.pk)


def can_manage_org(user, instansi: Instansi) -> bool:
    """Whether the user administers any part of the instansi's organisation (shows the admin menus)."""
    access = access_of(user)
    return is_admin_bkpsdm(user, instansi.pk) or (
        access.in_instansi(instansi.pk) and bool(access.admin_unit_paths)
    )


def managed_unit_paths(user, instansi: Instansi) -> list[str] | None:
    """The unit subtrees the user administers in the instansi; None when it is the whole instansi."""
    return None if can_manage_instansi(user, instansi) else access_of(user).admin_unit_paths


def can_create_unit(user, instansi: Instansi, parent: UnitKerja | None) -> bool:
    return is_admin_bkpsdm(user, instansi.pk) or _administers_unit(user, parent)


def can_manage_unit(user, unit: UnitKerja) -> bool:
    """Edit a unit: BKPSDM anywhere; a department administrator strictly below the unit they administer."""
    if is_admin_bkpsdm(user, unit.instansi_id):
        return True
    access = access_of(user)
    return access.in_instansi(unit.instansi_id) and any(
        unit.path.startswith(p) and unit.path != p for p in access.admin_unit_paths
    )


def can_move_unit(user, unit: UnitKerja, new_parent: UnitKerja | None) -> bool:
    return can_manage_unit(user, unit) and can_create_unit(user, unit.instansi, new_parent)


def can_manage_jabatan(user, jabatan: Jabatan) -> bool:
    return is_admin_bkpsdm(user, jabatan.instansi_id) or _administers_unit(user, jabatan.unit)


def can_create_jabatan(user, unit: UnitKerja) -> bool:
    return is_admin_bkpsdm(user, unit.instansi_id) or _administers_unit(user, unit)


def can_create_pegawai(user, instansi: Instansi) -> bool:
    return can_manage_org(user, instansi)


def can_manage_pegawai(user, pegawai: Pegawai) -> bool:
    if is_admin_bkpsdm(user, pegawai.instansi_id):
        return True
    access = access_of(user)
    if not access.in_instansi(pegawai.instansi_id) or not access.admin_unit_paths:
        return False
    current = selectors.primary_assignment(pegawai)
    if current is None:
        return pegawai.aktif and not pegawai.penugasan.exists()
    return _administers_unit(user, current.jabatan.unit)


def can_assign(user, pegawai: Pegawai, jabatan: Jabatan) -> bool:
    return (
        pegawai.instansi_id == jabatan.instansi_id
        and can_manage_pegawai(user, pegawai)
        and can_manage_jabatan(user, jabatan)
    )


def units_manageable_by(user, instansi: Instansi) -> QuerySet[UnitKerja]:
    """Active units where the user may create positions and place people."""
    units = units_visible_to(user).filter(instansi=instansi, aktif=True)
    if can_manage_instansi(user, instansi):
        return units
    return units.filter(under_unit_paths(access_of(user).admin_unit_paths, ""))


def positions_manageable_by(user, instansi: Instansi) -> QuerySet[Jabatan]:
    units = units_manageable_by(user, instansi)
    return jabatan_visible_to(user).filter(unit__in=units, aktif=True).order_by("unit__path", "path")


def can_view_worklists(user) -> bool:
    """The administrators' lists of vacancies and unplaced pegawai."""
    access = access_of(user)
    return access.superuser or access.reads_whole_instansi or bool(access.admin_unit_paths)


def worklist_positions(user, instansi: Instansi) -> QuerySet[Jabatan]:
    """Positions whose vacancies the user follows: the whole instansi, or a department administrator's subtree."""
    access = access_of(user)
    jabatan = jabatan_visible_to(user).filter(instansi=instansi)
    if access.superuser or access.reads_whole_instansi:
        return jabatan
    return jabatan.filter(under_unit_paths(access.admin_unit_paths, "unit__"))


def can_import(user, instansi: Instansi) -> bool:
    """Whether the user may import staff data into the instansi (preview, apply, end missing people)."""
    return can_manage_instansi(user, instansi)
