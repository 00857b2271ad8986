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
from kinerja.core.services import deny_unless

TOKEN_PREFIX = "knj_"


def _record(actor, action: str, obj, user: User, changes: dict | None = None) -> None:
    """Record an event about `user`'s account, under their instansi and pegawai."""
    audit.record(
        actor=actor, action=action, obj=obj, instansi=user.instansi, pegawai=user.pegawai, changes=changes
    )


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
    _record(actor, "accounts.user.create", user, user, {"username": [None, user.username]})
    return user


def account_sync_with_pegawai(*, pegawai) -> None:
    """Keep the login name, display name and email in step with the pegawai record."""
    User.objects.filter(pegawai=pegawai).update(
        username=pegawai.nip, nama=pegawai.nama_lengkap, email=pegawai.email, is_active=pegawai.aktif
    )


@transaction.atomic
def account_set_temporary_password(*, actor, user: User) -> str:
    """A random password the admin hands over; the user must replace it at the next login."""
    deny_unless(user.pegawai is not None and permissions.can_reset_password(actor, user.pegawai))
    password = "-".join(secrets.token_hex(2) for _ in range(3))
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    _record(actor, "accounts.user.temporary_password", user, user)
    return password


def password_changed(*, user: User, action: str = "accounts.user.password_change") -> None:
    """Called after Django's password views saved a new password (change, or reset through the emailed link)."""
    User.objects.filter(pk=user.pk).update(must_change_password=False)
    _record(user, action, user, user)


@transaction.atomic
def staff_account_create(
    *, actor, instansi, username: str, nama: str, email: str = "", role: str
) -> tuple[User, str]:
    """A non-pegawai account (e.g. the first admin BKPSDM) with a role and a temporary password, returned once.
    Only a superuser, or the server operator from the command line (actor None)."""
    deny_unless(actor is None or getattr(actor, "is_superuser", False))
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
    _record(actor, "accounts.user.create", user, user, {"username": [None, username]})
    role_grant(actor=actor, user=user, role=role)
    return user, password


@transaction.atomic
def role_grant(*, actor, user: User, role: str, unit=None) -> RoleAssignment:
    instansi = user.instansi
    operator = actor is None  # the server operator, from the command line
    if instansi is None:  # refused here rather than in deny_unless, so that instansi is known to be set below
        raise PermissionDenied(_("You are not allowed to do this."))
    deny_unless(operator or permissions.can_manage_roles(actor, instansi.pk))
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
    deny_unless(permissions.can_manage_roles(actor, assignment.instansi_id))
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
    deny_unless(actor.is_authenticated)
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
    _record(actor, "accounts.token.create", token, actor, {"name": [None, name]})
    return token, secret


@transaction.atomic
def api_token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    deny_unless(token.user_id == actor.pk)
    if token.revoked_at is not None:
        raise ApplicationError(_("This token has already been revoked."))
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    _record(actor, "accounts.token.revoke", token, actor)
    return token


def api_token_authenticate(secret: str) -> User | None:
    token = ApiToken.objects.select_related("user").filter(key_hash=hash_token(secret)).first()
    if token is None or not token.is_usable or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
