"""Monitoring's menu entries (the team area owns them, for every area), under one "Pemantauan" parent so that
the menu of a supervisor still fits on one line at 1366 px: "Realisasi" for a pegawai with an approved SKP, "Tim
saya" and "Menunggu umpan balik" for a penilai (its count is on the home card and the queue: the queue's rule
costs more than a menu on every page should), the dialogs and the innovations for anyone with a pegawai, the
reopened periods and the attendance imports for administrators, the disciplinary decisions for the admin BKPSDM.
A group of one is a plain link."""

from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.accounts.permissions import access_of, is_admin_bkpsdm
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
        result["bkpsdm"] = access.instansi_id is not None and is_admin_bkpsdm(user, access.instansi_id)
        return result

    return per_request(request, "monitoring", compute)


def items(request) -> list:
    if not request.user.is_authenticated:
        return []
    data = summary(request)
    entries: list[MenuItem] = []
    if data["skp"]:
        entries.append(MenuItem(_("Realisation"), reverse("monitoring:index"), testid="nav-realisasi"))
    if data["menilai"]:
        entries.append(MenuItem(_("My team"), reverse("monitoring:team"), testid="nav-team"))
        entries.append(
            MenuItem(_("Waiting for feedback"), reverse("monitoring:feedback_queue"), testid="nav-feedback")
        )
    if data["pegawai"]:
        entries.append(
            MenuItem(_("Performance dialogues"), reverse("monitoring:dialog_list"), testid="nav-dialog")
        )
        entries.append(MenuItem(_("Innovations"), reverse("monitoring:inovasi_list"), testid="nav-inovasi"))
    if data["admin"]:
        entries.append(
            MenuItem(_("Reopened periods"), reverse("monitoring:reopen_list"), testid="nav-reopen")
        )
        entries.append(
            MenuItem(_("Attendance"), reverse("monitoring:kehadiran_list"), testid="nav-kehadiran")
        )
    if data["bkpsdm"]:
        entries.append(
            MenuItem(_("Disciplinary decisions"), reverse("monitoring:sanksi_list"), testid="nav-sanksi")
        )
    if len(entries) > 1:
        return [MenuItem(_("Monitoring"), children=entries)]
    return entries
