from collections.abc import Callable, Mapping

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.html import format_html
from django.utils.translation import gettext as _

from kinerja.core import once
from kinerja.core.errors import apply_to_form


def run_service(form, action):
    """Call a service with the form's data; on a refusal put the message on the form and return None."""
    try:
        return action(form.cleaned_data)
    except ValidationError as exc:
        apply_to_form(form, exc)
        return None


def _resolve(value, done) -> str:
    return value(done) if callable(value) else value


def with_once(request, form) -> str | None:
    """Give the form its one-time token (a hidden field, `once.FIELD`, bound to the user and this address) and
    return the token the browser sent with it, if any. kinerja.js also puts the token in the page's address, so
    that a page loaded again through Back (`?sekali=` in its address) gets the same token back; the token of an
    invalid or refused POST is kept, so the corrected form is still the same one."""
    form.fields[once.FIELD] = forms.CharField(
        widget=forms.HiddenInput(attrs={"data-once": ""}), required=False
    )
    if request.method == "POST":
        return request.POST.get(once.FIELD) or request.GET.get(once.FIELD) or None
    given = request.GET.get(once.FIELD, "")
    if given and once.valid(request.user.pk, request.path, given):
        form.initial[once.FIELD] = given
        if once.was_used(request.path, given):
            # Back to a saved form, or its old address opened again from the history: saving it would be
            # refused, so say so before anything is typed, with the way to a fresh form.
            messages.warning(
                request,
                format_html(
                    '{} <a href="{}">{}</a>',
                    _("This form was already saved."),
                    request.path,
                    _("Open a new, empty form"),
                ),
            )
    else:
        form.initial[once.FIELD] = once.issue(request.user.pk, request.path)
    return None


def _renew(request, form) -> None:
    """Put a fresh token on a bound form (its old one expired or was not this user's)."""
    form.data = form.data.copy()
    form.data[once.FIELD] = once.issue(request.user.pk, request.path)


def submitted(
    request,
    form,
    action: Callable,
    *,
    success: str | Callable[[object], str],
    then: str | Callable[[object], str],
) -> HttpResponse | None:
    """The POST half of a form view: a valid form runs the service (`action(cleaned_data)`); when it succeeds
    (whatever it returns, an empty list or 0 included: only a refusal gives None),
    flash `success` and redirect to `then` (each a text or a function of the service's result). Returns None
    when the form is to be shown (a GET, invalid input, or a refusal now written on the form).

    Every form handled here is saved at most once: its one-time token is consumed in the service's transaction,
    and a second POST of the same form (Back and Save again) writes nothing and is sent to what was saved."""
    token = with_once(request, form)
    if request.method != "POST":
        return None
    try:
        if token:
            once.check_unused(request.path, token)
        if not form.is_valid():
            return None
        form.cleaned_data.pop(once.FIELD, None)
        with transaction.atomic():
            used = once.consume(request.user.pk, request.path, token) if token else None
            done = run_service(form, action)
            if done is None:  # refused: run_service put the message on the form
                transaction.set_rollback(True)  # the token stays usable for the corrected form
                return None
            url = _resolve(then, done)
            if used is not None:
                used.url = url[:500]
                used.save(update_fields=["url"])
    except once.AlreadySaved as exc:
        messages.info(request, exc.messages[0])
        return redirect(exc.url or (then if isinstance(then, str) else request.path))
    except once.FormExpired as exc:
        _renew(request, form)
        apply_to_form(form, exc)
        return None
    messages.success(request, _resolve(success, done))
    return redirect(url)


def form_page(request, form, *, title, cancel_url, submit_label=None, intro=None, status=200):
    """The standard page around one form: title, optional introduction, submit and cancel."""
    context = {
        "form": form,
        "title": title,
        "cancel_url": cancel_url,
        "submit_label": submit_label,
        "intro": intro,
    }
    return render(request, "form_page.html", context, status=status)


# Destructive actions ------------------------------------------------------------------------------------------

CONFIRMED = "konfirmasi"  # the field only the confirmation page sends


def confirmed(request) -> bool:
    """Whether this request comes from the confirmation page (a POST carrying `konfirmasi=1`). A destructive
    view acts only then; any other request (a GET, a one-click button, a replayed form) gets `confirm_first`'s
    page."""
    return request.method == "POST" and request.POST.get(CONFIRMED) == "1"


def confirm_first(
    request,
    *,
    title: str,
    consequence: str,
    submit_label: str,
    cancel_url: str,
    keep: Mapping[str, object] | None = None,
    details: list[str] | None = None,
) -> HttpResponse | None:
    """The one confirmation step of every destructive action, or None once the request is `confirmed`. The page
    says what will happen (`consequence`, optional `details` lines) and has a red button that posts the same
    address again with `konfirmasi=1` and the hidden values of `keep` (e.g. the SKP's `kunci`), and Cancel.
    Works without JavaScript. A view does `page = confirm_first(...)`; `if page: return page`; then acts."""
    if confirmed(request):
        return None
    context = {
        "title": title,
        "consequence": consequence,
        "details": details or [],
        "submit_label": submit_label,
        "cancel_url": cancel_url,
        "keep": {k: v for k, v in (keep or {}).items() if v is not None},
        "confirmed_field": CONFIRMED,
    }
    return render(request, "confirm.html", context)


def confirm_action(
    request,
    action: Callable[[], object],
    *,
    success: str,
    then: str,
    title: str,
    consequence: str,
    submit_label: str,
    cancel_url: str | None = None,
    keep: Mapping[str, object] | None = None,
    details: list[str] | None = None,
) -> HttpResponse:
    """A destructive action behind its confirmation page: until the request is `confirmed`, the page; then
    `action()` runs, `success` (or the refusal) is flashed and the user goes to `then` (where Cancel also leads
    unless `cancel_url` says otherwise)."""
    page = confirm_first(
        request,
        title=title,
        consequence=consequence,
        submit_label=submit_label,
        cancel_url=cancel_url or then,
        keep=keep,
        details=details,
    )
    if page:
        return page
    return act(request, action, success=success, then=then)


def act(request, action: Callable[[], object], *, success: str, then: str) -> HttpResponse:
    """Run a one-button action (a POST with nothing to confirm): flash `success` or the refusal, go to `then`."""
    try:
        action()
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect(then)
