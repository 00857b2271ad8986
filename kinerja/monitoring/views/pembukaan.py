"""Screens of monitoring: pembukaan (not built yet; the URL names are the contract between the areas)."""

from django.http import Http404
from django.urls import path


def not_built(request, **kwargs):
    raise Http404


urlpatterns: list = [
    path("pembukaan/", not_built, name="reopen_list"),
    path("pembukaan/baru/", not_built, name="reopen_create"),
]
