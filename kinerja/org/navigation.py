"""Organisation's menu entries and home cards (registered in OrgConfig.ready)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.accounts.permissions import access_of
from kinerja.core.navigation import HomeCard, MenuItem, per_request
from kinerja.org import forms, permissions, selectors


def menu(request) -> list[MenuItem]:
    return [
        MenuItem(_("Organisation"), reverse("org:unit_tree")),
        MenuItem(_("Employees"), reverse("org:pegawai_list")),
    ]


def assessor_menu(request) -> list[MenuItem]:
    """ "People I assess", only for a pegawai who assesses someone today (the page would be empty otherwise)."""
    pegawai = request.user.pegawai if access_of(request.user).pegawai_id else None
    if pegawai is None or not per_request(
        request, "org.assesses", lambda: selectors.assesses_anyone(pegawai)
    ):
        return []
    return [MenuItem(_("People I assess"), reverse("org:dinilai"))]


def my_position(request) -> HomeCard | None:
    """The pegawai's position today with their pejabat penilai and its superior."""
    pegawai = request.user.pegawai
    if pegawai is None:
        return None
    return HomeCard("org/_card_my_position.html", {"rantai": selectors.penilai_chain(pegawai)})


def people_i_assess(request) -> HomeCard | None:
    """The people the pegawai assesses today; no card for someone who assesses nobody."""
    pegawai = request.user.pegawai
    if pegawai is None:
        return None
    dinilai = selectors.assessed_by(pegawai)
    return HomeCard("org/_card_people_i_assess.html", {"dinilai": dinilai}) if dinilai else None


def attention(request) -> HomeCard | None:
    """Vacancies, acting holders and unplaced pegawai, for those who administer the organisation."""
    instansi = request.user.instansi
    if instansi is None or not permissions.can_manage_org(request.user, instansi):
        return None
    paths = permissions.managed_unit_paths(request.user, instansi)
    return HomeCard("org/_card_attention.html", {"attention": selectors.org_attention(instansi.pk, paths)})


def instansi_switcher(request) -> HomeCard | None:
    """The superuser's agency switcher: which agency the pages work on, and a select to change it."""
    if not permissions.can_switch_instansi(request.user):
        return None
    current = permissions.request_instansi(request)
    if current is None:
        return None
    agencies = permissions.instansi_visible_to(request.user).order_by("nama")
    form = forms.InstansiSwitchForm(agencies=agencies, initial={"instansi": current.pk})
    return HomeCard("org/_card_instansi_switcher.html", {"form": form, "current": current})
