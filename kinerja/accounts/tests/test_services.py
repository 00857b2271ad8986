"""Account services: granting and revoking roles, personal API tokens."""

import datetime
import hashlib

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from kinerja.accounts import services
from kinerja.accounts.models import ApiToken, Role, RoleAssignment, User
from kinerja.accounts.permissions import access_of
from kinerja.core.errors import ApplicationError
from kinerja.core.models import AuditEvent
from kinerja.org.models import UnitKerja


def fresh(user: User) -> User:
    """The user reloaded, so that the access cached on the old object does not hide a change."""
    return User.objects.select_related("instansi", "pegawai").get(pk=user.pk)


def sukamaju_unit(cast, kode: str) -> UnitKerja:
    return UnitKerja.objects.get(instansi=cast.admin_bkpsdm.instansi, kode=kode)


# Roles -------------------------------------------------------------------------------------------------------


def test_admin_bkpsdm_grants_a_role_in_their_instansi(cast):
    assignment = services.role_grant(actor=cast.admin_bkpsdm, user=cast.pegawai, role=Role.AUDITOR)

    assert assignment.role == Role.AUDITOR
    assert assignment.instansi_id == cast.pegawai.instansi_id
    assert assignment.unit is None
    assert access_of(fresh(cast.pegawai)).has(Role.AUDITOR)
    event = AuditEvent.objects.get(action="accounts.role.grant", object_id=str(assignment.pk))
    assert event.actor_id == cast.admin_bkpsdm.pk
    assert event.pegawai_id == cast.pegawai.pegawai_id
    assert event.changes == {"role": [None, "auditor"], "unit": [None, None]}


def test_superuser_may_grant_roles_in_any_instansi(cast):
    assignment = services.role_grant(actor=cast.superuser, user=cast.pegawai, role=Role.TIM_PENILAI)
    assert assignment.pk is not None


@pytest.mark.parametrize(
    "actor", ["outsider", "admin_pd", "tim_penilai", "auditor", "kepala_dinas", "pegawai"]
)
def test_only_admin_bkpsdm_of_the_same_instansi_grants_roles(cast, actor):
    with pytest.raises(PermissionDenied):
        services.role_grant(actor=getattr(cast, actor), user=cast.atasan, role=Role.AUDITOR)
    assert not RoleAssignment.objects.filter(user=cast.atasan).exists()
    assert not AuditEvent.objects.filter(action="accounts.role.grant").exists()


def test_admin_bkpsdm_cannot_grant_roles_to_a_user_without_instansi(cast):
    with pytest.raises(PermissionDenied):
        services.role_grant(actor=cast.admin_bkpsdm, user=cast.superuser, role=Role.AUDITOR)


def test_department_administrator_role_needs_a_unit(cast):
    with pytest.raises(ApplicationError) as exc:
        services.role_grant(actor=cast.admin_bkpsdm, user=cast.pegawai, role=Role.ADMIN_PD)
    assert "unit" in exc.value.message_dict
    assert not RoleAssignment.objects.filter(user=cast.pegawai).exists()


def test_department_administrator_unit_must_be_of_the_same_instansi(cast):
    other_unit = UnitKerja.objects.exclude(instansi=cast.pegawai.instansi).first()
    with pytest.raises(ApplicationError) as exc:
        services.role_grant(actor=cast.admin_bkpsdm, user=cast.pegawai, role=Role.ADMIN_PD, unit=other_unit)
    assert "unit" in exc.value.message_dict


def test_department_administrator_is_limited_to_the_unit_subtree(cast):
    unit = sukamaju_unit(cast, "DISDIK")
    assignment = services.role_grant(
        actor=cast.admin_bkpsdm, user=cast.pegawai, role=Role.ADMIN_PD, unit=unit
    )
    assert assignment.unit == unit
    assert access_of(fresh(cast.pegawai)).admin_unit_paths == [unit.path]


def test_unit_is_ignored_for_instansi_wide_roles(cast):
    unit = sukamaju_unit(cast, "DISDIK")
    assignment = services.role_grant(actor=cast.admin_bkpsdm, user=cast.pegawai, role=Role.AUDITOR, unit=unit)
    assert assignment.unit is None


def test_unknown_role_is_refused(cast):
    with pytest.raises(ApplicationError) as exc:
        services.role_grant(actor=cast.admin_bkpsdm, user=cast.pegawai, role="kepala_daerah")
    assert "role" in exc.value.message_dict


def test_granting_a_role_twice_is_refused(cast):
    services.role_grant(actor=cast.admin_bkpsdm, user=cast.pegawai, role=Role.AUDITOR)
    with pytest.raises(ApplicationError) as exc:
        services.role_grant(actor=cast.admin_bkpsdm, user=cast.pegawai, role=Role.AUDITOR)
    assert "role" in exc.value.message_dict
    assert RoleAssignment.objects.filter(user=cast.pegawai).count() == 1
    assert AuditEvent.objects.filter(action="accounts.role.grant").count() == 1


def test_admin_bkpsdm_revokes_a_role(cast):
    assignment = RoleAssignment.objects.get(user=cast.auditor, role=Role.AUDITOR)
    pk = assignment.pk
    services.role_revoke(actor=cast.admin_bkpsdm, assignment=assignment)

    assert not RoleAssignment.objects.filter(pk=pk).exists()
    assert not access_of(fresh(cast.auditor)).has(Role.AUDITOR)
    event = AuditEvent.objects.get(action="accounts.role.revoke")
    assert event.object_id == str(pk)
    assert event.actor_id == cast.admin_bkpsdm.pk
    assert event.changes == {"role": ["auditor", None]}


