"""The words of the planning app's audit events, and where its objects open (kinerja.core.audit_labels)."""

from django.utils.translation import gettext_lazy as _

from kinerja.core.audit_labels import link_to
from kinerja.planning import permissions

ACTIONS = {
    "demo.planning": _("Demo SKP prepared"),
    "planning.tahun.open": _("Performance year opened"),
    "planning.tahun.update": _("Performance year changed"),
    "planning.periode.update": _("Assessment period changed"),
    "planning.skp.start": _("SKP started"),
    "planning.skp.ajukan": _("SKP submitted"),
    "planning.skp.tarik": _("SKP submission withdrawn"),
    "planning.skp.setujui": _("SKP approved"),
    "planning.skp.kembalikan": _("SKP returned for correction"),
    "planning.skp.usul_revisi": _("SKP revision requested"),
    "planning.skp.end": _("SKP ended"),
    "planning.skp.extend": _("SKP deadline extended"),
    "planning.skp.reassign": _("SKP assessor changed"),
    "planning.rhk.create": _("RHK added"),
    "planning.rhk.update": _("RHK changed"),
    "planning.rhk.delete": _("RHK deleted"),
    "planning.rhk.import": _("RHK imported from a spreadsheet"),
    "planning.indikator.create": _("Indicator added"),
    "planning.indikator.update": _("Indicator changed"),
    "planning.indikator.delete": _("Indicator deleted"),
    "planning.lampiran.update": _("SKP attachment changed"),
    "planning.ekspektasi.update": _("Behaviour expectations changed"),
}

FIELDS = {
    "rhk_ditambah": _("RHK added"),
    "planning.skp.ekspektasi": _("expectation"),
    "planning.skp.penilai_di_atas": _("assessor above the employee"),
    "planning.skp.salin_dari": _("copied from"),
    "planning.skp.rhk_disalin": _("RHK copied"),
}

LINKS = {
    "planning.skp": link_to(permissions.skp_visible_to, "planning:skp_detail"),
}
