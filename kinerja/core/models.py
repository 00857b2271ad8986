from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class AppendOnlyError(Exception):
    pass


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit events are append-only.")

    def delete(self):
        raise AppendOnlyError("Audit events are append-only.")


class AuditEvent(models.Model):
    """One recorded write. Each event stores the hash of the one before it, so tampering is detectable."""

    seq = models.BigIntegerField(_("sequence"), unique=True, editable=False)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True, editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_label = models.CharField(_("actor"), max_length=200, blank=True)
    instansi = models.ForeignKey("org.Instansi", null=True, on_delete=models.PROTECT, related_name="+")
    pegawai = models.ForeignKey(
        "org.Pegawai",
        verbose_name=_("employee concerned"),
        null=True,
        on_delete=models.PROTECT,
        related_name="audit_events",
    )
    action = models.CharField(_("action"), max_length=100, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100, db_index=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    # Text, not inet: the hash must see exactly the stored value on every database.
    ip = models.CharField(_("client address"), max_length=45, blank=True, default="")
    prev_hash = models.CharField(max_length=64, editable=False)
    hash = models.CharField(max_length=64, editable=False)
    # Which AUDIT_CHAIN_KEYS key made `hash` (an HMAC), so keys can be rotated. NULL, not "": the events written
    # before the chain was keyed have none and keep their plain SHA-256; a nullable column is also added by
    # SQLite without rebuilding the table, which would drop its append-only triggers.
    key_id = models.CharField(max_length=32, null=True, editable=False)  # noqa: DJ001
    # The names the event is read with, as they were when it was written (audit.display; decision 0014). NULL
    # for the events from before, whose hash did not cover it; nullable also keeps SQLite's triggers (above).
    display = models.JSONField(_("names at the time"), null=True, editable=False)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-seq"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]

    def __str__(self):
        return f"#{self.seq} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit events are append-only.")


class AuditChainHead(models.Model):
    """Single row locked while appending, so concurrent writers cannot fork the hash chain."""

    last_seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)


class UsedPreviewToken(models.Model):
    """A one-time token that was used (its SHA-256): an import preview that was applied
    (kinerja.core.imports.consume) or a form that was saved (kinerja.core.once). The unique key makes the second
    of two uses fail, even when both run at once. `url` is where a form's saved data is shown (a resubmitted
    form is sent there); the row is forgotten after `expires_at`, when the token's signature refuses it anyway."""

    digest = models.CharField(max_length=64, unique=True)
    used_at = models.DateTimeField(default=timezone.now, db_index=True)
    expires_at = models.DateTimeField(null=True, db_index=True)
    url = models.CharField(max_length=500, blank=True, default="")


class Notifikasi(models.Model):
    """A message in a user's in-app inbox (and by email when configured), e.g. "your SKP was returned"."""

    penerima = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifikasi",
    )
    judul = models.CharField(_("title"), max_length=200)
    isi = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    dibaca_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["penerima", "dibaca_at"], name="notifikasi_unread_idx")]

    def __str__(self):
        return self.judul


class TandaTangan(models.TextChoices):
    """How an official document is signed: by hand on paper today, electronically through BSrE later."""

    BASAH = "basah", _("Signed by hand on paper")
    MENUNGGU_ELEKTRONIK = "menunggu_elektronik", _("Waiting for an electronic signature")
    ELEKTRONIK = "elektronik", _("Signed electronically (BSrE)")


class DokumenResmi(models.Model):
    """An official document as issued: what its printed number and QR code verify (docs/decisions/0015).

    One row per version of one subject (e.g. version 2 of an SKP), written the first time that version is
    printed, never changed after: the versions of one subject supersede each other. Only what the public
    verification page shows is kept, plus the hash of the content that was approved."""

    nomor = models.CharField(_("document number"), max_length=40, unique=True)
    instansi = models.ForeignKey(
        "org.Instansi", verbose_name=_("agency"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    jenis = models.CharField(_("kind of document"), max_length=60)
    subjek = models.CharField(_("subject"), max_length=64, help_text="The id of what the versions are of.")
    versi = models.PositiveIntegerField(_("version"))
    judul = models.CharField(_("title"), max_length=300)
    pemilik = models.CharField(_("owner"), max_length=200)
    penilai = models.CharField(_("assessing official"), max_length=200, blank=True)
    disetujui_pada = models.DateField(_("approved on"))
    hash = models.CharField(_("content hash (SHA-256)"), max_length=64)
    tanda_tangan = models.CharField(
        _("signature"), max_length=24, choices=TandaTangan.choices, default=TandaTangan.BASAH
    )
    # For the electronic signature to come: the signing service's reference, time, certificate owner.
    tanda_tangan_info = models.JSONField(_("signature details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("issued at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("official document")
        verbose_name_plural = _("official documents")
        ordering = ["jenis", "subjek", "versi"]
        constraints = [
            models.UniqueConstraint(fields=["jenis", "subjek", "versi"], name="dokumen_resmi_one_per_version")
        ]

    def __str__(self):
        return self.nomor
