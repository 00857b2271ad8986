"""Screens of monitoring: realisasi (not built yet; the URL names are the contract between the areas)."""

from django.http import Http404
from django.urls import path


def not_built(request, **kwargs):
    raise Http404


urlpatterns: list = [
    path("", not_built, name="index"),
    path("skp/<int:pk>/", not_built, name="skp"),
    path("skp/<int:pk>/periode/<int:periode>/indikator/<int:indikator>/", not_built, name="realisasi_edit"),
    path("realisasi/<int:pk>/", not_built, name="realisasi_detail"),
    path("realisasi/<int:pk>/bukti/", not_built, name="bukti_add"),
    path("bukti/<int:pk>/unduh/", not_built, name="bukti_download"),
    path("bukti/<int:pk>/tarik/", not_built, name="bukti_withdraw"),
]
