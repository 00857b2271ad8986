from django import template
from django.utils import formats

from kinerja.org.rules import BULAN, format_nip

register = template.Library()


@register.filter
def nip(value: str) -> str:
    try:
        return format_nip(value)
    except ValueError:
        return value


@register.filter
def tanggal(value) -> str:
    """A date as written in Indonesian documents ("2 Januari 2026"), whatever the interface language."""
    if not value:
        return ""
    return f"{value.day} {BULAN[value.month - 1]} {value.year}"


@register.filter
def number(value) -> str:
    return formats.number_format(value, use_l10n=True, force_grouping=True)


@register.inclusion_tag("includes/field.html")
def field(bound_field, **attrs):
    return {"field": bound_field, "attrs": attrs}
