"""Monitoring through the year (PermenPANRB 6/2022 stage two): rencana aksi and realisasi per period, their
bukti dukung, the supervisor's continuous feedback, dialog kinerja, and the reopening of a closed period.

A realisasi belongs to one indikator of the SKP version in force for its period. Indikator rows of the SKP may be
edited or removed by a later revision, so the realisasi names its indikator (and a rencana aksi its RHK) by the id
the version's content records (`VersiSKP.konten`), not by a foreign key: the history of a period survives any
later revision. Every change is kept: a realisasi's earlier values in `RiwayatRealisasi`, a withdrawn bukti as a
withdrawal (never a delete).
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinerja.monitoring import discipline


class RencanaAksi(models.Model):
    """What the pegawai will do in a period to reach the target of one RHK; the penilai may comment."""

    skp = models.ForeignKey("planning.SKP", on_delete=models.PROTECT, related_name="rencana_aksi")
    periode = models.ForeignKey("planning.Periode", on_delete=models.PROTECT, related_name="+")
    rhk_id = models.PositiveIntegerField(_("RHK"), help_text="The RHK's id in the version's content.")
    uraian = models.TextField(_("action plan"))
    komentar_penilai = models.TextField(_("assessor's comment"), blank=True)
    komentar_oleh = models.ForeignKey(
        "org.Pegawai", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    komentar_at = models.DateTimeField(null=True, blank=True)
    kunci = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ["skp", "periode__nomor", "rhk_id"]
        constraints = [
            models.UniqueConstraint(fields=["skp", "periode", "rhk_id"], name="rencana_aksi_unique"),
        ]

    def __str__(self):
        return self.uraian[:120]


class Realisasi(models.Model):
    """What one indikator reached in one period: a number in the indikator's unit or a statement, and a story."""

    skp = models.ForeignKey("planning.SKP", on_delete=models.PROTECT, related_name="realisasi")
    periode = models.ForeignKey("planning.Periode", on_delete=models.PROTECT, related_name="+")
    indikator_id = models.PositiveIntegerField(
        _("indicator"), help_text="The indikator's id in the content of the SKP version in force."
    )
    versi_skp = models.PositiveSmallIntegerField(_("SKP version"))
    nilai_angka = models.DecimalField(
        _("realisation"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    nilai_teks = models.TextField(_("qualitative realisation"), blank=True)
    narasi = models.TextField(_("narrative"), blank=True)
    capaian = models.DecimalField(
        _("achievement"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Against the period target of the version in force (rules.period_numbers), kept with every "
        "change so that the leaders' reports average it in the database; empty without a number or a target.",
    )
    diisi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kunci = models.PositiveIntegerField(
        default=0, help_text="Incremented on every change; a form that saw an older value is refused."
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("realisation")
        verbose_name_plural = _("realisations")
        ordering = ["skp", "periode__nomor", "indikator_id"]
        constraints = [
            models.UniqueConstraint(fields=["skp", "periode", "indikator_id"], name="realisasi_unique"),
            models.CheckConstraint(
                condition=Q(nilai_angka__isnull=False) | ~Q(nilai_teks=""), name="realisasi_has_value"
            ),
        ]
        indexes = [models.Index(fields=["periode", "skp"], name="realisasi_periode_idx")]

    def __str__(self):
        return f"{self.skp} · {self.periode}"


class RiwayatRealisasi(models.Model):
    """An earlier value of a realisasi, kept when it was changed, with the evidence it had then."""

    realisasi = models.ForeignKey(Realisasi, on_delete=models.CASCADE, related_name="riwayat")
    nomor = models.PositiveSmallIntegerField()
    nilai_angka = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    nilai_teks = models.TextField(blank=True)
    narasi = models.TextField(blank=True)
    bukti = models.JSONField(default=list, help_text="Ids of the evidence attached at that time.")
    diisi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    berlaku_sampai = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["realisasi", "-nomor"]
        constraints = [
            models.UniqueConstraint(fields=["realisasi", "nomor"], name="riwayat_realisasi_unique"),
        ]


class JenisBukti(models.TextChoices):
    BERKAS = "berkas", _("File")
    TAUTAN = "tautan", _("Link")


class BuktiDukung(models.Model):
    """Evidence for a realisasi: an uploaded file (stored under a name that reveals nothing, with its SHA-256)
    or an http(s) link. Withdrawn evidence stays, marked withdrawn."""

    realisasi = models.ForeignKey(Realisasi, on_delete=models.PROTECT, related_name="bukti")
    jenis = models.CharField(_("kind"), max_length=10, choices=JenisBukti.choices)
    judul = models.CharField(_("title"), max_length=200, blank=True)
    berkas = models.FileField(_("file"), max_length=200, blank=True)
    nama_asli = models.CharField(_("file name"), max_length=255, blank=True)
    tipe = models.CharField(
        _("type"), max_length=100, blank=True, help_text="Content type read from the file."
    )
    ukuran = models.PositiveBigIntegerField(_("size"), default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    tautan = models.URLField(_("link"), max_length=500, blank=True)
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    ditarik_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    ditarik_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    alasan_tarik = models.TextField(_("reason for withdrawal"), blank=True)

    class Meta:
        verbose_name = _("supporting evidence")
        verbose_name_plural = _("supporting evidence")
        ordering = ["realisasi", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(jenis="berkas") & ~Q(berkas="") & ~Q(sha256=""))
                | (Q(jenis="tautan") & ~Q(tautan="")),
                name="bukti_complete",
            ),
        ]

    def __str__(self):
        return self.judul or self.nama_asli or self.tautan


class PeranUmpanBalik(models.TextChoices):
    PENILAI = "penilai", _("Assessor")
    PEGAWAI = "pegawai", _("Employee")


class UmpanBalik(models.Model):
    """One message of the feedback thread on a realisasi: the penilai's comment or the pegawai's reply."""

    realisasi = models.ForeignKey(Realisasi, on_delete=models.PROTECT, related_name="umpan_balik")
    penulis = models.ForeignKey("org.Pegawai", on_delete=models.PROTECT, related_name="+")
    peran = models.CharField(_("role"), max_length=10, choices=PeranUmpanBalik.choices)
    isi = models.TextField(_("message"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["realisasi", "created_at", "pk"]

    def __str__(self):
        return self.isi[:120]


class JenisDialog(models.TextChoices):
    COACHING = "coaching", _("Coaching")
    MENTORING = "mentoring", _("Mentoring")
    KONSELING = "konseling", _("Counselling")


class DialogKinerja(models.Model):
    """A recorded performance conversation between a pegawai and their penilai, confirmed by both."""

    skp = models.ForeignKey("planning.SKP", on_delete=models.PROTECT, related_name="dialog")
    penilai = models.ForeignKey("org.Pegawai", on_delete=models.PROTECT, related_name="+")
    jenis = models.CharField(_("kind"), max_length=10, choices=JenisDialog.choices)
    tanggal = models.DateField(_("date"))
    topik = models.CharField(_("topic"), max_length=200)
    catatan = models.TextField(_("notes"))
    dicatat_oleh = models.ForeignKey("org.Pegawai", on_delete=models.PROTECT, related_name="+")
    dikonfirmasi_pegawai_at = models.DateTimeField(_("confirmed by the employee"), null=True, blank=True)
    dikonfirmasi_penilai_at = models.DateTimeField(_("confirmed by the assessor"), null=True, blank=True)
    kunci = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("performance dialogue")
        verbose_name_plural = _("performance dialogues")
        ordering = ["-tanggal", "-pk"]

    def __str__(self):
        return self.topik


class TindakLanjut(models.Model):
    """An action agreed in a dialog kinerja: who does what by when."""

    dialog = models.ForeignKey(DialogKinerja, on_delete=models.CASCADE, related_name="tindak_lanjut")
    uraian = models.TextField(_("agreed action"))
    pemilik = models.ForeignKey(
        "org.Pegawai", verbose_name=_("owner"), on_delete=models.PROTECT, related_name="+"
    )
    tenggat = models.DateField(_("due date"))
    selesai_at = models.DateTimeField(_("done at"), null=True, blank=True)

    class Meta:
        verbose_name = _("agreed action")
        verbose_name_plural = _("agreed actions")
        ordering = ["tenggat", "pk"]
        indexes = [models.Index(fields=["pemilik", "selesai_at", "tenggat"], name="tindak_lanjut_owner_idx")]

    def __str__(self):
        return self.uraian[:120]


class Pembukaan(models.Model):
    """A closed period reopened for input, for one pegawai or for everyone in a unit subtree, until a date."""

    periode = models.ForeignKey("planning.Periode", on_delete=models.PROTECT, related_name="+")
    pegawai = models.ForeignKey(
        "org.Pegawai", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        "org.UnitKerja", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sampai = models.DateField(_("open until"))
    alasan = models.TextField(_("reason"))
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reopened period")
        verbose_name_plural = _("reopened periods")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(pegawai__isnull=False, unit__isnull=True)
                | Q(pegawai__isnull=True, unit__isnull=False),
                name="pembukaan_one_target",
            ),
        ]

    def __str__(self):
        return f"{self.periode} → {self.sampai}"


class Pengingat(models.Model):
    """A reminder sent: at most one per kind, period and person, so running the reminders twice sends nothing
    twice."""

    jenis = models.CharField(max_length=20)
    periode = models.ForeignKey("planning.Periode", on_delete=models.CASCADE, related_name="+")
    penerima = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["jenis", "periode", "penerima"], name="pengingat_once"),
        ]


class StatusKehadiran(models.TextChoices):
    """The statuses of a working day in an attendance export (monitoring.discipline normalises the spellings)."""

    HADIR = "hadir", _("Present")
    IZIN = "izin", _("Excused absence")
    SAKIT = "sakit", _("Sick")
    CUTI = "cuti", _("Leave")
    DINAS_LUAR = "dinas_luar", _("Official duty elsewhere")
    TANPA_KETERANGAN = "tanpa_keterangan", _("Absent without valid reason")


class ImporKehadiran(models.Model):
    """One applied attendance file: a month of the instansi, who uploaded it, and what it changed."""

    instansi = models.ForeignKey("org.Instansi", on_delete=models.PROTECT, related_name="+")
    bulan = models.DateField(_("month"), help_text="The first day of the month the file holds.")
    nama_berkas = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(max_length=64)
    counts = models.JSONField(_("counts"), default=dict)
    # The days it changed or removed ([nama, nip, tanggal, before, after]; new days are only counted), at most
    # CHANGES_KEPT of them: a corrected file's corrections, for whoever asks why a total moved.
    perubahan = models.JSONField(_("changes"), default=list)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("attendance import")
        verbose_name_plural = _("attendance imports")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["instansi", "bulan"], name="impor_kehadiran_bulan")]

    def __str__(self):
        return f"{self.nama_berkas} ({self.bulan:%m/%Y})"


