"""What the org services share: the check of their keyword arguments, the validated and audited save, and the
rewrite of a subtree's paths."""

from django.db.models import Model, Value
from django.db.models.functions import Concat, Substr

from kinerja.core import audit
from kinerja.core.services import full_clean


def check_known(values: dict, fields: list[str]) -> None:
    """Refuse field names the service does not change (a programming error, not the user's)."""
    unknown = set(values) - set(fields)
    if unknown:
        raise TypeError(", ".join(sorted(unknown)))


def set_values(obj: Model, values: dict, fields: list[str]) -> None:
    check_known(values, fields)
    for name, value in values.items():
        setattr(obj, name, value)


def save_audited(
    obj: Model,
    fields: list[str],
    actor,
    action: str,
    *,
    instansi,
    pegawai=None,
    before: dict | None = None,
    reason: str = "",
) -> dict:
    """Validate and save `obj`, then record it as created or, given the `before` snapshot, as changed; returns
    the changes recorded."""
    full_clean(obj)
    obj.save()
    changes = (
        audit.created(obj, fields) if before is None else audit.diff(before, audit.snapshot(obj, fields))
    )
    audit.record(
        actor=actor,
        action=action,
        obj=obj,
        instansi=instansi,
        pegawai=pegawai,
        changes=changes,
        reason=reason,
    )
    return changes


def move_subtree(model: type[Model], old_path: str, new_path: str, **also) -> None:
    """Give every row under `old_path` (itself included) the same place under `new_path`."""
    model._default_manager.filter(path__startswith=old_path).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1)), **also
    )
