from django.urls import path

from kinerja.planning import views, views_lead

app_name = "planning"

urlpatterns = [
    # The pegawai's own SKP (views.py)
    path("", views.index, name="index"),
    path("mulai/", views.start, name="start"),
    path("<int:pk>/", views.skp_detail, name="skp_detail"),
    path("<int:pk>/rhk/baru/", views.rhk_edit, name="rhk_create"),
    path("<int:pk>/rhk/<int:rhk>/ubah/", views.rhk_edit, name="rhk_edit"),
    path("<int:pk>/rhk/<int:rhk>/hapus/", views.rhk_delete, name="rhk_delete"),
    path("<int:pk>/rhk/<int:rhk>/indikator/baru/", views.indikator_edit, name="indikator_create"),
    path("<int:pk>/indikator/<int:item>/ubah/", views.indikator_edit, name="indikator_edit"),
    path("<int:pk>/indikator/<int:item>/hapus/", views.indikator_delete, name="indikator_delete"),
    path("<int:pk>/lampiran/", views.lampiran_edit, name="lampiran"),
    path("<int:pk>/ajukan/", views.submit, name="submit"),
    path("<int:pk>/tarik/", views.withdraw, name="withdraw"),
    path("<int:pk>/revisi/", views.revise, name="revise"),
    path("<int:pk>/setujui/", views.approve, name="approve"),
    path("<int:pk>/kembalikan/", views.return_skp, name="return"),
    path("<int:pk>/versi/", views.versions, name="versions"),
    path("<int:pk>/cetak.pdf", views.pdf, name="pdf"),
    path("<int:pk>/impor/", views.import_upload, name="import"),
    path("<int:pk>/impor/terapkan/", views.import_apply, name="import_apply"),
    path("impor/templat.xlsx", views.import_template, name="import_template"),
    # Leaders and administrators (views_lead.py)
    path("masuk/", views_lead.inbox, name="inbox"),
    path("masuk/setujui/", views_lead.bulk_approve, name="bulk_approve"),
    path("kaskade/", views_lead.cascade, name="cascade"),
    path("daftar/", views_lead.skp_list, name="list"),
    path("daftar/ekspor.xlsx", views_lead.export, name="export"),
    path("<int:pk>/penilai/", views_lead.reassign, name="reassign"),
    path("<int:pk>/tenggat/", views_lead.extend, name="extend"),
    path("tahun/", views_lead.years, name="years"),
    path("tahun/buka/", views_lead.year_open, name="year_open"),
    path("tahun/<int:pk>/ubah/", views_lead.year_edit, name="year_edit"),
    path("periode/<int:pk>/ubah/", views_lead.periode_edit, name="periode_edit"),
]
