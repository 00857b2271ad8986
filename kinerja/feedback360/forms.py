"""Input of 360 feedback: opening a round, a rater's form (built from the questionnaire), peers, the competency
profile."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.feedback360.selectors.questionnaire import Item, level_choices
from kinerja.org.forms import DateInput
from kinerja.org.models import Pegawai, UnitKerja
from kinerja.planning.models import Periode


class RondeForm(forms.Form):
    nama = forms.CharField(label=_("Name of the round"), max_length=150)
    unit = forms.ModelChoiceField(
        label=_("Unit (with the units below it)"),
        queryset=UnitKerja.objects.none(),
        required=False,
        empty_label=_("The whole agency"),
    )
    periode = forms.ModelChoiceField(
        label=_("Period"), queryset=Periode.objects.none(), required=False, empty_label=_("The whole year")
    )
    tanggal_tutup = forms.DateField(label=_("Closing date (the last day to answer)"), widget=DateInput())

    def __init__(self, *args, instansi, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = UnitKerja.objects.filter(instansi=instansi).order_by("path")
        self.fields["periode"].queryset = Periode.objects.filter(
            tahun_kinerja__instansi=instansi, tahun_kinerja__tahun=today.year
        ).order_by("nomor")
        self.fields["tanggal_tutup"].initial = today + datetime.timedelta(days=14)
        # Ordered by the tree, indented by depth: units of the same name in different dinas stay apart.
        self.fields["unit"].label_from_instance = lambda u: f"{'— ' * u.depth}{u.nama}"
        self.today = today

    def clean_tanggal_tutup(self):
        # Also the service's rule, checked here so that it shows with the other errors of the form at once.
        value = self.cleaned_data["tanggal_tutup"]
        if value < self.today:
            raise forms.ValidationError(_("The closing date cannot be in the past."))
        return value


def field_name(item: Item) -> str:
    return item.key.replace(":", "__")


class FormulirForm(forms.Form):
    """One select per question (blank: not answered yet; "x": cannot judge) and a comment. Saving a draft accepts
    blanks; submitting needs every question answered (the service says which are missing)."""

    komentar = forms.CharField(
        label=_("Comments (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Describe behaviour you saw. Peers' and subordinates' comments are shown without names, only "
            "when enough of them answered."
        ),
    )

    def __init__(self, *args, items: list[Item], **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            self.fields[field_name(item)] = forms.ChoiceField(
                label=item.nama, choices=level_choices(item), required=False
            )

    def rows(self):
        return [(item, self[field_name(item)]) for item in self.items]

    def values(self, data) -> dict:
        return {
            "nilai": {item.key: data.get(field_name(item)) for item in self.items},
            "komentar": data["komentar"],
        }


def draft_initial(items: list[Item], draf: dict) -> dict:
    given = (draf or {}).get("nilai", {})
    initial = {field_name(i): str(given[i.key]) for i in items if given.get(i.key) is not None}
    initial["komentar"] = (draf or {}).get("komentar", "")
    return initial


class RekanForm(forms.Form):
    rekan = forms.MultipleChoiceField(
        label=_("Peers"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    nip_lain = forms.CharField(
        label=_("Other peers by NIP"),
        required=False,
        help_text=_("Separate several NIP with commas."),
    )

    def __init__(self, *args, candidates: list[Pegawai], instansi_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.instansi_id = instansi_id
        self.fields["rekan"].choices = [(str(p.pk), f"{p.nama_lengkap} ({p.nip})") for p in candidates]

    def chosen(self, data) -> tuple[list[int], list[str]]:
        """The ticked peers, and the NIP typed for others (the service finds them in the agency)."""
        ids = [int(v) for v in data.get("rekan") or []]
        nips = [n.strip() for n in (data.get("nip_lain") or "").split(",") if n.strip()]
        return ids, nips


class ProfilForm(forms.Form):
    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows_ = rows
        choices = [("", _("— not set —"))] + [(str(n), str(n)) for n in range(1, 6)]
        for row in rows:
            k = row.standar.kompetensi
            self.fields[f"level_{k.pk}"] = forms.ChoiceField(label=k.nama, choices=choices, required=False)
            self.fields[f"catatan_{k.pk}"] = forms.CharField(
                label=_("Note on %(name)s") % {"name": k.nama}, required=False, max_length=500
            )
            if row.saved:
                self.initial[f"level_{k.pk}"] = str(row.saved.level)
                self.initial[f"catatan_{k.pk}"] = row.saved.catatan

    def rows(self):
        return [
            (row, self[f"level_{row.standar.kompetensi.pk}"], self[f"catatan_{row.standar.kompetensi.pk}"])
            for row in self.rows_
        ]

    def values(self, data) -> dict:
        ids = [row.standar.kompetensi_id for row in self.rows_]
        return {
            "levels": {k: data.get(f"level_{k}") for k in ids},
            "catatan": {k: data.get(f"catatan_{k}", "") for k in ids},
        }
