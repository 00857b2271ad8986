from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from config.api import api

admin.site.site_header = "Kinerja — Django admin"

urlpatterns = [
    path("", include("kinerja.portal.urls")),
    path("", include("kinerja.core.urls")),
    path("akun/", include("kinerja.accounts.urls")),
    path("org/", include("kinerja.org.urls")),
    path("kriteria/", include("kinerja.criteria.urls")),
    path("skp/", include("kinerja.planning.urls")),
    path("pemantauan/", include("kinerja.monitoring.urls")),
    path("evaluasi/", include("kinerja.evaluation.urls")),
    path("360/", include("kinerja.feedback360.urls")),
    path("kalibrasi/", include("kinerja.calibration.urls")),
    path("laporan/", include("kinerja.reports.urls")),
    # The language switch works before logging in too (the login page offers it).
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("api/v1/", api.urls),
    path("django-admin/", admin.site.urls),
]

# The site's own error pages (kinerja.core.error_pages); the API answers JSON.
handler400 = "kinerja.core.error_pages.bad_request"
handler403 = "kinerja.core.error_pages.permission_denied"
handler404 = "kinerja.core.error_pages.page_not_found"
handler500 = "kinerja.core.error_pages.server_error"
