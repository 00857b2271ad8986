"""Applying a month of attendance: the rows are checked again inside the transaction (the uploader's scope and
the month's recorded days as they are now), then written all at once, with one import record and one audit
event. A file that changes nothing writes nothing."""

import dataclasses

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.accounts.models import Role, User
from kinerja.core import audit, clock, notifications
from kinerja.core.errors import ApplicationError
from kinerja.core.formats import bulan_tahun, tanggal
from kinerja.monitoring import kehadiran
from kinerja.monitoring.bulk import execute_many, insert
from kinerja.monitoring.models import ImporKehadiran, Kehadiran, PeringatanDisiplin, StatusKehadiran
from kinerja.monitoring.selectors import kehadiran as selectors
from kinerja.monitoring.selectors.disiplin import discipline_rules
from kinerja.org import selectors as org_selectors
from kinerja.org.models import Instansi, Pegawai

CHANGES_KEPT = 5_000  # changed or removed days listed on the import record


def kehadiran_check(*, actor, instansi: Instansi, rows: list[dict]) -> kehadiran.Report:
    """The report of a file's rows for `actor`: every problem, or what applying it would change."""
    if not selectors.can_import_any(actor, instansi.pk):
        raise PermissionDenied(_("Only the BKPSDM or a department administrator can import attendance."))
    bulan = kehadiran.month_of(rows)
    if bulan is None:
        raise ApplicationError({"berkas": _("The file has no readable date.")})
    catalogue = selectors.catalogue_for(actor, instansi)
    named = {
        catalogue.in_scope[nip][0] for nip in {kehadiran.nip_of(r) for r in rows} if nip in catalogue.in_scope
    }
    catalogue = dataclasses.replace(catalogue, recorded=selectors.recorded_in_month(instansi, named, bulan))
    return kehadiran.check_rows(rows, catalogue, bulan)


@transaction.atomic
def kehadiran_apply(
    *, actor, instansi: Instansi, rows: list[dict], nama_berkas: str, sha256: str
) -> tuple[kehadiran.Report, ImporKehadiran | None]:
    """Check `rows` again and write what they change; (the report, the import record or None if nothing
    changed). A refused file raises ApplicationError and writes nothing."""
    Instansi.objects.select_for_update().filter(
        pk=instansi.pk
    ).exists()  # one import of an instansi at a time
    report = kehadiran_check(actor=actor, instansi=instansi, rows=rows)
    kehadiran.refuse_unless_ok(report)
    if not report.changes:
        return report, None
    assert report.bulan is not None
    counts = {k: v for k, v in report.counts.items() if k != "ditolak"}
    corrections = [c for c in report.changes if c.before is not None]
    record = ImporKehadiran.objects.create(
        instansi=instansi,
        bulan=report.bulan,
        nama_berkas=nama_berkas[:255],
        sha256=sha256,
        counts=counts,
        perubahan=[
            [c.nama, c.nip, c.tanggal.isoformat(), c.before, c.after] for c in corrections[:CHANGES_KEPT]
        ],
        dibuat_oleh=actor if getattr(actor, "is_authenticated", False) else None,
    )
    # Plain statements on tuples: a month of 20,000 people is some 460,000 rows, and a model instance per row
    # would be most of the import's time (bench/results: kehadiran_*).
    quote = connection.ops.quote_name
    table = quote(Kehadiran._meta.db_table)
    day = connection.ops.adapt_datefield_value
    execute_many(
        f"DELETE FROM {table} WHERE pegawai_id = %s AND tanggal = %s",  # noqa: S608 (the model's own table)
        [(c.pegawai_id, day(c.tanggal)) for c in report.changes if c.after is None],
    )
    execute_many(
        f"UPDATE {table} SET status = %s, impor_id = %s WHERE pegawai_id = %s AND tanggal = %s",  # noqa: S608
        [(c.after, record.pk, c.pegawai_id, day(c.tanggal)) for c in corrections if c.after is not None],
    )
    insert(
        Kehadiran,
        ["pegawai_id", "tanggal", "status", "impor_id"],
        [
            (c.pegawai_id, c.tanggal, report.days[(c.pegawai_id, c.tanggal)], record.pk)
            for c in report.changes
            if c.before is None
        ],
    )
    counts["peringatan"] = _alert_new_levels(instansi, report, record)
    ImporKehadiran.objects.filter(pk=record.pk).update(counts=counts)
    record.counts = counts
    audit.record(
        actor=actor,
        action="monitoring.kehadiran.impor",
        obj=record,
        object_repr=_("Attendance of %(month)s from %(file)s")
        % {"month": bulan_tahun(report.bulan), "file": record.nama_berkas},
        changes={name: [None, value] for name, value in counts.items()},
        instansi=instansi,
    )
    return report, record


