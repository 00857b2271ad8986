"""A rater's form (saved as they go, submitted once) and the peers of a participant (nominated by them, approved
or changed by their assessing official)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _

from kinerja.core import clock
from kinerja.core.views_util import submitted
from kinerja.feedback360 import permissions, rules, selectors, services
from kinerja.feedback360.forms import FormulirForm, RekanForm, draft_initial


def isi(request, pk: int):
    formulir = permissions.get_formulir_for_user_or_404(request.user, pk)
    peserta = formulir.peserta
    ronde = peserta.ronde
    if formulir.selesai:
        messages.info(request, _("You have already submitted this form; thank you."))
        return redirect("feedback360:index")
    if ronde.closed(clock.today(ronde.instansi)):
        messages.warning(request, _("This round has closed; the form can no longer be filled in."))
        return redirect("feedback360:index")
    items = selectors.items_of(peserta)
    form = FormulirForm(request.POST or None, items=items, initial=draft_initial(items, formulir.draf))
    send = request.POST.get("aksi") == "kirim"
    done = submitted(
        request,
        form,
        lambda d: services.formulir_simpan(
            actor=request.user, formulir=formulir, kirim=send, **form.values(d)
        ),
        success=_("Your feedback was sent. Thank you.")
        if send
        else _("Your answers were saved; you can continue later."),
        then=reverse("feedback360:index") if send else request.path,
    )
    if done:
        return done
    context = {
        "formulir": formulir,
        "peserta": peserta,
        "ronde": ronde,
        "form": form,
        "anonymous": formulir.kelompok in rules.ANONYMOUS,
    }
    return render(request, "feedback360/isi.html", context)


def rekan(request, pk: int):
    peserta = permissions.get_peserta_for_user_or_404(request.user, pk)
    approving = permissions.can_approve(request.user, peserta)
    ronde = peserta.ronde
    today = clock.today(ronde.instansi)
    current = selectors.peers_of(peserta)
    form = RekanForm(
        request.POST or None,
        candidates=selectors.peer_candidates(peserta, today),
        instansi_id=ronde.instansi_id,
        initial={"rekan": [str(p.pk) for p in current]},
    )

    def save(d):
        ids, nips = form.chosen(d)
        return services.rekan_simpan(actor=request.user, peserta=peserta, rekan=ids, nip_lain=nips)

    done = submitted(
        request,
        form,
        save,
        success=_("The peers are approved; they are asked to answer.")
        if approving
        else _("Your peers are nominated; your assessing official approves them."),
        then=reverse("feedback360:index"),
    )
    if done:
        return done
    context = {
        "peserta": peserta,
        "ronde": ronde,
        "form": form,
        "current": current,
        "approving": approving,
        "editable": permissions.can_edit_peers(request.user, peserta, today),
    }
    return render(request, "feedback360/rekan.html", context)


urlpatterns = [
    path("formulir/<int:pk>/", isi, name="isi"),
    path("peserta/<int:pk>/rekan/", rekan, name="rekan"),
]
