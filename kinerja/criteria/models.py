"""The assessment framework of an instansi for one performance year, versioned.

A published version is never edited: a change is a new version, in force from a stated date, with a reason.
Content rows hang off their version and are copied when a new version starts.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import TimeStampedModel
from kinerja.org.models import skema_periode_field

SETTING_FIELDS = [
    "skema_periode",
    "tenggat_skp",
    "hari_tenggat_realisasi",
    "hari_tenggat_evaluasi",
    "ambang_anonim_360",
    "jumlah_rekan_min",
    "jumlah_rekan_maks",
    "promosi_predikat_minimal",
    "promosi_jumlah_tahun",
    "promosi_tanpa_hukuman",
    "disiplin_hari_berturut",
    "hari_keberatan",
]


class StatusKerangka(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Kerangka(TimeStampedModel):
    instansi = models.ForeignKey(
        "org.Instansi", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="kerangka"
    )
    tahun = models.PositiveSmallIntegerField(_("performance year"))
    versi = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=10, choices=StatusKerangka.choices, default=StatusKerangka.DRAFT
    )
    berlaku_mulai = models.DateField(_("in force from"), null=True, blank=True)
    alasan = models.TextField(_("reason for this version"), blank=True)
    asal = models.ForeignKey(
        "self",
        verbose_name=_("copied from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Scalar settings (sources in criteria.defaults.SUMBER).
    skema_periode = skema_periode_field()
    tenggat_skp = models.DateField(_("deadline for approved SKP"), null=True, blank=True)
    hari_tenggat_realisasi = models.PositiveSmallIntegerField(
        _("days after a period ends to record realisations"), default=10
    )
    hari_tenggat_evaluasi = models.PositiveSmallIntegerField(
        _("days after a period ends to finish its evaluation"), default=20
    )
    ambang_anonim_360 = models.PositiveSmallIntegerField(
        _("minimum answers before 360 feedback is shown (anonymity)"), default=3
    )
    jumlah_rekan_min = models.PositiveSmallIntegerField(_("minimum peer raters"), default=2)
    jumlah_rekan_maks = models.PositiveSmallIntegerField(_("maximum peer raters"), default=5)
    promosi_predikat_minimal = models.CharField(
        _("minimum predikat for promotion"), max_length=20, default="baik"
    )
    promosi_jumlah_tahun = models.PositiveSmallIntegerField(_("years in a row with that predikat"), default=2)
    promosi_tanpa_hukuman = models.BooleanField(_("no disciplinary sanction in progress"), default=True)
    disiplin_hari_berturut = models.PositiveSmallIntegerField(
        _("consecutive unexcused working days that lead to dismissal"), default=10
    )
    hari_keberatan = models.PositiveSmallIntegerField(
        _("days to object to a finalised evaluation"), default=14
    )

    class Meta:
        verbose_name = _("assessment framework")
        verbose_name_plural = _("assessment frameworks")
        ordering = ["instansi", "-tahun", "-versi"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "tahun", "versi"], name="kerangka_version_unique"),
            models.UniqueConstraint(
                fields=["instansi", "tahun"], condition=Q(status="draft"), name="kerangka_one_draft_per_year"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(berlaku_mulai__isnull=False),
                name="kerangka_published_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.instansi.kode} {self.tahun} v{self.versi}"

    @property
    def is_draft(self) -> bool:
        return self.status == StatusKerangka.DRAFT


class KerangkaEntry(models.Model):
    """An entry of a version's dictionaries (core values, competencies, agency criteria), known by its code within
    the version; `sumber` names the regulation it comes from, or the agency that added it. criteria.services
    edits the kinds alike."""

    kode = models.CharField(_("code"), max_length=40)
    nama = models.CharField(_("name"), max_length=150)
    sumber = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.nama


class NilaiPerilaku(KerangkaEntry):
    """A BerAKHLAK core value with its indicators; an instansi may add guidance but not remove values."""

    kerangka = models.ForeignKey(Kerangka, on_delete=models.CASCADE, related_name="nilai_perilaku")
    nama = models.CharField(_("name"), max_length=100)
    urutan = models.PositiveSmallIntegerField(default=0)
    indikator = models.JSONField(_("indicators"), default=list)
    panduan = models.TextField(_("agency guidance"), blank=True)

    class Meta:
        ordering = ["urutan"]
        constraints = [models.UniqueConstraint(fields=["kerangka", "kode"], name="nilai_perilaku_unique")]


class JenisKompetensi(models.TextChoices):
    MANAJERIAL = "manajerial", _("Managerial")
    SOSIAL_KULTURAL = "sosial_kultural", _("Socio-cultural")
    TEKNIS = "teknis", _("Technical")


class Kompetensi(KerangkaEntry):
    kerangka = models.ForeignKey(Kerangka, on_delete=models.CASCADE, related_name="kompetensi")
    jenis = models.CharField(_("type"), max_length=20, choices=JenisKompetensi.choices)
    deskripsi = models.TextField(_("description"), blank=True)
    level = models.JSONField(_("level descriptions"), default=dict)  # {"1": "...", ..., "5": "..."}

    class Meta:
        ordering = ["jenis", "nama"]
        constraints = [models.UniqueConstraint(fields=["kerangka", "kode"], name="kompetensi_unique")]


class StandarKompetensi(models.Model):
    """The level a position requires in one competency (standar kompetensi jabatan)."""

    kerangka = models.ForeignKey(Kerangka, on_delete=models.CASCADE, related_name="standar_kompetensi")
    jabatan = models.ForeignKey(
        "org.Jabatan", verbose_name=_("position"), on_delete=models.PROTECT, related_name="+"
    )
    kompetensi = models.ForeignKey(
        Kompetensi, verbose_name=_("competency"), on_delete=models.CASCADE, related_name="standar"
    )
    level = models.PositiveSmallIntegerField(_("required level"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kerangka", "jabatan", "kompetensi"], name="standar_unique"),
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=5), name="standar_level_1_to_5"),
        ]


class KriteriaLokal(KerangkaEntry):
    """A criterion of the instansi's own (efisiensi, inovasi, ...) with indicators and a scoring guide."""

    kerangka = models.ForeignKey(Kerangka, on_delete=models.CASCADE, related_name="kriteria_lokal")
    deskripsi = models.TextField(_("description"), blank=True)
    indikator = models.JSONField(_("indicators"), default=list)
    panduan_skor = models.JSONField(_("scoring guide"), default=dict)  # {"1": "...", ...}
    urutan = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["urutan", "nama"]
        constraints = [models.UniqueConstraint(fields=["kerangka", "kode"], name="kriteria_lokal_unique")]


