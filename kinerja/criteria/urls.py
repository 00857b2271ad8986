from django.urls import path

from kinerja.criteria import views

app_name = "criteria"

urlpatterns = [
    path("", views.index, name="index"),
    path("baru/", views.start, name="start"),
    path("saya/", views.mine, name="mine"),
    path("bandingkan/", views.compare, name="compare"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/terbitkan/", views.publish, name="publish"),
    path("<int:pk>/hapus/", views.discard, name="discard"),
    path("<int:pk>/paham/", views.acknowledge, name="acknowledge"),
    path("<int:pk>/pengaturan/", views.settings_edit, name="settings"),
    path("<int:pk>/perilaku/", views.perilaku_edit, name="perilaku"),
    path("<int:pk>/kompetensi/", views.kompetensi_list, name="kompetensi_list"),
    path("<int:pk>/kompetensi/baru/", views.kompetensi_edit, name="kompetensi_create"),
    path("<int:pk>/kompetensi/<int:item>/ubah/", views.kompetensi_edit, name="kompetensi_edit"),
    path("<int:pk>/kompetensi/<int:item>/hapus/", views.kompetensi_delete, name="kompetensi_delete"),
    path("<int:pk>/kriteria-lokal/", views.kriteria_list, name="kriteria_list"),
    path("<int:pk>/kriteria-lokal/baru/", views.kriteria_edit, name="kriteria_create"),
    path("<int:pk>/kriteria-lokal/<int:item>/ubah/", views.kriteria_edit, name="kriteria_edit"),
    path("<int:pk>/kriteria-lokal/<int:item>/hapus/", views.kriteria_delete, name="kriteria_delete"),
    path("<int:pk>/aturan/<str:bagian>/", views.aturan_edit, name="aturan"),
    path("<int:pk>/standar/", views.standar, name="standar"),
    path("<int:pk>/standar/impor/", views.standar_import, name="standar_import"),
    path("<int:pk>/standar/impor/terapkan/", views.standar_import_apply, name="standar_import_apply"),
    path("<int:pk>/standar/templat.xlsx", views.standar_template, name="standar_template"),
]
