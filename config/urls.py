from django.contrib import admin
from django.urls import include, path

from config.api import api

admin.site.site_header = "Kinerja — Django admin"

urlpatterns = [
    path("", include("kinerja.core.urls")),
    path("akun/", include("kinerja.accounts.urls")),
    path("org/", include("kinerja.org.urls")),
    path("kriteria/", include("kinerja.criteria.urls")),
    path("skp/", include("kinerja.planning.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("django-admin/", admin.site.urls),
]
