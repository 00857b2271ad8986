"""Calibration's entry in the Evaluation dropdown (the curve), for those who read it."""

from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.accounts.permissions import access_of
from kinerja.calibration import permissions
from kinerja.core.navigation import MenuItem


def menu(request) -> list:
    access = access_of(request.user)
    if not access.authenticated or not permissions.can_read_curve(request.user, access.instansi_id):
        return []
    curve = MenuItem(_("Distribution curve"), reverse("calibration:kurva"), testid="nav-kurva")
    return [MenuItem(_("Evaluation"), children=[curve])]
