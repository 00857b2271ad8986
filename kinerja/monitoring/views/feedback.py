"""Screens of the feedback thread: a message posted on a realisasi (htmx swaps the thread; without JavaScript a
normal POST goes back to the page it came from), and the penilai's queue "menunggu umpan balik"."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.monitoring import permissions, selectors, services
from kinerja.monitoring.models import PeranUmpanBalik


def _next(request, realisasi) -> str:
    given = request.POST.get("next") or request.GET.get("next") or ""
    if given and url_has_allowed_host_and_scheme(
        given, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return given
    return reverse("monitoring:realisasi_detail", args=[realisasi.pk])


@require_POST
def feedback_add(request, pk):
    """Post a comment (the penilai of the period) or a reply (the pegawai) on a realisasi the user sees."""
    realisasi = permissions.get_realisasi_for_user_or_404(request.user, pk)
    text = request.POST.get("isi", "")
    target = _next(request, realisasi)
    errors: list[str] = []
    try:
        message = services.umpan_balik_add(actor=request.user, realisasi=realisasi, isi=text)
    except ValidationError as exc:
        errors = exc.messages
    context = {
        "realisasi": realisasi,
        "thread": selectors.feedback.thread(realisasi),
        "feedback_text": text if errors else "",
        "feedback_errors": errors,
        "next": target,
    }
    if request.htmx:
        return render(request, "monitoring/_thread.html", context)
    if errors:
        return render(request, "monitoring/feedback_form.html", context, status=200)
    if message.peran == PeranUmpanBalik.PENILAI:
        messages.success(request, _("Your comment was sent to the employee."))
    else:
        messages.success(request, _("Your reply was sent to your assessing official."))
    return redirect(f"{target}#umpan-balik-{realisasi.pk}")


def feedback_queue(request):
    """ "Menunggu umpan balik": realisations of the periods the user is penilai of, waiting for their word."""
    rows = selectors.feedback.queue(request.user)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "monitoring/feedback_queue.html", {"page": page, "total": len(rows), "query": ""})


urlpatterns: list = [
    path("realisasi/<int:pk>/umpan-balik/", feedback_add, name="feedback_add"),
    path("umpan-balik/", feedback_queue, name="feedback_queue"),
]
