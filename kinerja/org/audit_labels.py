"""The words of the org app's audit events, and where its objects open (kinerja.core.audit_labels)."""

from django.utils.translation import gettext_lazy as _

from kinerja.core.audit_labels import link_to
from kinerja.org import permissions

ACTIONS = {
    "org.instansi.create": _("Agency created"),
    "org.instansi.update": _("Agency changed"),
    "org.unit.create": _("Unit created"),
    "org.unit.update": _("Unit changed"),
    "org.unit.move": _("Unit moved"),
    "org.jabatan.create": _("Position created"),
    "org.jabatan.update": _("Position changed"),
    "org.pegawai.create": _("Employee added"),
    "org.pegawai.update": _("Employee data changed"),
    "org.penugasan.create": _("Assignment started"),
    "org.penugasan.end": _("Assignment ended"),
}

LINKS = {
    "org.unitkerja": link_to(permissions.units_visible_to, "org:unit_detail"),
    "org.jabatan": link_to(permissions.jabatan_visible_to, "org:jabatan_detail"),
    "org.pegawai": link_to(permissions.pegawai_visible_to, "org:pegawai_detail"),
    "org.penugasan": link_to(permissions.penugasan_visible_to, "org:pegawai_detail", through="pegawai_id"),
}
