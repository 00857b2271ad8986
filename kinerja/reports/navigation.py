"""The reports' menu entries, for whoever reads them (reports.permissions), in the "Pemantauan" dropdown."""

from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.core.navigation import MenuItem
from kinerja.reports import permissions


def items(request) -> list:
    if not permissions.can_read_reports(request.user):
        return []
    # Joins monitoring's "Pemantauan" dropdown (kinerja.core.navigation.menu_for merges groups by label).
    page = MenuItem(_("Monitoring of filling in"), reverse("reports:pengisian"), testid="nav-pengisian")
    return [MenuItem(_("Monitoring"), children=[page])]
