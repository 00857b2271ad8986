"""Monitoring's menu entries (the team area owns them, for every area): "Realisasi" for a pegawai with an
approved SKP, "Tim saya" (with the count waiting for feedback) for a penilai, and under "Pemantauan" the queue
waiting for feedback, the dialogs and, for administrators, the reopened periods. A group of one is shown as
a plain link."""

from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.accounts.permissions import access_of
from kinerja.core import clock
from kinerja.core.navigation import MenuItem, per_request
from kinerja.monitoring import selectors


def summary(request) -> dict:
    """What the menu and the team's home card show, computed once per request (one query, two for admins)."""

    def compute():
        user = request.user
        access = access_of(user)
        result = selectors.menu_summary(access.pegawai_id, clock.today(user.instansi).year)
        result["pegawai"] = access.pegawai_id is not None
        result["admin"] = selectors.can_reopen_any(user, access.instansi_id)
        return result

    return per_request(request, "monitoring", compute)


def items(request) -> list:
    if not request.user.is_authenticated:
        return []
    data = summary(request)
    top: list[MenuItem] = []
    group: list[MenuItem] = []
    if data["skp"]:
        top.append(MenuItem(_("Realisation"), reverse("monitoring:index"), testid="nav-realisasi"))
    if data["menilai"]:
        top.append(
            MenuItem(
                _("My team"),
                reverse("monitoring:team"),
                testid="nav-team",
                badge=data["menunggu"],
                badge_label=_("waiting for your feedback"),
                badge_testid="feedback-count",
            )
        )
        group.append(MenuItem(_("Waiting for feedback"), reverse("monitoring:feedback_queue")))
    if data["pegawai"]:
        group.append(
            MenuItem(_("Performance dialogues"), reverse("monitoring:dialog_list"), testid="nav-dialog")
        )
    if data["admin"]:
        group.append(MenuItem(_("Reopened periods"), reverse("monitoring:reopen_list"), testid="nav-reopen"))
    if len(group) > 1:
        top.append(MenuItem(_("Monitoring"), children=group))
    else:
        top.extend(group)
    return top
