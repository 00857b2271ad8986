"""The framework's menu entry (registered in CriteriaConfig.ready)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.core.navigation import MenuItem


def menu(request) -> list[MenuItem]:
    return [MenuItem(_("Criteria"), reverse("criteria:index"))]
