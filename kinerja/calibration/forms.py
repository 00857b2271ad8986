"""Input of calibration: opening a session, a proposed change, the chair's rejection."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.accounts.models import User
from kinerja.calibration.selectors import sesi as selectors
from kinerja.evaluation.models import RATING_CHOICES
from kinerja.org.models import UnitKerja
from kinerja.planning.models import Periode


class SesiForm(forms.Form):
    nama = forms.CharField(label=_("Name of the session"), max_length=150)
    tahun = forms.TypedChoiceField(label=_("Year"), coerce=int)
    periode = forms.ModelChoiceField(
        label=_("Period"), queryset=Periode.objects.none(), required=False, empty_label=_("Annual results")
    )
    units = forms.ModelMultipleChoiceField(
        label=_("Units (each with the units below it)"),
        queryset=UnitKerja.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    ketua = forms.ModelChoiceField(label=_("Chair"), queryset=User.objects.none())
    anggota = forms.ModelMultipleChoiceField(
        label=_("Members"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The chair is a member too. Members see the results and propose changes."),
    )
    catatan = forms.CharField(
        label=_("Notes (optional)"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, instansi, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        years = list(range(today.year, today.year - 3, -1))
        self.fields["tahun"].choices = [(y, str(y)) for y in years]
        self.fields["tahun"].initial = today.year if today.month > 1 else today.year - 1
        self.fields["periode"].queryset = (
            Periode.objects.filter(tahun_kinerja__instansi=instansi, tahun_kinerja__tahun__in=years)
            .select_related("tahun_kinerja")
            .order_by("-tahun_kinerja__tahun", "nomor")
        )
        self.fields["periode"].label_from_instance = lambda p: f"{p.nama} {p.tahun_kinerja.tahun}"
        self.fields["units"].queryset = selectors.unit_choices(instansi.pk)
        self.fields["units"].label_from_instance = lambda u: f"{'— ' * u.depth}{u.nama}"
        self.fields["ketua"].queryset = selectors.chair_choices(instansi.pk)
        self.fields["anggota"].queryset = selectors.member_choices(instansi.pk, today)
        self.fields["ketua"].label_from_instance = self.fields["anggota"].label_from_instance = _person

    def clean(self):
        data = super().clean()
        periode, tahun = data.get("periode"), data.get("tahun")
        if periode is not None and tahun is not None and periode.tahun_kinerja.tahun != tahun:
            self.add_error("periode", _("The period does not belong to %(year)s.") % {"year": tahun})
        return data

    def values(self, data) -> dict:
        return {**data, "units": list(data["units"]), "anggota": list(data["anggota"])}


def _person(user) -> str:
    return f"{user.nama} ({user.username})"


class UsulanForm(forms.Form):
    rating_hasil_kerja = forms.ChoiceField(label=_("Work result rating"), choices=RATING_CHOICES)
    rating_perilaku = forms.ChoiceField(label=_("Work behaviour rating"), choices=RATING_CHOICES)
    alasan = forms.CharField(
        label=_("Why the result should change"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "The employee reads this reason if the change is applied. Name the evidence: achievements, supporting "
            "documents, the 360 results, the unit's organisation result."
        ),
    )


class TolakForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the proposal is rejected"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class KetuaForm(forms.Form):
    ketua = forms.ModelChoiceField(label=_("New chair"), queryset=User.objects.none())

    def __init__(self, *args, instansi_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ketua"].queryset = selectors.chair_choices(instansi_id)
        self.fields["ketua"].label_from_instance = _person
