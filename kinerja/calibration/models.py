"""Calibration sessions (issue 17; DOMAIN 2.6).

The tim penilai kinerja opens a session (`SesiKalibrasi`) over a set of units (each with the units below it) for a
period or a year. Its members see each pegawai's finalised result beside the evidence, and propose a change
(`Usulan`) with a reason; the chair accepts or rejects each. Closing the session applies the accepted changes
through the evaluation service (the pegawai's result is finalised again, with the reason, and they may object);
a proposal that can no longer be applied (the result went under objection meanwhile) lapses, with its reason
recorded. A proposal keeps the result it wanted to change, so the distribution before and after stays readable
after the session closed."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kinerja.core.models import TimeStampedModel
from kinerja.evaluation.models import PREDIKAT_CHOICES, RATING_CHOICES


class StatusSesi(models.TextChoices):
    DIBUKA = "dibuka", pgettext_lazy("a calibration session", "Open")
    DITUTUP = "ditutup", pgettext_lazy("a calibration session", "Closed")


class SesiKalibrasi(TimeStampedModel):
    instansi = models.ForeignKey("org.Instansi", on_delete=models.PROTECT, related_name="+")
    nama = models.CharField(_("name"), max_length=150)
    tahun = models.PositiveSmallIntegerField(_("year"))
    periode = models.ForeignKey(
        "planning.Periode",
        verbose_name=_("period"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    units = models.ManyToManyField("org.UnitKerja", verbose_name=_("units"), related_name="+")
    ketua = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("chair"), on_delete=models.PROTECT, related_name="+"
    )
    anggota = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("members"), related_name="+")
    status = models.CharField(
        _("status"), max_length=10, choices=StatusSesi.choices, default=StatusSesi.DIBUKA
    )
    dibuka_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    ditutup_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    catatan = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("calibration session")
        verbose_name_plural = _("calibration sessions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "tahun", "nama"], name="sesi_kalibrasi_nama_unique"),
        ]

    def __str__(self):
        return self.nama

    @property
    def terbuka(self) -> bool:
        return self.status == StatusSesi.DIBUKA


class StatusUsulan(models.TextChoices):
    DIAJUKAN = "diajukan", _("Proposed")
    DITERIMA = "diterima", _("Accepted by the chair")
    DITOLAK = "ditolak", _("Rejected by the chair")
    DITERAPKAN = "diterapkan", _("Applied")
    GUGUR = "gugur", _("Lapsed")


OPEN_USULAN = (StatusUsulan.DIAJUKAN, StatusUsulan.DITERIMA)


class Usulan(TimeStampedModel):
    """A member's proposed change to one evaluation's result, with the result it saw (`semula`)."""

    sesi = models.ForeignKey(SesiKalibrasi, on_delete=models.PROTECT, related_name="usulan")
    evaluasi = models.ForeignKey("evaluation.Evaluasi", on_delete=models.PROTECT, related_name="+")
    diusulkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("proposed by"), on_delete=models.PROTECT, related_name="+"
    )
    rating_hasil_kerja = models.CharField(_("work result rating"), max_length=10, choices=RATING_CHOICES)
    rating_perilaku = models.CharField(_("work behaviour rating"), max_length=10, choices=RATING_CHOICES)
    predikat = models.CharField(_("predikat"), max_length=20, choices=PREDIKAT_CHOICES)
    semula = models.JSONField(_("result before"), default=dict)
    alasan = models.TextField(_("reasons"))
    status = models.CharField(
        _("status"), max_length=10, choices=StatusUsulan.choices, default=StatusUsulan.DIAJUKAN
    )
    diputus_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    catatan_ketua = models.TextField(_("note of the chair"), blank=True)
    diputus_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("calibration proposal")
        verbose_name_plural = _("calibration proposals")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["sesi", "evaluasi"],
                condition=Q(status__in=["diajukan", "diterima"]),
                name="usulan_one_open_per_evaluation",
            ),
            models.CheckConstraint(condition=~Q(alasan=""), name="usulan_has_reason"),
        ]
        indexes = [models.Index(fields=["evaluasi", "status"])]

    def __str__(self):
        return f"{self.sesi}: {self.evaluasi_id}"

    @property
    def predikat_semula(self) -> str:
        return self.semula.get("predikat", "")
