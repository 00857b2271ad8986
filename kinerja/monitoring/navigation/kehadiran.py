"""Attendance on a pegawai's profile: the year's days by status, the unexcused total and longest run, and the
discipline level the framework's rules give them (for the people monitoring.permissions.can_see_discipline
names)."""

from kinerja.core import clock
from kinerja.core.navigation import HomeCard
from kinerja.monitoring import permissions
from kinerja.monitoring.models import StatusKehadiran
from kinerja.monitoring.selectors import kehadiran as selectors


def disiplin(request, pegawai) -> HomeCard | None:
    if not permissions.can_see_discipline(request.user, pegawai):
        return None
    record = selectors.discipline_record(pegawai, clock.today(pegawai.instansi).year)
    labels = dict(StatusKehadiran.choices)
    return HomeCard(
        "monitoring/_panel_pegawai_disiplin.html",
        {
            "record": record,
            "statuses": [(labels[s], record.counts[s]) for s in StatusKehadiran.values if record.counts[s]],
            "mine": request.user.is_authenticated and getattr(request.user, "pegawai_id", None) == pegawai.pk,
        },
    )
