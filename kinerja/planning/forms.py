"""Input shapes of the SKP screens. The services check every rule; these forms only shape what was typed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.org.forms import ReasonField
from kinerja.planning.models import Arah, Aspek, JenisRHK, JenisTarget

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
    target_teks = forms.CharField(
        label=_("Qualitative target"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only for a qualitative target: the expected result in words."),
    )

    def __init__(self, *args, periods=(), **kwargs):
        """`periods`: the evaluation periods of the SKP's year, each with an optional target of its own."""
        super().__init__(*args, **kwargs)
        self.period_names = []
        for p in periods:
            name = f"periode_{p.nomor}"
            self.fields[name] = forms.CharField(label=p.nama, required=False, max_length=200)
            self.period_names.append((p.nomor, name))

    def period_fields(self):
        return [self[name] for _nomor, name in self.period_names]

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
