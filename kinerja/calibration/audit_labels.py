"""The words of calibration's audit events (kinerja.core.audit_labels)."""

from django.utils.translation import gettext_lazy as _

from kinerja.calibration import permissions
from kinerja.core.audit_labels import link_to

ACTIONS: dict = {
    "calibration.sesi.buka": _("Calibration session opened"),
    "calibration.sesi.tutup": _("Calibration session closed"),
    "calibration.sesi.ketua": _("Chair of the calibration session changed"),
    "calibration.usulan.ajukan": _("Calibration change proposed"),
    "calibration.usulan.terima": _("Calibration proposal accepted by the chair"),
    "calibration.usulan.tolak": _("Calibration proposal rejected by the chair"),
    "calibration.usulan.terapkan": _("Calibration change applied"),
    "calibration.usulan.gugur": _("Calibration proposal lapsed"),
}

FIELDS: dict = {
    "calibration.sesikalibrasi.diterapkan": _("changes applied"),
    "calibration.sesikalibrasi.gugur": _("proposals lapsed"),
}

LINKS: dict = {
    "calibration.sesikalibrasi": link_to(permissions.sessions_visible_to, "calibration:sesi"),
}