class Bagian(models.TextChoices):
    """Rule tables of the framework; each row's `data` is checked by criteria.rules for its section."""

    RATING = "rating", _("Rating thresholds from achievement")
    PREDIKAT = "predikat", _("Predikat matrix")
    DISTRIBUSI = "distribusi", _("Distribution rules")
    AK_PERSEN = "ak_persen", _("Credit point percentages")
    AK_KOEFISIEN = "ak_koefisien", _("Credit point coefficients")
    DISIPLIN = "disiplin", _("Discipline thresholds")
    PENDEKATAN = "pendekatan", _("SKP approach per position type")
    PERSPEKTIF = "perspektif", _("JPT perspectives")


class Aturan(models.Model):
    kerangka = models.ForeignKey(Kerangka, on_delete=models.CASCADE, related_name="aturan")
    bagian = models.CharField(_("section"), max_length=20, choices=Bagian.choices)
    kunci = models.CharField(_("key"), max_length=60)
    data = models.JSONField(default=dict)
    urutan = models.PositiveSmallIntegerField(default=0)
    sumber = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["bagian", "urutan", "kunci"]
        constraints = [models.UniqueConstraint(fields=["kerangka", "bagian", "kunci"], name="aturan_unique")]

    def __str__(self):
        return f"{self.bagian}:{self.kunci}"


class Pengakuan(models.Model):
    """A pegawai's acknowledgement that they have read the framework in force (sosialisasi)."""

    kerangka = models.ForeignKey(Kerangka, on_delete=models.PROTECT, related_name="pengakuan")
    pegawai = models.ForeignKey("org.Pegawai", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kerangka", "pegawai"], name="pengakuan_unique")]
