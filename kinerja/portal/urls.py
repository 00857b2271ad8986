from django.urls import path

from kinerja.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("jejak-audit/", views.audit_list, name="audit_list"),
    path("jejak-audit/ekspor.xlsx", views.audit_export, name="audit_export"),
    path("bantuan/", views.help_index, name="help"),
    path("bantuan/<slug:guide>/", views.help_guide, name="help_guide"),
]
