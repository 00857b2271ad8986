"""360 feedback rounds (issue 16; DOMAIN 2.2, 2.3, 2.5; the threat model in docs/360-anonymity.md).

A round (`Ronde`) asks, for each pegawai taking part (`Peserta`), a set of raters: themselves, their pejabat
penilai, peers and direct subordinates. Each rater has a form (`Formulir`) that names them while it is open: it
keeps their draft and refuses a second submission. Submitting moves the answers to a `Jawaban` that names nobody:
it holds the participant, the group and the levels, with a random key and no time, so neither its order nor a
timestamp ties it back to a form. Only aggregates of peers and subordinates are ever read (feedback360.rules).
The penilai sets the pegawai's competency profile of the year (`ProfilKompetensi`) from the report and their
own judgement."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import TimeStampedModel
from kinerja.feedback360 import rules


class Kelompok(models.TextChoices):
    DIRI = rules.SELF, _("Self")
    PENILAI = rules.PENILAI, _("Assessing official")
    REKAN = rules.PEER, _("Peers")
    BAWAHAN = rules.SUBORDINATE, _("Subordinates")


class Ronde(TimeStampedModel):
    """One 360 round of an instansi over a unit subtree (or the whole instansi), open until its closing date
    (inclusive) or until the BKPSDM closes it. The framework's anonymity settings are kept as they were at
    opening, so a later framework cannot lower the threshold of answers already given."""

    instansi = models.ForeignKey("org.Instansi", on_delete=models.PROTECT, related_name="+")
    kerangka = models.ForeignKey("criteria.Kerangka", on_delete=models.PROTECT, related_name="+")
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
    unit = models.ForeignKey(
        "org.UnitKerja",
        verbose_name=_("unit (with the units below it)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    tanggal_tutup = models.DateField(_("closing date"))
    ditutup_pada = models.DateTimeField(_("closed at"), null=True, blank=True)
    ambang = models.PositiveSmallIntegerField(_("anonymity threshold"))
    rekan_min = models.PositiveSmallIntegerField(_("minimum peer raters"))
    rekan_maks = models.PositiveSmallIntegerField(_("maximum peer raters"))
    rahasia = models.CharField(max_length=64, editable=False)
    dibuka_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    pengingat_terakhir = models.DateField(_("last reminder"), null=True, blank=True)

    class Meta:
        verbose_name = _("360 round")
        verbose_name_plural = _("360 rounds")
        ordering = ["-tanggal_tutup", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "tahun", "nama"], name="ronde360_nama_unique"),
            models.CheckConstraint(condition=Q(ambang__gte=rules.MIN_THRESHOLD), name="ronde360_ambang_min"),
            models.CheckConstraint(
                condition=Q(rekan_maks__gte=models.F("rekan_min")), name="ronde360_rekan_range"
            ),
        ]

    def __str__(self):
        return self.nama

    def closed(self, today) -> bool:
        return self.ditutup_pada is not None or today > self.tanggal_tutup


class StatusRekan(models.TextChoices):
    USULAN = "usulan", _("Suggested by the system")
    DIAJUKAN = "diajukan", _("Nominated, waiting for the assessing official")
    DISETUJUI = "disetujui", _("Approved by the assessing official")


class Peserta(models.Model):
    """A pegawai taking part in a round, with the position, unit and pejabat penilai at its opening."""

    ronde = models.ForeignKey(Ronde, on_delete=models.CASCADE, related_name="peserta")
    pegawai = models.ForeignKey("org.Pegawai", on_delete=models.PROTECT, related_name="+")
    jabatan = models.ForeignKey("org.Jabatan", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("org.UnitKerja", on_delete=models.PROTECT, related_name="+")
    penilai = models.ForeignKey(
        "org.Pegawai",
        verbose_name=_("assessing official"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status_rekan = models.CharField(
        _("peers"), max_length=10, choices=StatusRekan.choices, default=StatusRekan.USULAN
    )

    class Meta:
        verbose_name = _("360 participant")
        verbose_name_plural = _("360 participants")
        constraints = [models.UniqueConstraint(fields=["ronde", "pegawai"], name="peserta360_unique")]
        indexes = [models.Index(fields=["pegawai", "ronde"]), models.Index(fields=["penilai", "ronde"])]

    def __str__(self):
        return f"{self.ronde}: {self.pegawai}"


class Formulir(models.Model):
    """A rater's form for one participant. It names the rater only to keep their draft and to refuse a second
    submission; once `selesai`, it holds no answer (they are in an anonymous `Jawaban`)."""

    peserta = models.ForeignKey(Peserta, on_delete=models.CASCADE, related_name="formulir")
    pengisi = models.ForeignKey("org.Pegawai", on_delete=models.PROTECT, related_name="+")
    kelompok = models.CharField(_("group"), max_length=10, choices=Kelompok.choices)
    aktif = models.BooleanField(default=True)  # a nominated peer waits for the penilai's approval
    draf = models.JSONField(default=dict, blank=True)
    selesai = models.BooleanField(_("submitted"), default=False)

    class Meta:
        verbose_name = _("360 form")
        verbose_name_plural = _("360 forms")
        constraints = [
            models.UniqueConstraint(fields=["peserta", "pengisi"], name="formulir360_unique"),
            models.CheckConstraint(
                condition=Q(selesai=False) | Q(draf={}), name="formulir360_no_answers_once_submitted"
            ),
        ]
        indexes = [models.Index(fields=["pengisi", "selesai"])]

    def __str__(self):
        return str(self.peserta)


class Jawaban(models.Model):
    """The answers of one submitted form: the participant, the group, the level per item ({"nilai:<code>": 4,
    "kompetensi:<code>": None}) and a comment. No rater, no time, a random key."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    peserta = models.ForeignKey(Peserta, on_delete=models.CASCADE, related_name="jawaban")
    kelompok = models.CharField(max_length=10, choices=Kelompok.choices)
    nilai = models.JSONField(default=dict)
    komentar = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["peserta", "kelompok"])]


class ProfilKompetensi(models.Model):
    """The level of one competency a pegawai shows in a year, set by their penilai, against the level their
    position requires (kept as it was when set)."""

    pegawai = models.ForeignKey("org.Pegawai", on_delete=models.PROTECT, related_name="+")
    tahun = models.PositiveSmallIntegerField(_("year"))
    jabatan = models.ForeignKey(
        "org.Jabatan", verbose_name=_("position"), on_delete=models.PROTECT, related_name="+"
    )
    kompetensi = models.ForeignKey(
        "criteria.Kompetensi", verbose_name=_("competency"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.PositiveSmallIntegerField(_("assessed level"))
    level_standar = models.PositiveSmallIntegerField(_("required level"), null=True, blank=True)
    catatan = models.CharField(_("note"), max_length=500, blank=True)
    ditetapkan_oleh = models.ForeignKey(
        "org.Pegawai", verbose_name=_("set by"), on_delete=models.PROTECT, related_name="+"
    )
    diubah_pada = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("competency profile")
        verbose_name_plural = _("competency profiles")
        ordering = ["kompetensi__jenis", "kompetensi__nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["pegawai", "tahun", "kompetensi"], name="profil_kompetensi_unique"
            ),
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=5), name="profil_level_1_to_5"),
        ]

    def __str__(self):
        return f"{self.pegawai} {self.tahun}: {self.kompetensi}"

    @property
    def gap(self) -> int:
        """How many levels short of the position's requirement (0 when met or when none is set)."""
        return max((self.level_standar or 0) - self.level, 0)
