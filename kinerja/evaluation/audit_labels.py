"""The words of evaluation's audit events, and where its objects open (kinerja.core.audit_labels)."""

from django.utils.translation import gettext_lazy as _

from kinerja.core.audit_labels import link_to
from kinerja.evaluation import permissions

ACTIONS: dict = {
    "evaluation.evaluasi.create": _("Evaluation started (draft saved)"),
    "evaluation.evaluasi.simpan": _("Evaluation draft saved"),
    "evaluation.evaluasi.finalkan": _("Evaluation finalised"),
    "evaluation.evaluasi.terima": _("Evaluation acknowledged by the employee"),
    "evaluation.evaluasi.keberatan": _("Objection to the evaluation filed"),
    "evaluation.evaluasi.putus": _("Objection decided by the superior of the assessing official"),
    "evaluation.evaluasi.kalibrasi": _("Result changed by a calibration session"),
    "evaluation.organisasi.simpan": _("Organisation result recorded"),
    "demo.evaluation": _("Demo evaluations prepared"),
}

FIELDS: dict = {}

LINKS: dict = {
    "evaluation.evaluasi": link_to(permissions.evaluasi_visible_to, "evaluation:detail"),
}
