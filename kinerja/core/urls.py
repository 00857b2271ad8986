from django.urls import path

from kinerja.core import views

app_name = "core"

urlpatterns = [
    path("notifikasi/", views.notifications, name="notifications"),
    path("notifikasi/baca/", views.notifications_read, name="notifications_read"),
]
