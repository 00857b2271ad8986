"""Evaluations of an SKP (periodic and annual) and the organisation results of units (issue 15, DOMAIN 2.5).

The ratings of each RHK and each BerAKHLAK value are kept on the evaluation as small maps ({rhk id: rating},
{value code: rating}): they are written and read whole with their evaluation, never queried one by one, and the
RHK ids are those of the SKP version the evaluation read (docs/decisions/0023)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import TimeStampedModel
from kinerja.criteria import rules as criteria_rules


def _choices(labels: dict) -> list[tuple[str, object]]:
    return list(labels.items())


RATING_CHOICES = [(r, criteria_rules.RATING_LABELS[r]) for r in reversed(criteria_rules.RATINGS)]
PREDIKAT_CHOICES = _choices(criteria_rules.PREDIKAT_LABELS)
ORGANISASI_CHOICES = _choices(criteria_rules.ORGANISASI_LABELS)


class JenisEvaluasi(models.TextChoices):
    PERIODIK = "periodik", _("Periodic")
    TAHUNAN = "tahunan", _("Annual")


class StatusEvaluasi(models.TextChoices):
    DRAF = "draf", _("Draft")
    FINAL = "final", _("Finalised, waiting for the employee")
    DITERIMA = "diterima", _("Acknowledged")
    KEBERATAN = "keberatan", _("Objection pending")
    DIPUTUS = "diputus", _("Objection decided")


class Evaluasi(TimeStampedModel):
    """The evaluation of one SKP for one period (periodic) or for its whole span (annual, no period)."""

    instansi = models.ForeignKey("org.Instansi", on_delete=models.PROTECT, related_name="+")
    skp = models.ForeignKey("planning.SKP", on_delete=models.PROTECT, related_name="evaluasi")
    pegawai = models.ForeignKey("org.Pegawai", on_delete=models.PROTECT, related_name="evaluasi")
    jenis = models.CharField(_("kind"), max_length=10, choices=JenisEvaluasi.choices)
    periode = models.ForeignKey(
        "planning.Periode", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    tahun = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=10, choices=StatusEvaluasi.choices, default=StatusEvaluasi.DRAF
    )
    versi_skp = models.PositiveSmallIntegerField(_("SKP version evaluated"), null=True, blank=True)
    penilai = models.ForeignKey(
        "org.Pegawai", on_delete=models.PROTECT, related_name="+", verbose_name=_("assessing official")
    )
    atasan_penilai = models.ForeignKey(
        "org.Pegawai",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("superior of the assessing official"),
    )
    rating_rhk = models.JSONField(_("work result ratings"), default=dict, blank=True)
    rating_nilai = models.JSONField(_("core value ratings"), default=dict, blank=True)
    saran_hasil_kerja = models.CharField(
        _("suggested work result rating"), max_length=10, choices=RATING_CHOICES, blank=True
    )
    rating_hasil_kerja = models.CharField(
        _("work result rating"), max_length=10, choices=RATING_CHOICES, blank=True
    )
    alasan_hasil_kerja = models.TextField(_("why the rating departs from the suggestion"), blank=True)
    rating_perilaku = models.CharField(
        _("work behaviour rating"), max_length=10, choices=RATING_CHOICES, blank=True
    )
    predikat = models.CharField(_("predikat"), max_length=20, choices=PREDIKAT_CHOICES, blank=True)
    predikat_organisasi = models.CharField(
        _("organisation predikat"), max_length=20, choices=ORGANISASI_CHOICES, blank=True
    )
    capaian_organisasi = models.DecimalField(
        _("organisation achievement (%)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    catatan = models.TextField(_("notes"), blank=True)
    rekomendasi = models.TextField(_("recommendation"), blank=True)
    identitas = models.JSONField(_("identities as printed"), default=dict, blank=True)
    final_at = models.DateTimeField(_("finalised at"), null=True, blank=True)
    batas_keberatan = models.DateField(_("objections accepted until"), null=True, blank=True)
    diterima_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    alasan_keberatan = models.TextField(_("reasons of the objection"), blank=True)
    keberatan_at = models.DateTimeField(_("objection filed at"), null=True, blank=True)
    hasil_awal = models.JSONField(_("result before the objection"), default=dict, blank=True)
    alasan_keputusan = models.TextField(_("reasons of the decision"), blank=True)
    diputus_oleh = models.ForeignKey(
        "org.Pegawai", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    diputus_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # A calibration session changed the result (issue 17): the reason the pegawai reads, the result before it.
    alasan_kalibrasi = models.TextField(_("reasons of the calibration"), blank=True)
    hasil_sebelum_kalibrasi = models.JSONField(_("result before the calibration"), default=dict, blank=True)
    dikalibrasi_at = models.DateTimeField(_("calibrated at"), null=True, blank=True)
    sesi_kalibrasi = models.CharField(_("calibration session"), max_length=150, blank=True)
    predikat_kalibrasi = models.CharField(
        _("predikat set by the calibration"), max_length=20, choices=PREDIKAT_CHOICES, blank=True
    )
    kali_kalibrasi = models.PositiveSmallIntegerField(_("times calibrated"), default=0)
    kunci = models.PositiveIntegerField(default=0)  # optimistic lock: two people saving one evaluation

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [
            models.UniqueConstraint(
                fields=["skp", "periode"], condition=Q(periode__isnull=False), name="evaluasi_once_per_period"
            ),
            models.UniqueConstraint(
                fields=["skp"], condition=Q(periode__isnull=True), name="evaluasi_once_per_year"
            ),
            models.CheckConstraint(
                condition=(Q(jenis="periodik") & Q(periode__isnull=False))
                | (Q(jenis="tahunan") & Q(periode__isnull=True)),
                name="evaluasi_period_matches_kind",
            ),
        ]
        indexes = [
            models.Index(fields=["penilai", "status"]),
            models.Index(fields=["pegawai", "tahun"]),
        ]

    def __str__(self):
        return f"{self.pegawai} · {self.nama_periode}"

    @property
    def nama_periode(self) -> str:
        """ "Triwulan I 2026", "Tahunan 2025": the span with its year."""
        if self.periode_id:
            return f"{self.periode.nama} {self.tahun}"
        return str(_("Annual %(year)s") % {"year": self.tahun})


class HasilOrganisasi(TimeStampedModel):
    """A unit's capaian kinerja organisasi and predikat kinerja organisasi for a period or (no period) a year,
    recorded by the leader of the unit above; the rating hasil kerja of the unit's head."""

    instansi = models.ForeignKey("org.Instansi", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("org.UnitKerja", on_delete=models.PROTECT, related_name="hasil_organisasi")
    tahun = models.PositiveSmallIntegerField(_("year"))
    periode = models.ForeignKey(
        "planning.Periode", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    capaian = models.DecimalField(_("organisation achievement (%)"), max_digits=7, decimal_places=2)
    predikat = models.CharField(_("organisation predikat"), max_length=20, choices=ORGANISASI_CHOICES)
    bukti = models.TextField(_("evidence"), blank=True)
    tautan = models.URLField(_("evidence link"), max_length=500, blank=True)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("organisation result")
        verbose_name_plural = _("organisation results")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "periode"],
                condition=Q(periode__isnull=False),
                name="hasil_org_once_per_period",
            ),
            models.UniqueConstraint(
                fields=["unit", "tahun"], condition=Q(periode__isnull=True), name="hasil_org_once_per_year"
            ),
            models.CheckConstraint(condition=Q(capaian__gte=0), name="hasil_org_capaian_not_negative"),
        ]

    def __str__(self):
        return f"{self.unit} · {self.periode.nama if self.periode_id else self.tahun}"
