"""The BKPSDM's corrections of one SKP: its penilai and its deadline."""

from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.core.services import ADMIN_BKPSDM_ONLY
from kinerja.core.templatetags.kinerja import tanggal
from kinerja.core.views_util import form_page, submitted
from kinerja.planning import forms, permissions, selectors, services
from kinerja.planning.models import SKP
from kinerja.planning.views import base


def _administered(request, pk) -> SKP:
    skp = base.visible_skp(request, pk)
    base.forbid_unless(permissions.can_administer(request.user, skp), ADMIN_BKPSDM_ONLY)
    return skp


def _owner(skp: SKP) -> str:
    return skp.identitas_pegawai.get("nama") or skp.pegawai.nama_lengkap


def _correction(request, skp: SKP, form, service, *, success, **page):
    """A BKPSDM correction of one SKP: the service takes the form's fields (always with a reason); back to
    the SKP page."""
    skp_url = reverse("planning:skp_detail", args=[skp.pk])
    done = submitted(
        request, form, lambda d: service(actor=request.user, skp=skp, **d), success=success, then=skp_url
    )
    if done:
        return done
    return form_page(request, form, cancel_url=skp_url, **page)


def reassign(request, pk):
    skp = _administered(request, pk)
    current = skp.identitas_penilai.get("nama") or skp.identitas_penilai.get("jabatan") or "—"
    return _correction(
        request,
        skp,
        forms.ReassignForm(request.POST or None, instansi=skp.instansi),
        services.skp_reassign_penilai,
        success=lambda done: (
            _("%(penilai)s now assesses the SKP of %(name)s.")
            % {"penilai": done.identitas_penilai.get("nama", ""), "name": _owner(done)}
        ),
        title=_("Change the assessing official of the SKP of %(name)s") % {"name": _owner(skp)},
        intro=_(
            "Now: %(penilai)s. Use this only when the organisation data gives the wrong official; from now on "
            "the person you choose approves or returns this SKP, whatever the organisation chart says."
        )
        % {"penilai": current},
        submit_label=_("Change the assessing official"),
    )


def extend(request, pk):
    skp = _administered(request, pk)
    deadline = selectors.deadline_of(skp)
    return _correction(
        request,
        skp,
        forms.ExtendForm(request.POST or None, initial={"tenggat": deadline}),
        services.skp_extend_deadline,
        success=lambda done: (
            _("The deadline of the SKP of %(name)s is now %(date)s.")
            % {"name": _owner(done), "date": tanggal(done.tenggat)}
        ),
        title=_("Extend the deadline of the SKP of %(name)s") % {"name": _owner(skp)},
        intro=_("The deadline now is %(date)s. The new deadline applies to this SKP only.")
        % {"date": tanggal(deadline)},
        submit_label=_("Extend the deadline"),
    )
