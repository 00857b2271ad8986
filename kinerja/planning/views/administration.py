"""The BKPSDM's corrections of one SKP: its penilai and its deadline."""

from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.core.templatetags.kinerja import tanggal
from kinerja.core.views_util import form_page, submitted
from kinerja.planning import forms, permissions, selectors, services
from kinerja.planning.models import SKP
from kinerja.planning.views import base


def _administered(request, pk) -> SKP:
    skp = base.visible_skp(request, pk)
    base.forbid_unless(permissions.can_administer(request.user, skp))
    return skp


def _owner(skp: SKP) -> str:
    return skp.identitas_pegawai.get("nama") or skp.pegawai.nama_lengkap


def reassign(request, pk):
    skp = _administered(request, pk)
    form = forms.ReassignForm(request.POST or None, instansi=skp.instansi)
    done = submitted(
        request,
        form,
        lambda d: services.skp_reassign_penilai(
            actor=request.user, skp=skp, penilai=d["penilai"], reason=d["reason"]
        ),
        success=lambda done: (
            _("%(penilai)s now assesses the SKP of %(name)s.")
            % {"penilai": done.identitas_penilai.get("nama", ""), "name": _owner(done)}
        ),
        then=reverse("planning:skp_detail", args=[skp.pk]),
    )
    if done:
        return done
    current = skp.identitas_penilai.get("nama") or skp.identitas_penilai.get("jabatan") or "—"
    return form_page(
        request,
        form,
        title=_("Change the assessing official of the SKP of %(name)s") % {"name": _owner(skp)},
        intro=_(
            "Now: %(penilai)s. Use this only when the organisation data gives the wrong official; from now on "
            "the person you choose approves or returns this SKP, whatever the organisation chart says."
        )
        % {"penilai": current},
        submit_label=_("Change the assessing official"),
        cancel_url=reverse("planning:skp_detail", args=[skp.pk]),
    )


def extend(request, pk):
    skp = _administered(request, pk)
    deadline = selectors.deadline_of(skp)
    form = forms.ExtendForm(request.POST or None, initial={"tenggat": deadline})
    done = submitted(
        request,
        form,
        lambda d: services.skp_extend_deadline(
            actor=request.user, skp=skp, tenggat=d["tenggat"], reason=d["reason"]
        ),
        success=lambda done: (
            _("The deadline of the SKP of %(name)s is now %(date)s.")
            % {"name": _owner(done), "date": tanggal(done.tenggat)}
        ),
        then=reverse("planning:skp_detail", args=[skp.pk]),
    )
    if done:
        return done
    return form_page(
        request,
        form,
        title=_("Extend the deadline of the SKP of %(name)s") % {"name": _owner(skp)},
        intro=_("The deadline now is %(date)s. The new deadline applies to this SKP only.")
        % {"date": tanggal(deadline)},
        submit_label=_("Extend the deadline"),
        cancel_url=reverse("planning:skp_detail", args=[skp.pk]),
    )
