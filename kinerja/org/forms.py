from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.core.clock import today
from kinerja.org.models import (
    Eselon,
    Instansi,
    Jabatan,
    JenisJabatan,
    JenisKelamin,
    JenisPenugasan,
    JenjangFungsional,
    Pegawai,
    StatusPegawai,
    UnitKerja,
)
from kinerja.org.rules import pegawai_problems


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class ReasonField(forms.CharField):
    def __init__(self, required=True, **kwargs):
        kwargs.setdefault("label", _("Reason"))
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 2}))
        kwargs.setdefault("max_length", 1000)
        super().__init__(required=required, **kwargs)


class InstansiForm(forms.ModelForm):
    reason = ReasonField(required=False)

    class Meta:
        model = Instansi
        fields = ["nama", "tempat", "jabatan_ppk", "zona_waktu", "skema_periode"]


class InstansiSwitchForm(forms.Form):
    """The superuser's choice of the agency to work in (remembered in the session)."""

    instansi = forms.ModelChoiceField(label=_("Agency"), queryset=Instansi.objects.none(), empty_label=None)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instansi"].queryset = agencies


class UnitForm(forms.Form):
    kode = forms.CharField(label=_("Code"), max_length=50)
    nama = forms.CharField(label=_("Name"), max_length=255)
    eselon = forms.ChoiceField(label=_("Echelon"), choices=[("", "—"), *Eselon.choices], required=False)


