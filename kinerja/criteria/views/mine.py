"""What applies to me: the framework in force for the pegawai, their required competency levels, and the
acknowledgement that they have read it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.accounts.permissions import access_of
from kinerja.core import clock
from kinerja.core.errors import ApplicationError
from kinerja.criteria import permissions, selectors, services
from kinerja.criteria.models import Bagian
from kinerja.criteria.views.base import label, sections, visible
from kinerja.org import selectors as org_selectors

# The sections a pegawai needs to read: how their results are rated and how ratings become a predikat.
MY_SECTIONS = {Bagian.RATING, Bagian.PREDIKAT}


def mine(request):
    access = access_of(request.user)
    today = clock.today(request.user.instansi)
    kerangka = selectors.in_force(access.instansi_id, today) if access.instansi_id else None
    context = {"kerangka": kerangka, "today": today}
    if kerangka is not None:
        context.update(
            title=label(kerangka),
            nilai_perilaku=kerangka.nilai_perilaku.all(),
            kriteria_lokal=kerangka.kriteria_lokal.all(),
            sections=sections(kerangka.aturan.filter(bagian__in=MY_SECTIONS), only=MY_SECTIONS),
            can_acknowledge=permissions.can_acknowledge(request.user, kerangka),
        )
        pegawai = request.user.pegawai
        context["pegawai"] = pegawai
        if pegawai is not None:
            penugasan = org_selectors.primary_assignment(pegawai, today)
            context["penugasan"] = penugasan
            context["standar"] = (
                selectors.standar_for_jabatan(kerangka, penugasan.jabatan_id) if penugasan else []
            )
            context["pengakuan"] = selectors.acknowledgement_of(kerangka, pegawai.pk)
    return render(request, "criteria/mine.html", context)


@require_POST
def acknowledge(request, pk):
    kerangka = visible(request, pk)
    if not permissions.can_acknowledge(request.user, kerangka):
        raise PermissionDenied
    try:
        services.kerangka_acknowledge(actor=request.user, kerangka=kerangka)
    except ApplicationError as exc:
        messages.info(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Thank you: your acknowledgement was recorded."))
    return redirect("criteria:mine")
