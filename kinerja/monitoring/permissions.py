"""Who may see and change what in monitoring.

Reading realisations, evidence, feedback and dialogs of an SKP: whoever reads the SKP in planning (its pegawai,
the line of command above with the penilai, the instansi-wide roles, the department administrator of the
subtree). Writing: the pegawai records rencana aksi and realisasi and their evidence on their own approved SKP
while the period is open, and replies to feedback; the penilai of the period comments; either party records a
dialog kinerja and the other confirms it; the admin BKPSDM (or a department administrator for their subtree)
reopens a closed period.
"""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from kinerja.accounts.permissions import access_of, is_admin_bkpsdm
from kinerja.core import clock
from kinerja.monitoring import innovation, selectors
from kinerja.monitoring.models import BuktiDukung, DialogKinerja, Realisasi
from kinerja.org import selectors as org_selectors
from kinerja.org.models import UnitKerja
from kinerja.planning import permissions as planning_permissions
from kinerja.planning.models import SKP, Periode


def skp_visible_to(user) -> QuerySet[SKP]:
    return planning_permissions.skp_visible_to(user)


def get_skp_for_user_or_404(user, pk) -> SKP:
    return planning_permissions.get_skp_for_user_or_404(user, pk)


def realisasi_visible_to(user) -> QuerySet[Realisasi]:
    return Realisasi.objects.filter(skp__in=skp_visible_to(user))


def get_realisasi_for_user_or_404(user, pk) -> Realisasi:
    return get_object_or_404(
        realisasi_visible_to(user).select_related("skp", "skp__instansi", "skp__jabatan__unit", "periode"),
        pk=pk,
    )


def bukti_visible_to(user) -> QuerySet[BuktiDukung]:
    return BuktiDukung.objects.filter(realisasi__skp__in=skp_visible_to(user))


def get_bukti_for_user_or_404(user, pk) -> BuktiDukung:
    return get_object_or_404(bukti_visible_to(user).select_related("realisasi", "realisasi__skp"), pk=pk)


def dialog_visible_to(user) -> QuerySet[DialogKinerja]:
    return DialogKinerja.objects.filter(skp__in=skp_visible_to(user))


def get_dialog_for_user_or_404(user, pk) -> DialogKinerja:
    return get_object_or_404(
        dialog_visible_to(user).select_related("skp", "skp__pegawai", "penilai", "dicatat_oleh"), pk=pk
    )


def is_owner(user, skp: SKP) -> bool:
    return planning_permissions.is_owner(user, skp)


def can_record(user, skp: SKP) -> bool:
    """The pegawai records on their own SKP once a version of it was approved (the period's openness is the
    service's check, with its own message)."""
    return is_owner(user, skp) and skp.versi > 0


def is_penilai_of_period(user, skp: SKP, periode: Periode) -> bool:
    """The user is the penilai of that period (not the pegawai themselves)."""
    access = access_of(user)
    if access.pegawai_id is None or access.pegawai_id == skp.pegawai_id:
        return False
    return selectors.penilai_of_period(skp, periode) == access.pegawai_id


def can_comment(user, realisasi: Realisasi) -> bool:
    return is_penilai_of_period(user, realisasi.skp, realisasi.periode)


def can_reply(user, realisasi: Realisasi) -> bool:
    return is_owner(user, realisasi.skp)


def is_dialog_party(user, dialog: DialogKinerja) -> bool:
    access = access_of(user)
    return access.pegawai_id is not None and access.pegawai_id in (dialog.skp.pegawai_id, dialog.penilai_id)


def can_reopen(user, instansi_id: int, unit: UnitKerja | None) -> bool:
    """Reopen a period: the admin BKPSDM for anyone in the instansi, a department administrator inside the
    unit subtrees they administer."""
    if is_admin_bkpsdm(user, instansi_id):
        return True
    access = access_of(user)
    if unit is None or not access.in_instansi(instansi_id):
        return False
    return any(unit.path.startswith(path) for path in access.admin_unit_paths)


def can_see_discipline(user, pegawai) -> bool:
    """A pegawai's attendance record and discipline level: the pegawai, their pejabat penilai and atasan pejabat
    penilai today, the admin BKPSDM, and the department administrator of the unit they are placed in. Not the
    instansi-wide reading roles: a discipline record is not for every reader of plans."""
    access = access_of(user)
    if not access.authenticated or not access.in_instansi(pegawai.instansi_id):
        return False
    if access.pegawai_id == pegawai.pk or is_admin_bkpsdm(user, pegawai.instansi_id):
        return True
    chain = org_selectors.penilai_chain(pegawai, clock.today(pegawai.instansi))
    if chain.penugasan is not None and access.administers_unit_path(chain.penugasan.jabatan.unit.path):
        return True
    superiors = {p.pegawai.pk for p in (chain.penilai, chain.atasan_penilai) if p is not None}
    return access.pegawai_id is not None and access.pegawai_id in superiors


def can_record_sanctions(user, instansi_id: int) -> bool:
    """Disciplinary decisions are put on record (and cancelled) by the admin BKPSDM only."""
    return is_admin_bkpsdm(user, instansi_id)


def is_penilai_today(user, pegawai) -> bool:
    """The user is the pegawai's pejabat penilai by today's organisation chart (never the pegawai themselves)."""
    access = access_of(user)
    if access.pegawai_id is None or access.pegawai_id == pegawai.pk:
        return False
    chain = org_selectors.penilai_chain(pegawai, clock.today(pegawai.instansi))
    return chain.penilai is not None and chain.penilai.pegawai.pk == access.pegawai_id


def is_innovator(user, inovasi) -> bool:
    access = access_of(user)
    return access.pegawai_id is not None and access.pegawai_id == inovasi.pegawai_id


INOVASI_WORKFLOW = innovation.WORKFLOW.with_roles(
    {
        innovation.PEGAWAI: is_innovator,
        innovation.PENILAI: lambda user, inovasi: is_penilai_today(user, inovasi.pegawai),
    }
)


def can_see_innovation(user, inovasi) -> bool:
    """An innovation: its pegawai, and whoever sees their discipline record (their superiors, the
    administrators)."""
    return is_innovator(user, inovasi) or can_see_discipline(user, inovasi.pegawai)


def inovasi_actions(user, inovasi) -> list[str]:
    """The workflow actions the user has on the innovation now (its buttons, the API's `aksi`)."""
    return INOVASI_WORKFLOW.actions_for(user, inovasi)


def can_edit_innovation(user, inovasi) -> bool:
    return INOVASI_WORKFLOW.allows(user, inovasi, innovation.AJUKAN)