class Kehadiran(models.Model):
    """The status of one pegawai on one working day, as the last attendance file applied for its month said."""

    pegawai = models.ForeignKey("org.Pegawai", on_delete=models.PROTECT, related_name="+")
    tanggal = models.DateField(_("date"))
    status = models.CharField(_("status"), max_length=20, choices=StatusKehadiran.choices)
    impor = models.ForeignKey(ImporKehadiran, on_delete=models.PROTECT, related_name="hari")

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["pegawai", "tanggal"]
        constraints = [models.UniqueConstraint(fields=["pegawai", "tanggal"], name="kehadiran_unique")]
        # A month of the instansi is read as a range of dates (the unique index leads with the pegawai).
        indexes = [models.Index(fields=["tanggal"], name="kehadiran_tanggal")]

    def __str__(self):
        return f"{self.pegawai_id} {self.tanggal}: {self.status}"


class PeringatanDisiplin(models.Model):
    """A discipline level a pegawai's attendance reached in a year, recorded once when an import made it so, and
    its alert sent to the pejabat penilai and the admin BKPSDM. A later correction that undoes it leaves the
    record (it was reached by the data of that time); the profile shows the level of the data as it is now."""

    pegawai = models.ForeignKey("org.Pegawai", on_delete=models.PROTECT, related_name="+")
    tahun = models.PositiveSmallIntegerField(_("year"))
    # The level (discipline.Crossing.kunci: its band, or the consecutive-days rule), and its words at the time.
    tingkat = models.CharField(max_length=20)
    sanksi = models.CharField(_("sanction level"), max_length=300)
    tanggal = models.DateField(_("reached on"))
    total = models.PositiveSmallIntegerField(_("days without valid reason"))
    berturut = models.PositiveSmallIntegerField(_("consecutive days"))
    karena_berturut = models.BooleanField(_("by the consecutive-days rule"), default=False)
    impor = models.ForeignKey(ImporKehadiran, on_delete=models.PROTECT, related_name="peringatan")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("discipline alert")
        verbose_name_plural = _("discipline alerts")
        ordering = ["tahun", "pegawai", "tanggal"]
        constraints = [
            models.UniqueConstraint(fields=["pegawai", "tahun", "tingkat"], name="peringatan_disiplin_unique")
        ]

    def __str__(self):
        return f"{self.pegawai_id} {self.tahun}: {self.sanksi}"


