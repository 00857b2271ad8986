"""The staff data import's writes beyond the single org services: the import record, and ending the assignments
of people missing from a file."""

import datetime
from collections.abc import Callable

from django.db import transaction

from kinerja.core.models import AuditChainHead
from kinerja.core.services import deny_unless
from kinerja.org import permissions, services
from kinerja.org.models import ImportRecord, Instansi, Penugasan
from kinerja.org.rules import normalize_nip


def _last_seq() -> int:
    head = AuditChainHead.objects.filter(pk=1).first()
    return head.last_seq if head else 0


@transaction.atomic
def import_apply(
    *,
    actor,
    instansi: Instansi,
    file_name: str,
    sha256: str,
    kinds: list[str],
    counts: dict,
    missing: list[str],
    write: Callable[[], None],
) -> ImportRecord:
    """Run `write` (the import's service calls) and record it with the range of audit events it made."""
    deny_unless(permissions.can_manage_instansi(actor, instansi))
    first = _last_seq() + 1
    write()
    last = _last_seq()
    return ImportRecord.objects.create(
        instansi=instansi,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        nama_berkas=file_name[:255],
        sha256=sha256,
        jenis=",".join(kinds),
        counts=counts,
        missing=missing,
        first_seq=first if last >= first else None,
        last_seq=last if last >= first else None,
    )


@transaction.atomic
def penugasan_end_missing(*, actor, instansi: Instansi, nips, tanggal: datetime.date, reason: str) -> int:
    """End (on `tanggal`) the current assignments of the given pegawai of the instansi; the number ended."""
    deny_unless(permissions.can_manage_instansi(actor, instansi))
    nips = [normalize_nip(n) for n in nips]
    current = (
        Penugasan.objects.active_at(tanggal)
        .filter(pegawai__instansi=instansi, pegawai__nip__in=nips, selesai__isnull=True)
        .select_related("pegawai", "jabatan")
    )
    ended = 0
    for penugasan in current:
        services.penugasan_end(actor=actor, penugasan=penugasan, selesai=tanggal, reason=reason)
        ended += 1
    return ended
