"""Opening a performance year with its evaluation periods, and the BKPSDM's changes to its deadlines."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from kinerja.core import audit
from kinerja.core.errors import ApplicationError
from kinerja.core.services import deny_unless, full_clean, require_reason
from kinerja.criteria import selectors as criteria_selectors
from kinerja.org.models import Instansi
from kinerja.planning import permissions, rules
from kinerja.planning.models import Periode, TahunKinerja


@transaction.atomic
def tahun_open(
    *,
    actor,
    instansi: Instansi,
    tahun: int,
    skema_periode: str | None = None,
    tenggat_skp: datetime.date | None = None,
    hari_tenggat_skp_baru: int = 30,
) -> TahunKinerja:
    """Open a performance year with its evaluation periods. The framework of the year must be published:
    it gives the period scheme (unless another is chosen) and the days after a period to record results."""
    deny_unless(permissions.can_manage_years(actor, instansi.pk))
    if TahunKinerja.objects.filter(instansi=instansi, tahun=tahun).exists():
        raise ApplicationError(
            {"tahun": _("The performance year %(year)s is already open.") % {"year": tahun}}
        )
    kerangka = criteria_selectors.in_force(instansi.pk, datetime.date(tahun, 12, 31))
    if kerangka is None:
        raise ApplicationError(
            {
                "tahun": _(
                    "No assessment framework is published for %(year)s. Publish it under Criteria first."
                )
                % {"year": tahun}
            }
        )
    skema = skema_periode or kerangka.skema_periode or instansi.skema_periode
    deadline = tenggat_skp or rules.framework_skp_deadline(kerangka.tenggat_skp, tahun)
    if deadline.year != tahun:
        raise ApplicationError({"tenggat_skp": _("The deadline must fall in the performance year.")})
    obj = TahunKinerja(
        instansi=instansi,
        tahun=tahun,
        skema_periode=skema,
        tenggat_skp=deadline,
        hari_tenggat_skp_baru=hari_tenggat_skp_baru,
    )
    full_clean(obj)
    obj.save()
    days = kerangka.hari_tenggat_realisasi
    Periode.objects.bulk_create(
        Periode(
            tahun_kinerja=obj,
            nomor=p.nomor,
            nama=p.nama,
            mulai=p.mulai,
            selesai=p.selesai,
            tenggat_input=p.tenggat(days),
        )
        for p in rules.periods(tahun, skema)
    )
    audit.record(
        actor=actor,
        action="planning.tahun.open",
        obj=obj,
        instansi=instansi,
        changes=audit.created(obj, ["tahun", "skema_periode", "tenggat_skp", "hari_tenggat_skp_baru"]),
    )
    return obj


@transaction.atomic
def tahun_update(
    *, actor, tahun_kinerja: TahunKinerja, tenggat_skp: datetime.date, hari_tenggat_skp_baru: int, reason: str
) -> TahunKinerja:
    deny_unless(permissions.can_manage_years(actor, tahun_kinerja.instansi_id))
    obj = TahunKinerja.objects.select_for_update().select_related("instansi").get(pk=tahun_kinerja.pk)
    if tenggat_skp.year != obj.tahun:
        raise ApplicationError({"tenggat_skp": _("The deadline must fall in the performance year.")})
    require_reason(reason)
    before = audit.snapshot(obj, ["tenggat_skp", "hari_tenggat_skp_baru"])
    obj.tenggat_skp, obj.hari_tenggat_skp_baru = tenggat_skp, hari_tenggat_skp_baru
    full_clean(obj)
    obj.save()
    audit.record(
        actor=actor,
        action="planning.tahun.update",
        obj=obj,
        instansi=obj.instansi,
        changes=audit.diff(before, audit.snapshot(obj, ["tenggat_skp", "hari_tenggat_skp_baru"])),
        reason=reason,
    )
    return obj


@transaction.atomic
def periode_update(*, actor, periode: Periode, tenggat_input: datetime.date, reason: str) -> Periode:
    obj = Periode.objects.select_for_update().select_related("tahun_kinerja__instansi").get(pk=periode.pk)
    deny_unless(permissions.can_manage_years(actor, obj.tahun_kinerja.instansi_id))
    if tenggat_input < obj.selesai:
        raise ApplicationError({"tenggat_input": _("The input deadline cannot be before the period ends.")})
    require_reason(reason)
    before = obj.tenggat_input
    obj.tenggat_input = tenggat_input
    obj.save(update_fields=["tenggat_input"])
    audit.record(
        actor=actor,
        action="planning.periode.update",
        obj=obj,
        object_repr=f"{obj.tahun_kinerja} {obj.nama}",
        instansi=obj.tahun_kinerja.instansi,
        changes={"tenggat_input": [before, tenggat_input]},
        reason=reason,
    )
    return obj
