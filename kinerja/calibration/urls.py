"""Calibration's routes under /kalibrasi/: each area's view module declares its own."""

from kinerja.calibration.views import kurva, penilai, sesi

app_name = "calibration"

urlpatterns = [*kurva.urlpatterns, *sesi.urlpatterns, *penilai.urlpatterns]
