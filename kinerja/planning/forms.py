"""Input shapes of the planning screens: the SKP's own forms, then the leaders' and administrators' (inbox,
corrections, years, the list's filters). The services check every rule; these forms only shape what was typed."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.core.formats import parse_int
from kinerja.org import selectors as org_selectors
from kinerja.org.forms import DateInput, ReasonField
from kinerja.org.models import SkemaPeriode
from kinerja.planning import rules
from kinerja.planning.models import Akumulasi, Arah, Aspek, JenisRHK, JenisTarget, StatusSKP

KUNCI = forms.HiddenInput


class KunciForm(forms.Form):
    """The change counter of the SKP as the page showed it (optimistic locking)."""

    kunci = forms.IntegerField(widget=KUNCI, min_value=0)

    def clean(self):
        # A hidden field's error would show nowhere: say it on top of the form.
        if "kunci" in self.errors:
            self.add_error(
                None, _("The form was incomplete; nothing was changed. Reload the page and try again.")
            )
        return super().clean()


class StartForm(forms.Form):
    salin = forms.BooleanField(
        label=_("Copy the RHK, indicators and attachments of my SKP of last year"),
        required=False,
        help_text=_(
            "Links to last year's RHK of your assessing official and the expectations are not copied."
        ),
    )


class RHKForm(KunciForm):
    jenis = forms.ChoiceField(label=_("Kind of RHK"), choices=JenisRHK.choices, initial=JenisRHK.UTAMA)
    uraian = forms.CharField(
        label=_("Planned work result (RHK)"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    rhk_atasan = forms.ChoiceField(label=_("Supported RHK of the assessing official"), required=False)
    perspektif = forms.ChoiceField(label=_("Perspective"), required=False)

    def __init__(self, *args, options=(), perspectives=None, no_penilai=False, **kwargs):
        """`options`: (value, label) of the supervisor's RHK; `perspectives` only for a JPT SKP."""
        super().__init__(*args, **kwargs)
        field = self.fields["rhk_atasan"]
        field.choices = [
            ("", _("— choose the RHK of your assessing official that this RHK supports —")),
            *options,
        ]
        if no_penilai:
            field.help_text = _(
                "Your SKP has no assessing official in the system (e.g. your assessor is the PPK), so no link is "
                "needed."
            )
        elif not options:
            field.help_text = _(
                "Your assessing official has not submitted their SKP yet, so there is no RHK to support. You can "
                "save this RHK now and choose the supported RHK later; it is needed for a main RHK before you "
                "submit."
            )
        else:
            field.help_text = _("A main RHK must support an RHK of your assessing official (cascading).")
        if perspectives is None:
            del self.fields["perspektif"]
        else:
            self.fields["perspektif"].choices = [("", "—"), *perspectives]
            self.fields["perspektif"].help_text = _(
                "A main RHK of a senior executive SKP needs a perspective."
            )


