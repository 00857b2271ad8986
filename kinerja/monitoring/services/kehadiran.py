"""Applying a month of attendance: the rows are checked again inside the transaction (the uploader's scope and
the month's recorded days as they are now), then written all at once, with one import record and one audit
event. A file that changes nothing writes nothing."""

import dataclasses

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.utils.translation import gettext as _

from kinerja.core import audit
from kinerja.core.errors import ApplicationError
from kinerja.core.formats import bulan_tahun
from kinerja.monitoring import kehadiran
from kinerja.monitoring.bulk import execute_many, insert
from kinerja.monitoring.models import ImporKehadiran, Kehadiran
from kinerja.monitoring.selectors import kehadiran as selectors
from kinerja.org.models import Instansi

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
        catalogue.in_scope[nip][0]
        for nip in {r.get("nip", "").strip() for r in rows}
        if nip in catalogue.in_scope
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
