from django import template

from kinerja.core.formats import (
    angka,
    bulan_tahun,
    kalimat,
    nama_tanpa_gelar,
    nip_or_text,
    tanggal,
    tanggal_pendek,
    waktu,
    waktu_pendek,
)

register = template.Library()

# The filters are the kernel's formatters (decision 0016), so a page, a message, a printed document and a
# workbook write a NIP, a date, a moment or a number alike. Templates use no `|date:` but for machine values
# (an <input type="date"> or a query string, `|date:'Y-m-d'`); kinerja/core/tests/test_formats.py checks it.
register.filter("nip", nip_or_text)
register.filter("tanggal", tanggal)
register.filter("tanggal_pendek", tanggal_pendek)
register.filter("bulan_tahun", bulan_tahun)
register.filter("waktu", waktu)
register.filter("waktu_pendek", waktu_pendek)
register.filter("angka", angka)
register.filter("number", angka)
# A sentence that ends with a title's full stop, and a greeting's name without titles.
register.filter("kalimat", kalimat, is_safe=True)
register.filter("tanpa_gelar", nama_tanpa_gelar)


@register.inclusion_tag("includes/field.html")
def field(bound_field, **attrs):
    return {"field": bound_field, "attrs": attrs}
