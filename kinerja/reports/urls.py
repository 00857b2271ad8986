"""The leaders' reports under /laporan/."""

from kinerja.reports import views

app_name = "reports"
urlpatterns = [*views.urlpatterns]
