from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.formats import waktu_pendek
from kinerja.core.models import TimeStampedModel
from kinerja.org.rules import GOLONGAN_PNS, GRADE_PPPK, format_nip


class SkemaPeriode(models.TextChoices):
    BULANAN = "bulanan", _("Monthly")
    TRIWULANAN = "triwulanan", _("Quarterly")
    SEMESTERAN = "semesteran", _("Semester")


def skema_periode_field() -> models.CharField:
    """The evaluation period scheme: the instansi's default, carried into each framework version and performance
    year, where it may differ."""
    return models.CharField(
        _("evaluation period scheme"),
        max_length=20,
        choices=SkemaPeriode.choices,
        default=SkemaPeriode.TRIWULANAN,
    )


class ZonaWaktu(models.TextChoices):
    WIB = "Asia/Jakarta", "WIB (Asia/Jakarta)"
    WITA = "Asia/Makassar", "WITA (Asia/Makassar)"
    WIT = "Asia/Jayapura", "WIT (Asia/Jayapura)"


class Instansi(TimeStampedModel):
    """A regional government (pemda); one deployment may serve several."""

    kode = models.CharField(_("code"), max_length=20, unique=True)
    nama = models.CharField(_("name"), max_length=200)
    tempat = models.CharField(_("place for signatures"), max_length=100, help_text=_("e.g. Sukamaju"))
    jabatan_ppk = models.CharField(
        _("position of the PPK"),
        max_length=150,
        blank=True,
        help_text=_("Assesses the top official of the agency, e.g. Wali Kota Sukamaju."),
    )
    zona_waktu = models.CharField(
        _("time zone"), max_length=40, choices=ZonaWaktu.choices, default=ZonaWaktu.WIB
    )
    skema_periode = skema_periode_field()

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["nama"]

    def __str__(self):
        return self.nama


class Eselon(models.TextChoices):
    I_A = "I.a", "I.a"
    I_B = "I.b", "I.b"
    II_A = "II.a", "II.a"
    II_B = "II.b", "II.b"
    III_A = "III.a", "III.a"
    III_B = "III.b", "III.b"
    IV_A = "IV.a", "IV.a"
    IV_B = "IV.b", "IV.b"


class UnitKerja(TimeStampedModel):
    """An organisational unit. `path` lists the ids from the root ("/1/5/9/") so a subtree is one query."""

    instansi = models.ForeignKey(
        Instansi, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="units"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    kode = models.CharField(_("code"), max_length=50)
    nama = models.CharField(_("name"), max_length=255)
    eselon = models.CharField(_("echelon"), max_length=5, choices=Eselon.choices, blank=True)
    path = models.CharField(max_length=255, db_index=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    aktif = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("work unit")
        verbose_name_plural = _("work units")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "kode"], name="unit_kode_unique_per_instansi")
        ]

    def __str__(self):
        return self.nama

    @property
    def ancestor_ids(self) -> list[int]:
        return [int(x) for x in self.path.strip("/").split("/") if x][:-1]


class RiwayatUnitKerja(models.Model):
    """History of a unit's place in the tree and its name: a move never erases where it was before."""

    unit = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="riwayat")
    tanggal = models.DateField(_("effective date"))
    parent_lama = models.ForeignKey(UnitKerja, null=True, on_delete=models.PROTECT, related_name="+")
    parent_baru = models.ForeignKey(UnitKerja, null=True, on_delete=models.PROTECT, related_name="+")
    nama_lama = models.CharField(max_length=255, blank=True)
    nama_baru = models.CharField(max_length=255, blank=True)
    alasan = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-tanggal", "-id"]


class JenisJabatan(models.TextChoices):
    JPT_UTAMA = "jpt_utama", _("JPT Utama")
    JPT_MADYA = "jpt_madya", _("JPT Madya")
    JPT_PRATAMA = "jpt_pratama", _("JPT Pratama")
    ADMINISTRATOR = "administrator", _("Administrator")
    PENGAWAS = "pengawas", _("Supervisor (pengawas)")
    PELAKSANA = "pelaksana", _("Executor (pelaksana)")
    FUNGSIONAL = "fungsional", _("Functional")


class JenjangFungsional(models.TextChoices):
    AHLI_UTAMA = "ahli_utama", "Ahli Utama"
    AHLI_MADYA = "ahli_madya", "Ahli Madya"
    AHLI_MUDA = "ahli_muda", "Ahli Muda"
    AHLI_PERTAMA = "ahli_pertama", "Ahli Pertama"
    PENYELIA = "penyelia", "Penyelia"
    MAHIR = "mahir", "Mahir"
    TERAMPIL = "terampil", "Terampil"
    PEMULA = "pemula", "Pemula"


class Jabatan(TimeStampedModel):
    """One position (one seat). `atasan` is the position above; `path` lists ids along that chain."""

    instansi = models.ForeignKey(
        Instansi, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="jabatan"
    )
    unit = models.ForeignKey(
        UnitKerja, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="jabatan"
    )
    nama = models.CharField(_("position name"), max_length=255)
    jenis = models.CharField(_("position type"), max_length=20, choices=JenisJabatan.choices)
    jenjang = models.CharField(
        _("functional level"), max_length=20, choices=JenjangFungsional.choices, blank=True
    )
    eselon = models.CharField(_("echelon"), max_length=5, choices=Eselon.choices, blank=True)
    atasan = models.ForeignKey(
        "self",
        verbose_name=_("position above"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bawahan",
    )
    kepala_unit = models.BooleanField(_("heads the unit"), default=False)
    kode = models.CharField(
        _("code"),
        max_length=64,
        blank=True,
        help_text=_("The position's id in an imported file (e.g. SIASN)."),
    )
    path = models.CharField(max_length=500, db_index=True, editable=False)
    aktif = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(jenis="fungsional", jenjang__gt="") | (~Q(jenis="fungsional") & Q(jenjang="")),
                name="jabatan_jenjang_only_for_fungsional",
            ),
            models.UniqueConstraint(
                fields=["unit"], condition=Q(kepala_unit=True, aktif=True), name="jabatan_one_head_per_unit"
            ),
            models.UniqueConstraint(
                fields=["instansi", "kode"], condition=~Q(kode=""), name="jabatan_kode_unique_per_instansi"
            ),
        ]

    def __str__(self):
        return self.nama

    @property
    def ancestor_ids(self) -> list[int]:
        """Ids of the positions above, nearest first."""
        return [int(x) for x in self.path.strip("/").split("/") if x][:-1][::-1]


