"""The words of the monitoring app's audit events, and where its objects open (kinerja.core.audit_labels).

One block per area, so that each area adds its own words without touching the others'."""

from django.utils.translation import gettext_lazy as _

# Realisasi and bukti dukung
REALISASI_ACTIONS: dict = {}
# Umpan balik and dialog kinerja
DIALOG_ACTIONS: dict = {}
# Rencana aksi, reopened periods, reminders
TEAM_ACTIONS: dict = {}
# The demo's monitoring data
DEMO_ACTIONS: dict = {"demo.monitoring": _("Demo monitoring data prepared")}

ACTIONS = {**REALISASI_ACTIONS, **DIALOG_ACTIONS, **TEAM_ACTIONS, **DEMO_ACTIONS}

FIELDS: dict = {}

LINKS: dict = {}
