from django.core.exceptions import ValidationError
from django.shortcuts import render

from kinerja.core.errors import apply_to_form


def run_service(form, action):
    """Call a service with the form's data; on a refusal put the message on the form and return None."""
    try:
        return action(form.cleaned_data)
    except ValidationError as exc:
        apply_to_form(form, exc)
        return None


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
