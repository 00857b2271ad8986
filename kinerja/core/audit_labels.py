"""What the audit trail's codes mean in words: the registry through which each app names its actions and fields
and says where its objects can be opened (docs/decisions/0014-readable-audit-trail.md).

An app declares them as data in a module named by its AppConfig's `audit_labels` (kinerja.core.appconfig):
`ACTIONS` {action code: label}, `FIELDS` {field name, or "app.model.field": label} for the keys of `changes`
that are not fields of a model with a verbose name, and `LINKS` {object type: function(user, ids) -> {id: url}}
that returns links only to the objects that still exist and that the user may open. The core names no app.
"""

from collections.abc import Callable, Iterable, Mapping

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

LinkResolver = Callable[[object, list[str]], Mapping[str, str]]

_actions: dict[str, object] = {}
_fields: dict[str, object] = {}
_links: dict[str, LinkResolver] = {}
# Actions whose `changes` are keyed by data (a rule table's row keys, a competency standard's name), not by
# fields: a code, or a group of codes ending with ".". Their keys are shown as they are.
_data_keyed: set[str] = set()

# The core's own events. Django admin events are named "admin.<model>.<verb>" for any model (core.admin).
_actions.update(
    {
        "demo.load": _("Demo data loaded"),
        "audit.chain_keyed": _("Audit chain sealed with a key"),
        "core.dokumen.issue": _("Official document issued"),
    }
)
_fields.update(
    {"key_id": _("chain key"), "value": _("value"), "password": _("password"), "counts": _("counts")}
)
ADMIN_VERBS = {
    "create": _("%(model)s created in the Django admin"),
    "update": _("%(model)s changed in the Django admin"),
    "delete": _("%(model)s deleted in the Django admin"),
}


class UnlabelledAction(Exception):
    """An event was recorded with an action code no app labelled (raised only where settings ask for it)."""


def add(
    actions: Mapping[str, object] | None = None,
    fields: Mapping[str, object] | None = None,
    links: Mapping[str, LinkResolver] | None = None,
    data_keyed: Iterable[str] = (),
) -> None:
    _actions.update(actions or {})
    _fields.update(fields or {})
    _links.update(links or {})
    _data_keyed.update(data_keyed)


def keyed_by_data(action: str) -> bool:
    return action in _data_keyed or any(g.endswith(".") and action.startswith(g) for g in _data_keyed)


def initial_capital(text) -> str:
    """The text with its first letter capitalised and the rest kept ("hari SKP" -> "Hari SKP", not "Hari skp")."""
    text = str(text)
    return text[:1].upper() + text[1:]


def _model(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label) if label.count(".") == 1 else None
    except LookupError:
        return None


def _admin_model(code: str) -> tuple[type[models.Model], str] | None:
    parts = code.split(".")
    if len(parts) != 3 or parts[0] != "admin" or parts[2] not in ADMIN_VERBS:
        return None
    model = next((m for m in apps.get_models() if m._meta.model_name == parts[1]), None)
    return (model, parts[2]) if model else None


def has_action_label(code: str) -> bool:
    return code in _actions or _admin_model(code) is not None


def unlabelled(action: str, model_label: str, changes: Mapping) -> list[str]:
    """What an event would show as a code: its action, or the keys of its changes, without a label."""
    missing = [] if has_action_label(action) else [action]
    if keyed_by_data(action):
        return missing
    return missing + [f"{model_label}.{name}" for name in changes if not has_field_label(model_label, name)]


def action_label(code: str) -> str:
    """The action in words; an unknown code (an event from a removed feature) is shown as it was stored."""
    if code in _actions:
        return str(_actions[code])
    admin = _admin_model(code)
    if admin is not None:
        model, verb = admin
        return str(ADMIN_VERBS[verb]) % {"model": initial_capital(model._meta.verbose_name)}
    return code


def action_choices(codes: Iterable[str]) -> list[tuple[str, str]]:
    """(code, label) of the given codes, in the order of their labels."""
    return sorted(((code, action_label(code)) for code in set(codes)), key=lambda c: c[1].casefold())


def model_field(model_label: str, name: str) -> models.Field | None:
    model = _model(model_label)
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.Field) else None


def has_field_label(model_label: str, name: str) -> bool:
    if "." in name:  # "ekspektasi.<kode>": one entry of a field keyed by code
        return has_field_label(model_label, name.split(".", 1)[0])
    if f"{model_label}.{name}" in _fields or name in _fields:
        return True
    field = model_field(model_label, name)
    # A verbose name written for translation, not Django's default made from the name.
    return field is not None and isinstance(field.verbose_name, Promise)


def change_label(action: str, model_label: str, name: str) -> str:
    """The label of one key of an event's `changes`, with an initial capital."""
    if keyed_by_data(action):
        return initial_capital(name.replace("_", " "))
    if "." in name:
        head, entry = name.split(".", 1)
        return f"{initial_capital(field_label(model_label, head))}: {entry.replace('_', ' ')}"
    return initial_capital(field_label(model_label, name))


def field_label(model_label: str, name: str) -> str:
    """A declared label first (for the model, then for any model), else the model field's verbose name."""
    for key in (f"{model_label}.{name}", name):
        if key in _fields:
            return str(_fields[key])
    field = model_field(model_label, name)
    if field is not None:
        return str(field.verbose_name)
    return name.replace("_", " ")


def object_kind(object_type: str) -> str:
    model = _model(object_type)
    return initial_capital(model._meta.verbose_name) if model else object_type


def link_to(visible: Callable[[object], models.QuerySet], url_name: str, through: str = "pk") -> LinkResolver:
    """A LINKS resolver: the objects among `ids` in `visible(user)`, linked to `url_name` with their `through`
    value (the pk, or e.g. "pegawai_id" to open an assignment's pegawai)."""
    from django.urls import reverse

    def resolve(user, ids: list[str]) -> dict[str, str]:
        numbers = [int(i) for i in ids if i.isdigit()]
        rows = visible(user).filter(pk__in=numbers).values_list("pk", through)
        return {str(pk): reverse(url_name, args=[target]) for pk, target in rows}

    return resolve


def links(user, objects: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """{(object type, id): url} of the objects the user may open, one query per object type at most."""
    ids: dict[str, set[str]] = {}
    for object_type, object_id in objects:
        if object_type in _links and object_id:
            ids.setdefault(object_type, set()).add(object_id)
    found = {}
    for object_type, wanted in ids.items():
        for object_id, url in _links[object_type](user, sorted(wanted)).items():
            found[(object_type, str(object_id))] = url
    return found
