from django import template
from django.utils import formats

from kinerja.core.formats import nip_or_text, tanggal

register = template.Library()

# The filters are the kernel's formatters, so a page and a printed document write a NIP or a date alike.
register.filter("nip", nip_or_text)
register.filter("tanggal", tanggal)


@register.filter
def number(value) -> str:
    return formats.number_format(value, use_l10n=True, force_grouping=True)


@register.inclusion_tag("includes/field.html")
def field(bound_field, **attrs):
    return {"field": bound_field, "attrs": attrs}
