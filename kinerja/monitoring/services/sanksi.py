"""Disciplinary decisions on record: the admin BKPSDM records one (the punishment, the decree's number and date,
the days it is served, the decree's scan) and may cancel one recorded by mistake, with a reason. Nothing is ever
deleted; every write is audited and the pegawai is told."""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.core import audit, clock
from kinerja.core.errors import ApplicationError
from kinerja.core.formats import tanggal
from kinerja.core.notifications import notify
from kinerja.core.services import deny_unless, require_reason
from kinerja.monitoring import discipline, permissions
from kinerja.monitoring.models import SanksiDisiplin, TingkatSanksi
from kinerja.monitoring.services import common
from kinerja.monitoring.services.bukti import check_file_among, file_facts, save_with_file
from kinerja.org.models import Instansi, Pegawai

FIELDS = ["pegawai", "tingkat", "nomor_sk", "tanggal_sk", "mulai", "sampai", "uraian", "nama_asli"]


def _record(actor, sanksi: SanksiDisiplin, action: str, changes: dict, reason: str = "") -> None:
    common.record_about(actor, sanksi, f"sanksi.{action}", changes, reason)


def _url(sanksi: SanksiDisiplin) -> str:
    return reverse("monitoring:sanksi_detail", args=[sanksi.pk])


def _checked(instansi: Instansi, nip: str, tingkat: str, nomor_sk: str, tanggal_sk, mulai, sampai, berkas):
    """(pegawai, file kind) once every field is acceptable; otherwise every problem at once, on its field."""
    errors: dict[str, str] = {}
    nip = "".join((nip or "").split())
    pegawai = Pegawai.objects.filter(instansi=instansi, nip=nip).first() if nip else None
    if pegawai is None:
        errors["nip"] = (
            _("No employee of %(instansi)s has the NIP %(nip)s.")
            % {"instansi": instansi.nama, "nip": nip[:30]}
            if nip
            else _("Give the employee's NIP as written on the decree.")
        )
    if tingkat not in TingkatSanksi.values:
        errors["tingkat"] = _("Choose the punishment the decree imposes.")
    if not nomor_sk:
        errors["nomor_sk"] = _("Give the decree's number.")
    today = clock.today(instansi)
    if tanggal_sk is None:
        errors["tanggal_sk"] = _("Give the decree's date.")
    elif tanggal_sk > today:
        errors["tanggal_sk"] = _("The decree's date (%(date)s) is in the future.") % {
            "date": tanggal(tanggal_sk)
        }
    if mulai is None:
        errors["mulai"] = _("Give the day the punishment takes effect.")
    elif tanggal_sk is not None and mulai < tanggal_sk:
        errors["mulai"] = _("A punishment takes effect on or after its decree's date (%(date)s).") % {
            "date": tanggal(tanggal_sk)
        }
    if sampai is not None and tingkat == discipline.PEMBERHENTIAN:
        errors["sampai"] = _("A dismissal has no end; leave the end date empty.")
    elif sampai is not None and mulai is not None and sampai < mulai:
        errors["sampai"] = _("The end (%(end)s) is before the start (%(start)s).") % {
            "end": tanggal(sampai),
            "start": tanggal(mulai),
        }
    kind = None
    if berkas is None:
        errors["berkas"] = _("Attach the scan of the signed decree (PDF or photo).")
    else:
        kind = check_file_among(berkas, errors)
    if pegawai is not None and nomor_sk:
        earlier = SanksiDisiplin.objects.filter(
            instansi=instansi, pegawai=pegawai, nomor_sk=nomor_sk, batal_at__isnull=True
        ).first()
        if earlier is not None:
            errors["nomor_sk"] = _(
                "Decree %(number)s is already on record for %(name)s (recorded on %(date)s)."
            ) % {
                "number": nomor_sk,
                "name": pegawai.nama_lengkap,
                "date": tanggal(timezone.localtime(earlier.created_at).date()),
            }
    if errors:
        raise ApplicationError(errors)
    return pegawai, kind


@transaction.atomic
def sanksi_create(
    *,
    actor,
    instansi: Instansi,
    nip: str,
    tingkat: str,
    nomor_sk: str,
    tanggal_sk: datetime.date | None,
    mulai: datetime.date | None,
    sampai: datetime.date | None = None,
    uraian: str = "",
    berkas=None,
) -> SanksiDisiplin:
    """Put a disciplinary decision on record. An empty end is the one the punishment's duration gives (the
    start day for a light one; none for a dismissal)."""
    deny_unless(permissions.can_record_sanctions(actor, instansi.pk))
    nomor_sk = (nomor_sk or "").replace("\x00", "").strip()[:100]
    pegawai, kind = _checked(instansi, nip, tingkat, nomor_sk, tanggal_sk, mulai, sampai, berkas)
    assert mulai is not None and tanggal_sk is not None and kind is not None
    sanksi = SanksiDisiplin(
        instansi=instansi,
        pegawai=pegawai,
        tingkat=tingkat,
        nomor_sk=nomor_sk,
        tanggal_sk=tanggal_sk,
        mulai=mulai,
        sampai=sampai or discipline.sanction_end(tingkat, mulai),
        uraian=(uraian or "").replace("\x00", "").strip(),
        dibuat_oleh=actor,
        **file_facts(berkas, kind),
    )

    def write():
        sanksi.save()
        _record(actor, sanksi, "create", audit.created(sanksi, FIELDS))
        notify(
            [common.user_of(sanksi.pegawai_id)],
            judul=_("A disciplinary decision about you was put on record"),
            isi=f"{sanksi.get_tingkat_display()} · {sanksi.nomor_sk} ({tanggal(sanksi.tanggal_sk)})",
            url=_url(sanksi),
        )

    save_with_file(sanksi, berkas, f"sanksi/{mulai.year}", write)
    return sanksi


@transaction.atomic
def sanksi_cancel(*, actor, sanksi: SanksiDisiplin, reason: str) -> SanksiDisiplin:
    """Cancel a decision recorded by mistake (or annulled): it stays on record, marked cancelled with the
    reason, and no longer counts."""
    deny_unless(permissions.can_record_sanctions(actor, sanksi.instansi_id))
    reason = require_reason(reason, _("Say why the decision is cancelled."))
    sanksi = (
        SanksiDisiplin.objects.select_for_update(of=("self",))
        .select_related("pegawai", "instansi")
        .get(pk=sanksi.pk)
    )
    if sanksi.batal_at is not None:
        raise ApplicationError(_("This decision was already cancelled."))
    sanksi.batal_at = timezone.now()
    sanksi.batal_oleh = actor
    sanksi.alasan_batal = reason
    sanksi.save(update_fields=["batal_at", "batal_oleh", "alasan_batal"])
    _record(actor, sanksi, "cancel", {"alasan_batal": [None, reason]}, reason=reason)
    notify(
        [common.user_of(sanksi.pegawai_id)],
        judul=_("A disciplinary decision on your record was cancelled"),
        isi=f"{sanksi.get_tingkat_display()} · {sanksi.nomor_sk}: {reason}",
        url=_url(sanksi),
    )
    return sanksi
