"""Evaluation's menu entries, home cards and profile panel.

The queue is computed only for people who assess someone (monitoring's menu summary says so in the query it runs
anyway); the pegawai's card reads one query: their results waiting for acknowledgement and the objections they
decide."""

from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.accounts.permissions import access_of
from kinerja.core import clock
from kinerja.core.navigation import HomeCard, MenuItem, per_request
from kinerja.evaluation import permissions, selectors
from kinerja.monitoring.navigation.menu import summary as monitoring_summary


def _queue(request):
    def compute():
        if not monitoring_summary(request)["menilai"]:
            return []
        pegawai = request.user.pegawai
        return selectors.queue_of(pegawai, clock.today(pegawai.instansi))

    return per_request(request, "evaluation.queue", compute)


def menu(request) -> list:
    user = request.user
    if not user.is_authenticated:
        return []
    access = access_of(user)
    entries: list[MenuItem] = []
    if access.pegawai_id is not None:
        entries.append(MenuItem(_("My evaluations"), reverse("evaluation:index"), testid="nav-evaluasi"))
    if permissions.records_organisation(user, access.instansi_id):
        entries.append(
            MenuItem(_("Organisation results"), reverse("evaluation:organisasi"), testid="nav-organisasi")
        )
    if access.instansi_id is not None and permissions.can_read_recap(user, access.instansi_id):
        entries.append(
            MenuItem(_("Evaluation recap"), reverse("evaluation:rekap"), testid="nav-rekap-evaluasi")
        )
    if len(entries) > 1:
        return [MenuItem(_("Evaluation"), children=entries)]
    # Alone, the entry is named by the area: a supervisor's menu must still fit on one line at 1366 px. Its title
    # names it when another app adds to the Evaluation dropdown.
    return [MenuItem(_("Evaluation"), e.url, testid=e.testid, title=e.label) for e in entries]


def queue_card(request) -> HomeCard | None:
    """For a penilai: the evaluations still to finish, the first few with links."""
    if not request.user.is_authenticated or access_of(request.user).pegawai_id is None:
        return None
    pending = [i for i in _queue(request) if not i.done]
    if not pending:
        return None
    return HomeCard("evaluation/_card_queue.html", {"count": len(pending), "items": pending[:5]})


def my_result_card(request) -> HomeCard | None:
    """For a pegawai: results waiting for their acknowledgement; for an atasan penilai: objections to decide."""
    pegawai_id = access_of(request.user).pegawai_id if request.user.is_authenticated else None
    if pegawai_id is None:
        return None
    rows = selectors.history.awaiting_acknowledgement(pegawai_id)
    decide = list(selectors.decisions_waiting(pegawai_id)[:5])
    if not rows and not decide:
        return None
    return HomeCard(
        "evaluation/_card_result.html",
        {"mine": rows, "decide": decide, "today": clock.today(request.user.instansi)},
    )


def history_panel(request, pegawai) -> HomeCard | None:
    """The pegawai's predikat per period and year, for whoever reads their evaluations."""
    found = selectors.history_of(pegawai.pk, visible=permissions.evaluasi_visible_to(request.user))
    if not found and access_of(request.user).pegawai_id != pegawai.pk:
        return None
    return HomeCard("evaluation/_panel_history.html", {"rows": found})
