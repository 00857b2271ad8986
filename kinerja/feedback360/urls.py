"""360's routes under /360/: each area's view module declares its own."""

from kinerja.feedback360.views import formulir, laporan, ronde

app_name = "feedback360"

urlpatterns = [*ronde.urlpatterns, *formulir.urlpatterns, *laporan.urlpatterns]