class TingkatSanksi(models.TextChoices):
    """The disciplinary punishments of PP 94/2021 art. 8, lightest first (monitoring.discipline has their weight
    and duration)."""

    TEGURAN_LISAN = discipline.TEGURAN_LISAN, _("Oral reprimand")
    TEGURAN_TERTULIS = discipline.TEGURAN_TERTULIS, _("Written reprimand")
    PERNYATAAN_TIDAK_PUAS = discipline.PERNYATAAN_TIDAK_PUAS, _("Written statement of dissatisfaction")
    POTONG_TUKIN_6 = discipline.POTONG_TUKIN_6, _("Performance allowance cut by 25 percent for 6 months")
    POTONG_TUKIN_9 = discipline.POTONG_TUKIN_9, _("Performance allowance cut by 25 percent for 9 months")
    POTONG_TUKIN_12 = discipline.POTONG_TUKIN_12, _("Performance allowance cut by 25 percent for 12 months")
    PENURUNAN_JABATAN = (
        discipline.PENURUNAN_JABATAN,
        _("Demotion to a position one level lower for 12 months"),
    )
    PEMBEBASAN_JABATAN = (
        discipline.PEMBEBASAN_JABATAN,
        _("Release from the position to an implementing position for 12 months"),
    )
    PEMBERHENTIAN = discipline.PEMBERHENTIAN, _("Honourable dismissal not at own request")


