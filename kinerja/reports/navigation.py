"""The reports' menu entries (in the "Pemantauan" dropdown) and their home cards: the pegawai's own progress, the
supervisor's early warning, and the leader's summary of the units they lead, administer or oversee."""

from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.accounts.permissions import access_of
from kinerja.core import clock
from kinerja.core.navigation import HomeCard, MenuItem, per_request
from kinerja.monitoring import selectors as monitoring_selectors
from kinerja.planning.models import SKP
from kinerja.reports import capaian, permissions, rules, selectors


def items(request) -> list:
    if not permissions.can_read_reports(request):
        return []
    # Joins monitoring's "Pemantauan" dropdown (kinerja.core.navigation.menu_for merges groups by label).
    pages = [
        MenuItem(_("Performance dashboard"), reverse("reports:kinerja"), testid="nav-kinerja"),
        MenuItem(_("Monitoring of filling in"), reverse("reports:pengisian"), testid="nav-pengisian"),
    ]
    return [MenuItem(_("Monitoring"), children=pages)]


def my_progress(request) -> HomeCard | None:
    """For a pegawai with an approved SKP this year and a period begun: their capaian per period as a chart with
    the table behind it, the year to date, and their own early warning (a fixed number of queries)."""
    pegawai = getattr(request.user, "pegawai", None)
    if pegawai is None:
        return None
    today = clock.today(pegawai.instansi)
    mine = [
        s
        for s in monitoring_selectors.my_skps(pegawai.pk, today.year)
        if s.tahun_kinerja.tahun == today.year and s.versi and not s.berakhir
    ]
    if not mine:
        return None
    skp = mine[0]  # this year's SKP in force, approved at least once
    page = monitoring_selectors.realisasi_page(skp)
    progress = capaian.my_progress(skp, page, capaian.bands_for(pegawai.instansi_id, today))
    if not progress.titik:
        return None
    return HomeCard("reports/_card_my_progress.html", {"progress": progress})


def team_warnings(request) -> HomeCard | None:
    """For a penilai: the people of their team the early warning flags, each with a dialog kinerja to open, and
    how many indikator of the team are behind target in the current period."""
    if not request.user.is_authenticated or getattr(request.user, "pegawai", None) is None:
        return None
    status = per_request(request, "monitoring.team", lambda: monitoring_selectors.team_status(request.user))
    if status.periode is None or not status.rows:
        return None
    pegawai = request.user.pegawai
    today = clock.today(pegawai.instansi)
    periods = [p for p in status.periods if p.nomor <= status.periode.nomor]
    threshold = rules.threshold_of(capaian.bands_for(pegawai.instansi_id, today))
    team = [row.skp.pk for row in status.rows]
    found = capaian.warnings(SKP.objects.filter(pk__in=team), periods, threshold)
    behind = capaian.behind_target(team, periods)
    if not found and not behind.indikator:
        return None  # nothing to warn about: the team card says how far they are
    return HomeCard(
        "reports/_card_team_warnings.html",
        {
            "warnings": found,
            "periods": periods,
            "behind": behind,
            "periode": status.periode,
            "dialog_for": {w.skp.pk for w in found},  # the team is the people they assess
        },
    )


def leader(request) -> HomeCard | None:
    """For whoever reads the reports: the totals of their view (the units they head or administer, or the whole
    instansi) for the current period, and the link to the dashboard."""
    if not permissions.can_read_reports(request):
        return None
    access = access_of(request.user)
    instansi = request.user.instansi
    if instansi is None or not access.in_instansi(instansi.pk):
        return None
    today = clock.today(instansi)
    years = [y for y in selectors.years_of(instansi.pk) if y.tahun == today.year]
    if not years:
        return None
    tahun = years[0]
    periods = list(tahun.periode.order_by("nomor"))
    periode = monitoring_selectors.current_period(periods, today)
    report = selectors.pengisian(
        instansi_id=instansi.pk,
        tahun=tahun,
        periode=periode,
        periods=periods,
        on=today,
        paths=permissions.scope_of(request.user, instansi.pk, today),
        unit=None,
    )
    return HomeCard("reports/_card_leader.html", {"report": report})
