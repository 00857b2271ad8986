"""Who may see and change what in evaluation.

An evaluation is read by whoever reads its SKP in planning (the line of command, the instansi-wide roles, the
department administrator of the subtree) and by its penilai and atasan penilai; its pegawai reads it once it is
finalised (a draft is the penilai's work in progress). The penilai at the end of the evaluated span writes it;
the pegawai acknowledges or objects; the atasan penilai decides an objection (evaluation.workflow's table).
An organisation result is recorded by the admin BKPSDM or by a head of a unit above the unit, and read by
whoever reads the instansi's plans.
"""

from typing import NoReturn

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from kinerja.accounts.models import Role
from kinerja.accounts.permissions import access_of, is_admin_bkpsdm, under_unit_paths
from kinerja.core import clock
from kinerja.evaluation import workflow
from kinerja.evaluation.models import Evaluasi, HasilOrganisasi, StatusEvaluasi
from kinerja.evaluation.selectors import lookups
from kinerja.evaluation.selectors.page import assessors_of
from kinerja.org import selectors as org_selectors
from kinerja.org.models import Penugasan, UnitKerja
from kinerja.planning import permissions as planning_permissions
from kinerja.planning.models import SKP, Periode


def _me(user) -> int | None:
    return access_of(user).pegawai_id


def evaluasi_visible_to(user) -> QuerySet[Evaluasi]:
    me = _me(user)
    visible = Q(skp__in=planning_permissions.skp_visible_to(user))
    if me is not None:
        visible |= Q(penilai_id=me) | Q(atasan_penilai_id=me)
    found = Evaluasi.objects.filter(visible)
    if me is not None:
        found = found.exclude(Q(pegawai_id=me) & Q(status=StatusEvaluasi.DRAF))
    return found


def get_evaluasi_for_user_or_404(user, pk) -> Evaluasi:
    return get_object_or_404(
        evaluasi_visible_to(user).select_related(
            "skp",
            "skp__pegawai",
            "skp__jabatan",
            "skp__jabatan__unit",
            "skp__instansi",
            "skp__tahun_kinerja",
            "periode",
            "pegawai",
            "penilai",
            "atasan_penilai",
            "instansi",
        ),
        pk=pk,
    )


def is_penilai(user, evaluasi: Evaluasi) -> bool:
    me = _me(user)
    return me is not None and me == evaluasi.penilai_id and me != evaluasi.pegawai_id


def is_pegawai(user, evaluasi: Evaluasi) -> bool:
    me = _me(user)
    return me is not None and me == evaluasi.pegawai_id


def is_atasan(user, evaluasi: Evaluasi) -> bool:
    me = _me(user)
    return me is not None and me == evaluasi.atasan_penilai_id and me != evaluasi.pegawai_id


def calibrates(user, evaluasi: Evaluasi) -> bool:
    """The tim penilai kinerja or the admin BKPSDM of the instansi, never on their own result: who applies a
    calibration session's changes (the session checks its chair)."""
    access = access_of(user)
    return (
        access.in_instansi(evaluasi.instansi_id)
        and access.has(Role.TIM_PENILAI, Role.ADMIN_BKPSDM)
        and access.pegawai_id != evaluasi.pegawai_id
    )


WORKFLOW = workflow.WORKFLOW.with_roles(
    {
        workflow.PENILAI: is_penilai,
        workflow.PEGAWAI: is_pegawai,
        workflow.ATASAN: is_atasan,
        workflow.TIM: calibrates,
    }
)


def objection_closed(evaluasi: Evaluasi) -> bool:
    """The days to object have passed: the finalised result stands (the pegawai may still acknowledge it)."""
    return evaluasi.batas_keberatan is not None and clock.today(evaluasi.instansi) > evaluasi.batas_keberatan


def actions_of(user, evaluasi: Evaluasi) -> list[str]:
    """The workflow actions the user has on the evaluation now (its buttons, the API's `aksi`); no objection once
    its days have passed."""
    actions = [a for a in WORKFLOW.actions_for(user, evaluasi) if a != workflow.KALIBRASI]  # a session's
    if workflow.KEBERATAN in actions and objection_closed(evaluasi):
        actions.remove(workflow.KEBERATAN)
    return actions


def may_evaluate(user, penilai_id: int | None, skp: SKP) -> bool:
    """The user is the penilai at the end of the evaluated span (never the pegawai themselves)."""
    me = _me(user)
    return me is not None and me == penilai_id and me != skp.pegawai_id


def heads_unit(pegawai_id: int | None, unit: UnitKerja) -> bool:
    """The pegawai holds the head position of the unit today, definitively or acting."""
    if pegawai_id is None:
        return False
    return (
        Penugasan.objects.active_at(clock.today(unit.instansi))
        .filter(pegawai_id=pegawai_id, jabatan__unit=unit, jabatan__kepala_unit=True, jabatan__aktif=True)
        .exists()
    )


