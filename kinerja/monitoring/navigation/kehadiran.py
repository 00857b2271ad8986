"""Attendance on a pegawai's profile: the year's days by status, the unexcused total and longest run, and the
discipline level the framework's rules give them (for the people monitoring.permissions.can_see_discipline
names)."""

from kinerja.core import clock
from kinerja.core.formats import parse_int
from kinerja.core.navigation import HomeCard
from kinerja.monitoring import permissions
from kinerja.monitoring.models import StatusKehadiran
from kinerja.monitoring.selectors import kehadiran as selectors


def disiplin(request, pegawai) -> HomeCard | None:
    if not permissions.can_see_discipline(request.user, pegawai):
        return None
    this_year = clock.today(pegawai.instansi).year
    asked = parse_int(request.GET.get("tahun"), low=this_year - 5, high=this_year)  # from an alert's link
    record = selectors.discipline_record(pegawai, asked or this_year)
    labels = dict(StatusKehadiran.choices)
    return HomeCard(
        "monitoring/_panel_pegawai_disiplin.html",
        {
            "record": record,
            "statuses": [(labels[s], record.counts[s]) for s in StatusKehadiran.values if record.counts[s]],
            "mine": request.user.is_authenticated and getattr(request.user, "pegawai_id", None) == pegawai.pk,
        },
    )
