"""The words of the monitoring app's audit events, and where its objects open (kinerja.core.audit_labels).

One block per area, so that each area adds its own words without touching the others'."""

from django.utils.translation import gettext_lazy as _

from kinerja.core.audit_labels import link_to
from kinerja.monitoring import permissions

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
DIALOG_ACTIONS: dict = {}
# Rencana aksi, reopened periods, reminders
TEAM_ACTIONS: dict = {}

ACTIONS = {**REALISASI_ACTIONS, **DIALOG_ACTIONS, **TEAM_ACTIONS}

FIELDS: dict = {**REALISASI_FIELDS}

LINKS: dict = {**REALISASI_LINKS}
