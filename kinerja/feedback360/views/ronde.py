"""The 360 home (a rater's forms, one's own rounds, one's team) and the BKPSDM's rounds: open, progress, remind,
close."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.accounts.permissions import access_of
from kinerja.core import clock
from kinerja.core.services import ADMIN_BKPSDM_ONLY
from kinerja.core.views_util import act, confirm_action, form_page, submitted
from kinerja.feedback360 import permissions, selectors, services
from kinerja.feedback360.forms import RondeForm


def index(request):
    access = access_of(request.user)
    today = clock.today(request.user.instansi)
    context: dict = {
        "rounds": [],
        "forms": [],
        "mine": [],
        "team": [],
        "rater": access.pegawai_id is not None,
    }
    if access.pegawai_id is not None:
        context["forms"] = list(selectors.forms_of(access.pegawai_id, today))
        context["mine"] = list(selectors.participations_of(access.pegawai_id, today)[:12])
        context["team"] = list(selectors.team_of(access.pegawai_id, today)[:60])
    if permissions.can_open_round(request.user, access.instansi_id) or access.superuser:
        rounds = permissions.rounds_visible_to(request.user).select_related("unit")
        context["rounds"] = list(selectors.with_closed(rounds, today)[:50])
        context["can_open"] = permissions.can_open_round(request.user, access.instansi_id)
    return render(request, "feedback360/index.html", context)


def ronde_baru(request):
    instansi = request.user.instansi
    if not permissions.can_open_round(request.user, getattr(instansi, "pk", None)):
        raise PermissionDenied(ADMIN_BKPSDM_ONLY)
    form = RondeForm(request.POST or None, instansi=instansi, today=clock.today(instansi))
    done = submitted(
        request,
        form,
        lambda d: services.ronde_buka(actor=request.user, instansi=instansi, **d),
        success=lambda r: _("The round is open: %(n)s people take part.") % {"n": r.peserta.count()},
        then=lambda r: reverse("feedback360:ronde", args=[r.pk]),
    )
    if done:
        return done
    return form_page(
        request,
        form,
        title=_("Open a 360 round"),
        cancel_url=reverse("feedback360:index"),
        submit_label=_("Open the round"),
        intro=_(
            "Everyone holding a position in the unit (or the agency) takes part. Each is asked for feedback by "
            "themselves, their assessing official, their direct subordinates and peers suggested from their unit "
            "at a similar level; each participant may change the peers until their assessing official approves "
            "them. Everyone asked is told."
        ),
    )


def ronde(request, pk: int):
    found = permissions.get_ronde_for_user_or_404(request.user, pk)
    today = clock.today(found.instansi)
    rates = selectors.rates_per_unit(found)
    context = {
        "ronde": found,
        "rates": rates,
        "total": selectors.rates_total(rates),
        "closed": found.closed(today),
    }
    return render(request, "feedback360/ronde.html", context)


@require_POST
def pengingat(request, pk: int):
    found = permissions.get_ronde_for_user_or_404(request.user, pk)
    then = reverse("feedback360:ronde", args=[found.pk])
    return act(
        request,
        lambda: services.pengingat_kirim(actor=request.user, ronde=found),
        success=_("The raters who have not submitted yet were reminded."),
        then=then,
    )


def tutup(request, pk: int):
    found = permissions.get_ronde_for_user_or_404(request.user, pk)
    then = reverse("feedback360:ronde", args=[found.pk])
    return confirm_action(
        request,
        lambda: services.ronde_tutup(actor=request.user, ronde=found),
        success=_(
            "The round is closed; the reports are open to each participant and their assessing official."
        ),
        then=then,
        title=_("Close “%(name)s”?") % {"name": found.nama},
        consequence=_(
            "Nobody can answer any more and unsent drafts are discarded. Each participant and their assessing "
            "official can then read the report."
        ),
        submit_label=_("Close the round"),
    )


urlpatterns = [
    path("", index, name="index"),
    path("ronde/baru/", ronde_baru, name="ronde_baru"),
    path("ronde/<int:pk>/", ronde, name="ronde"),
    path("ronde/<int:pk>/pengingat/", pengingat, name="pengingat"),
    path("ronde/<int:pk>/tutup/", tutup, name="tutup"),
]
