"""The service kit: the checks every app's services make, written once.

A service refuses with PermissionDenied (the actor may not do this) or ApplicationError (the input or the state
does not allow it); either way it has written nothing. These helpers give the refusals one wording.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.core.errors import ApplicationError

# The reason of a refusal of what only the agency's BKPSDM administrator does (shown on the 403 page).
ADMIN_BKPSDM_ONLY = gettext_lazy("Only the BKPSDM administrator of the agency can do this.")


def deny_unless(allowed: bool) -> None:
    """Refuse the action when the permission layer said no."""
    if not allowed:
        raise PermissionDenied(_("You are not allowed to do this."))


def full_clean(obj, *, exclude=None) -> None:
    """Validate a model instance (fields, uniqueness, constraints) and refuse with the application's error."""
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as exc:
        raise ApplicationError(exc.message_dict) from exc


def require_reason(reason: str, message: str | None = None) -> str:
    """Refuse a blank reason (on the form's `reason` field); return it stripped."""
    if not (reason or "").strip():
        raise ApplicationError({"reason": message or _("A reason is required.")})
    return reason.strip()
