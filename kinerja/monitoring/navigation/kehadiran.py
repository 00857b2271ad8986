"""Discipline and innovation on a pegawai's profile (for the people monitoring.permissions.can_see_discipline
names): the year's attendance by status, the unexcused total and longest run, the discipline level the
framework's rules give them and the disciplinary decisions on record; the verified innovations of the year."""

from kinerja.accounts.permissions import is_admin_bkpsdm
from kinerja.core import clock
from kinerja.core.formats import parse_int
from kinerja.core.navigation import HomeCard
from kinerja.monitoring import permissions
from kinerja.monitoring.models import StatusKehadiran
from kinerja.monitoring.selectors import catatan
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
            "sanksi": catatan.sanctions_of(pegawai.pk),
            "today": clock.today(pegawai.instansi),
            "bkpsdm": is_admin_bkpsdm(request.user, pegawai.instansi_id),
        },
    )


def inovasi(request, pegawai) -> HomeCard | None:
    """The verified innovations of the year on the profile (for those who see the pegawai's discipline record:
    the pegawai, their superiors, the administrators)."""
    if not permissions.can_see_discipline(request.user, pegawai):
        return None
    this_year = clock.today(pegawai.instansi).year
    tahun = parse_int(request.GET.get("tahun"), low=this_year - 5, high=this_year) or this_year
    found = catatan.verified_innovations([pegawai.pk], tahun).get(pegawai.pk, [])
    return HomeCard("monitoring/_panel_pegawai_inovasi.html", {"tahun": tahun, "rows": found})
