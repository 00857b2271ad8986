"""Writes to accounts: logins for pegawai, roles, temporary passwords and API tokens."""

import hashlib
import secrets

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.accounts import permissions
from kinerja.accounts.models import ApiToken, Role, RoleAssignment, User
from kinerja.core import audit
from kinerja.core.errors import ApplicationError

TOKEN_PREFIX = "knj_"


def account_create_for_pegawai(*, actor, pegawai, password: str | None = None) -> User:
    """The login of a pegawai uses their NIP; without a password it stays unusable until one is set."""
    user = User.objects.create_user(
        username=pegawai.nip,
        password=password,
        nama=pegawai.nama_lengkap,
        email=pegawai.email,
        instansi=pegawai.instansi,
        pegawai=pegawai,
    )
    audit.record(
        actor=actor,
        action="accounts.user.create",
        obj=user,
        instansi=pegawai.instansi,
        pegawai=pegawai,
        changes={"username": [None, user.username]},
    )
    return user


def account_sync_with_pegawai(*, pegawai) -> None:
    """Keep the login name, display name and email in step with the pegawai record."""
    User.objects.filter(pegawai=pegawai).update(
        username=pegawai.nip, nama=pegawai.nama_lengkap, email=pegawai.email, is_active=pegawai.aktif
    )


@transaction.atomic
def account_set_temporary_password(*, actor, user: User) -> str:
    """A random password the admin hands over; the user must replace it at the next login."""
    if user.pegawai is None or not permissions.can_reset_password(actor, user.pegawai):
        raise PermissionDenied(_("You are not allowed to do this."))
    password = "-".join(secrets.token_hex(2) for _ in range(3))
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    audit.record(
        actor=actor,
        action="accounts.user.temporary_password",
        obj=user,
        instansi=user.instansi,
        pegawai=user.pegawai,
    )
    return password


def password_changed(*, user: User, action: str = "accounts.user.password_change") -> None:
    """Called after Django's password views saved a new password (change, or reset through the emailed link)."""
    User.objects.filter(pk=user.pk).update(must_change_password=False)
    audit.record(
        actor=user,
        action=action,
        obj=user,
        instansi=user.instansi,
        pegawai=user.pegawai,
    )


@transaction.atomic
def staff_account_create(
    *, actor, instansi, username: str, nama: str, email: str = "", role: str
) -> tuple[User, str]:
    """A non-pegawai account (e.g. the first admin BKPSDM) with a role and a temporary password, returned once.
    Only a superuser, or the server operator from the command line (actor None)."""
    if not (actor is None or getattr(actor, "is_superuser", False)):
        raise PermissionDenied(_("You are not allowed to do this."))
    username = username.strip()
    if not username or username.isdigit():
        raise ApplicationError(
            {"username": _("A staff username must contain letters (digits only are NIPs).")}
        )
    if User.objects.filter(username=username).exists():
        raise ApplicationError({"username": _("This username is already taken.")})
    password = "-".join(secrets.token_hex(3) for _ in range(3))
    user = User.objects.create_user(
        username=username,
        password=password,
        nama=nama.strip(),
        email=email.strip(),
        instansi=instansi,
        must_change_password=True,
    )
    audit.record(
        actor=actor,
        action="accounts.user.create",
        obj=user,
        instansi=instansi,
        changes={"username": [None, username]},
    )
    role_grant(actor=actor, user=user, role=role)
    return user, password


@transaction.atomic
def role_grant(*, actor, user: User, role: str, unit=None) -> RoleAssignment:
    instansi = user.instansi
    operator = actor is None  # the server operator, from the command line
    if instansi is None or not (operator or permissions.can_manage_roles(actor, instansi.pk)):
        raise PermissionDenied(_("You are not allowed to do this."))
    if role not in Role.values:
        raise ApplicationError({"role": _("Unknown role.")})
    if role == Role.ADMIN_PD and (unit is None or unit.instansi_id != instansi.pk):
        raise ApplicationError({"unit": _("A department administrator needs a unit of the same agency.")})
    if role != Role.ADMIN_PD:
        unit = None
    assignment, created = RoleAssignment.objects.get_or_create(
        user=user, role=role, instansi=instansi, unit=unit
    )
    if not created:
        raise ApplicationError({"role": _("The user already has this role.")})
    audit.record(
        actor=actor,
        action="accounts.role.grant",
        obj=assignment,
        instansi=instansi,
        pegawai=user.pegawai,
        changes={"role": [None, role], "unit": [None, unit.pk if unit else None]},
    )
    return assignment


@transaction.atomic
def role_revoke(*, actor, assignment: RoleAssignment) -> None:
    if not permissions.can_manage_roles(actor, assignment.instansi_id):
        raise PermissionDenied(_("You are not allowed to do this."))
    audit.record(
        actor=actor,
        action="accounts.role.revoke",
        obj=assignment,
        instansi=assignment.instansi,
        pegawai=assignment.user.pegawai,
        changes={"role": [assignment.role, None]},
    )
    assignment.delete()


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, actor: User, name: str, expires_at=None) -> tuple[ApiToken, str]:
    """A new personal token; the secret is returned once and only its hash is kept."""
    if not actor.is_authenticated:
        raise PermissionDenied(_("You are not allowed to do this."))
    name = name.strip()
    if not name:
        raise ApplicationError({"name": _("Give the token a name, e.g. the application that will use it.")})
    if expires_at is not None and expires_at <= timezone.now():
        raise ApplicationError({"expires_at": _("The expiry date must be in the future.")})
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=actor,
        name=name,
        prefix=secret[: len(TOKEN_PREFIX) + 6],
        key_hash=hash_token(secret),
        expires_at=expires_at,
    )
    audit.record(
        actor=actor,
        action="accounts.token.create",
        obj=token,
        instansi=actor.instansi,
        pegawai=actor.pegawai,
        changes={"name": [None, name]},
    )
    return token, secret


@transaction.atomic
def api_token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    if token.user_id != actor.pk:
        raise PermissionDenied(_("You are not allowed to do this."))
    if token.revoked_at is not None:
        raise ApplicationError(_("This token has already been revoked."))
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.record(
        actor=actor, action="accounts.token.revoke", obj=token, instansi=actor.instansi, pegawai=actor.pegawai
    )
    return token


def api_token_authenticate(secret: str) -> User | None:
    token = ApiToken.objects.select_related("user").filter(key_hash=hash_token(secret)).first()
    if token is None or not token.is_usable or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
