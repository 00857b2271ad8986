"""The BKPSDM's corrections of one SKP (penilai, deadline) and the end of an SKP with its assignment."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from kinerja.core import audit, clock
from kinerja.core.errors import ApplicationError
from kinerja.core.services import deny_unless, require_reason
from kinerja.core.templatetags.kinerja import tanggal
from kinerja.org import selectors as org_selectors
from kinerja.org.models import Pegawai
from kinerja.planning import permissions, selectors
from kinerja.planning.models import SKP
from kinerja.planning.services import base


@transaction.atomic
def skp_reassign_penilai(*, actor, skp: SKP, penilai: Pegawai, reason: str, confirm: bool = False) -> SKP:
    """When the organisation data is wrong: the BKPSDM sets the penilai of one SKP, with a reason.

    A penilai who holds no position above the SKP's position is unusual (the regulation has the holder of the
    position above assess) but not forbidden (e.g. an official appointed by decree while the chart lags): the
    change is refused with a warning until the administrator confirms it (`confirm`)."""
    deny_unless(permissions.can_administer(actor, skp))
    skp = base.locked(skp, None)
    require_reason(reason)
    if penilai.pk == skp.pegawai_id:
        raise ApplicationError({"penilai": _("An employee cannot assess their own SKP.")})
    if penilai.instansi_id != skp.instansi_id or not penilai.aktif:
        raise ApplicationError({"penilai": _("Choose an active employee of the same agency.")})
    at = selectors.chain_date(skp)
    above = org_selectors.holds_position_above(penilai, skp.jabatan, at)
    if not above and not confirm:
        raise ApplicationError(
            {
                "confirm": _(
                    "%(penilai)s holds no position above %(jabatan)s, the position of this SKP. Tick the "
                    "confirmation if they should assess it all the same."
                )
                % {"penilai": penilai.nama_lengkap, "jabatan": skp.jabatan.nama}
            }
        )
    position = org_selectors.primary_assignment(penilai, at)
    before = {"penilai": skp.penilai_id, "penilai_ditetapkan": skp.penilai_ditetapkan}
    skp.penilai = penilai
    skp.penilai_ditetapkan = True
    skp.identitas_penilai = selectors.identitas(
        penilai, position.jabatan if position else None, position.jenis if position else "definitif"
    )
    skp.atasan_penilai = None
    skp.identitas_atasan_penilai = {}
    if position is not None:
        chain = org_selectors.penilai_chain(penilai, selectors.chain_date(skp))
        if chain.penilai is not None and chain.penilai.pegawai.pk != skp.pegawai_id:
            skp.atasan_penilai = chain.penilai.pegawai
            skp.identitas_atasan_penilai = selectors.identitas_pejabat(chain.penilai)
    base.bump(
        skp,
        "penilai",
        "penilai_ditetapkan",
        "identitas_penilai",
        "atasan_penilai",
        "identitas_atasan_penilai",
    )
    base.record(
        actor,
        skp,
        "skp.reassign",
        {
            **audit.diff(before, {"penilai": penilai.pk, "penilai_ditetapkan": True}),
            # Recorded when the administrator confirmed a penilai outside the line above the pegawai.
            **({} if above else {"penilai_di_atas": [None, False]}),
        },
        reason=reason.strip(),
    )
    base.notify(penilai.pk, skp, _("You were set as the assessor of an SKP"), reason.strip())
    return skp


@transaction.atomic
def skp_extend_deadline(*, actor, skp: SKP, tenggat: datetime.date, reason: str) -> SKP:
    deny_unless(permissions.can_administer(actor, skp))
    skp = base.locked(skp, None)
    require_reason(reason)
    if tenggat < clock.today(skp.instansi):
        raise ApplicationError({"tenggat": _("The new deadline cannot be in the past.")})
    if tenggat > skp.selesai:
        raise ApplicationError({"tenggat": _("The new deadline cannot be after the SKP ends.")})
    before = skp.tenggat
    skp.tenggat = tenggat
    base.bump(skp, "tenggat")
    base.record(actor, skp, "skp.extend", {"tenggat": [before, tenggat]}, reason=reason.strip())
    base.notify(skp.pegawai_id, skp, _("The deadline of your SKP was extended"), tanggal(tenggat))
    return skp


@transaction.atomic
def skp_end_with_assignment(
    *, actor, pegawai: Pegawai, jabatan, last_day: datetime.date, reason: str
) -> list[SKP]:
    """The assignment an SKP plans for ends (a transfer, retirement, the end of an acting post): the SKP ends
    that day. Called by the organisation service that ended the assignment, which checked the actor's rights;
    after a transfer the pegawai starts a new SKP for the new position."""
    return [
        base.end(actor, skp, last_day, reason)
        for skp in SKP.objects.select_for_update(of=("self",))
        .filter(pegawai=pegawai, jabatan=jabatan, berakhir=False, selesai__gt=last_day)
        .select_related("instansi", "pegawai", "tahun_kinerja")
    ]
