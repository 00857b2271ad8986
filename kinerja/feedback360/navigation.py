"""360's menu entry, the rater's to-do card on the home page, the competency profile on a pegawai's profile page
and the 360 results beside the perilaku rating on the evaluation page."""

from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.accounts.permissions import access_of
from kinerja.core import clock
from kinerja.core.navigation import HomeCard, MenuItem, per_request
from kinerja.feedback360 import permissions, selectors


def _pending_count(request) -> int:
    """The rater's forms still to send (the menu's badge, on every page: a count, not the forms)."""

    def compute():
        me = access_of(request.user).pegawai_id
        return 0 if me is None else selectors.pending_count(me, clock.today(request.user.instansi))

    return per_request(request, "feedback360.pending", compute)


def menu(request) -> list:
    access = access_of(request.user)
    if not access.authenticated:
        return []
    url = reverse("feedback360:index")
    if access.pegawai_id is None:
        if not (access.superuser or permissions.can_open_round(request.user, access.instansi_id)):
            return []
        # The BKPSDM's rounds sit in the Evaluation dropdown: their menu must still fit on one line at 1366 px.
        return [MenuItem(_("Evaluation"), children=[MenuItem(_("360 feedback"), url, testid="nav-360")])]
    return [
        MenuItem(
            _("360"),
            url,
            testid="nav-360",
            badge=_pending_count(request),
            badge_label=_("forms to fill in"),
            badge_testid="nav-360-badge",
        )
    ]


def todo_card(request) -> HomeCard | None:
    if not request.user.is_authenticated:
        return None
    count = _pending_count(request)
    if not count:
        return None
    first = list(selectors.forms_of(request.user.pegawai_id, clock.today(request.user.instansi))[:5])
    return HomeCard("feedback360/_card_todo.html", {"forms": first, "more": count > 5})


def profile_panel(request, pegawai) -> HomeCard | None:
    if not permissions.can_read_profile(request.user, pegawai):
        return None
    rows = selectors.profile_of(pegawai.pk)
    editable = permissions.can_set_profile(request.user, pegawai)
    if not rows and not editable:
        return None
    return HomeCard(
        "feedback360/_panel_profil.html",
        {"rows": rows, "pegawai": pegawai, "editable": editable, "tahun": clock.today(pegawai.instansi).year},
    )


def evaluation_panel(request, page) -> HomeCard | None:
    """For the penilai evaluating a span: the 360 report of the pegawai's closed round of that year (the one of
    the period when there is one), beside the BerAKHLAK ratings. It informs them; it rates nothing."""
    skp = page.skp
    report = selectors.latest_report(
        skp.pegawai_id, skp.tahun, clock.today(skp.instansi), page.periode.pk if page.periode else None
    )
    if report is None:
        return None
    # The evaluating penilai may not be the round's (a new penilai since): the full report opens for the round's.
    linked = permissions.can_open_report(request.user, report.peserta)
    return HomeCard(
        "feedback360/_panel_evaluasi.html", {"report": report, "pegawai": skp.pegawai, "linked": linked}
    )
