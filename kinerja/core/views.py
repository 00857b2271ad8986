from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

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
