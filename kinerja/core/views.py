from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kinerja.core import verification
from kinerja.core.middleware import client_ip
from kinerja.core.notifications import mark_read
from kinerja.core.notifications import of_user as notifications_of


def notifications(request):
    """The user's notifications, newest first."""
    page = Paginator(notifications_of(request.user), 25).get_page(request.GET.get("page"))
    return render(request, "core/notifications.html", {"page": page, "query": ""})


@require_POST
def notifications_read(request):
    """Mark every unread notification read, or only the one given with ?id= (then open its link)."""
    n, one = mark_read(request.user, request.GET.get("id", ""))
    if one is not None:
        safe = url_has_allowed_host_and_scheme(
            one.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        return redirect(one.url if one.url and safe else "core:notifications")
    if n:
        messages.success(request, _("All notifications are marked as read."))
    return redirect("core:notifications")


@login_not_required
@require_GET
def verify_document(request, nomor=""):
    """The public verification page of printed official documents: whether a number and its code match an
    issued document, and whether that version is the one in force. Nothing is shown without both."""
    nomor = nomor or request.GET.get("nomor", "")
    kode = request.GET.get("kode", "")
    context = {"nomor": nomor.strip()[:60], "kode": kode.strip()[:80], "asked": bool(nomor or kode)}
    status = 200
    if context["asked"]:
        ip = client_ip(request)
        if verification.throttled(ip):
            context["throttled"] = True
            status = 429
        else:
            verdict = verification.verify(nomor, kode)
            if not verdict.cocok:
                verification.failed(ip)
            context["verdict"] = verdict
    response = render(request, "core/verify_document.html", context, status=status)
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response
