"""Reopening a closed period: the list of this year's reopenings in the administrator's scope, and the form to
reopen a period for one pegawai (by NIP) or for a unit."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.core import clock
from kinerja.core.errors import ApplicationError
from kinerja.core.formats import InvalidNip, nip_digits, tanggal
from kinerja.core.views_util import submitted
from kinerja.monitoring import selectors, services
from kinerja.org.forms import DateInput, ReasonField
from kinerja.org.permissions import current_instansi


class PembukaanForm(forms.Form):
    periode = forms.TypedChoiceField(label=gettext_lazy("Period"), coerce=int)
    nip = forms.CharField(
        label=gettext_lazy("Employee's NIP"),
        required=False,
        max_length=30,
        help_text=gettext_lazy("For one employee: their NIP. Leave it empty to reopen for a unit."),
    )
    unit = forms.TypedChoiceField(
        label=gettext_lazy("Or a unit"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=gettext_lazy("Everyone in the unit and the units below it."),
    )
    sampai = forms.DateField(label=gettext_lazy("Open until"), widget=DateInput())
    reason = ReasonField()

    def __init__(self, *args, periods, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["periode"].choices = [
            (p.pk, _("%(name)s (deadline %(date)s)") % {"name": p.nama, "date": tanggal(p.tenggat_input)})
            for p in periods
        ]
        self.fields["unit"].choices = [("", "—"), *[(u.pk, str(u)) for u in units]]
        self.periods = {p.pk: p for p in periods}
        self.units = {u.pk: u for u in units}


def _scope(request):
    instansi = current_instansi(request)
    if not selectors.can_reopen_any(request.user, instansi.pk):
        raise PermissionDenied(_("Only the BKPSDM or a department administrator reopens a period."))
    return instansi, clock.today(instansi).year


def reopen_list(request):
    instansi, tahun = _scope(request)
    rows = list(selectors.pembukaan_visible_to(request.user, instansi, tahun)[:500])
    return render(
        request, "monitoring/reopen_list.html", {"rows": rows, "tahun": tahun, "instansi": instansi}
    )


def _create(request, form, data):
    pegawai = None
    if (data.get("nip") or "").strip():
        try:
            nip = nip_digits(data["nip"])
        except InvalidNip as exc:
            raise ApplicationError({"nip": str(exc)}) from exc
        pegawai = selectors.pegawai_by_nip(request.user, nip)
        if pegawai is None:
            raise ApplicationError({"nip": _("No employee of this agency has this NIP.")})
    return services.pembukaan_create(
        actor=request.user,
        periode=form.periods[data["periode"]],
        sampai=data["sampai"],
        alasan=data["reason"],
        pegawai=pegawai,
        unit=form.units.get(data["unit"]) if data.get("unit") else None,
    )


def reopen_create(request):
    instansi, tahun = _scope(request)
    periods = list(selectors.periods_of_year(instansi, tahun))
    closed = [p for p in periods if p.tenggat_input < clock.today(instansi)]
    form = PembukaanForm(
        request.POST or None,
        initial={"periode": closed[-1].pk if closed else None},
        periods=periods,
        units=list(selectors.units_in_scope(request.user, instansi)),
    )
    done = submitted(
        request,
        form,
        lambda d: _create(request, form, d),
        success=_("The period was reopened."),
        then=reverse("monitoring:reopen_list"),
    )
    if done:
        return done
    return render(
        request,
        "monitoring/reopen_form.html",
        {"form": form, "title": _("Reopen a period"), "cancel_url": reverse("monitoring:reopen_list")},
    )


urlpatterns: list = [
    path("pembukaan/", reopen_list, name="reopen_list"),
    path("pembukaan/baru/", reopen_create, name="reopen_create"),
]
