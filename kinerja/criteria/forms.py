"""Input shapes of the framework screens. Business rules stay in services and rules; these only shape input."""

from decimal import Decimal

from django import forms
from django.forms import BaseFormSet, formset_factory
from django.utils.translation import gettext_lazy as _

from kinerja.criteria import defaults, rules
from kinerja.criteria.models import SETTING_FIELDS, Bagian, JenisKompetensi, Kerangka
from kinerja.org.forms import DateInput, ReasonField
from kinerja.org.models import JenisJabatan, JenjangFungsional

# Labels of the codes the rule tables hold (the codes themselves are the regulation's words).
LABELS = {
    "rating": rules.RATING_LABELS,
    "predikat": rules.PREDIKAT_LABELS,
    "organisasi": rules.ORGANISASI_LABELS,
    "jenis_distribusi": {
        "min": _("at least"),
        "maks": _("at most"),
        "ada": _("at least one employee"),
    },
    "pendekatan": {"kuantitatif": _("Quantitative"), "kualitatif": _("Qualitative")},
    "jenjang": dict(JenjangFungsional.choices),
    "jenis_jabatan": dict(JenisJabatan.choices),
}

SECTION_LABELS = {
    "pengaturan": _("Settings"),
    "perilaku": _("BerAKHLAK values"),
    "kompetensi": _("Competency dictionary"),
    "standar": _("Required competency levels"),
    "kriteria_lokal": _("Agency criteria"),
    **dict(Bagian.choices),
}


def choices(group: str, codes) -> list[tuple[str, str]]:
    return [(code, LABELS[group].get(code, code)) for code in codes]


def json_number(value: Decimal | None):
    """A form's decimal as the JSON number the rule tables store (whole numbers stay integers)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def plain_decimal(value: Decimal) -> str:
    """A decimal as text without exponent or trailing zeros ("12.5", "25"), as the coefficients are stored."""
    return format(value.normalize(), "f")


class NumberInput(forms.NumberInput):
    def __init__(self, attrs=None):
        super().__init__(attrs={"step": "any", **(attrs or {})})


# Versions ---------------------------------------------------------------------------------------------------


class StartForm(forms.Form):
    tahun = forms.IntegerField(
        label=_("Performance year"),
        help_text=_(
            "The new draft copies the latest version of that year, else the last published year, else the defaults."
        ),
    )


class PublishForm(forms.Form):
    berlaku_mulai = forms.DateField(label=_("In force from"), widget=DateInput())
    alasan = ReasonField(
        required=False,
        label=_("Reason for this version"),
        help_text=_("Required when this version replaces a published one."),
    )

    def __init__(self, *args, needs_reason: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["alasan"].required = needs_reason


# What a setting means beyond its label, where a reader would otherwise see a contradiction (shown on the version's
# page and under the field).
SETTING_NOTES = {
    "tenggat_skp": _(
        "The default given to a performance year when it is opened. Each year then keeps its own SKP deadline "
        "(SKP administration, Performance years), which the BKPSDM may change: that one is in force."
    ),
}


class SettingsForm(forms.ModelForm):
    promosi_predikat_minimal = forms.ChoiceField(
        label=_("minimum predikat for promotion"), choices=choices("predikat", rules.PREDIKAT)
    )

    class Meta:
        model = Kerangka
        fields = SETTING_FIELDS
        widgets = {"tenggat_skp": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in SETTING_FIELDS:
            source = defaults.SUMBER.get(name) or defaults.SUMBER["promosi"]
            help_text = _("Default source: %(source)s") % {"source": source}
            if name in SETTING_NOTES:
                help_text = f"{SETTING_NOTES[name]} {help_text}"
            self.fields[name].help_text = help_text

    def _post_clean(self):
        # The service checks the values (and full_clean()s the version); the form only shapes them.
        pass

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in SETTING_FIELDS}


class CompareForm(forms.Form):
    a = forms.TypedChoiceField(label=_("Older version"), coerce=int)
    b = forms.TypedChoiceField(label=_("Newer version"), coerce=int)

    def __init__(self, *args, versions=(), **kwargs):
        super().__init__(*args, **kwargs)
        options = [(k.pk, f"{k.tahun} v{k.versi} · {k.get_status_display()}") for k in versions]
        for name in ("a", "b"):
            self.fields[name].choices = [("", "—"), *options]


# Content ----------------------------------------------------------------------------------------------------


class GuidanceForm(forms.Form):
    """One guidance text per BerAKHLAK value; the values and their indicators are national (read-only)."""

    def __init__(self, *args, nilai=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.nilai = list(nilai)
        for n in self.nilai:
            self.fields[f"panduan_{n.kode}"] = forms.CharField(
                label=_("Agency guidance for %(value)s") % {"value": n.nama},
                required=False,
                initial=n.panduan,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def rows(self):
        return [(n, self[f"panduan_{n.kode}"]) for n in self.nilai]

    def guidance(self) -> dict[str, str]:
        return {n.kode: self.cleaned_data[f"panduan_{n.kode}"] for n in self.nilai}


class _EntryForm(forms.Form):
    """An entry of a version's dictionary (a competency, a criterion): a code new in the version, fixed once made."""

    kode = forms.SlugField(
        label=_("Code"), max_length=40, help_text=_("Lower-case letters, digits and underscores.")
    )
    nama = forms.CharField(label=_("Name"), max_length=150)
    deskripsi = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, existing_codes=(), editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.existing_codes = set(existing_codes)
        if editing:
            self.fields["kode"].disabled = True

    @classmethod
    def for_entry(cls, data, entries, entry=None, **kwargs):
        """The form adding an entry to `entries`, or editing `entry` (from the subclass's `initial_for`)."""
        if entry is None:
            return cls(data, existing_codes=entries.values_list("kode", flat=True), **kwargs)
        return cls(data, initial=cls.initial_for(entry), editing=True, **kwargs)

    def clean_kode(self):
        kode = self.cleaned_data["kode"].strip().lower()
        if not self.fields["kode"].disabled and kode in self.existing_codes:
            raise forms.ValidationError(
                _("This code is already used in this version; edit that entry instead.")
            )
        return kode


