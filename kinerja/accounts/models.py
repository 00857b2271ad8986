from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinerja.core.formats import nama_tanpa_gelar


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, username, password=None, **extra):
        user = self.model(username=username, **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, username, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("nama", username)
        return self.create_user(username, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A login. Pegawai log in with their NIP as username; staff accounts have a plain username."""

    username = models.CharField(_("NIP or username"), max_length=64, unique=True)
    nama = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), blank=True)
    instansi = models.ForeignKey(
        "org.Instansi",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    pegawai = models.OneToOneField(
        "org.Pegawai",
        verbose_name=_("employee"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="user",
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("may use the Django admin"), default=False)
    must_change_password = models.BooleanField(_("must change password"), default=False)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "username"
    REQUIRED_FIELDS = ["nama"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.nama or self.username

    def get_full_name(self):
        return self.nama

    def get_short_name(self):
        """The name to greet the person by: without titles ("dr." is nobody's name)."""
        return nama_tanpa_gelar(self.nama) or self.username


class Role(models.TextChoices):
    ADMIN_BKPSDM = "admin_bkpsdm", _("BKPSDM administrator")
    ADMIN_PD = "admin_pd", _("Department administrator")
    TIM_PENILAI = "tim_penilai", _("Performance assessment team")
    AUDITOR = "auditor", _("Auditor")


class RoleAssignment(models.Model):
    """A role within an instansi; the department administrator role is limited to one unit subtree."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    instansi = models.ForeignKey("org.Instansi", verbose_name=_("agency"), on_delete=models.PROTECT)
    unit = models.ForeignKey(
        "org.UnitKerja",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "instansi", "unit"], name="role_unique"),
            models.CheckConstraint(
                condition=Q(role="admin_pd", unit__isnull=False)
                | (~Q(role="admin_pd") & Q(unit__isnull=True)),
                name="role_unit_only_for_admin_pd",
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()} ({self.user})"


class LoginThrottle(models.Model):
    """Failed login attempts per account and per client address."""

    key = models.CharField(max_length=120, unique=True)
    failures = models.PositiveIntegerField(default=0)
    last_failure_at = models.DateTimeField(null=True)
    locked_until = models.DateTimeField(null=True)


class ApiToken(models.Model):
    """A personal API token; only its hash is stored, the secret is shown once on creation."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_usable(self) -> bool:
        now = timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)