def get_span_or_404(user, skp_pk: int, nomor: int | None) -> tuple[SKP, Periode | None, bool]:
    """The SKP and period (None: the year) asked for in the user's instansi, and whether the user evaluates them:
    the penilai at the span's end, let in by that and not by today's chart (they may have moved since)."""
    skp = lookups.get_skp_or_404(access_of(user).instansi_id, skp_pk)
    periode = None if nomor is None else lookups.get_periode_or_404(skp.tahun_kinerja_id, nomor)
    return skp, periode, may_evaluate(user, assessors_of(skp, periode)[0], skp)


def refuse_span(user, skp: SKP) -> NoReturn:
    """Refuse someone who does not evaluate the span: 404 to whoever does not read the SKP (they learn nothing of
    it), 403 with the reason to the others."""
    planning_permissions.get_skp_for_user_or_404(user, skp.pk)
    raise PermissionDenied(
        _("Only the assessing official of %(name)s at the end of the period evaluates it.")
        % {"name": skp.pegawai.nama_lengkap}
    )


def can_record_organisation(user, unit: UnitKerja) -> bool:
    """The admin BKPSDM records any unit's result; the head (definitive or acting, today) of a unit above it
    records it for the units below, never for a unit they head themselves (a Kasi acting as Kabid would set their
    own rating hasil kerja)."""
    access = access_of(user)
    if is_admin_bkpsdm(user, unit.instansi_id):
        return not heads_unit(access.pegawai_id, unit)
    if access.pegawai_id is None or not access.in_instansi(unit.instansi_id):
        return False
    headed = org_selectors.headed_unit_paths(access.pegawai_id, clock.today(unit.instansi))
    above = any(unit.path.startswith(path) and unit.path != path for path in headed)
    return above and not heads_unit(access.pegawai_id, unit)


def records_organisation(user, instansi_id: int | None) -> bool:
    """Whether the user records any unit's organisation result (for the menu: one query at most)."""
    if instansi_id is None:
        return False
    if is_admin_bkpsdm(user, instansi_id):
        return True
    access = access_of(user)
    if access.pegawai_id is None or not access.in_instansi(instansi_id):
        return False
    mine = Penugasan.objects.active_at(clock.today(user.instansi)).filter(pegawai_id=access.pegawai_id)
    return UnitKerja.objects.filter(
        instansi_id=instansi_id,
        aktif=True,
        parent__jabatan__kepala_unit=True,
        parent__jabatan__aktif=True,
        parent__jabatan__penugasan__in=mine,
    ).exists()


def organisation_units_for(user, instansi_id: int) -> QuerySet[UnitKerja]:
    """The active units whose organisation result the user records."""
    units = UnitKerja.objects.filter(instansi_id=instansi_id, aktif=True)
    if is_admin_bkpsdm(user, instansi_id):
        return units
    access = access_of(user)
    if access.pegawai_id is None or not access.in_instansi(instansi_id):
        return units.none()
    headed = org_selectors.headed_unit_paths(access.pegawai_id, clock.today(user.instansi))
    if not headed:
        return units.none()
    below = Q(pk__in=[])
    for path in headed:
        below |= Q(path__startswith=path) & ~Q(path=path)
    return units.filter(below)


def results_visible_to(user, instansi_id: int | None) -> QuerySet[HasilOrganisasi]:
    """Organisation results: the instansi's for those who read the recap (a department administrator's subtree),
    those of the units a leader records, and of the units they head."""
    if instansi_id is None:
        return HasilOrganisasi.objects.none()
    results = HasilOrganisasi.objects.filter(instansi_id=instansi_id)
    access = access_of(user)
    if access.superuser or access.reads_whole_instansi:
        return results
    visible = Q(unit__in=organisation_units_for(user, instansi_id))
    if access.admin_unit_paths:
        visible |= under_unit_paths(list(access.admin_unit_paths), "unit__")
    if access.pegawai_id is not None:
        mine = Penugasan.objects.active_at(clock.today(user.instansi)).filter(
            pegawai_id=access.pegawai_id, jabatan__kepala_unit=True
        )
        visible |= Q(unit__jabatan__penugasan__in=mine)
    return results.filter(visible).distinct()


def recap_paths(user) -> list[str] | None:
    """The unit subtrees a recap reader reads (None: the whole instansi): a department administrator's units."""
    access = access_of(user)
    return None if (access.superuser or access.reads_whole_instansi) else list(access.admin_unit_paths)


def can_read_recap(user, instansi_id: int) -> bool:
    """The recap of an instansi's evaluations: those who read its plans instansi-wide, and department
    administrators (for their subtree)."""
    access = access_of(user)
    return access.in_instansi(instansi_id) and (
        access.superuser or access.reads_whole_instansi or bool(access.admin_unit_paths)
    )
