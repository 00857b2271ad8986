from django.contrib import admin

from kinerja.core.admin import AuditedAdmin, ReadOnlyAdmin
from kinerja.org.models import Instansi, Jabatan, Pegawai, Penugasan, UnitKerja

# Organisation data is changed through the app's screens, whose services keep the tree paths, the assignment
# rules and the audit trail right; the Django admin only shows it, except for registering a new instansi.


@admin.register(Instansi)
class InstansiAdmin(AuditedAdmin):
    """A new pemda starts here (or with `manage.py create_instansi`); its structure is then built in the app."""

    list_display = ["kode", "nama", "skema_periode"]


@admin.register(UnitKerja)
class UnitKerjaAdmin(ReadOnlyAdmin):
    list_display = ["nama", "kode", "instansi", "eselon", "aktif"]
    list_filter = ["instansi", "aktif"]
    search_fields = ["nama", "kode"]
    readonly_fields = ["path", "depth"]


@admin.register(Jabatan)
class JabatanAdmin(ReadOnlyAdmin):
    list_display = ["nama", "unit", "jenis", "jenjang", "kepala_unit", "aktif"]
    list_filter = ["instansi", "jenis"]
    search_fields = ["nama"]
    raw_id_fields = ["unit", "atasan"]
    readonly_fields = ["path"]


@admin.register(Pegawai)
class PegawaiAdmin(ReadOnlyAdmin):
    list_display = ["nama", "nip", "status", "golongan", "instansi", "aktif"]
    list_filter = ["instansi", "status"]
    search_fields = ["nama", "nip"]


@admin.register(Penugasan)
class PenugasanAdmin(ReadOnlyAdmin):
    list_display = ["pegawai", "jabatan", "jenis", "mulai", "selesai"]
    list_filter = ["jenis"]
    raw_id_fields = ["pegawai", "jabatan"]
