"""Who may see and change SKP and performance years.

Reading an SKP: its pegawai; everyone above its position in the line of command (the penilai, their superior
and up); the person the BKPSDM set as its penilai; the instansi-wide roles (admin BKPSDM, tim penilai, auditor);
a department administrator for SKP of positions in their unit subtree.
Writing: the pegawai edits and submits their own SKP; the penilai in force approves or returns it; the admin
BKPSDM opens years, extends deadlines and reassigns the penilai of one SKP.
"""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from kinerja.accounts.permissions import (
    access_of,
    in_own_instansi,
    instansi_rows,
    is_admin_bkpsdm,
    under_unit_paths,
)
from kinerja.org import selectors as org_selectors
from kinerja.org.models import Pegawai
from kinerja.planning import rules, selectors
from kinerja.planning.models import RHK, SKP, Indikator, TahunKinerja


def skp_visible_to(user) -> QuerySet[SKP]:
    in_instansi, whole = instansi_rows(user, SKP)
    if whole:
        return in_instansi
    access = access_of(user)
    visible = Q(pk__in=[])
    if access.pegawai_id:
        me = Pegawai(pk=access.pegawai_id)
        below = org_selectors.subordinate_positions(me)
        visible |= Q(pegawai_id=access.pegawai_id) | Q(penilai_id=access.pegawai_id) | Q(jabatan__in=below)
    if access.admin_unit_paths:
        visible |= under_unit_paths(access.admin_unit_paths, "jabatan__unit__")
    return in_instansi.filter(visible)


def get_skp_for_user_or_404(user, pk) -> SKP:
    return get_object_or_404(
        skp_visible_to(user).select_related(
            "pegawai", "jabatan", "jabatan__unit", "tahun_kinerja", "instansi"
        ),
        pk=pk,
    )


def is_owner(user, skp: SKP) -> bool:
    """The SKP is the user's own (only its pegawai drafts, submits, withdraws and revises it)."""
    access = access_of(user)
    return access.pegawai_id is not None and access.pegawai_id == skp.pegawai_id


def is_penilai(user, skp: SKP) -> bool:
    """Whether the user decides on the SKP now: its penilai in force today (two queries unless set by the
    BKPSDM), or, for the top official whose penilai is the PPK outside the system (or anyone the organisation
    gives no penilai), the admin BKPSDM on the PPK's behalf."""
    access = access_of(user)
    if access.pegawai_id is not None and access.pegawai_id == skp.pegawai_id:
        return False
    penilai_id = selectors.effective_penilai_id(skp)
    if penilai_id is None:
        return is_admin_bkpsdm(user, skp.instansi_id)
    return access.pegawai_id is not None and penilai_id == access.pegawai_id


# The workflow's roles: nobody acts on an ended SKP; the penilai check (two queries) runs only when needed.
SKP_WORKFLOW = rules.WORKFLOW.with_roles(
    {
        rules.PEGAWAI: lambda user, skp: not skp.berakhir and is_owner(user, skp),
        rules.PENILAI: lambda user, skp: not skp.berakhir and is_penilai(user, skp),
    }
)


def can(user, skp: SKP, action: str) -> bool:
    """Take a workflow action (rules.AJUKAN, ...) on the SKP now: the workflow table says who and from where."""
    return SKP_WORKFLOW.allows(user, skp, action)


def actions(user, skp: SKP) -> list[str]:
    """The workflow actions the user has on the SKP now (the page's buttons, the API's `aksi`)."""
    return SKP_WORKFLOW.actions_for(user, skp)


def can_edit(user, skp: SKP) -> bool:
    """Change the content: the pegawai, in the states they may submit it from (draft, returned, revision)."""
    return can(user, skp, rules.AJUKAN)


def can_administer(user, skp: SKP) -> bool:
    """Reassign the penilai, extend the deadline, end the SKP: admin BKPSDM of the instansi."""
    return is_admin_bkpsdm(user, skp.instansi_id)


def can_manage_years(user, instansi_id: int) -> bool:
    return is_admin_bkpsdm(user, instansi_id)


def can_start(user) -> bool:
    return access_of(user).pegawai_id is not None


def can_start_for(user, pegawai: Pegawai) -> bool:
    """Only the pegawai starts their own SKP."""
    return access_of(user).pegawai_id == pegawai.pk


def can_export(user, instansi_id: int) -> bool:
    """Download the Excel of a unit's SKP: whoever reads SKP across units."""
    access = access_of(user)
    return access.superuser or (
        access.in_instansi(instansi_id) and (access.reads_whole_instansi or bool(access.admin_unit_paths))
    )


def listable_unit_paths(user) -> list[str] | None:
    """The unit subtrees whose SKP the user lists and exports: None for the whole instansi (instansi-wide roles),
    else a department administrator's subtrees."""
    access = access_of(user)
    return None if access.superuser or access.reads_whole_instansi else access.admin_unit_paths


def years_visible_to(user) -> QuerySet[TahunKinerja]:
    return in_own_instansi(user, TahunKinerja)


def get_tahun_for_user_or_404(user, pk) -> TahunKinerja:
    return get_object_or_404(years_visible_to(user).select_related("instansi"), pk=pk)


def get_rhk_of_skp_or_404(skp: SKP, pk) -> RHK:
    """One RHK of an SKP the user opened through get_skp_for_user_or_404 (404 for another SKP's RHK)."""
    return get_object_or_404(RHK.objects.select_related("rhk_atasan"), pk=pk, skp=skp)


def get_indikator_of_skp_or_404(skp: SKP, pk) -> Indikator:
    """One indikator of an SKP the user opened through get_skp_for_user_or_404."""
    return get_object_or_404(Indikator.objects.select_related("rhk__skp"), pk=pk, rhk__skp=skp)
