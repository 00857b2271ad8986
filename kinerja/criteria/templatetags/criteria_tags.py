from django import template
from django.utils.translation import gettext as _

from kinerja.criteria.forms import LABELS, SECTION_LABELS

register = template.Library()


@register.filter
def code_label(value, group: str):
    """The label of a rule-table code ("di_atas" → "Above expectations"); unknown codes as they are."""
    return LABELS.get(group, {}).get(value, value)


@register.filter
def section_label(name: str):
    return SECTION_LABELS.get(name, name)


@register.filter
def show(value) -> str:
    """A stored value (number, text, list, dict) as one readable line, for the comparison of versions."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, dict):
        return "; ".join(f"{key}: {show(item)}" for key, item in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(show(item) for item in value)
    return str(value)


@register.filter
def levels(level: dict) -> list[tuple[str, str]]:
    """Level descriptions in order 1..5."""
    return sorted(
        level.items(), key=lambda kv: (not kv[0].isdigit(), int(kv[0]) if kv[0].isdigit() else kv[0])
    )


@register.filter
def level_text(kompetensi, level) -> str:
    """The description of one level of a competency."""
    return kompetensi.level.get(str(level), "")
