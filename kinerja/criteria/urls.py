from django.urls import path

from kinerja.criteria.views import competencies, mine, sections, versions

app_name = "criteria"

urlpatterns = [
    # Versions
    path("", versions.index, name="index"),
    path("baru/", versions.start, name="start"),
    path("bandingkan/", versions.compare, name="compare"),
    path("<int:pk>/", versions.detail, name="detail"),
    path("<int:pk>/terbitkan/", versions.publish, name="publish"),
    path("<int:pk>/hapus/", versions.discard, name="discard"),
    # What applies to me
    path("saya/", mine.mine, name="mine"),
    path("<int:pk>/paham/", mine.acknowledge, name="acknowledge"),
    # A draft's sections and their rows
    path("<int:pk>/pengaturan/", sections.settings_edit, name="settings"),
    path("<int:pk>/perilaku/", sections.perilaku_edit, name="perilaku"),
    path("<int:pk>/kriteria-lokal/", sections.kriteria_list, name="kriteria_list"),
    path("<int:pk>/kriteria-lokal/baru/", sections.kriteria_edit, name="kriteria_create"),
    path("<int:pk>/kriteria-lokal/<int:item>/ubah/", sections.kriteria_edit, name="kriteria_edit"),
    path("<int:pk>/kriteria-lokal/<int:item>/hapus/", sections.kriteria_delete, name="kriteria_delete"),
    path("<int:pk>/aturan/<str:bagian>/", sections.aturan_edit, name="aturan"),
    # Competencies and their required levels
    path("<int:pk>/kompetensi/", competencies.kompetensi_list, name="kompetensi_list"),
    path("<int:pk>/kompetensi/baru/", competencies.kompetensi_edit, name="kompetensi_create"),
    path("<int:pk>/kompetensi/<int:item>/ubah/", competencies.kompetensi_edit, name="kompetensi_edit"),
    path("<int:pk>/kompetensi/<int:item>/hapus/", competencies.kompetensi_delete, name="kompetensi_delete"),
    path("<int:pk>/standar/", competencies.standar, name="standar"),
    path("<int:pk>/standar/impor/", competencies.standar_import, name="standar_import"),
    path("<int:pk>/standar/impor/terapkan/", competencies.standar_import_apply, name="standar_import_apply"),
    path("<int:pk>/standar/templat.xlsx", competencies.standar_template, name="standar_template"),
]