@pytest.mark.parametrize("actor", ["outsider", "admin_pd", "auditor", "pegawai"])
def test_only_admin_bkpsdm_of_the_same_instansi_revokes_roles(cast, actor):
    assignment = RoleAssignment.objects.get(user=cast.tim_penilai)
    with pytest.raises(PermissionDenied):
        services.role_revoke(actor=getattr(cast, actor), assignment=assignment)
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()
    assert not AuditEvent.objects.filter(action="accounts.role.revoke").exists()


# API tokens --------------------------------------------------------------------------------------------------


def test_token_secret_is_returned_once_and_only_its_hash_is_stored(cast):
    token, secret = services.api_token_create(actor=cast.pegawai, name="  Aplikasi absensi  ")

    assert secret.startswith(services.TOKEN_PREFIX)
    assert len(secret) > 40
    token = ApiToken.objects.get(pk=token.pk)
    assert token.name == "Aplikasi absensi"
    assert token.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret.startswith(token.prefix)
    assert len(token.prefix) < len(secret) // 2
    stored = [str(getattr(token, f.attname)) for f in ApiToken._meta.concrete_fields]
    assert not any(secret in value for value in stored)
    event = AuditEvent.objects.get(action="accounts.token.create", object_id=str(token.pk))
    assert secret not in str(event.changes) and secret not in event.object_repr


def test_each_token_gets_a_different_secret(cast):
    _a, first = services.api_token_create(actor=cast.pegawai, name="satu")
    _b, second = services.api_token_create(actor=cast.pegawai, name="dua")
    assert first != second


@pytest.mark.parametrize("name", ["", "   "])
def test_token_needs_a_name(cast, name):
    with pytest.raises(ApplicationError) as exc:
        services.api_token_create(actor=cast.pegawai, name=name)
    assert "name" in exc.value.message_dict
    assert not ApiToken.objects.filter(user=cast.pegawai).exists()


def test_token_expiry_in_the_past_is_refused(cast):
    past = timezone.now() - datetime.timedelta(minutes=1)
    with pytest.raises(ApplicationError) as exc:
        services.api_token_create(actor=cast.pegawai, name="lama", expires_at=past)
    assert "expires_at" in exc.value.message_dict
    assert not ApiToken.objects.filter(user=cast.pegawai).exists()


def test_anonymous_cannot_create_a_token(db):
    with pytest.raises(PermissionDenied):
        services.api_token_create(actor=AnonymousUser(), name="x")


def test_owner_revokes_their_token(cast):
    token, secret = services.api_token_create(actor=cast.pegawai, name="absensi")
    services.api_token_revoke(actor=cast.pegawai, token=token)
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert not token.is_usable
    assert AuditEvent.objects.filter(action="accounts.token.revoke", object_id=str(token.pk)).exists()
    assert services.api_token_authenticate(secret) is None


@pytest.mark.parametrize("actor", ["atasan", "admin_bkpsdm", "superuser"])
def test_only_the_owner_revokes_a_token(cast, actor):
    token, secret = services.api_token_create(actor=cast.pegawai, name="absensi")
    with pytest.raises(PermissionDenied):
        services.api_token_revoke(actor=getattr(cast, actor), token=token)
    token.refresh_from_db()
    assert token.revoked_at is None
    assert services.api_token_authenticate(secret).pk == cast.pegawai.pk


def test_revoking_a_token_twice_is_refused(cast):
    token, _secret = services.api_token_create(actor=cast.pegawai, name="absensi")
    services.api_token_revoke(actor=cast.pegawai, token=token)
    first_revoked_at = ApiToken.objects.get(pk=token.pk).revoked_at
    with pytest.raises(ApplicationError):
        services.api_token_revoke(actor=cast.pegawai, token=token)
    assert ApiToken.objects.get(pk=token.pk).revoked_at == first_revoked_at
    assert AuditEvent.objects.filter(action="accounts.token.revoke").count() == 1


def test_valid_token_authenticates_its_owner_and_records_use(cast):
    future = timezone.now() + datetime.timedelta(days=30)
    token, secret = services.api_token_create(actor=cast.pegawai, name="absensi", expires_at=future)
    assert services.api_token_authenticate(secret).pk == cast.pegawai.pk
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None


def test_repeated_use_within_a_minute_does_not_write(cast, django_assert_num_queries):
    _token, secret = services.api_token_create(actor=cast.pegawai, name="absensi")
    services.api_token_authenticate(secret)
    with django_assert_num_queries(1):
        assert services.api_token_authenticate(secret).pk == cast.pegawai.pk


def test_unknown_or_tampered_secret_authenticates_nobody(cast):
    _token, secret = services.api_token_create(actor=cast.pegawai, name="absensi")
    assert services.api_token_authenticate(secret + "x") is None
    assert services.api_token_authenticate(services.TOKEN_PREFIX + "tidak-ada") is None
    assert services.api_token_authenticate("") is None


def test_expired_token_authenticates_nobody(cast):
    future = timezone.now() + datetime.timedelta(hours=1)
    token, secret = services.api_token_create(actor=cast.pegawai, name="absensi", expires_at=future)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert services.api_token_authenticate(secret) is None


def test_revoked_token_authenticates_nobody(cast):
    token, secret = services.api_token_create(actor=cast.pegawai, name="absensi")
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    assert services.api_token_authenticate(secret) is None


def test_token_of_an_inactive_user_authenticates_nobody(cast):
    _token, secret = services.api_token_create(actor=cast.pegawai, name="absensi")
    User.objects.filter(pk=cast.pegawai.pk).update(is_active=False)
    assert services.api_token_authenticate(secret) is None
