"""The words of the criteria app's audit events, and where its objects open (kinerja.core.audit_labels)."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from kinerja.core.audit_labels import link_to
from kinerja.criteria import permissions
from kinerja.criteria.models import Bagian

ACTIONS = {
    "criteria.kerangka.start": _("Framework version started"),
    "criteria.kerangka.discard": _("Framework draft discarded"),
    "criteria.kerangka.settings": _("Framework settings changed"),
    "criteria.kerangka.publish": _("Framework version published"),
    "criteria.kerangka.acknowledge": _("Framework change acknowledged"),
    "criteria.perilaku.guidance": _("Work behaviour guidance changed"),
    "criteria.kriteria.save": _("Local criterion saved"),
    "criteria.kriteria.delete": _("Local criterion deleted"),
    "criteria.kompetensi.save": _("Competency saved"),
    "criteria.kompetensi.delete": _("Competency deleted"),
    "criteria.standar.set": _("Competency standards set"),
    **{f"criteria.aturan.{b.value}": format_lazy(_("Rule table changed: {}"), b.label) for b in Bagian},
}

FIELDS = {
    "urutan": _("order"),
    "criteria.kerangka.asal": _("copied from"),
    "criteria.kerangka.status": _("status"),
}

# A rule table's changes are keyed by its rows, the guidance's by behaviour code, the standards' by their name.
DATA_KEYED = {"criteria.aturan.", "criteria.perilaku.guidance", "criteria.standar.set"}

LINKS = {
    "criteria.kerangka": link_to(permissions.kerangka_visible_to, "criteria:detail"),
}
