from django.core.exceptions import ValidationError

from kinerja.core.errors import apply_to_form


def run_service(form, action):
    """Call a service with the form's data; on a refusal put the message on the form and return None."""
    try:
        return action(form.cleaned_data)
    except ValidationError as exc:
        apply_to_form(form, exc)
        return None
