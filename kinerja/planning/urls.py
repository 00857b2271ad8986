from django.urls import path

from kinerja.planning.views import administration, cascade, content, inbox, lists, skp, workflow, years

app_name = "planning"

urlpatterns = [
    # The pegawai's own SKP and the pages of one SKP
    path("", skp.index, name="index"),
    path("mulai/", skp.start, name="start"),
    path("<int:pk>/", skp.skp_detail, name="skp_detail"),
    path("<int:pk>/versi/", skp.versions, name="versions"),
    path("<int:pk>/cetak.pdf", skp.pdf, name="pdf"),
    # Its content
    path("<int:pk>/rhk/baru/", content.rhk_edit, name="rhk_create"),
    path("<int:pk>/rhk/<int:rhk>/ubah/", content.rhk_edit, name="rhk_edit"),
    path("<int:pk>/rhk/<int:rhk>/hapus/", content.rhk_delete, name="rhk_delete"),
    path("<int:pk>/rhk/<int:rhk>/indikator/baru/", content.indikator_edit, name="indikator_create"),
    path("<int:pk>/indikator/<int:item>/ubah/", content.indikator_edit, name="indikator_edit"),
    path("<int:pk>/indikator/<int:item>/hapus/", content.indikator_delete, name="indikator_delete"),
    path("<int:pk>/lampiran/", content.lampiran_edit, name="lampiran"),
    path("<int:pk>/impor/", content.import_upload, name="import"),
    path("<int:pk>/impor/terapkan/", content.import_apply, name="import_apply"),
    path("impor/templat.xlsx", content.import_template, name="import_template"),
    # Its workflow
    path("<int:pk>/ajukan/", workflow.submit, name="submit"),
    path("<int:pk>/tarik/", workflow.withdraw, name="withdraw"),
    path("<int:pk>/revisi/", workflow.revise, name="revise"),
    path("<int:pk>/setujui/", workflow.approve, name="approve"),
    path("<int:pk>/kembalikan/", workflow.return_skp, name="return"),
    # The inbox and the cascade
    path("masuk/", inbox.inbox, name="inbox"),
    path("masuk/setujui/", inbox.bulk_approve, name="bulk_approve"),
    path("kaskade/", cascade.cascade, name="cascade"),
    # The list of a unit's SKP, and the BKPSDM's corrections of one
    path("daftar/", lists.skp_list, name="list"),
    path("daftar/ekspor.xlsx", lists.export, name="export"),
    path("<int:pk>/penilai/", administration.reassign, name="reassign"),
    path("<int:pk>/tenggat/", administration.extend, name="extend"),
    # Performance years
    path("tahun/", years.years, name="years"),
    path("tahun/buka/", years.year_open, name="year_open"),
    path("tahun/<int:pk>/ubah/", years.year_edit, name="year_edit"),
    path("periode/<int:pk>/ubah/", years.periode_edit, name="periode_edit"),
]