def _alert_new_levels(instansi: Instansi, report: kehadiran.Report, record: ImporKehadiran) -> int:
    """Record each discipline level that the import made someone reach for the first time this year, and alert
    their pejabat penilai (of today) and the admin BKPSDM; the number of levels recorded. Only people whose
    unexcused days the import touched are looked at (a few queries whatever their number)."""
    assert report.bulan is not None
    tahun = report.bulan.year
    touched = {
        c.pegawai_id for c in report.changes if StatusKehadiran.TANPA_KETERANGAN in (c.before, c.after)
    }
    if not touched:
        return 0
    rules = discipline_rules(instansi.pk, tahun)
    days: dict[int, list] = {pk: [] for pk in touched}
    for pegawai_id, tanggal_, status in (
        Kehadiran.objects.filter(pegawai_id__in=touched, tanggal__year=tahun)
        .order_by()
        .values_list("pegawai_id", "tanggal", "status")
    ):
        days[pegawai_id].append((tanggal_, status))
    known = set(
        PeringatanDisiplin.objects.filter(pegawai_id__in=touched, tahun=tahun).values_list(
            "pegawai_id", "tingkat"
        )
    )
    new = [
        PeringatanDisiplin(
            pegawai_id=pegawai_id,
            tahun=tahun,
            tingkat=c.kunci,
            sanksi=c.sanksi[:300],
            tanggal=c.tanggal,
            total=c.total,
            berturut=c.berturut,
            karena_berturut=c.karena_berturut,
            impor=record,
        )
        for pegawai_id, found in days.items()
        for c in rules.crossings(found)
        if (pegawai_id, c.kunci) not in known
    ]
    if not new:
        return 0
    PeringatanDisiplin.objects.bulk_create(new)
    heaviest = {a.pegawai_id: a for a in new}  # each person's levels come lightest first: one alert, the last
    _notify(instansi, list(heaviest.values()))
    return len(new)


def _notify(instansi: Instansi, alerts: list[PeringatanDisiplin]) -> None:
    today = clock.today(instansi)
    chains = org_selectors.chains_at(instansi, today)
    penilai_ids = {
        a.pegawai_id: chain.penilai.pegawai.pk
        for a in alerts
        if (chain := chains.get(a.pegawai_id)) is not None and chain.penilai is not None
    }
    users = {
        u.pegawai_id: u
        for u in User.objects.filter(pegawai_id__in=set(penilai_ids.values())).select_related("pegawai")
    }
    admins = list(
        User.objects.filter(instansi=instansi, roles__role=Role.ADMIN_BKPSDM, is_active=True).distinct()
    )
    names = dict(Pegawai.objects.filter(pk__in={a.pegawai_id for a in alerts}).values_list("pk", "nama"))
    messages = []
    for alert in alerts:
        judul = _("%(name)s reached a discipline level: %(sanksi)s") % {
            "name": names[alert.pegawai_id],
            "sanksi": alert.sanksi,
        }
        isi = _("%(total)s working days absent without a valid reason by %(date)s.") % {
            "total": alert.total,
            "date": tanggal(alert.tanggal),
        }
        if alert.berturut > 1:
            isi += " " + _("The last %(run)s of them in a row.") % {"run": alert.berturut}
        # The year in the link: December's file is often imported in January
        url = f"{reverse('org:pegawai_detail', args=[alert.pegawai_id])}?tahun={alert.tahun}#h-disiplin"
        recipients = [*admins, users.get(penilai_ids.get(alert.pegawai_id))]
        messages += [(u, judul, isi, url) for u in dict.fromkeys(recipients) if u is not None]
    notifications.notify_many(messages)
