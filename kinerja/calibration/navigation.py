"""Calibration's entries in the Evaluation dropdown (the curve, the sessions, the raters' analytics) for those who
use them; on the home page, a rater's card leading to their own rating pattern and a member's open sessions."""

from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.accounts.permissions import access_of
from kinerja.calibration import permissions
from kinerja.calibration.selectors import bias as bias_selectors
from kinerja.calibration.selectors import sesi as sesi_selectors
from kinerja.core import clock
from kinerja.core.navigation import HomeCard, MenuItem


def menu(request) -> list:
    access = access_of(request.user)
    if not access.authenticated:
        return []
    children = []
    if permissions.can_read_curve(request.user, access.instansi_id):
        children.append(MenuItem(_("Distribution curve"), reverse("calibration:kurva"), testid="nav-kurva"))
    if access.superuser or access.reads_whole_instansi:
        children.append(MenuItem(_("Calibration"), reverse("calibration:daftar"), testid="nav-kalibrasi"))
    if permissions.can_read_bias(request.user, access.instansi_id):
        url = reverse("calibration:penilai_ikhtisar")
        children.append(MenuItem(_("Rater analytics"), url, testid="nav-analitik-penilai"))
    return [MenuItem(_("Evaluation"), children=children)] if children else []


def rating_pattern_card(request) -> HomeCard | None:
    """For a pejabat penilai who finalised evaluations this year or last: the way to their own rating pattern."""
    me = access_of(request.user).pegawai_id
    if me is None or not bias_selectors.rates_anyone(me, clock.today(request.user.instansi).year):
        return None
    return HomeCard("calibration/_card_pola.html", {"pegawai_id": me})


def sessions_card(request) -> HomeCard | None:
    """The open calibration sessions the user chairs or sits in, with the proposals waiting for a chair."""
    if not request.user.is_authenticated:
        return None
    found = sesi_selectors.open_sessions_of(request.user)
    if not found:
        return None
    return HomeCard("calibration/_card_sesi.html", {"sessions": found})
