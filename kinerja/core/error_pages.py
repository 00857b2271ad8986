"""The site's own error pages (400, 403, 404, 405, 500): in the user's language, inside the site's frame (with the
menu for a logged-in user), saying why and where to go next. The API answers JSON instead.
docs/decisions/0013-error-pages-once-confirm.md.

The 500 page is rendered without the request's context processors (the database may be what failed): it is the
site's frame without the menu. Any other page that fails to render falls back to it.
"""

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy

logger = logging.getLogger(__name__)

TEMPLATE = "error.html"

PAGES = {
    400: (
        gettext_lazy("The request could not be processed"),
        gettext_lazy(
            "The page received something it could not read, for example a form that was changed on the way or "
            "is too old. Go back, reload the page and try again."
        ),
    ),
    403: (
        gettext_lazy("You cannot do this here"),
        gettext_lazy(
            "Your account does not give you the right to open this page or to take this action. If you think "
            "it should, ask the administrator of your unit or the BKPSDM."
        ),
    ),
    404: (
        gettext_lazy("Page not found"),
        gettext_lazy(
            "The address may be mistyped or out of date, or the data was removed or belongs to a unit you "
            "cannot see. Use the menu, or go back to the page you came from."
        ),
    ),
    405: (
        gettext_lazy("This page cannot be opened this way"),
        gettext_lazy(
            "This address answers a button of the application (such as Save or Submit), not a link or a typed "
            "address. Go back to the page and use its button."
        ),
    ),
    500: (
        gettext_lazy("Something went wrong on our side"),
        gettext_lazy(
            "The error was recorded; it was not caused by anything you did, and what you were saving may not "
            "have been saved. Try again in a few minutes. If it keeps happening, tell the BKPSDM the time it "
            "happened."
        ),
    ),
}

CSRF_REASON = gettext_lazy(
    "The form was sent from a page that is no longer valid, for example after you logged out or your session "
    "ended. Go back, reload the page and send it again."
)

# What the API answers instead of a page.
API_DETAIL = {
    400: gettext_lazy("Bad request."),
    403: gettext_lazy("You are not allowed to do this."),
    404: gettext_lazy("Not found."),
    405: gettext_lazy("Method not allowed."),
    500: gettext_lazy("Internal server error."),
}


def is_api(request) -> bool:
    return request.path_info.startswith(settings.API_PREFIX)


def reason_of(exception) -> str:
    """The message a refusal was raised with (PermissionDenied("...")), if it gave one."""
    if exception is None or not exception.args:
        return ""
    message = exception.args[0]
    return str(message) if isinstance(message, str) or hasattr(message, "_proxy____cast") else ""


def _back_url(request) -> str:
    """The page the user came from, when it is one of ours (else nothing: the page offers home)."""
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return ""


def _context(status: int, reason: str = "", back: str = "") -> dict:
    title, explanation = PAGES[status]
    return {"status": status, "title": title, "explanation": explanation, "reason": reason, "back_url": back}


def render_error(request, status: int, exception=None) -> HttpResponse:
    """The error page for `status`; JSON under the API."""
    reason = reason_of(exception)
    if is_api(request):
        return JsonResponse({"detail": reason or str(API_DETAIL[status])}, status=status)
    try:
        back = _back_url(request)
        return render(request, TEMPLATE, _context(status, reason, back), status=status)
    except Exception:
        # The page in the site's frame needs the database (menu, notifications): show it without them.
        logger.exception("The %s page could not be rendered in full; the plain one was shown.", status)
        return plain(request, status, reason)


def plain(request, status: int, reason: str = "") -> HttpResponse:
    """The page rendered from the template alone: no context processors, no database, no user."""
    try:
        body = loader.get_template(TEMPLATE).render(_context(status, reason))
    except Exception:  # the templates themselves are broken: still answer something readable
        logger.exception("The plain %s page could not be rendered.", status)
        body = f"<!doctype html><title>{status}</title><h1>{PAGES[status][0]}</h1><p>{PAGES[status][1]}</p>"
    return HttpResponse(body, status=status)


# The handlers config/urls.py names ----------------------------------------------------------------------------


def bad_request(request, exception=None):
    return render_error(request, 400)  # a 400's message is for developers (SuspiciousOperation), not users


def permission_denied(request, exception=None):
    return render_error(request, 403, exception)


def page_not_found(request, exception=None):
    return render_error(request, 404)  # Django's 404 messages name models and URL patterns


def server_error(request):
    if is_api(request):
        return JsonResponse({"detail": str(API_DETAIL[500])}, status=500)
    return plain(request, 500)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: most often a form opened before the session ended (or in another tab that logged out)."""
    return render_error(request, 403, PermissionDenied(CSRF_REASON))


def not_allowed(request) -> HttpResponse:
    return render_error(request, 405)
