from django.urls import path

from kinerja.org import views, views_import

app_name = "org"

urlpatterns = [
    path("unit/", views.unit_tree, name="unit_tree"),
    path("unit/baru/", views.unit_create, name="unit_create"),
    path("unit/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("unit/<int:pk>/subunit/", views.unit_children, name="unit_children"),
    path("unit/<int:pk>/ubah/", views.unit_edit, name="unit_edit"),
    path("unit/<int:pk>/pindah/", views.unit_move, name="unit_move"),
    path("unit/<int:unit_pk>/jabatan/baru/", views.jabatan_create, name="jabatan_create"),
    path("jabatan/<int:pk>/", views.jabatan_detail, name="jabatan_detail"),
    path("jabatan/<int:pk>/ubah/", views.jabatan_edit, name="jabatan_edit"),
    path("jabatan/kosong/", views.vacant_list, name="vacant_list"),
    path("pegawai/", views.pegawai_list, name="pegawai_list"),
    path("pegawai/baru/", views.pegawai_create, name="pegawai_create"),
    path("pegawai/belum-ditempatkan/", views.unplaced_list, name="unplaced_list"),
    path("pegawai/<int:pk>/", views.pegawai_detail, name="pegawai_detail"),
    path("pegawai/<int:pk>/ubah/", views.pegawai_edit, name="pegawai_edit"),
    path("pegawai/<int:pk>/penugasan/baru/", views.penugasan_create, name="penugasan_create"),
    path("pegawai/<int:pk>/mutasi/", views.pegawai_transfer, name="pegawai_transfer"),
    path(
        "pegawai/<int:pk>/kata-sandi-sementara/", views.pegawai_reset_password, name="pegawai_reset_password"
    ),
    path("penugasan/<int:pk>/akhiri/", views.penugasan_end, name="penugasan_end"),
    path("dinilai/", views.dinilai, name="dinilai"),
    path("instansi/ubah/", views.instansi_edit, name="instansi_edit"),
    path("instansi/pilih/", views.instansi_switch, name="instansi_switch"),
    path("impor/", views_import.upload, name="import_upload"),
    path("impor/terapkan/", views_import.apply, name="import_apply"),
    path("impor/riwayat/", views_import.records, name="import_records"),
    path("impor/akhiri-penugasan/", views_import.end_missing, name="import_end_missing"),
    path("impor/templat.xlsx", views_import.template, name="import_template"),
    path("impor/contoh.xlsx", views_import.example, name="import_example"),
    path("impor/ekspor.xlsx", views_import.export, name="import_export"),
]