class UnitCreateForm(UnitForm):
    parent = forms.ModelChoiceField(label=_("Parent unit"), queryset=UnitKerja.objects.none(), required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = units if units is not None else UnitKerja.objects.none()


class UnitMoveForm(forms.Form):
    parent = forms.ModelChoiceField(
        label=_("New parent unit"),
        queryset=UnitKerja.objects.none(),
        required=False,
        empty_label=_("(top level)"),
    )
    tanggal = forms.DateField(label=_("Effective date"), widget=DateInput(), initial=today)
    reason = ReasonField()

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = units if units is not None else UnitKerja.objects.none()


class JabatanForm(forms.Form):
    nama = forms.CharField(label=_("Position name"), max_length=255)
    jenis = forms.ChoiceField(label=_("Position type"), choices=JenisJabatan.choices)
    jenjang = forms.ChoiceField(
        label=_("Functional level"),
        choices=[("", "—"), *JenjangFungsional.choices],
        required=False,
        help_text=_("Only for functional positions."),
    )
    eselon = forms.ChoiceField(label=_("Echelon"), choices=[("", "—"), *Eselon.choices], required=False)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=UnitKerja.objects.none())
    atasan = forms.ModelChoiceField(
        label=_("Position above"),
        queryset=Jabatan.objects.none(),
        required=False,
        empty_label=_("(none: top)"),
    )
    kepala_unit = forms.BooleanField(label=_("This position heads its unit"), required=False)
    reason = ReasonField(required=False)

    def __init__(self, *args, units=None, positions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else UnitKerja.objects.none()
        self.fields["atasan"].queryset = (
            positions.select_related("unit") if positions is not None else Jabatan.objects.none()
        )
        self.fields["atasan"].label_from_instance = lambda j: f"{j.nama} — {j.unit.nama}"


class PegawaiForm(forms.ModelForm):
    # Wider than 18 so a NIP typed with the spaces of the printed form reaches the service's clear message.
    nip = forms.CharField(
        label=_("NIP / NI PPPK"), max_length=30, help_text=_("18 digits; spaces are allowed.")
    )
    tanggal_lahir = forms.DateField(
        label=_("Date of birth"),
        widget=DateInput(),
        required=False,
        help_text=_("Taken from the NIP if empty."),
    )
    jenis_kelamin = forms.ChoiceField(
        label=_("Sex"), choices=[("", _("(from the NIP)")), *JenisKelamin.choices], required=False
    )
    reason = ReasonField(required=False)

    class Meta:
        model = Pegawai
        fields = [
            "nip",
            "status",
            "gelar_depan",
            "nama",
            "gelar_belakang",
            "golongan",
            "grade_pppk",
            "tanggal_lahir",
            "jenis_kelamin",
            "email",
            "telepon",
        ]

    def _post_clean(self):
        # Validation belongs to the service (NIP consistency, uniqueness); the form only shapes input.
        pass

    def clean(self):
        """Check the identity with the service's rules too, so every problem shows in one answer (a wrong NIP
        and a missing golongan together, next to an empty name); the service checks them again."""
        cleaned = super().clean()
        status = cleaned.get("status")
        if status in StatusPegawai.values and "nip" in cleaned:
            _info, errors = pegawai_problems(
                nip=cleaned["nip"],
                status=status,
                golongan=cleaned.get("golongan") or "",
                grade_pppk=cleaned.get("grade_pppk") or "",
                tanggal_lahir=cleaned.get("tanggal_lahir"),
                jenis_kelamin=cleaned.get("jenis_kelamin") or "",
            )
            for name, message in errors.items():
                if name not in self.errors:
                    self.add_error(name, message)
        return cleaned


class PositionPickerMixin:
    """A unit select that narrows the position select (reloaded by htmx), with each seat's holder in its label.

    Small organisations get every position at once; large ones choose the unit first, so the page stays light
    on slow connections."""

    SHOW_ALL_UP_TO = 500

    def setup_positions(self, positions, holders_of, at, reload_url: str) -> None:
        unit_field, field = self.fields["unit"], self.fields["jabatan"]
        unit_field.queryset = UnitKerja.objects.filter(pk__in=positions.values("unit_id")).order_by("path")
        unit_field.widget.attrs.update(
            {
                "hx-get": reload_url,
                "hx-select": "#id_jabatan",
                "hx-target": "#id_jabatan",
                "hx-swap": "outerHTML",
                "hx-trigger": "change",
            }
        )
        unit_id = self.data.get("unit") or self.initial.get("unit")
        if unit_id and str(unit_id).isdigit():
            positions = positions.filter(unit_id=unit_id)
        elif positions.count() > self.SHOW_ALL_UP_TO:
            positions = positions.none()
            field.help_text = _("Choose the unit first to list its positions.")
        field.queryset = positions.select_related("unit")
        holders = holders_of([j.pk for j in field.queryset], at)

        def label(j: Jabatan) -> str:
            holder = holders.get(j.pk)
            who = (
                _("vacant")
                if holder is None
                else f"{holder.pegawai.nama_lengkap} ({holder.get_jenis_display()})"
            )
            return f"{j.nama} — {j.unit.nama} · {who}"

        field.label_from_instance = label


class PenugasanForm(PositionPickerMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=UnitKerja.objects.none(), required=False)
    jabatan = forms.ModelChoiceField(label=_("Position"), queryset=Jabatan.objects.none())
    jenis = forms.ChoiceField(label=_("Kind"), choices=JenisPenugasan.choices)
    mulai = forms.DateField(label=_("From"), widget=DateInput(), initial=today)
    selesai = forms.DateField(label=_("Until (inclusive)"), widget=DateInput(), required=False)
    nomor_sk = forms.CharField(label=_("Decree number"), max_length=100, required=False)
    keterangan = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class TransferForm(PositionPickerMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=UnitKerja.objects.none(), required=False)
    jabatan = forms.ModelChoiceField(label=_("New position"), queryset=Jabatan.objects.none())
    tanggal = forms.DateField(label=_("Effective date"), widget=DateInput(), initial=today)
    nomor_sk = forms.CharField(label=_("Decree number"), max_length=100, required=False)
    reason = ReasonField()


class EndPenugasanForm(forms.Form):
    selesai = forms.DateField(label=_("Last day"), widget=DateInput(), initial=today)
    reason = ReasonField()


class DateChoiceForm(forms.Form):
    tanggal = forms.DateField(label=_("At date"), widget=DateInput(), required=False)


class ImportUploadForm(forms.Form):
    berkas = forms.FileField(
        label=_("File (.xlsx or .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )


class EndMissingForm(forms.Form):
    t = forms.CharField(widget=forms.HiddenInput)
    tanggal = forms.DateField(label=_("Last day of the assignments"), widget=DateInput(), initial=today)
    reason = ReasonField()
