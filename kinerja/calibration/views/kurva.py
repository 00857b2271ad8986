"""The distribution curve of a period or the year, for the instansi (a unit's subtree when one is chosen, or for a
department administrator), against the pattern each unit's organisation predikat asks for."""

from django.shortcuts import render
from django.urls import path

from kinerja.calibration.filters import scope
from kinerja.criteria.rules import PREDIKAT, PREDIKAT_LABELS


def kurva(request):
    s = scope(request)
    found = s.curve()
    context = {
        "curve": found,
        "groups": [(g, g.bars(found.distribusi)) for g in found.by_organisasi],
        "unit": s.unit,
        "level": s.level,
        "units": s.units,
        "tahun": s.tahun,
        "years": list(range(s.today.year, s.today.year - 3, -1)),
        "nomor": s.periode.nomor if s.periode else None,
        "periods": s.periods,
        "predikat_labels": [(p, PREDIKAT_LABELS[p]) for p in PREDIKAT],
    }
    return render(request, "calibration/kurva.html", context)


urlpatterns: list = [path("kurva/", kurva, name="kurva")]
