"""Home cards of the feedback and dialog area: realisations waiting for my feedback (or comments waiting for my
reply), and my agreed actions due or overdue with the dialogues waiting for my confirmation."""

from kinerja.accounts.permissions import access_of
from kinerja.core import clock
from kinerja.core.navigation import HomeCard, per_request
from kinerja.monitoring import selectors


def _feedback(request) -> dict:
    def compute():
        user = request.user
        if access_of(user).pegawai_id is None:
            return {"menunggu": 0, "belum_dijawab": 0}
        return {
            "menunggu": selectors.feedback.waiting_count(user),
            "belum_dijawab": selectors.feedback.unanswered_count(user),
        }

    return per_request(request, "monitoring.feedback", compute)


def feedback(request):
    """For a penilai: how many realisations wait for my feedback; for a pegawai: comments I have not answered."""
    data = _feedback(request)
    if not data["menunggu"] and not data["belum_dijawab"]:
        return None
    return HomeCard("monitoring/_card_feedback.html", data)


def actions(request):
    """My open agreed actions due soon or overdue (as pegawai or penilai) and dialogues waiting for me."""

    def compute():
        user = request.user
        pegawai_id = access_of(user).pegawai_id
        if pegawai_id is None:
            return None
        return selectors.dialog.actions_summary(pegawai_id, clock.today(user.instansi))

    summary = per_request(request, "monitoring.actions", compute)
    if summary is None:
        return None
    return HomeCard("monitoring/_card_actions.html", {"summary": summary})


def innovations(request):
    """For a penilai: the innovations of the people I assess that wait for my verification."""
    pegawai_id = access_of(request.user).pegawai_id
    if pegawai_id is None:
        return None
    me = request.user.pegawai
    waiting = selectors.catatan.innovations_waiting_for(me, clock.today(me.instansi))
    if not waiting:
        return None
    return HomeCard("monitoring/_card_inovasi.html", {"waiting": waiting[:5], "count": len(waiting)})
