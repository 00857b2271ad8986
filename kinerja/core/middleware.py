from django.conf import settings
from django.contrib.auth import middleware as auth_middleware
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.core import context, error_pages


def client_ip(request) -> str | None:
    """The client's address as the trusted proxies saw it.

    Each proxy appends the address it received the request from to X-Forwarded-For, so only the last
    TRUSTED_PROXY_HOPS elements were written by proxies we run; anything to their left was sent by the client and
    can be forged. With one proxy the last element is the client's real address."""
    header = getattr(settings, "CLIENT_IP_HEADER", "")
    if header:
        parts = [p.strip() for p in request.META.get(header, "").split(",") if p.strip()]
        if parts:
            hops = max(1, getattr(settings, "TRUSTED_PROXY_HOPS", 1))
            # Fewer elements than trusted hops: the request came from inside the proxy chain; the leftmost
            # element is still one our own proxies wrote.
            return parts[-hops] if len(parts) >= hops else parts[0]
    return request.META.get("REMOTE_ADDR") or None


class RequestContextMiddleware:
    """Binds the client address for audit events; sends users with a temporary password to change it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = context.bind(
            context.RequestContext(
                ip=client_ip(request), user_agent=request.META.get("HTTP_USER_AGENT", "")[:200]
            )
        )
        try:
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated and getattr(user, "must_change_password", False):
                if request.path_info.startswith(settings.API_PREFIX):
                    # A session opened with a temporary password (which the admin has seen) must not reach the
                    # data through the API either; the API answers JSON, so no redirect to the change page.
                    return JsonResponse(
                        {"detail": _("Change your temporary password before using the API.")}, status=403
                    )
                allowed = {reverse("accounts:password_change"), reverse("accounts:logout")}
                if request.path not in allowed and not request.path.startswith("/static/"):
                    return redirect("accounts:password_change")
            return self.get_response(request)
        finally:
            context.reset(token)


class LanguageMiddleware:
    """Indonesian unless the user chose English with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, and many office computers in
    Indonesia run an English browser: the regulation's vocabulary must still appear in Indonesian by default.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.utils import translation

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class LoginRequiredMiddleware(auth_middleware.LoginRequiredMiddleware):
    """Every page needs a logged-in user unless its view is marked `login_not_required` (login, password
    reset, language switch). The JSON API is exempt here because it authenticates each request itself (session
    or token) and answers 401, not a redirect to the login page."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path_info.startswith(settings.API_PREFIX):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class ErrorPageMiddleware:
    """The site's error pages where Django would not show them: a 405 (require_POST and the like answer a bare
    HttpResponseNotAllowed) and, with DEBUG on (`make run`), a 404, which would be Django's technical page.
    Developers who want that page back set TECHNICAL_404=1; with DEBUG a 500 still shows the traceback. The API
    keeps its JSON answers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if error_pages.is_api(request):
            return response
        if isinstance(response, HttpResponseNotAllowed):
            page = error_pages.not_allowed(request)
            page["Allow"] = response["Allow"]
            return page
        if response.status_code == 404 and self._technical(request):
            return error_pages.page_not_found(request)  # no URL pattern matched
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, Http404) and self._technical(request) and not error_pages.is_api(request):
            return error_pages.page_not_found(request, exception)
        return None

    @staticmethod
    def _technical(request) -> bool:
        """Whether Django would answer this 404 with its technical page (DEBUG, and not asked for)."""
        return settings.DEBUG and not getattr(settings, "TECHNICAL_404", False)