class StatusPegawai(models.TextChoices):
    PNS = "PNS", "PNS"
    PPPK = "PPPK", "PPPK"


class JenisKelamin(models.TextChoices):
    LAKI_LAKI = "L", _("Male")
    PEREMPUAN = "P", _("Female")


class Pegawai(TimeStampedModel):
    instansi = models.ForeignKey(
        Instansi, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="pegawai"
    )
    nip = models.CharField(_("NIP / NI PPPK"), max_length=18, unique=True)
    nama = models.CharField(_("name"), max_length=150, db_index=True)
    gelar_depan = models.CharField(_("title before name"), max_length=50, blank=True)
    gelar_belakang = models.CharField(_("title after name"), max_length=80, blank=True)
    status = models.CharField(
        _("status"), max_length=4, choices=StatusPegawai.choices, default=StatusPegawai.PNS
    )
    golongan = models.CharField(
        _("rank (golongan)"), max_length=6, choices=[(k, f"{k} {p}") for k, p in GOLONGAN_PNS], blank=True
    )
    grade_pppk = models.CharField(
        _("PPPK grade"), max_length=5, choices=[(g, g) for g in GRADE_PPPK], blank=True
    )
    tanggal_lahir = models.DateField(_("date of birth"))
    jenis_kelamin = models.CharField(_("sex"), max_length=1, choices=JenisKelamin.choices)
    email = models.EmailField(_("email"), blank=True)
    telepon = models.CharField(_("telephone"), max_length=30, blank=True)
    aktif = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        ordering = ["nama"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="PNS", grade_pppk="") | Q(status="PPPK", golongan=""),
                name="pegawai_golongan_matches_status",
            ),
        ]

    def __str__(self):
        return self.nama_lengkap

    @property
    def nama_lengkap(self) -> str:
        name = f"{self.gelar_depan} {self.nama}".strip()
        return f"{name}, {self.gelar_belakang}" if self.gelar_belakang else name

    @property
    def nip_display(self) -> str:
        return format_nip(self.nip)

    @property
    def pangkat_golongan(self) -> str:
        if self.status == StatusPegawai.PPPK:
            return f"PPPK {self.grade_pppk}".strip()
        return self.get_golongan_display()


class JenisPenugasan(models.TextChoices):
    DEFINITIF = "definitif", _("Definitive")
    PLT = "plt", _("Plt (acting)")
    PLH = "plh", _("Plh (daily acting)")


class PenugasanQuerySet(models.QuerySet):
    def active_at(self, date):
        return self.filter(Q(selesai__isnull=True) | Q(selesai__gte=date), mulai__lte=date)


class Penugasan(TimeStampedModel):
    """Who holds which position from when to when. Rows are ended, never rewritten."""

    pegawai = models.ForeignKey(
        Pegawai, verbose_name=_("employee"), on_delete=models.PROTECT, related_name="penugasan"
    )
    jabatan = models.ForeignKey(
        Jabatan, verbose_name=_("position"), on_delete=models.PROTECT, related_name="penugasan"
    )
    jenis = models.CharField(
        _("kind"), max_length=10, choices=JenisPenugasan.choices, default=JenisPenugasan.DEFINITIF
    )
    mulai = models.DateField(_("from"))
    selesai = models.DateField(_("until (inclusive)"), null=True, blank=True)
    nomor_sk = models.CharField(_("decree number"), max_length=100, blank=True)
    keterangan = models.TextField(_("note"), blank=True)

    objects = PenugasanQuerySet.as_manager()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["-mulai", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(selesai__isnull=True) | Q(selesai__gte=models.F("mulai")),
                name="penugasan_ends_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["jabatan", "mulai"], name="penugasan_jabatan_idx"),
            models.Index(fields=["pegawai", "mulai"], name="penugasan_pegawai_idx"),
        ]

    def __str__(self):
        return f"{self.pegawai} — {self.jabatan} ({self.get_jenis_display()})"

    def is_active_at(self, date) -> bool:
        return self.mulai <= date and (self.selesai is None or self.selesai >= date)


class ImportRecord(models.Model):
    """One applied import of staff data: the file, who applied it, what it changed and its audit events."""

    instansi = models.ForeignKey(
        Instansi, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="imports"
    )
    actor = models.ForeignKey(
        "accounts.User", verbose_name=_("applied by"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    nama_berkas = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    jenis = models.CharField(
        _("contents"), max_length=50, help_text=_("The sheets it held, e.g. unit,pegawai.")
    )
    counts = models.JSONField(_("counts"), default=dict)
    missing = models.JSONField(_("NIPs missing from the file"), default=list, blank=True)
    first_seq = models.BigIntegerField(_("first audit event"), null=True)
    last_seq = models.BigIntegerField(_("last audit event"), null=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("staff data import")
        verbose_name_plural = _("staff data imports")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.nama_berkas} ({waktu_pendek(self.created_at, 'id')})"
