"""Screens of monitoring: dialog (not built yet; the URL names are the contract between the areas)."""

from django.http import Http404
from django.urls import path


def not_built(request, **kwargs):
    raise Http404


urlpatterns: list = [
    path("dialog/", not_built, name="dialog_list"),
    path("skp/<int:pk>/dialog/baru/", not_built, name="dialog_create"),
    path("dialog/<int:pk>/", not_built, name="dialog_detail"),
    path("dialog/<int:pk>/konfirmasi/", not_built, name="dialog_confirm"),
    path("tindak-lanjut/<int:pk>/selesai/", not_built, name="action_done"),
]
