"""Reopening a closed period (pembukaan): the admin BKPSDM for anyone in the instansi, a department
administrator inside their unit subtrees, for one pegawai or for everyone in a unit subtree, until a date, with a
reason.

A reopening for one pegawai notifies that pegawai. A reopening for a unit notifies nobody: a unit may hold
hundreds of people, most of whom filled in time; they see the period open again on their realisasi page (and the
reminders name the new deadline)."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.accounts.permissions import access_of, is_admin_bkpsdm
from kinerja.core import audit, clock, notifications
from kinerja.core.errors import ApplicationError
from kinerja.core.formats import tanggal
from kinerja.core.services import require_reason
from kinerja.monitoring import permissions
from kinerja.monitoring.models import Pembukaan
from kinerja.monitoring.services.common import user_of
from kinerja.org import selectors as org_selectors
from kinerja.org.models import Pegawai, UnitKerja
from kinerja.planning.models import Periode


def _target_unit(pegawai: Pegawai | None, unit: UnitKerja | None, today: datetime.date) -> UnitKerja | None:
    """The unit the permission is checked on: the unit itself, or the unit of the pegawai's current position."""
    if unit is not None:
        return unit
    assert pegawai is not None
    primary = org_selectors.primary_assignment(pegawai, today)
    return primary.jabatan.unit if primary else None


def _check_date(periode: Periode, sampai: datetime.date | None, today: datetime.date) -> datetime.date:
    if sampai is None:
        raise ApplicationError({"sampai": _("Give the last day input is accepted.")})
    if sampai < today:
        raise ApplicationError({"sampai": _("The date is in the past; choose today or a later day.")})
    if sampai <= periode.tenggat_input:
        raise ApplicationError(
            {
                "sampai": _("The period %(periode)s already takes input until %(date)s; choose a later day.")
                % {"periode": periode.nama, "date": tanggal(periode.tenggat_input)}
            }
        )
    latest = datetime.date(periode.tahun_kinerja.tahun + 1, 12, 31)
    if sampai > latest:
        raise ApplicationError(
            {
                "sampai": _("A period can be reopened until %(date)s at the latest.")
                % {"date": tanggal(latest)}
            }
        )
    return sampai


def _check_target(periode: Periode, pegawai: Pegawai | None, unit: UnitKerja | None) -> None:
    if (pegawai is None) == (unit is None):
        raise ApplicationError(_("Reopen the period either for one employee or for one unit, not both."))
    instansi_id = periode.tahun_kinerja.instansi_id
    target_instansi = pegawai.instansi_id if pegawai is not None else unit.instansi_id  # type: ignore[union-attr]
    if target_instansi != instansi_id:
        raise ApplicationError(_("The employee or unit does not belong to the agency of this period."))


@transaction.atomic
def pembukaan_create(
    *,
    actor,
    periode: Periode,
    sampai: datetime.date,
    alasan: str,
    pegawai: Pegawai | None = None,
    unit: UnitKerja | None = None,
) -> Pembukaan:
    """Reopen `periode` for one pegawai or one unit subtree until `sampai` (inclusive)."""
    periode = Periode.objects.select_related("tahun_kinerja", "tahun_kinerja__instansi").get(pk=periode.pk)
    instansi = periode.tahun_kinerja.instansi
    access = access_of(actor)
    if not (
        is_admin_bkpsdm(actor, instansi.pk) or (access.in_instansi(instansi.pk) and access.admin_unit_paths)
    ):
        raise PermissionDenied(_("Only the BKPSDM or a department administrator reopens a period."))
    _check_target(periode, pegawai, unit)
    today = clock.today(instansi)
    if not permissions.can_reopen(actor, instansi.pk, _target_unit(pegawai, unit, today)):
        raise PermissionDenied(_("You may reopen periods only for the units you administer."))
    alasan = require_reason(alasan, _("Say why the period is reopened."))
    sampai = _check_date(periode, sampai, today)
    pembukaan = Pembukaan.objects.create(
        periode=periode, pegawai=pegawai, unit=unit, sampai=sampai, alasan=alasan, dibuat_oleh=actor
    )
    target = str(pegawai) if pegawai is not None else str(unit)
    audit.record(
        actor=actor,
        action="monitoring.pembukaan.create",
        obj=pembukaan,
        object_repr=f"{periode.nama} {periode.tahun_kinerja.tahun} · {target}"[:300],
        instansi=instansi,
        pegawai=pegawai,
        changes=audit.created(pembukaan, ["periode", "pegawai", "unit", "sampai"]),
        reason=alasan,
    )
    if pegawai is not None:
        notifications.notify(
            [user_of(pegawai.pk)],
            judul=_("The period %(periode)s is open again for your input until %(date)s")
            % {"periode": periode.nama, "date": tanggal(sampai)},
            isi=alasan,
            url=reverse("monitoring:index"),
        )
    return pembukaan
