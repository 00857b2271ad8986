"""Input shapes of the realisasi screens. The services check every rule; these forms only shape what was typed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.org.forms import ReasonField

ACCEPT = "image/*,application/pdf,.pdf,.jpg,.jpeg,.png,.webp,.heic,.heif,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods"


class EvidenceFields(forms.Form):
    """An optional file and an optional link (both may be given)."""

    berkas = forms.FileField(
        label=_("Evidence file"),
        required=False,
        help_text=_("A photo, a PDF or an office document; checked by its content. Optional."),
    )
    judul = forms.CharField(label=_("Evidence title"), required=False, max_length=200)
    tautan = forms.CharField(
        label=_("Evidence link"),
        required=False,
        max_length=500,
        help_text=_("An http(s) address, e.g. a shared folder. Optional."),
    )


class RealisasiForm(EvidenceFields):
    kunci = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
    nilai = forms.CharField(label=_("Realisation"), required=False, max_length=40)
    nilai_teks = forms.CharField(
        label=_("What was achieved"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )
    narasi = forms.CharField(
        label=_("Narrative"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was done, what helped or held it back. Optional."),
    )
    field_order = ["kunci", "nilai", "nilai_teks", "narasi", "berkas", "judul", "tautan"]

    def __init__(self, *args, numeric: bool, satuan: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if numeric:
            del self.fields["nilai_teks"]
            self.fields["nilai"].help_text = _("A number in %(unit)s, e.g. 92,5 or 1.250.") % {
                "unit": satuan or "-"
            }
        else:
            del self.fields["nilai"]


class BuktiForm(EvidenceFields):
    def clean(self):
        data = super().clean()
        if not data.get("berkas") and not (data.get("tautan") or "").strip():
            raise forms.ValidationError(_("Choose a file or give a link."))
        return data


class WithdrawForm(forms.Form):
    reason = ReasonField(label=_("Why is this evidence withdrawn?"))
