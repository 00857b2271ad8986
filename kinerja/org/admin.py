from django.contrib import admin

from kinerja.org.models import Instansi, Jabatan, Pegawai, Penugasan, UnitKerja

# The Django admin is for superusers repairing data; regular administration goes through the app's services.


@admin.register(Instansi)
class InstansiAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "skema_periode"]


@admin.register(UnitKerja)
class UnitKerjaAdmin(admin.ModelAdmin):
    list_display = ["nama", "kode", "instansi", "eselon", "aktif"]
    list_filter = ["instansi", "aktif"]
    search_fields = ["nama", "kode"]
    readonly_fields = ["path", "depth"]


@admin.register(Jabatan)
class JabatanAdmin(admin.ModelAdmin):
    list_display = ["nama", "unit", "jenis", "jenjang", "kepala_unit", "aktif"]
    list_filter = ["instansi", "jenis"]
    search_fields = ["nama"]
    raw_id_fields = ["unit", "atasan"]
    readonly_fields = ["path"]


@admin.register(Pegawai)
class PegawaiAdmin(admin.ModelAdmin):
    list_display = ["nama", "nip", "status", "golongan", "instansi", "aktif"]
    list_filter = ["instansi", "status"]
    search_fields = ["nama", "nip"]


@admin.register(Penugasan)
class PenugasanAdmin(admin.ModelAdmin):
    list_display = ["pegawai", "jabatan", "jenis", "mulai", "selesai"]
    list_filter = ["jenis"]
    raw_id_fields = ["pegawai", "jabatan"]
