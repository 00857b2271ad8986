"""Who reads the leaders' reports: the instansi-wide roles (admin BKPSDM, tim penilai, auditor) the whole instansi;
a department administrator the unit subtrees they administer; the head of a unit (definitive or Plt/Plh, on the
day) the subtree of the unit they lead; nobody else. A head and a department administrator at once read both."""

import datetime

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from kinerja.accounts.permissions import access_of
from kinerja.core import clock
from kinerja.core.navigation import per_request
from kinerja.org import selectors as org_selectors
from kinerja.org.models import Pegawai


def _refused() -> PermissionDenied:
    return PermissionDenied(
        _(
            "These reports are for the heads of units, the department administrators, the BKPSDM, the evaluation "
            "team and the auditors."
        )
    )


def headed_paths(user, on: datetime.date) -> list[str]:
    """The subtrees of the units the user's pegawai heads on the day (one query, none without a pegawai)."""
    access = access_of(user)
    if access.pegawai_id is None:
        return []
    cache = user.__dict__.setdefault("_kinerja_headed", {})
    if on not in cache:
        cache[on] = org_selectors.headed_unit_paths(access.pegawai_id, on)
    return cache[on]


def scope_of(user, instansi_id: int, on: datetime.date) -> list[str] | None:
    """None for the whole instansi, or the unit paths the user reads (administered or headed); refused for
    anyone else and for another instansi."""
    access = access_of(user)
    if not access.in_instansi(instansi_id):
        raise _refused()
    if access.superuser or access.reads_whole_instansi:
        return None
    paths = sorted({*access.admin_unit_paths, *headed_paths(user, on)})
    if not paths:
        raise _refused()
    return [p for p in paths if not any(p != q and p.startswith(q) for q in paths)]


def can_read_reports(request) -> bool:
    """For the menu and the home page (once per request)."""

    def compute() -> bool:
        access = access_of(request.user)
        if not access.authenticated:
            return False
        if access.superuser or access.reads_whole_instansi or access.admin_unit_paths:
            return True
        return bool(headed_paths(request.user, clock.today(request.user.instansi)))

    return bool(per_request(request, "reports.can_read", compute))


def dialog_openable(user, skps, on: datetime.date) -> set[int]:
    """The SKP among those given (flagged ones) whose penilai the user is on the day, who may open a dialog kinerja
    from the flag as monitoring's dialog form allows: the people the organisation puts under them, unless the
    BKPSDM set another penilai, and those the BKPSDM set them to assess."""
    pegawai_id = access_of(user).pegawai_id
    if pegawai_id is None or not skps:
        return set()
    assessed = {d.pegawai.pk for d in org_selectors.assessed_by(Pegawai(pk=pegawai_id), on)}
    return {
        s.pk
        for s in skps
        if s.pegawai_id != pegawai_id
        and (s.penilai_id == pegawai_id if s.penilai_ditetapkan else s.pegawai_id in assessed)
    }
