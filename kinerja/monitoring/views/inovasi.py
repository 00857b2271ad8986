"""The innovation log: my innovations and those waiting for my verification, the form (a draft first), one
innovation with the buttons its workflow gives me, the return with a reason, and the evidence file."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kinerja.accounts.permissions import access_of
from kinerja.core import clock
from kinerja.core.views_util import act, form_page, submitted
from kinerja.monitoring import innovation, permissions, services
from kinerja.monitoring.selectors import catatan as selectors
from kinerja.monitoring.views.realisasi import attachment
from kinerja.monitoring.views.realisasi_forms import ACCEPT
from kinerja.org.forms import ReasonField


class InovasiForm(forms.Form):
    kunci = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
    tahun = forms.TypedChoiceField(label=gettext_lazy("Year"), coerce=int)
    judul = forms.CharField(label=gettext_lazy("Name of the innovation"), max_length=200)
    masalah = forms.CharField(
        label=gettext_lazy("Problem it solves"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("What went wrong or took too long before, for whom."),
    )
    perubahan = forms.CharField(
        label=gettext_lazy("What changed"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("The new method, tool or procedure, and since when."),
    )
    dampak = forms.CharField(
        label=gettext_lazy("Measured effect"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("A number before and after, e.g. service time from 5 days to 1 day."),
    )
    berkas = forms.FileField(
        label=gettext_lazy("Evidence file"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        help_text=gettext_lazy("A photo, a PDF or an office document; a file or a link is needed to submit."),
    )
    tautan = forms.CharField(
        label=gettext_lazy("Evidence link"),
        required=False,
        max_length=500,
        help_text=gettext_lazy("An http(s) address, e.g. a published report or a shared folder."),
    )
    hapus_berkas = forms.BooleanField(label=gettext_lazy("Remove the current file"), required=False)

    def __init__(self, *args, this_year: int, current_file: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tahun"].choices = [(this_year, str(this_year)), (this_year - 1, str(this_year - 1))]
        if current_file:
            self.fields["berkas"].help_text = _("Current file: %(name)s. Choose another to replace it.") % {
                "name": current_file
            }
        else:
            del self.fields["hapus_berkas"]


class ReturnForm(forms.Form):
    reason = ReasonField(label=gettext_lazy("What should be corrected?"))


def _detail_url(inovasi) -> str:
    return reverse("monitoring:inovasi_detail", args=[inovasi.pk])


def _visible(request, pk):
    inovasi = selectors.inovasi_or_none(pk)
    if inovasi is None or not permissions.can_see_innovation(request.user, inovasi):
        raise Http404
    return inovasi


def _pegawai(request):
    access = access_of(request.user)
    if access.pegawai_id is None:
        raise PermissionDenied(_("The innovation log is for employees; this account is not linked to one."))
    return request.user.pegawai


def inovasi_list(request):
    pegawai = _pegawai(request)
    today = clock.today(pegawai.instansi)
    context = {
        "mine": list(selectors.innovations_of(pegawai.pk)[:200]),
        "waiting": selectors.innovations_waiting_for(pegawai, today),
    }
    return render(request, "monitoring/inovasi_list.html", context)


# What the form gives the service (the edit form also sends `kunci` and `hapus_berkas`).
FIELDS = ("tahun", "judul", "masalah", "perubahan", "dampak", "tautan", "berkas")
INTRO = gettext_lazy(
    "Describe a new method or tool you introduced to serve better: the problem, what you changed and the effect "
    "you measured, with evidence. It is saved as a draft; submit it to your assessing official when complete."
)


def inovasi_create(request):
    pegawai = _pegawai(request)
    this_year = clock.today(pegawai.instansi).year
    form = InovasiForm(
        request.POST or None, request.FILES or None, this_year=this_year, initial={"tahun": this_year}
    )
    done = submitted(
        request,
        form,
        lambda d: services.inovasi_create(actor=request.user, **{k: v for k, v in d.items() if k in FIELDS}),
        success=_("The innovation was saved as a draft. Submit it when it is complete."),
        then=_detail_url,
    )
    if done:
        return done
    return form_page(
        request,
        form,
        title=_("Record an innovation"),
        cancel_url=reverse("monitoring:inovasi_list"),
        intro=INTRO,
    )


def inovasi_edit(request, pk):
    inovasi = _visible(request, pk)
    if not permissions.can_edit_innovation(request.user, inovasi):
        raise PermissionDenied(_("Only its employee changes an innovation, while it is a draft or returned."))
    initial = {name: getattr(inovasi, name) for name in ("kunci", *FIELDS[:-1])}
    form = InovasiForm(
        request.POST or None,
        request.FILES or None,
        this_year=clock.today(inovasi.instansi).year,
        current_file=inovasi.nama_asli,
        initial=initial,
    )
    done = submitted(
        request,
        form,
        lambda d: services.inovasi_update(actor=request.user, inovasi=inovasi, **d),
        success=_("The innovation was saved."),
        then=_detail_url(inovasi),
    )
    if done:
        return done
    return form_page(
        request, form, title=_("Change the innovation"), cancel_url=_detail_url(inovasi), intro=INTRO
    )


def inovasi_detail(request, pk):
    inovasi = _visible(request, pk)
    actions = permissions.inovasi_actions(request.user, inovasi)
    context = {
        "inovasi": inovasi,
        "actions": actions,
        "can_edit": innovation.AJUKAN in actions,
        "lacking": innovation.missing(inovasi),
    }
    return render(request, "monitoring/inovasi_detail.html", context)


def inovasi_file(request, pk):
    return attachment(_visible(request, pk))


def _action(service, success):
    @require_POST
    def view(request, pk):
        inovasi = _visible(request, pk)
        return act(
            request,
            lambda: service(actor=request.user, inovasi=inovasi),
            success=success,
            then=_detail_url(inovasi),
        )

    return view


inovasi_ajukan = _action(
    services.inovasi_ajukan, gettext_lazy("The innovation was submitted to your assessing official.")
)
inovasi_tarik = _action(
    services.inovasi_tarik, gettext_lazy("The submission was withdrawn; it is a draft again.")
)
inovasi_verifikasi = _action(services.inovasi_verifikasi, gettext_lazy("The innovation is verified."))


def inovasi_kembalikan(request, pk):
    inovasi = _visible(request, pk)
    if innovation.KEMBALIKAN not in permissions.inovasi_actions(request.user, inovasi):
        raise PermissionDenied(_("Only the employee's assessing official returns a submitted innovation."))
    form = ReturnForm(request.POST or None)
    done = submitted(
        request,
        form,
        lambda d: services.inovasi_kembalikan(actor=request.user, inovasi=inovasi, reason=d["reason"]),
        success=_("The innovation was returned to %(name)s with your reason.")
        % {"name": inovasi.pegawai.nama_lengkap},
        then=_detail_url(inovasi),
    )
    if done:
        return done
    return form_page(
        request,
        form,
        title=_("Return the innovation for correction"),
        cancel_url=_detail_url(inovasi),
        submit_label=_("Return it"),
        intro=inovasi.judul,
    )


urlpatterns: list = [
    path("inovasi/", inovasi_list, name="inovasi_list"),
    path("inovasi/baru/", inovasi_create, name="inovasi_create"),
    path("inovasi/<int:pk>/", inovasi_detail, name="inovasi_detail"),
    path("inovasi/<int:pk>/ubah/", inovasi_edit, name="inovasi_edit"),
    path("inovasi/<int:pk>/berkas/", inovasi_file, name="inovasi_file"),
    path("inovasi/<int:pk>/ajukan/", inovasi_ajukan, name="inovasi_ajukan"),
    path("inovasi/<int:pk>/tarik/", inovasi_tarik, name="inovasi_tarik"),
    path("inovasi/<int:pk>/verifikasi/", inovasi_verifikasi, name="inovasi_verifikasi"),
    path("inovasi/<int:pk>/kembalikan/", inovasi_kembalikan, name="inovasi_kembalikan"),
]
