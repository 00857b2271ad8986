from django.urls import path

from kinerja.core import views

app_name = "core"

urlpatterns = [
    path("notifikasi/", views.notifications, name="notifications"),
    path("notifikasi/baca/", views.notifications_read, name="notifications_read"),
    # Public: anyone holding a printed official document checks it here (docs/decisions/0015).
    path("verifikasi/", views.verify_document, name="verify"),
    path("verifikasi/<str:nomor>/", views.verify_document, name="verify_document"),
]
