"""Input shapes of the leaders' and administrators' planning screens. Business rules stay in the services."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.org import selectors as org_selectors
from kinerja.org.forms import DateInput, ReasonField
from kinerja.org.models import SkemaPeriode
from kinerja.planning.models import StatusSKP


class BulkApproveForm(forms.Form):
    """The inbox's bulk approval: fields `skp` (ids, repeated) and `kunci_<id>` for each, and the confirmation."""

    tahun = forms.IntegerField(required=False, widget=forms.HiddenInput)
    konfirmasi = forms.BooleanField(
        label=_("I have reviewed every SKP I selected"),
        error_messages={
            "required": _("Confirm that you have reviewed every SKP you selected before approving them.")
        },
    )

    def clean(self):
        cleaned = super().clean()
        items = []
        for value in self.data.getlist("skp") if hasattr(self.data, "getlist") else []:
            if not str(value).isdigit():
                continue
            kunci = str(self.data.get(f"kunci_{value}", ""))
            items.append((int(value), int(kunci) if kunci.isdigit() else None))
        if not items:
            raise forms.ValidationError(_("Select at least one SKP to approve."))
        cleaned["items"] = list(dict(items).items())
        return cleaned

    def selected(self) -> set[int]:
        """The ids ticked in the submitted form (to tick them again when the page is shown anew)."""
        values = self.data.getlist("skp") if hasattr(self.data, "getlist") else []
        return {int(v) for v in values if str(v).isdigit()}


def clean_nip(value: str) -> str:
    return re.sub(r"\D", "", value or "")


class ReassignForm(forms.Form):
    penilai = forms.CharField(
        label=_("NIP of the new assessing official"),
        max_length=30,
        help_text=_("An active employee of the same agency; spaces in the NIP are ignored."),
    )
    reason = ReasonField()

    def __init__(self, *args, instansi, **kwargs):
        super().__init__(*args, **kwargs)
        self.instansi = instansi

    def clean_penilai(self):
        nip = clean_nip(self.cleaned_data["penilai"])
        pegawai = org_selectors.pegawai_by_nip(self.instansi, [nip]).first() if nip else None
        if pegawai is None:
            raise forms.ValidationError(
                _("No employee of this agency has the NIP %(nip)s."),
                params={"nip": self.cleaned_data["penilai"]},
            )
        return pegawai


class ExtendForm(forms.Form):
    tenggat = forms.DateField(label=_("New deadline"), widget=DateInput)
    reason = ReasonField()


class YearOpenForm(forms.Form):
    tahun = forms.IntegerField(label=_("Performance year"), min_value=2000, max_value=2100)
    skema_periode = forms.ChoiceField(
        label=_("Evaluation periods"),
        required=False,
        choices=[("", _("As the published assessment framework says")), *SkemaPeriode.choices],
    )
    tenggat_skp = forms.DateField(
        label=_("Deadline for SKP"),
        required=False,
        widget=DateInput,
        help_text=_("Leave empty to take the framework's deadline (or the end of January)."),
    )
    hari_tenggat_skp_baru = forms.IntegerField(
        label=_("Days for an SKP that starts later in the year"),
        min_value=1,
        max_value=366,
        initial=30,
    )


class YearEditForm(forms.Form):
    tenggat_skp = forms.DateField(label=_("Deadline for SKP"), widget=DateInput)
    hari_tenggat_skp_baru = forms.IntegerField(
        label=_("Days for an SKP that starts later in the year"), min_value=1, max_value=366
    )
    reason = ReasonField()


class PeriodeEditForm(forms.Form):
    tenggat_input = forms.DateField(label=_("Input deadline"), widget=DateInput)
    reason = ReasonField()


class ListFilterForm(forms.Form):
    """The filters of the SKP list and its Excel download (read from the query string)."""

    tahun = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
    unit = forms.TypedChoiceField(label=_("Unit"), coerce=int, required=False, empty_value=None)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *StatusSKP.choices]
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = {u.pk: u for u in units}
        self.fields["unit"].choices = [
            ("", _("All units I may see")),
            *((u.pk, "\u2003" * (u.path.count("/") - 2) + u.nama) for u in units),
        ]

    def value(self, name):
        """A filter's clean value; a value the user may not choose counts as no filter."""
        self.is_valid()
        return getattr(self, "cleaned_data", {}).get(name)
