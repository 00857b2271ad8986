"""The supervisor's team page ("Tim saya"): each person they assess, how far the period is filled, what waits for
their feedback, until when the period takes input, and a link to each person's realisasi page."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _

from kinerja.core.formats import parse_int
from kinerja.monitoring import selectors


def team(request):
    if request.user.pegawai_id is None:
        raise PermissionDenied(_("The team page is for employees who assess others."))
    status = selectors.team_status(request.user, parse_int(request.GET.get("periode", ""), low=1, high=12))
    return render(request, "monitoring/team.html", {"team": status})


urlpatterns: list = [
    path("tim/", team, name="team"),
]