class IndikatorForm(KunciForm):
    uraian = forms.CharField(
        label=_("Individual performance indicator"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
    aspek = forms.ChoiceField(label=_("Aspect"), choices=Aspek.choices, initial=Aspek.KUANTITAS)
    jenis_target = forms.ChoiceField(
        label=_("Kind of target"), choices=JenisTarget.choices, initial=JenisTarget.ANGKA
    )
    target = forms.CharField(
        label=_("Target (number)"),
        required=False,
        max_length=40,
        help_text=_("A number as you write it, e.g. 100, 92,5 or 1.250."),
    )
    satuan = forms.CharField(
        label=_("Unit of measure"), required=False, max_length=50, help_text=_("e.g. dokumen, %, hari.")
    )
    arah = forms.ChoiceField(label=_("Direction"), choices=Arah.choices, initial=Arah.NAIK)
    akumulasi = forms.ChoiceField(
        label=_("How the periods add up to the year"),
        choices=[("", _("Automatic, from the unit")), *Akumulasi.choices],
        required=False,
        help_text=_("Sum (documents served), latest value (coverage %), or average."),
    )
    target_teks = forms.CharField(
        label=_("Qualitative target"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only for a qualitative target: the expected result in words."),
    )

    def __init__(self, *args, periods=(), **kwargs):
        """`periods`: the evaluation periods of the SKP's year, each with an optional target of its own."""
        super().__init__(*args, **kwargs)
        # Required for one kind of target only: marked as required (see includes/field.html), checked in clean.
        for name in ("target", "satuan"):
            self.fields[name].required_for_choice = JenisTarget.ANGKA  # type: ignore[attr-defined]
        self.fields["target_teks"].required_for_choice = JenisTarget.KUALITATIF  # type: ignore[attr-defined]
        self.period_names = []
        for p in periods:
            name = f"periode_{p.nomor}"
            self.fields[name] = forms.CharField(label=p.nama, required=False, max_length=200)
            self.period_names.append((p.nomor, name))

    def period_fields(self):
        return [self[name] for _nomor, name in self.period_names]

    def clean(self):
        """Check the target with the service's rules too, so that every problem shows at once (an empty
        description and a wrong target in one answer); the service checks them again."""
        cleaned = super().clean()
        kind = cleaned.get("jenis_target")
        if kind:
            _values, errors = rules.target_values(
                kind, cleaned.get("target", ""), cleaned.get("satuan", ""), cleaned.get("target_teks", "")
            )
            periods = {nomor: cleaned.get(name) for nomor, name in self.period_names}
            _periods, period_errors = rules.target_per_period(periods, kind)
            errors |= {f"periode_{nomor}": message for nomor, message in period_errors.items()}
            for name, message in errors.items():
                if name in self.fields and name not in self.errors:
                    self.add_error(name, message)
        return cleaned

    def main_fields(self):
        return [f for f in self.visible_fields() if not f.name.startswith("periode_")]

    def values(self) -> dict:
        d = self.cleaned_data
        return {
            "uraian": d["uraian"],
            "aspek": d["aspek"],
            "jenis_target": d["jenis_target"],
            "target": d["target"],
            "satuan": d["satuan"],
            "arah": d["arah"],
            "akumulasi": d["akumulasi"],
            "target_teks": d["target_teks"],
            "target_periode": {nomor: d[name] for nomor, name in self.period_names if d.get(name)},
        }


LINES = _("One item per line.")


class LampiranForm(KunciForm):
    dukungan_sumber_daya = forms.CharField(
        label=_("Resource support"), required=False, widget=forms.Textarea(attrs={"rows": 4}), help_text=LINES
    )
    skema_pertanggungjawaban = forms.CharField(
        label=_("Accountability scheme"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=LINES,
    )
    konsekuensi = forms.CharField(
        label=_("Consequences"), required=False, widget=forms.Textarea(attrs={"rows": 4}), help_text=LINES
    )


class ReasonForm(KunciForm):
    reason = ReasonField(widget=forms.Textarea(attrs={"rows": 3}))


class ApproveForm(KunciForm):
    """One textarea per BerAKHLAK value of the SKP: the leader's specific expectation."""

    def __init__(self, *args, perilaku=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.codes = []
        for p in perilaku:
            name = f"ekspektasi_{p.kode}"
            self.fields[name] = forms.CharField(
                label=p.nama,
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=p.ekspektasi,
                help_text="; ".join(p.indikator),
            )
            self.codes.append((p.kode, name))

    def ekspektasi(self) -> dict[str, str]:
        return {kode: self.cleaned_data.get(name, "") for kode, name in self.codes}


class ImportUploadForm(forms.Form):
    berkas = forms.FileField(
        label=_("File (.xlsx or .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )


class ImportApplyForm(KunciForm):
    token = forms.CharField(widget=forms.HiddenInput)


# Leaders and administrators ---------------------------------------------------------------------------------


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
            pk = parse_int(value, low=1)
            if pk is None:
                continue
            items.append((pk, parse_int(self.data.get(f"kunci_{value}"))))
        if not items:
            raise forms.ValidationError(_("Select at least one SKP to approve."))
        cleaned["items"] = list(dict(items).items())
        return cleaned

    def selected(self) -> set[int]:
        """The ids ticked in the submitted form (to tick them again when the page is shown anew)."""
        values = self.data.getlist("skp") if hasattr(self.data, "getlist") else []
        return {pk for pk in (parse_int(v, low=1) for v in values) if pk is not None}


def clean_nip(value: str) -> str:
    return re.sub(r"\D", "", value or "")


class ReassignForm(forms.Form):
    penilai = forms.CharField(
        label=_("NIP of the new assessing official"),
        max_length=30,
        help_text=_("An active employee of the same agency; spaces in the NIP are ignored."),
    )
    reason = ReasonField()
    # Hidden until the service warns that the new penilai holds no position above the pegawai; then a checkbox.
    confirm = forms.BooleanField(
        label=_("Yes, this person assesses the SKP although they hold no position above the employee."),
        required=False,
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, instansi, **kwargs):
        super().__init__(*args, **kwargs)
        self.instansi = instansi

    def add_error(self, field, error):
        if field == "confirm":
            self.fields["confirm"].widget = forms.CheckboxInput()
        super().add_error(field, error)

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
    q = forms.CharField(label=_("Name or NIP"), required=False, max_length=100)

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
