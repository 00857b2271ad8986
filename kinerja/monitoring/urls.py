"""Monitoring's routes under /pemantauan/: each area's view module declares its own."""

from kinerja.monitoring.views import (
    dialog,
    feedback,
    inovasi,
    kehadiran,
    pembukaan,
    realisasi,
    rencana,
    sanksi,
    team,
)

app_name = "monitoring"

urlpatterns = [
    *realisasi.urlpatterns,
    *feedback.urlpatterns,
    *dialog.urlpatterns,
    *team.urlpatterns,
    *rencana.urlpatterns,
    *pembukaan.urlpatterns,
    *kehadiran.urlpatterns,
    *sanksi.urlpatterns,
    *inovasi.urlpatterns,
]
