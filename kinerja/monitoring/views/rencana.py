"""Rencana aksi: the pegawai writes what they will do in a period for one RHK; the penilai of the period
comments on it."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.core.views_util import submitted
from kinerja.monitoring import permissions, selectors, services


class RencanaAksiForm(forms.Form):
    uraian = forms.CharField(
        label=gettext_lazy("What I will do in this period"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=4000,
        help_text=gettext_lazy("The steps you plan to take this period to reach the targets above."),
    )
    kunci = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class KomentarForm(forms.Form):
    komentar = forms.CharField(
        label=gettext_lazy("Comment"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )


def skp_period_url(skp, periode) -> str:
    """The pegawai's realisasi page on that period (the realisasi area's page)."""
    return f"{reverse('monitoring:skp', args=[skp.pk])}?periode={periode.nomor}"


def rencana_aksi_edit(request, pk, periode, rhk):
    skp = permissions.get_skp_for_user_or_404(request.user, pk)
    if not permissions.can_record(request.user, skp):
        raise PermissionDenied(_("Only the employee writes the action plan of their own SKP."))
    page = selectors.rencana_page(skp, periode, rhk)
    rencana = page.rencana
    form = RencanaAksiForm(
        request.POST or None,
        initial={"uraian": rencana.uraian if rencana else "", "kunci": rencana.kunci if rencana else None},
    )
    done = submitted(
        request,
        form,
        lambda d: services.rencana_aksi_save(
            actor=request.user,
            skp=skp,
            periode=page.periode,
            rhk_id=rhk,
            uraian=d["uraian"],
            kunci=d.get("kunci"),
        ),
        success=_("The action plan was saved."),
        then=skp_period_url(skp, page.periode),
    )
    if done:
        return done
    return render(
        request,
        "monitoring/rencana_aksi_form.html",
        {
            "page": page,
            "form": form,
            "title": _("Action plan") if rencana is None else _("Change the action plan"),
            "cancel_url": skp_period_url(skp, page.periode),
        },
    )


def rencana_aksi_comment(request, pk):
    rencana = selectors.get_rencana_for_user_or_404(request.user, pk)
    if not permissions.is_penilai_of_period(request.user, rencana.skp, rencana.periode):
        raise PermissionDenied(_("Only the assessor of this period comments on the action plan."))
    form = KomentarForm(request.POST or None, initial={"komentar": rencana.komentar_penilai})
    back = skp_period_url(rencana.skp, rencana.periode)
    done = submitted(
        request,
        form,
        lambda d: services.rencana_aksi_comment(actor=request.user, rencana=rencana, komentar=d["komentar"]),
        success=_("Your comment was saved and the employee was notified."),
        then=back,
    )
    if done:
        return done
    return render(
        request,
        "monitoring/rencana_aksi_comment.html",
        {"rencana": rencana, "rhk": selectors.rhk_of(rencana), "form": form, "cancel_url": back},
    )


urlpatterns: list = [
    path(
        "skp/<int:pk>/periode/<int:periode>/rhk/<int:rhk>/rencana-aksi/",
        rencana_aksi_edit,
        name="rencana_aksi_edit",
    ),
    path("rencana-aksi/<int:pk>/komentar/", rencana_aksi_comment, name="rencana_aksi_comment"),
]
