"""The words of 360's audit events (kinerja.core.audit_labels). No event carries an answer: a submitted form is
recorded as submitted, by its rater, in the rater's own trail."""

from django.utils.translation import gettext_lazy as _

from kinerja.core.audit_labels import link_to
from kinerja.feedback360 import permissions

ACTIONS: dict = {
    "feedback360.ronde.buka": _("360 round opened"),
    "feedback360.ronde.tutup": _("360 round closed"),
    "feedback360.ronde.pengingat": _("360 raters reminded"),
    "feedback360.formulir.simpan": _("360 form saved as a draft"),
    "feedback360.formulir.kirim": _("360 form submitted"),
    "feedback360.rekan.ajukan": _("360 peers nominated"),
    "feedback360.rekan.setujui": _("360 peers approved by the assessing official"),
    "feedback360.profil.simpan": _("Competency profile set"),
    "demo.feedback360": _("Demo 360 rounds prepared"),
}

FIELDS: dict = {
    "feedback360.ronde.peserta": _("participants"),
    "feedback360.ronde.formulir": _("forms"),
    "feedback360.ronde.diingatkan": _("raters reminded"),
    "feedback360.peserta.rekan": _("peers"),
}

LINKS: dict = {
    "feedback360.ronde": link_to(permissions.rounds_visible_to, "feedback360:ronde"),
    "feedback360.peserta": link_to(permissions.peserta_visible_to, "feedback360:laporan"),
}

# The changes of a competency profile are keyed by the competency's name.
DATA_KEYED = ("feedback360.profil.simpan",)