class KompetensiForm(_EntryForm):
    jenis = forms.ChoiceField(label=_("Type"), choices=JenisKompetensi.choices)
    field_order = ["kode", "nama", "jenis", "deskripsi"]

    def __init__(self, *args, national: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        for level in rules.LEVELS:
            self.fields[f"level_{level}"] = forms.CharField(
                label=_("Level %(level)s") % {"level": level},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        if national:
            self.fields["jenis"].disabled = True
            self.fields["jenis"].help_text = _("The type of a national competency cannot change.")

    @classmethod
    def initial_for(cls, entry) -> dict:
        initial = {"kode": entry.kode, "nama": entry.nama, "jenis": entry.jenis, "deskripsi": entry.deskripsi}
        initial.update({f"level_{k}": entry.level.get(k, "") for k in rules.LEVELS})
        return initial

    def values(self) -> dict:
        d = self.cleaned_data
        return {
            "kode": d["kode"],
            "nama": d["nama"],
            "jenis": d["jenis"],
            "deskripsi": d["deskripsi"],
            "level": {k: d[f"level_{k}"] for k in rules.LEVELS},
        }


class KriteriaLokalForm(_EntryForm):
    indikator = forms.CharField(
        label=_("Indicators"),
        help_text=_("One indicator per line."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    panduan_skor = forms.CharField(
        label=_("Scoring guide"),
        help_text=_('One score per line, as "score: description", e.g. "5: consistently a role model".'),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )
    urutan = forms.IntegerField(label=_("Order"), min_value=0, initial=0, required=False)

    @classmethod
    def initial_for(cls, entry) -> dict:
        return {
            "kode": entry.kode,
            "nama": entry.nama,
            "deskripsi": entry.deskripsi,
            "indikator": "\n".join(entry.indikator),
            "panduan_skor": "\n".join(
                f"{k}: {v}" for k, v in sorted(entry.panduan_skor.items(), key=lambda kv: _score_order(kv[0]))
            ),
            "urutan": entry.urutan,
        }

    def clean_indikator(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["indikator"].splitlines() if line.strip()]

    def clean_panduan_skor(self) -> dict[str, str]:
        guide = {}
        for line in self.cleaned_data["panduan_skor"].splitlines():
            if not line.strip():
                continue
            score, sep, text = line.partition(":")
            if not sep:
                raise forms.ValidationError(
                    _('Write each line as "score: description"; this line has no colon: %(line)s')
                    % {"line": line.strip()}
                )
            guide[score.strip()] = text.strip()
        return guide

    def values(self) -> dict:
        d = self.cleaned_data
        return {
            "kode": d["kode"],
            "nama": d["nama"],
            "deskripsi": d["deskripsi"],
            "indikator": d["indikator"],
            "panduan_skor": d["panduan_skor"],
            "urutan": d["urutan"] or 0,
        }


def _score_order(key: str):
    return (0, int(key)) if key.isdigit() else (1, key)


# Rule sections ----------------------------------------------------------------------------------------------


class SectionFormSet(BaseFormSet):
    """A whole rule section; a refusal of the service lands on the section (see core.views_util.run_service)."""

    fields: dict = {}

    def add_error(self, field, errors) -> None:
        messages = errors if isinstance(errors, list | tuple) else [errors]
        self._non_form_errors = self.error_class(
            [*self.non_form_errors(), *messages], error_class="nonform", renderer=self.renderer
        )

    def rows(self) -> list[dict]:
        return [
            form.row()
            for form in self.forms
            if form.cleaned_data and not (self.can_delete and self._should_delete_form(form))
        ]


class RatingRow(forms.Form):
    rating = forms.CharField(widget=forms.HiddenInput)
    min = forms.DecimalField(label=_("From (percent of target)"), widget=NumberInput())
    max = forms.DecimalField(
        label=_("Up to (percent of target, not included)"),
        required=False,
        help_text=_("Empty: no upper limit."),
        widget=NumberInput(),
    )

    def row(self) -> dict:
        d = self.cleaned_data
        return {"rating": d["rating"], "min": json_number(d["min"]), "max": json_number(d["max"])}


class PredikatCell(forms.Form):
    hasil = forms.CharField(widget=forms.HiddenInput)
    perilaku = forms.CharField(widget=forms.HiddenInput)
    predikat = forms.ChoiceField(
        label=_("Predikat"), choices=[("", "—"), *choices("predikat", rules.PREDIKAT)]
    )

    def row(self) -> dict:
        d = self.cleaned_data
        return {"hasil": d["hasil"], "perilaku": d["perilaku"], "predikat": d["predikat"]}


class DistribusiRow(forms.Form):
    organisasi = forms.ChoiceField(
        label=_("Organisation predikat"), choices=choices("organisasi", rules.PREDIKAT_ORGANISASI)
    )
    jenis = forms.ChoiceField(label=_("Rule"), choices=choices("jenis_distribusi", ("min", "maks", "ada")))
    persen = forms.DecimalField(
        label=_("Percent of employees"),
        required=False,
        help_text=_("Empty for 'at least one employee'."),
        widget=NumberInput(),
    )
    predikat = forms.MultipleChoiceField(
        label=_("Employee predikat counted"),
        choices=choices("predikat", rules.PREDIKAT),
        widget=forms.CheckboxSelectMultiple,
    )

    def row(self) -> dict:
        d = self.cleaned_data
        chosen = list(d["predikat"])
        initial = list(self.initial.get("predikat") or [])
        # Keep the stored order when the same predikat are ticked, so an unchanged row stays unchanged.
        if set(chosen) == set(initial):
            chosen = initial
        persen = None if d["jenis"] == "ada" else json_number(d["persen"])
        return {"organisasi": d["organisasi"], "predikat": chosen, "jenis": d["jenis"], "persen": persen}


class AkPersenRow(forms.Form):
    predikat = forms.CharField(widget=forms.HiddenInput)
    persen = forms.DecimalField(label=_("Percent of the annual coefficient"), widget=NumberInput())

    def row(self) -> dict:
        return {"predikat": self.cleaned_data["predikat"], "persen": json_number(self.cleaned_data["persen"])}


class AkKoefisienRow(forms.Form):
    jenjang = forms.ChoiceField(label=_("Functional level"), choices=choices("jenjang", rules.JENJANG))
    koefisien = forms.DecimalField(label=_("Annual coefficient"), widget=NumberInput())

    def row(self) -> dict:
        return {
            "jenjang": self.cleaned_data["jenjang"],
            "koefisien": plain_decimal(self.cleaned_data["koefisien"]),
        }


class DisiplinRow(forms.Form):
    hari_min = forms.IntegerField(label=_("From day"), widget=NumberInput())
    hari_maks = forms.IntegerField(
        label=_("Up to day"), required=False, help_text=_("Empty: no upper limit."), widget=NumberInput()
    )
    sanksi = forms.CharField(label=_("Sanction"), max_length=300)
    bulan = forms.IntegerField(
        label=_("Months"),
        required=False,
        help_text=_("How long the sanction lasts, if it lasts."),
        widget=NumberInput(),
    )

    def row(self) -> dict:
        d = self.cleaned_data
        return {
            "hari_min": d["hari_min"],
            "hari_maks": d["hari_maks"],
            "sanksi": d["sanksi"],
            "bulan": d["bulan"],
        }


class PendekatanRow(forms.Form):
    jenis_jabatan = forms.CharField(widget=forms.HiddenInput)
    pendekatan = forms.ChoiceField(label=_("Approach"), choices=choices("pendekatan", rules.PENDEKATAN))

    def row(self) -> dict:
        return {
            "jenis_jabatan": self.cleaned_data["jenis_jabatan"],
            "pendekatan": self.cleaned_data["pendekatan"],
        }


class PerspektifRow(forms.Form):
    kode = forms.SlugField(label=_("Code"), max_length=60)
    nama = forms.CharField(label=_("Name"), max_length=200)

    def row(self) -> dict:
        return {"kode": self.cleaned_data["kode"], "nama": self.cleaned_data["nama"]}


def _fixed(key: str, codes):
    """Sections with one row per code: the stored rows in the codes' order, missing codes as empty rows."""

    def initial(rows: list[dict]) -> list[dict]:
        by_code = {r.get(key): r for r in rows}
        return [by_code.get(code, {key: code}) for code in codes]

    return initial


def _predikat_initial(rows: list[dict]) -> list[dict]:
    cells = {(r.get("hasil"), r.get("perilaku")): r for r in rows}
    return [cells.get((h, p), {"hasil": h, "perilaku": p}) for h in rules.RATINGS for p in rules.RATINGS]


def _as_stored(rows: list[dict]) -> list[dict]:
    return list(rows)


# Each section: its row form, how many blank rows to offer, whether rows may be removed, and the initial rows.
SECTIONS = {
    Bagian.RATING: (RatingRow, 0, False, _fixed("rating", rules.RATINGS)),
    Bagian.PREDIKAT: (PredikatCell, 0, False, _predikat_initial),
    Bagian.DISTRIBUSI: (DistribusiRow, 2, True, _as_stored),
    Bagian.AK_PERSEN: (AkPersenRow, 0, False, _fixed("predikat", rules.PREDIKAT)),
    Bagian.AK_KOEFISIEN: (AkKoefisienRow, 1, True, _as_stored),
    Bagian.DISIPLIN: (DisiplinRow, 1, True, _as_stored),
    Bagian.PENDEKATAN: (PendekatanRow, 0, False, _fixed("jenis_jabatan", rules.JENIS_JABATAN)),
    Bagian.PERSPEKTIF: (PerspektifRow, 1, True, _as_stored),
}

SECTION_PREFIX = "rows"


def section_formset(bagian: str, stored_rows: list[dict], data=None) -> SectionFormSet:
    form, extra, can_delete, initial = SECTIONS[bagian]
    fixed = not can_delete
    formset_class = formset_factory(
        form,
        formset=SectionFormSet,
        extra=extra,
        can_delete=can_delete,
        can_delete_extra=False,
        max_num=len(initial(stored_rows)) if fixed else 1000,
        validate_max=fixed,
        absolute_max=1000,
    )
    return formset_class(data, initial=[_unlocalised(r) for r in initial(stored_rows)], prefix=SECTION_PREFIX)


def _unlocalised(row: dict) -> dict:
    """Fractions as plain text: a template would print 104.5 as "104,5" in Indonesian, which a number input
    cannot hold."""
    return {
        k: plain_decimal(Decimal(str(v))) if isinstance(v, float | Decimal) else v for k, v in row.items()
    }


class SectionReasonForm(forms.Form):
    reason = ReasonField(required=False, help_text=_("Recorded in the audit trail with the change."))


# Required competency levels ---------------------------------------------------------------------------------


class StandarGridForm(forms.Form):
    """Required levels of a page of positions × the competencies of the version (blank: not required)."""

    def __init__(self, *args, positions=(), kompetensi=(), levels=None, **kwargs):
        super().__init__(*args, **kwargs)
        levels = levels or {}
        self.grid = []
        for jabatan in positions:
            cells = []
            for k in kompetensi:
                name = f"l_{jabatan.pk}_{k.pk}"
                self.fields[name] = forms.CharField(
                    label=k.nama,
                    required=False,
                    max_length=10,
                    initial=levels.get((jabatan.pk, k.pk)),
                    widget=forms.NumberInput(attrs={"min": 1, "max": 5, "step": 1}),
                )
                cells.append((k, name))
            self.grid.append((jabatan, cells))

    def rows(self):
        return [(jabatan, [(k, self[name]) for k, name in cells]) for jabatan, cells in self.grid]

    def items(self) -> list[tuple]:
        """(jabatan, kompetensi, level) for every cell; a level that is not a whole number goes on as typed,
        for the service to refuse with its message."""
        result = []
        for jabatan, cells in self.grid:
            for k, name in cells:
                raw = self.cleaned_data[name].strip()
                result.append((jabatan, k, _level(raw)))
        return result


def _level(raw: str):
    if not raw:
        return None
    try:
        number = Decimal(raw.replace(",", "."))
    except ArithmeticError:
        return raw
    return int(number) if number.is_finite() and number == number.to_integral_value() else raw


class ImportForm(forms.Form):
    berkas = forms.FileField(
        label=_("File (.xlsx or .csv, at most 5 MB)"),
        help_text=_(
            "Columns: jabatan_id (or kode_unit and nama_jabatan), kompetensi (code or name) and level (1 to 5)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )


class ApplyImportForm(forms.Form):
    payload = forms.CharField(widget=forms.HiddenInput)
