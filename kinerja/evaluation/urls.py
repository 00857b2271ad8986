"""Evaluation's routes under /evaluasi/: each area's view module declares its own."""

from kinerja.evaluation.views import evaluasi, organisasi, rekap

app_name = "evaluation"

urlpatterns = [*evaluasi.urlpatterns, *organisasi.urlpatterns, *rekap.urlpatterns]
