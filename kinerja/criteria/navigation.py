"""The framework's menu entry and home cards (registered in CriteriaConfig.ready)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.accounts.permissions import access_of
from kinerja.core import clock
from kinerja.core.navigation import HomeCard, MenuItem
from kinerja.criteria import permissions, selectors
from kinerja.org.permissions import request_instansi


def menu(request) -> list[MenuItem]:
    return [MenuItem(_("Criteria"), reverse("criteria:index"))]


def framework_review(request) -> HomeCard | None:
    """For those who prepare and review the framework (admin BKPSDM, tim penilai, auditor): the version in force
    this year, the draft waiting for review (with a comparison against the version in force) and whether next
    year's framework has been started."""
    if not permissions.can_view_drafts(request.user):
        return None
    instansi = request_instansi(request)
    if instansi is None:
        return None
    today = clock.today(instansi)
    versions = list(
        selectors.versions(permissions.kerangka_visible_to(request.user).filter(instansi=instansi)).filter(
            tahun__in=[today.year, today.year + 1]
        )
    )
    in_force = selectors.in_force(instansi.pk, today)
    return HomeCard(
        "criteria/_card_framework_review.html",
        {
            "tahun": today.year,
            "in_force": in_force,
            "drafts": [k for k in versions if k.is_draft],
            "next_year": [k for k in versions if k.tahun == today.year + 1],
            "can_manage": permissions.can_manage_kerangka(request.user, instansi.pk),
        },
    )


def my_criteria(request) -> HomeCard | None:
    """For a pegawai who has not yet acknowledged the framework in force: read it and confirm."""
    access = access_of(request.user)
    if access.pegawai_id is None or access.instansi_id is None:
        return None
    kerangka = selectors.in_force(access.instansi_id, clock.today(request.user.instansi))
    if kerangka is None or selectors.has_acknowledged(kerangka, access.pegawai_id):
        return None
    return HomeCard("criteria/_card_my_criteria.html", {"kerangka": kerangka})
