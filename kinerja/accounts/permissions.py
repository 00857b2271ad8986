"""Who a user is in the system: their instansi, their roles and the unit subtrees they administer.

Supervisor rights are not here on purpose: they follow from the organisation at a date (org.selectors).
"""

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from kinerja.accounts.models import Role, RoleAssignment


@dataclass
class Access:
    user_id: int | None
    instansi_id: int | None
    pegawai_id: int | None
    superuser: bool = False
    roles: set[str] = field(default_factory=set)
    admin_unit_paths: list[str] = field(default_factory=list)

    @property
    def authenticated(self) -> bool:
        return self.user_id is not None

    def has(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def reads_whole_instansi(self) -> bool:
        return self.has(Role.ADMIN_BKPSDM, Role.TIM_PENILAI, Role.AUDITOR)

    def in_instansi(self, instansi_id: int | None) -> bool:
        return self.superuser or (self.instansi_id is not None and self.instansi_id == instansi_id)

    def administers_unit_path(self, path: str) -> bool:
        return any(path.startswith(p) for p in self.admin_unit_paths)


ANONYMOUS = Access(user_id=None, instansi_id=None, pegawai_id=None)


def access_of(user) -> Access:
    """The user's access, computed once per request and kept on the user object."""
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    cached = getattr(user, "_kinerja_access", None)
    if cached is not None:
        return cached
    access = Access(
        user_id=user.pk, instansi_id=user.instansi_id, pegawai_id=user.pegawai_id, superuser=user.is_superuser
    )
    for assignment in user.roles.select_related("unit"):
        if assignment.instansi_id != user.instansi_id:
            continue
        access.roles.add(assignment.role)
        if assignment.role == Role.ADMIN_PD and assignment.unit is not None:
            access.admin_unit_paths.append(assignment.unit.path)
    user._kinerja_access = access
    return access


def in_own_instansi(user, model, field: str = "instansi_id") -> QuerySet:
    """Rows of the user's instansi (`field` names it), all of them for a superuser, none without an instansi."""
    access = access_of(user)
    if access.superuser:
        return model.objects.all()
    if access.instansi_id is None:
        return model.objects.none()
    return model.objects.filter(**{field: access.instansi_id})


def instansi_rows(user, model) -> tuple[QuerySet, bool]:
    """The rows of the user's instansi and whether the user reads them all (a superuser every instansi's, the
    instansi-wide roles their own); the caller narrows the rest. No instansi, or not logged in: none."""
    access = access_of(user)
    rows = in_own_instansi(user, model) if access.authenticated else model.objects.none()
    return rows, access.superuser or access.reads_whole_instansi or access.instansi_id is None


def is_admin_bkpsdm(user, instansi_id: int | None) -> bool:
    """The BKPSDM administrator of the instansi (or a superuser): the instansi-wide writer."""
    access = access_of(user)
    return access.superuser or (access.in_instansi(instansi_id) and access.has(Role.ADMIN_BKPSDM))


def under_unit_paths(paths: list[str], prefix: str = "") -> Q:
    """Rows inside any of the unit subtrees (materialised paths); none when no path is given.

    `prefix` leads from the queried model to the unit, e.g. "jabatan__unit__" for a Penugasan."""
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(**{f"{prefix}path__startswith": path})
    return q


def role_assignments_visible_to(user) -> QuerySet[RoleAssignment]:
    """The role assignments of the user's own instansi (all of them for a superuser)."""
    return in_own_instansi(user, RoleAssignment)


def can_manage_roles(user, instansi_id: int) -> bool:
    return is_admin_bkpsdm(user, instansi_id)


def can_reset_password(user, pegawai) -> bool:
    """Hand a pegawai a temporary password: admin BKPSDM of their instansi."""
    return is_admin_bkpsdm(user, pegawai.instansi_id)


def can_view_audit_trail(user) -> bool:
    """Who may open the audit trail page at all (what they see there is narrowed by portal.permissions)."""
    return access_of(user).authenticated