class SanksiDisiplin(models.Model):
    """A disciplinary decision on record: the punishment, its decree, the days it is served, and the decree's
    scan. Never deleted: a decree recorded by mistake is cancelled with a reason and stays in the history."""

    instansi = models.ForeignKey(
        "org.Instansi", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    pegawai = models.ForeignKey(
        "org.Pegawai", verbose_name=_("employee"), on_delete=models.PROTECT, related_name="+"
    )
    tingkat = models.CharField(_("punishment"), max_length=30, choices=TingkatSanksi.choices)
    nomor_sk = models.CharField(_("decree number"), max_length=100)
    tanggal_sk = models.DateField(_("decree date"))
    mulai = models.DateField(_("in force from"))
    sampai = models.DateField(
        _("in force until"), null=True, blank=True, help_text="None: dismissal, no end."
    )
    uraian = models.TextField(_("violation"), blank=True)
    berkas = models.FileField(_("decree document"), max_length=200)
    nama_asli = models.CharField(_("file name"), max_length=255)
    tipe = models.CharField(_("content type"), max_length=100)
    ukuran = models.PositiveBigIntegerField(_("size"), default=0)
    sha256 = models.CharField(max_length=64)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    batal_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    batal_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cancelled by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    alasan_batal = models.TextField(_("reason for cancelling"), blank=True)

    class Meta:
        verbose_name = _("disciplinary sanction")
        verbose_name_plural = _("disciplinary sanctions")
        ordering = ["-mulai", "-pk"]
        indexes = [models.Index(fields=["pegawai", "mulai"], name="sanksi_pegawai_mulai")]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "nomor_sk", "pegawai"],
                condition=Q(batal_at__isnull=True),
                name="sanksi_sk_once",
            ),
            models.CheckConstraint(
                condition=Q(sampai__isnull=True) | Q(sampai__gte=F("mulai")), name="sanksi_sampai_after_mulai"
            ),
        ]

    def __str__(self):
        return f"{self.get_tingkat_display()} ({self.nomor_sk})"

    @property
    def berat(self) -> str:
        return discipline.sanction_weight(self.tingkat)

    def in_force(self, on: datetime.date) -> bool:
        return self.batal_at is None and discipline.in_force(self.mulai, self.sampai, on)


class StatusInovasi(models.TextChoices):
    DRAF = "draf", _("Draft")
    DIAJUKAN = "diajukan", _("Submitted")
    DIKEMBALIKAN = "dikembalikan", _("Returned")
    DIVERIFIKASI = "diverifikasi", _("Verified")


class Inovasi(models.Model):
    """An innovation a pegawai registers for a year (the problem, what they changed, the effect measured, the
    evidence), verified by their pejabat penilai or sent back with a reason (monitoring.inovasi's workflow)."""

    instansi = models.ForeignKey(
        "org.Instansi", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    pegawai = models.ForeignKey(
        "org.Pegawai", verbose_name=_("employee"), on_delete=models.PROTECT, related_name="+"
    )
    tahun = models.PositiveSmallIntegerField(_("year"))
    judul = models.CharField(_("name of the innovation"), max_length=200)
    masalah = models.TextField(_("problem it solves"))
    perubahan = models.TextField(_("what changed"))
    dampak = models.TextField(_("measured effect"))
    tautan = models.URLField(_("link to the evidence"), max_length=500, blank=True)
    berkas = models.FileField(_("evidence file"), max_length=200, blank=True)
    nama_asli = models.CharField(_("file name"), max_length=255, blank=True)
    tipe = models.CharField(_("content type"), max_length=100, blank=True)
    ukuran = models.PositiveBigIntegerField(_("size"), default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=StatusInovasi.choices, default="draf")
    # The pejabat penilai it was last submitted to (the queue); verifying asks who the penilai is today.
    penilai = models.ForeignKey(
        "org.Pegawai",
        verbose_name=_("assessing official"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    diajukan_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    alasan_kembali = models.TextField(_("reason for returning"), blank=True)
    diverifikasi_oleh = models.ForeignKey(
        "org.Pegawai",
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    diverifikasi_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    kunci = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("innovation")
        verbose_name_plural = _("innovations")
        ordering = ["-tahun", "-created_at", "-pk"]
        indexes = [
            models.Index(fields=["pegawai", "tahun"], name="inovasi_pegawai_tahun"),
            models.Index(fields=["penilai", "status"], name="inovasi_penilai_status"),
        ]

    def __str__(self):
        return self.judul
