"""The words of the monitoring app's audit events, and where its objects open (kinerja.core.audit_labels).

One block per area, so that each area adds its own words without touching the others'."""

from django.utils.translation import gettext_lazy as _

from kinerja.core.audit_labels import link_to
from kinerja.monitoring import permissions
from kinerja.monitoring.selectors import catatan

# Realisasi and bukti dukung
REALISASI_ACTIONS: dict = {
    "monitoring.realisasi.create": _("Realisation recorded"),
    "monitoring.realisasi.update": _("Realisation changed"),
    "monitoring.bukti.upload": _("Evidence file uploaded"),
    "monitoring.bukti.link": _("Evidence link added"),
    "monitoring.bukti.withdraw": _("Evidence withdrawn"),
}
REALISASI_FIELDS: dict = {"sha256": _("SHA-256 fingerprint")}
REALISASI_LINKS: dict = {
    "monitoring.realisasi": link_to(permissions.realisasi_visible_to, "monitoring:realisasi_detail"),
    "monitoring.buktidukung": link_to(
        permissions.bukti_visible_to, "monitoring:realisasi_detail", through="realisasi_id"
    ),
}
# Umpan balik and dialog kinerja
DIALOG_ACTIONS: dict = {
    "monitoring.umpan_balik.comment": _("Feedback on a realisation given"),
    "monitoring.umpan_balik.reply": _("Feedback on a realisation answered"),
    "monitoring.dialog.create": _("Performance dialogue recorded"),
    "monitoring.dialog.update": _("Performance dialogue changed"),
    "monitoring.dialog.confirm": _("Performance dialogue confirmed"),
    "monitoring.tindak_lanjut.done": _("Agreed action marked done"),
}
# Rencana aksi, reopened periods, reminders
TEAM_ACTIONS: dict = {
    "monitoring.rencana_aksi.create": _("Action plan written"),
    "monitoring.rencana_aksi.update": _("Action plan changed"),
    "monitoring.rencana_aksi.comment": _("Assessor commented on an action plan"),
    "monitoring.pembukaan.create": _("Period reopened for input"),
    "monitoring.pengingat.kirim": _("Reminders before the input deadline sent"),
}
TEAM_FIELDS: dict = {
    "monitoring.pembukaan.periode": _("period"),
    "monitoring.pembukaan.pegawai": _("employee"),
    "monitoring.pembukaan.unit": _("unit"),
}
# Attendance (discipline)
KEHADIRAN_ACTIONS: dict = {"monitoring.kehadiran.impor": _("Attendance imported")}
KEHADIRAN_FIELDS: dict = {
    "monitoring.imporkehadiran.baris": _("rows"),
    "monitoring.imporkehadiran.pegawai": _("employees"),
    "monitoring.imporkehadiran.baru": _("days added"),
    "monitoring.imporkehadiran.berubah": _("days changed"),
    "monitoring.imporkehadiran.dihapus": _("days removed"),
    "monitoring.imporkehadiran.tetap": _("days unchanged"),
    "monitoring.imporkehadiran.peringatan": _("discipline levels reached"),
}
# Sanctions on record and the innovation log
CATATAN_ACTIONS: dict = {
    "monitoring.sanksi.create": _("Disciplinary decision recorded"),
    "monitoring.sanksi.cancel": _("Disciplinary decision cancelled"),
    "monitoring.inovasi.create": _("Innovation recorded"),
    "monitoring.inovasi.update": _("Innovation changed"),
    "monitoring.inovasi.ajukan": _("Innovation submitted for verification"),
    "monitoring.inovasi.tarik": _("Innovation submission withdrawn"),
    "monitoring.inovasi.verifikasi": _("Innovation verified"),
    "monitoring.inovasi.kembalikan": _("Innovation returned for correction"),
}
CATATAN_LINKS: dict = {
    "monitoring.sanksidisiplin": link_to(catatan.sanksi_visible_to, "monitoring:sanksi_detail"),
    "monitoring.inovasi": link_to(catatan.inovasi_visible_to, "monitoring:inovasi_detail"),
}
# The demo's monitoring data
DEMO_ACTIONS: dict = {"demo.monitoring": _("Demo monitoring data prepared")}

ACTIONS = {
    **REALISASI_ACTIONS,
    **DIALOG_ACTIONS,
    **TEAM_ACTIONS,
    **KEHADIRAN_ACTIONS,
    **CATATAN_ACTIONS,
    **DEMO_ACTIONS,
}

FIELDS: dict = {**REALISASI_FIELDS, **KEHADIRAN_FIELDS}

LINKS: dict = {**REALISASI_LINKS, **CATATAN_LINKS}

FIELDS.update(TEAM_FIELDS)
# Reminders (pengingat): the counts of one run
FIELDS.update(
    {
        "monitoring.pengingat.periode": _("periods with a deadline near"),
        "monitoring.pengingat.pegawai": _("employees reminded to fill in"),
        "monitoring.pengingat.penilai": _("assessors reminded of feedback"),
        "monitoring.pengingat.hari_sebelum": _("days before the deadline"),
    }
)
