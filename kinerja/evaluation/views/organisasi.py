"""Organisation results: the units whose capaian and predikat kinerja organisasi the user records (the units
below the ones they head; every unit for the admin BKPSDM), for a period or the year, and the form."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.accounts.permissions import access_of
from kinerja.core.views_util import form_page, submitted
from kinerja.evaluation import permissions, services
from kinerja.evaluation.models import ORGANISASI_CHOICES
from kinerja.evaluation.selectors import lookups
from kinerja.evaluation.views.span import span_from

LIMIT = 300


class HasilForm(forms.Form):
    capaian = forms.CharField(
        label=gettext_lazy("Organisation achievement (%)"),
        max_length=10,
        help_text=gettext_lazy("From the unit's performance report, e.g. 97,5."),
    )
    predikat = forms.ChoiceField(label=gettext_lazy("Organisation predikat"), choices=ORGANISASI_CHOICES)
    bukti = forms.CharField(
        label=gettext_lazy("Evidence"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("The report or decree the result comes from (title, number, date)."),
    )
    tautan = forms.URLField(
        label=gettext_lazy("Evidence link"), required=False, max_length=500, assume_scheme="https"
    )


def _instansi(request):
    access = access_of(request.user)
    if access.instansi_id is None:
        raise PermissionDenied(_("Organisation results are recorded within an agency."))
    units = permissions.organisation_units_for(request.user, access.instansi_id)
    if not units.exists():
        raise PermissionDenied(
            _(
                "Organisation results are recorded by the leaders of units with units below them, and the BKPSDM."
            )
        )
    return units, request.user.instansi


def organisasi(request):
    units, instansi = _instansi(request)
    tahun, periode, periods, _today = span_from(request, instansi)
    units = list(units.order_by("path")[:LIMIT])
    by_unit = lookups.results_by_unit(units, tahun, periode)
    context = {
        "rows": [(u, by_unit.get(u.pk)) for u in units],
        "tahun": tahun,
        "periode": periode,
        "periods": periods,
        "query": f"tahun={tahun}&periode={periode.nomor if periode else 'tahunan'}",
    }
    return render(request, "evaluation/organisasi.html", context)


def organisasi_catat(request, unit_pk: int):
    _units, instansi = _instansi(request)
    unit = lookups.get_unit_or_404(instansi.pk, unit_pk)
    if not permissions.can_record_organisation(request.user, unit):
        raise PermissionDenied(
            _("You do not record the organisation result of %(unit)s.") % {"unit": unit.nama}
        )
    tahun, periode, _periods, _today = span_from(request, instansi)
    found = lookups.result_of(unit, tahun, periode)
    initial = (
        {"capaian": found.capaian, "predikat": found.predikat, "bukti": found.bukti, "tautan": found.tautan}
        if found
        else {}
    )
    form = HasilForm(request.POST or None, initial=initial)
    back = (
        f"{reverse('evaluation:organisasi')}?tahun={tahun}&periode={periode.nomor if periode else 'tahunan'}"
    )
    done = submitted(
        request,
        form,
        lambda d: services.hasil_organisasi_simpan(
            actor=request.user, unit=unit, tahun=tahun, periode=periode, **d
        ),
        success=_("The organisation result of %(unit)s was recorded.") % {"unit": unit.nama},
        then=back,
    )
    if done:
        return done
    span = periode.nama if periode else _("the year %(year)s") % {"year": tahun}
    return form_page(
        request,
        form,
        title=_("Organisation result of %(unit)s, %(span)s") % {"unit": unit.nama, "span": span},
        cancel_url=back,
        intro=_("For the head of the unit this result is their work result rating (PermenPANRB 6/2022)."),
    )


urlpatterns: list = [
    path("organisasi/", organisasi, name="organisasi"),
    path("organisasi/<int:unit_pk>/", organisasi_catat, name="organisasi_catat"),
]
