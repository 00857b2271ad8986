from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from kinerja.core.errors import apply_to_form


def run_service(form, action):
    """Call a service with the form's data; on a refusal put the message on the form and return None."""
    try:
        return action(form.cleaned_data)
    except ValidationError as exc:
        apply_to_form(form, exc)
        return None


def submitted(
    request,
    form,
    action: Callable,
    *,
    success: str | Callable[[object], str],
    then: str | Callable[[object], str],
) -> HttpResponse | None:
    """The POST half of a form view: a valid form runs the service (`action(cleaned_data)`); when it succeeds,
    flash `success` and redirect to `then` (each a text or a function of the service's result). Returns None
    when the form is to be shown (a GET, invalid input, or a refusal now written on the form)."""
    if request.method != "POST" or not form.is_valid():
        return None
    done = run_service(form, action)
    if not done:
        return None
    messages.success(request, success(done) if callable(success) else success)
    return redirect(then(done) if callable(then) else then)


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
