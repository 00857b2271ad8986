"""Errors raised by services: they carry a user-facing (translated) message, optionally per field."""

from django.core.exceptions import ValidationError


class ApplicationError(ValidationError):
    """A refused action. Subclasses ValidationError so forms and the API can show it unchanged."""


class ConflictError(ApplicationError):
    """Someone else changed the object since the user loaded it."""


def apply_to_form(form, error: ValidationError) -> None:
    """Attach a service error to a bound form: known fields get their own message, the rest go on top."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)
