"""Who may open and use the account screens: own password and tokens for everyone, roles for admin BKPSDM."""

from operator import attrgetter

from kinerja.accounts import services
from kinerja.accounts.models import ApiToken, Role, RoleAssignment, User
from kinerja.core.testing.harness import (
    ANON,
    CONFIRM,
    LOGIN,
    OK,
    Route,
    Writes,
    demo_object,
    expect,
    expect_roles,
)
from kinerja.org import demo

NEW_PASSWORD = "Ganti-Sandi#2099"


@demo_object
def token_of_pegawai(objs):
    token, _secret = services.api_token_create(actor=objs.cast.pegawai, name="Skrip pegawai")
    return token


@demo_object
def own_token(objs):
    """A token of the user making the request (anonymous visitors point at the pegawai's)."""
    if objs.role == ANON:
        return objs.token_of_pegawai
    token, _secret = services.api_token_create(actor=objs.user, name="Skrip sendiri")
    return token


@demo_object
def role_of_tim_penilai(objs):
    return RoleAssignment.objects.get(user=objs.cast.tim_penilai, role=Role.TIM_PENILAI)


@demo_object
def role_of_outsider(objs):
    return RoleAssignment.objects.get(user=objs.cast.outsider)


def _revoked_at(token):
    return lambda o: ApiToken.objects.values_list("revoked_at", flat=True).get(pk=token(o).pk)


def _role_exists(assignment):
    return lambda o: RoleAssignment.objects.filter(pk=assignment(o).pk).exists()


def _password_of_requester(o):
    return None if o.user is None else User.objects.values_list("password", flat=True).get(pk=o.user.pk)


def _post_only(name, case, target, state, *, write, read=None):
    """A confirmed POST acting on `target(objs)`; `state(target)` snapshots what it changes."""
    return Route(
        name,
        case=case,
        kwargs=lambda o: {"pk": target(o).pk},
        read=read,
        data=lambda o: dict(CONFIRM),
        state=state(target),
        write=write,
    )


PUBLIC = expect(200)

ROUTES = [
    # Logged-in users are sent on from the login page.
    Route("accounts:login", read=expect(302, anon=200)),
    # Logging out is POST only.
    Route("accounts:logout", read=expect(405)),
    Route("accounts:password_reset", read=PUBLIC),
    Route("accounts:password_reset_done", read=PUBLIC),
    Route(
        "accounts:password_reset_confirm",
        case="invalid_link",
        kwargs=lambda o: {"uidb64": "MQ", "token": "bukan-token"},
        read=PUBLIC,
    ),
    Route("accounts:password_reset_complete", read=PUBLIC),
    Route(
        "accounts:password_change",
        read=expect(200, anon=LOGIN),
        data=lambda o: {
            "old_password": demo.DEMO_PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
        state=_password_of_requester,
        write=expect(OK, anon=LOGIN),
    ),
    # The secret is shown once on the page itself, hence 200 and not a redirect.
    Route(
        "accounts:token_list",
        read=expect(200, anon=LOGIN),
        data=lambda o: {"name": "Aplikasi rekap"},
        state=lambda o: ApiToken.objects.count(),
        write=expect(Writes(200), anon=LOGIN),
    ),
    # Tokens are personal: only their owner finds them.
    _post_only(
        "accounts:token_revoke",
        "of_pegawai",
        attrgetter("token_of_pegawai"),
        _revoked_at,
        read=expect(405, anon=LOGIN),
        write=expect(404, anon=LOGIN, pegawai=OK),
    ),
    _post_only(
        "accounts:token_revoke", "own", attrgetter("own_token"), _revoked_at, write=expect(OK, anon=LOGIN)
    ),
    # The superuser has no instansi, so no role page (it has the Django admin).
    Route(
        "accounts:role_list",
        read=expect_roles(403, {200: ("admin_bkpsdm", "outsider")}, anon=LOGIN),
        data=lambda o: {"username": demo.NIP_KASI_IMUNISASI, "role": Role.AUDITOR, "unit": ""},
        state=lambda o: RoleAssignment.objects.filter(user__username=demo.NIP_KASI_IMUNISASI).count(),
        # the outsider's form only knows accounts of its own instansi
        write=expect_roles(403, {OK: ("admin_bkpsdm",), 200: ("outsider",)}, anon=LOGIN),
    ),
    _post_only(
        "accounts:role_revoke",
        "sukamaju",
        attrgetter("role_of_tim_penilai"),
        _role_exists,
        read=expect(405, anon=LOGIN),
        write=expect_roles(403, {OK: ("admin_bkpsdm", "superuser")}, outsider=404, anon=LOGIN),
    ),
    _post_only(
        "accounts:role_revoke",
        "lembah",
        attrgetter("role_of_outsider"),
        _role_exists,
        write=expect_roles(404, {OK: ("outsider", "superuser")}, anon=LOGIN),
    ),
]
