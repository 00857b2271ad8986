"""The words of the monitoring app's audit events, and where its objects open (kinerja.core.audit_labels).

One block per area, so that each area adds its own words without touching the others'."""

from django.utils.translation import gettext_lazy as _

# Realisasi and bukti dukung
REALISASI_ACTIONS: dict = {}
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
TEAM_ACTIONS: dict = {}

ACTIONS = {**REALISASI_ACTIONS, **DIALOG_ACTIONS, **TEAM_ACTIONS}

FIELDS: dict = {}

LINKS: dict = {}
