"""Performance planning: the performance year with its periods, and each pegawai's SKP.

An SKP belongs to one pegawai in one position for part or all of one year. Its content (RHK with their
indikator, the BerAKHLAK expectations, the lampiran) is edited in place while the SKP is a draft, returned or
under revision; every approval freezes the whole content as a numbered version (VersiSKP), so an approved plan
is never lost and two versions can be compared.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.formats import tanggal_pendek
from kinerja.core.models import TimeStampedModel
from kinerja.org.models import skema_periode_field
from kinerja.planning import rules


class TahunKinerja(TimeStampedModel):
    """A performance year opened for an instansi by the BKPSDM, with its evaluation periods."""

    instansi = models.ForeignKey(
        "org.Instansi", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="tahun_kinerja"
    )
    tahun = models.PositiveSmallIntegerField(_("performance year"))
    skema_periode = skema_periode_field()
    tenggat_skp = models.DateField(
        _("deadline for SKP"), help_text=_("The last day to draft and submit the SKP of the year.")
    )
    hari_tenggat_skp_baru = models.PositiveSmallIntegerField(
        _("days for an SKP that starts later in the year"),
        default=30,
        help_text=_("After a transfer or a new appointment the pegawai has this many days from the start."),
    )

    class Meta:
        verbose_name = _("performance year")
        verbose_name_plural = _("performance years")
        ordering = ["instansi", "-tahun"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "tahun"], name="tahun_kinerja_unique"),
            models.CheckConstraint(condition=Q(tahun__gte=2000, tahun__lte=2100), name="tahun_kinerja_sane"),
        ]

    def __str__(self):
        return f"{self.instansi.kode} {self.tahun}"


class Periode(models.Model):
    """One evaluation period of a performance year (a month, a quarter or a semester)."""

    tahun_kinerja = models.ForeignKey(TahunKinerja, on_delete=models.CASCADE, related_name="periode")
    nomor = models.PositiveSmallIntegerField(_("number"))
    nama = models.CharField(_("name"), max_length=50)
    mulai = models.DateField(_("from"))
    selesai = models.DateField(_("until (inclusive)"))
    tenggat_input = models.DateField(_("input deadline"))

    class Meta:
        verbose_name = _("evaluation period")
        verbose_name_plural = _("evaluation periods")
        ordering = ["tahun_kinerja", "nomor"]
        constraints = [
            models.UniqueConstraint(fields=["tahun_kinerja", "nomor"], name="periode_unique"),
            models.CheckConstraint(
                condition=Q(selesai__gte=models.F("mulai")), name="periode_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(tenggat_input__gte=models.F("selesai")), name="periode_deadline_after_end"
            ),
        ]

    def __str__(self):
        return self.nama


class StatusSKP(models.TextChoices):
    DRAFT = "draft", _("Draft")
    DIAJUKAN = "diajukan", _("Submitted")
    DIKEMBALIKAN = "dikembalikan", _("Returned")
    DISETUJUI = "disetujui", _("Approved")
    REVISI = "revisi", _("Revision in progress")


class Pendekatan(models.TextChoices):
    KUANTITATIF = "kuantitatif", _("Quantitative")
    KUALITATIF = "kualitatif", _("Qualitative")


class SKP(TimeStampedModel):
    instansi = models.ForeignKey(
        "org.Instansi", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    tahun_kinerja = models.ForeignKey(
        TahunKinerja, verbose_name=_("performance year"), on_delete=models.PROTECT, related_name="skp"
    )
    pegawai = models.ForeignKey(
        "org.Pegawai", verbose_name=_("employee"), on_delete=models.PROTECT, related_name="skp"
    )
    jabatan = models.ForeignKey(
        "org.Jabatan", verbose_name=_("position"), on_delete=models.PROTECT, related_name="skp"
    )
    mulai = models.DateField(_("from"))
    selesai = models.DateField(_("until (inclusive)"))
    pendekatan = models.CharField(_("approach"), max_length=12, choices=Pendekatan.choices)
    jpt = models.BooleanField(_("senior executive (JPT) layout"), default=False)
    status = models.CharField(_("status"), max_length=15, choices=StatusSKP.choices, default=StatusSKP.DRAFT)
    versi = models.PositiveSmallIntegerField(_("approved versions"), default=0)
    berakhir = models.BooleanField(
        _("ended"), default=False, help_text=_("Ended early, e.g. by a transfer; it can no longer change.")
    )
    alasan_berakhir = models.TextField(_("why it ended"), blank=True)
    penilai = models.ForeignKey(
        "org.Pegawai",
        verbose_name=_("assessing official"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="skp_dinilai",
    )
    atasan_penilai = models.ForeignKey(
        "org.Pegawai",
        verbose_name=_("superior of the assessing official"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    penilai_ditetapkan = models.BooleanField(
        _("assessor set by an administrator"),
        default=False,
        help_text=_(
            "The assessor was reassigned by the BKPSDM and no longer follows the organisation chart."
        ),
    )
    identitas_pegawai = models.JSONField(_("employee identity"), default=dict)
    identitas_penilai = models.JSONField(_("assessor identity"), default=dict, blank=True)
    identitas_atasan_penilai = models.JSONField(
        _("identity of the assessor's superior"), default=dict, blank=True
    )
    dukungan_sumber_daya = models.TextField(_("resource support"), blank=True)
    skema_pertanggungjawaban = models.TextField(_("accountability scheme"), blank=True)
    konsekuensi = models.TextField(_("consequences"), blank=True)
    tenggat = models.DateField(
        _("extended deadline"), null=True, blank=True, help_text=_("Set by the BKPSDM for this SKP only.")
    )
    diajukan_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    disetujui_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    catatan_pengembalian = models.TextField(_("reason it was returned"), blank=True)
    alasan_revisi = models.TextField(_("reason for the revision"), blank=True)
    asal = models.ForeignKey(
        "self",
        verbose_name=_("copied from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kunci = models.PositiveIntegerField(
        default=0, help_text="Incremented on every change; a form that saw an older value is refused."
    )

    class Meta:
        verbose_name = _("SKP")
        verbose_name_plural = _("SKPs")
        ordering = ["-tahun_kinerja__tahun", "pegawai__nama", "-mulai"]
        constraints = [
            models.CheckConstraint(condition=Q(selesai__gte=models.F("mulai")), name="skp_ends_after_start"),
            models.UniqueConstraint(
                fields=["pegawai", "tahun_kinerja"], condition=Q(berakhir=False), name="skp_one_open_per_year"
            ),
            models.UniqueConstraint(fields=["pegawai", "tahun_kinerja", "mulai"], name="skp_unique_start"),
        ]
        indexes = [
            models.Index(fields=["tahun_kinerja", "status"], name="skp_tahun_status_idx"),
            models.Index(fields=["penilai", "status"], name="skp_penilai_status_idx"),
        ]

    def __str__(self):
        nama = self.identitas_pegawai.get("nama") or f"#{self.pegawai_id}"
        return f"SKP {nama} {tanggal_pendek(self.mulai, 'id')} s.d. {tanggal_pendek(self.selesai, 'id')}"

    @property
    def tahun(self) -> int:
        return self.mulai.year

    @property
    def editable_status(self) -> bool:
        """In a state its pegawai edits (the workflow's states they may submit from), and not ended."""
        return self.status in rules.EDITABLE and not self.berakhir


class JenisRHK(models.TextChoices):
    UTAMA = "utama", _("Main")
    TAMBAHAN = "tambahan", _("Additional")


class RHK(models.Model):
    """Rencana hasil kerja: a planned work result, supporting (for Utama) an RHK of the assessor."""

    skp = models.ForeignKey(SKP, on_delete=models.CASCADE, related_name="rhk")
    jenis = models.CharField(_("kind"), max_length=10, choices=JenisRHK.choices, default=JenisRHK.UTAMA)
    urutan = models.PositiveSmallIntegerField(_("order"), default=0)
    uraian = models.TextField(_("planned work result"))
    rhk_atasan = models.ForeignKey(
        "self",
        verbose_name=_("supported RHK of the assessor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="didukung",
    )
    perspektif = models.CharField(_("perspective"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("planned work result (RHK)")
        verbose_name_plural = _("planned work results (RHK)")
        ordering = ["skp", "jenis", "urutan", "pk"]

    def __str__(self):
        return self.uraian[:120]


class Aspek(models.TextChoices):
    KUANTITAS = "kuantitas", _("Quantity")
    KUALITAS = "kualitas", _("Quality")
    WAKTU = "waktu", _("Time")
    BIAYA = "biaya", _("Cost")


class JenisTarget(models.TextChoices):
    ANGKA = "angka", _("Number")
    KUALITATIF = "kualitatif", _("Qualitative statement")


class Arah(models.TextChoices):
    NAIK = "naik", _("Higher is better")
    TURUN = "turun", _("Lower is better")


class Akumulasi(models.TextChoices):
    """How a numeric indikator's periods add up to the year (rules.default_akumulasi picks one)."""

    JUMLAH = "jumlah", _("Sum of the periods")
    TERAKHIR = "terakhir", _("Latest value")
    RATA_RATA = "rata_rata", _("Average of the periods")


class Indikator(models.Model):
    """Indikator kinerja individu (IKI) of an RHK, with its target."""

    rhk = models.ForeignKey(RHK, on_delete=models.CASCADE, related_name="indikator")
    urutan = models.PositiveSmallIntegerField(_("order"), default=0)
    uraian = models.TextField(_("indicator"))
    aspek = models.CharField(_("aspect"), max_length=10, choices=Aspek.choices, default=Aspek.KUANTITAS)
    jenis_target = models.CharField(
        _("kind of target"), max_length=10, choices=JenisTarget.choices, default=JenisTarget.ANGKA
    )
    target_angka = models.DecimalField(_("target"), max_digits=16, decimal_places=2, null=True, blank=True)
    satuan = models.CharField(_("unit of measure"), max_length=50, blank=True)
    arah = models.CharField(_("direction"), max_length=5, choices=Arah.choices, default=Arah.NAIK)
    target_teks = models.TextField(_("qualitative target"), blank=True)
    target_periode = models.JSONField(
        _("targets per period"), default=dict, blank=True, help_text="{period number: target}"
    )
    akumulasi = models.CharField(
        _("accumulation"),
        max_length=10,
        choices=Akumulasi.choices,
        default=Akumulasi.JUMLAH,
        help_text=_("How the periods of a numeric target add up to the year."),
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["rhk", "urutan", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(jenis_target="angka", target_angka__isnull=False) & ~Q(satuan=""))
                | (Q(jenis_target="kualitatif") & ~Q(target_teks="")),
                name="indikator_target_complete",
            ),
        ]

    def __str__(self):
        return self.uraian[:120]


class PerilakuSKP(models.Model):
    """One BerAKHLAK core value on an SKP, as the framework stated it, with the assessor's expectation."""

    skp = models.ForeignKey(SKP, on_delete=models.CASCADE, related_name="perilaku")
    kode = models.CharField(_("code"), max_length=40)
    nama = models.CharField(_("core value"), max_length=100)
    indikator = models.JSONField(_("indicators"), default=list)
    urutan = models.PositiveSmallIntegerField(default=0)
    ekspektasi = models.TextField(_("specific expectation of the leader"), blank=True)

    class Meta:
        ordering = ["skp", "urutan"]
        constraints = [models.UniqueConstraint(fields=["skp", "kode"], name="perilaku_skp_unique")]

    def __str__(self):
        return self.nama


class VersiSKP(models.Model):
    """The whole content of an SKP as approved: version 1 at the first approval, one more per revision."""

    skp = models.ForeignKey(SKP, on_delete=models.CASCADE, related_name="versi_set")
    nomor = models.PositiveSmallIntegerField(_("version"))
    konten = models.JSONField(_("content"))
    alasan = models.TextField(_("reason for the revision"), blank=True)
    disetujui_oleh = models.ForeignKey(
        "org.Pegawai", verbose_name=_("approved by"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    disetujui_at = models.DateTimeField(_("approved at"))

    class Meta:
        verbose_name = _("SKP version")
        verbose_name_plural = _("SKP versions")
        ordering = ["skp", "nomor"]
        constraints = [models.UniqueConstraint(fields=["skp", "nomor"], name="versi_skp_unique")]

    def __str__(self):
        return f"{self.skp} v{self.nomor}"
