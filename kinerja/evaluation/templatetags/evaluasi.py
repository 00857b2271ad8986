"""Words of evaluation's codes in templates: a rating's and a predikat's label, a map's value by key."""

from django import template

from kinerja.criteria.rules import ORGANISASI_LABELS, PREDIKAT_LABELS, RATING_LABELS

register = template.Library()


@register.filter
def rating_label(code):
    return RATING_LABELS.get(code, "—") if code else "—"


@register.filter
def predikat_label(code):
    return PREDIKAT_LABELS.get(code) or ORGANISASI_LABELS.get(code) or "—" if code else "—"


@register.filter
def rating_tone(code):
    return {"di_atas": "success", "sesuai": "primary", "di_bawah": "danger"}.get(code, "secondary")


@register.filter
def predikat_tone(code):
    return {
        "sangat_baik": "success",
        "istimewa": "success",
        "baik": "primary",
        "butuh_perbaikan": "warning",
        "kurang": "danger",
        "sangat_kurang": "danger",
    }.get(code, "secondary")
