"""Organisation's menu entries and home cards (registered in OrgConfig.ready)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.accounts.permissions import access_of
from kinerja.core.navigation import HomeCard, MenuItem
from kinerja.org import permissions, selectors


def menu(request) -> list[MenuItem]:
    return [
        MenuItem(_("Organisation"), reverse("org:unit_tree")),
        MenuItem(_("Employees"), reverse("org:pegawai_list")),
    ]


def assessor_menu(request) -> list[MenuItem]:
    if access_of(request.user).pegawai_id is None:
        return []
    return [MenuItem(_("People I assess"), reverse("org:dinilai"))]


def my_position(request) -> HomeCard | None:
    """The pegawai's position today with their pejabat penilai and its superior."""
    pegawai = request.user.pegawai
    if pegawai is None:
        return None
    return HomeCard("org/_card_my_position.html", {"rantai": selectors.penilai_chain(pegawai)})


def people_i_assess(request) -> HomeCard | None:
    pegawai = request.user.pegawai
    if pegawai is None:
        return None
    return HomeCard("org/_card_people_i_assess.html", {"dinilai": selectors.assessed_by(pegawai)})


def attention(request) -> HomeCard | None:
    """Vacancies, acting holders and unplaced pegawai, for those who administer the organisation."""
    instansi = request.user.instansi
    if instansi is None or not permissions.can_manage_org(request.user, instansi):
        return None
    paths = permissions.managed_unit_paths(request.user, instansi)
    return HomeCard("org/_card_attention.html", {"attention": selectors.org_attention(instansi.pk, paths)})
