"""Screens of monitoring: rencana (not built yet; the URL names are the contract between the areas)."""

from django.http import Http404
from django.urls import path


def not_built(request, **kwargs):
    raise Http404


urlpatterns: list = [
    path(
        "skp/<int:pk>/periode/<int:periode>/rhk/<int:rhk>/rencana-aksi/", not_built, name="rencana_aksi_edit"
    ),
    path("rencana-aksi/<int:pk>/komentar/", not_built, name="rencana_aksi_comment"),
]
