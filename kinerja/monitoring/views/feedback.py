"""Screens of monitoring: feedback (not built yet; the URL names are the contract between the areas)."""

from django.http import Http404
from django.urls import path


def not_built(request, **kwargs):
    raise Http404


urlpatterns: list = [
    path("realisasi/<int:pk>/umpan-balik/", not_built, name="feedback_add"),
    path("umpan-balik/", not_built, name="feedback_queue"),
]
