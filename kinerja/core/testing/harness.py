"""The permission harness: every URL and API route, walked as each demo role, with declared expectations.

Each app lists its routes in `<app>/tests/routes.py` as `ROUTES = [Route(...), ...]`; objects the routes need
are declared there with `@demo_object`. `kinerja/core/tests/test_route_permissions.py` runs every route as every
role, and fails when the URL resolver or the API has a route that no app declared.

Expectations per role: an HTTP status (refused or plain read), `LOGIN` (redirected to the login page, for
anonymous users on HTML routes) or, for writes only, `OK` / `Writes(status)` (the write happened: expected status,
the declared state changed and an audit event was recorded). A refused write must leave the state and the audit
trail unchanged. Every response, whatever its status, also passes the checks apps register with
`@response_check` (360's anonymity check: no anonymous rater named next to an answer).
"""

import importlib
import json
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kinerja.core.models import AuditEvent

# The demo roles every route is walked as; kinerja.testkit.cast names a demo user for each (the kernel imports
# no app, so the users themselves are not named here).
ROLES = (
    "pegawai",
    "atasan",
    "kepala_dinas",
    "sekda",
    "admin_bkpsdm",
    "admin_pd",
    "tim_penilai",
    "auditor",
    "outsider",
    "superuser",
)
ANON = "anon"
ALL_ROLES = (*ROLES, ANON)
LOGIN = "login"

# Resolver namespaces and names the HTML walk leaves out: the Django admin (superusers only, Django's own
# permission checks), the language switch, and the API (walked through its OpenAPI schema instead).
SKIPPED_NAMESPACES = {"admin", "api"}
SKIPPED_NAMES = {"set_language"}


@dataclass(frozen=True)
class Writes:
    """The write goes through: the response has this status, the state changes, an audit event is recorded."""

    status: int = 302


OK = Writes()

# The field a destructive action's confirmation page sends (kinerja.core.views_util.confirmed): a write of such an
# action is declared with it; without it the action only shows its confirmation page.
CONFIRM = {"konfirmasi": "1"}

Expected = int | str | Writes


def expect(default: Expected, **overrides: Expected) -> dict[str, Expected]:
    """An expectation for every role (and `anon`): `default` unless overridden by role name."""
    unknown = set(overrides) - set(ALL_ROLES)
    if unknown:
        raise ValueError(f"unknown roles: {sorted(unknown)}")
    return {role: overrides.get(role, default) for role in ALL_ROLES}


def expect_roles(default: Expected, groups: Mapping[Expected, tuple[str, ...]], **overrides) -> dict:
    """Like `expect`, with whole groups of roles mapped to one expectation: {200: ("admin_bkpsdm", ...)}."""
    values = {}
    for expected, roles in groups.items():
        for role in roles:
            values[role] = expected
    values.update(overrides)
    return expect(default, **values)


# Objects the routes point at --------------------------------------------------------------------------------

_PROVIDERS: dict[str, Callable[["Objects"], Any]] = {}


def demo_object(func: Callable[["Objects"], Any]) -> Callable[["Objects"], Any]:
    """Declare a named object of the demo data (built lazily, once per test) for route kwargs and data."""
    if func.__name__ in _PROVIDERS and _PROVIDERS[func.__name__] is not func:
        raise ValueError(f"demo object {func.__name__!r} is declared twice")
    _PROVIDERS[func.__name__] = func
    return func


class Objects:
    """The objects of one test: `objs.<name>` builds a declared demo object on first use."""

    def __init__(self, cast, role: str):
        self.cast = cast
        self.role = role
        self.user = None if role == ANON else getattr(cast, role)
        self._cache: dict[str, Any] = {}

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        if name not in self._cache:
            try:
                provider = _PROVIDERS[name]
            except KeyError:
                raise AttributeError(f"no demo object {name!r}; declare it with @demo_object") from None
            self._cache[name] = provider(self)
        return self._cache[name]


# Routes -----------------------------------------------------------------------------------------------------

API_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


@dataclass(frozen=True)
class Route:
    """One route in one situation (`case`), with what each role gets on GET and, for forms, on POST.

    `name` is a URL name ("org:pegawai_detail") or an API operation ("GET /api/v1/pegawai/{pegawai_id}").
    `state(objs)` returns a comparable snapshot of what the write changes (fetched fresh from the database).
    """

    name: str
    read: Mapping[str, Expected] | None
    case: str = ""
    kwargs: Callable[[Objects], dict] | None = None
    query: Callable[[Objects], dict] | None = None
    write: Mapping[str, Expected] | None = None
    data: Callable[[Objects], dict] | None = None
    state: Callable[[Objects], Any] | None = None

    def __post_init__(self):
        for label, table in (("read", self.read), ("write", self.write)):
            if table is not None and set(table) != set(ALL_ROLES):
                raise ValueError(f"{self.id}: {label} must cover exactly {ALL_ROLES}")
        if self.read is None and self.write is None:
            raise ValueError(f"{self.id}: declare read or write expectations")
        if self.write is not None and (self.data is None or self.state is None):
            raise ValueError(f"{self.id}: a write needs data and state")
        if self.read and any(isinstance(v, Writes) for v in self.read.values()):
            raise ValueError(f"{self.id}: OK/Writes is for write expectations")

    @property
    def id(self) -> str:
        return f"{self.name}[{self.case}]" if self.case else self.name

    @property
    def is_api(self) -> bool:
        return self.name.split(" ", 1)[0] in API_METHODS

    @property
    def method(self) -> str:
        """The API operation's method; HTML routes are read with GET and written with POST."""
        return self.name.split(" ", 1)[0] if self.is_api else "POST"

    def url(self, objs: Objects) -> str:
        kwargs = self.kwargs(objs) if self.kwargs else {}
        if self.is_api:
            url = self.name.split(" ", 1)[1].format(**kwargs)
        else:
            url = reverse(self.name, kwargs=kwargs)
        query = self.query(objs) if self.query else {}
        return f"{url}?{urlencode(query)}" if query else url


def saved_logins(usernames: Mapping[str, str]) -> dict[str, str]:
    """A stored session per role (`usernames`: role -> login), made once per test database, so tests need not
    log in (the slow part)."""
    engine = importlib.import_module(settings.SESSION_ENGINE)
    users = get_user_model().objects.in_bulk(usernames.values(), field_name="username")
    keys = {}
    for role, username in usernames.items():
        user = users[username]
        session = engine.SessionStore()
        session[SESSION_KEY] = user._meta.pk.value_to_string(user)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
        keys[role] = session.session_key
    return keys


def client_for(role: str, logins: Mapping[str, str]) -> Client:
    """A client logged in as `role` through its saved session (anonymous for `anon`)."""
    client = Client()
    if role != ANON:
        client.cookies[settings.SESSION_COOKIE_NAME] = logins[role]
    return client


def assert_status(response, expected: Expected, what: str) -> None:
    if expected == LOGIN:
        login = resolve_url(settings.LOGIN_URL)
        assert response.status_code == 302 and response["Location"].startswith(login), (
            f"{what}: expected a redirect to the login page, got {response.status_code} "
            f"{response.get('Location', '')}"
        )
    else:
        assert response.status_code == expected, f"{what}: expected {expected}, got {response.status_code}"


def _form_errors(response) -> str:
    context = getattr(response, "context", None)
    form = context.get("form") if context else None
    return f" (form errors: {form.errors.as_json()})" if form is not None and form.errors else ""


def audit_count() -> int:
    return AuditEvent.objects.count()


# Checks every response of the walk must pass, whatever its status (an app's tests/routes.py registers its own:
# 360's anonymity check, for one).
RESPONSE_CHECKS: list[Callable[[Any, str], object]] = []


def response_check(func: Callable[[Any, str], object]) -> Callable[[Any, str], object]:
    """Register `func(response, what)`, called on every response the harness receives; it asserts."""
    if func not in RESPONSE_CHECKS:
        RESPONSE_CHECKS.append(func)
    return func


def _inspect(response, what: str) -> None:
    for check in RESPONSE_CHECKS:
        check(response, what)


@contextmanager
def assert_unchanged(state: Callable[[], Any], what: str = "refused request") -> Iterator[None]:
    """Nothing may change inside the block: neither `state()` nor the audit trail."""
    before, events = state(), audit_count()
    yield
    assert state() == before, f"{what} changed the data"
    assert audit_count() == events, f"{what} recorded an audit event"


def post(client, url: str, data: dict, *, method: str = "POST", api: bool = False):
    if api:
        return client.generic(method, url, json.dumps(data, default=str), content_type="application/json")
    return client.post(url, data)


def assert_refused_post(
    client,
    url: str,
    data: dict,
    *,
    expected: Expected,
    state: Callable[[], Any],
    method: str = "POST",
    api: bool = False,
):
    """POST `data` to `url` (JSON for the API), expect a refusal (a status, or LOGIN) and no change at all."""
    what = f"{method} {url}"
    with assert_unchanged(state, what):
        response = post(client, url, data, method=method, api=api)
        assert_status(response, expected, what)
    _inspect(response, what)
    return response


def check_read(client, route: Route, objs: Objects, expected: Expected) -> None:
    url = route.url(objs)
    method = route.method if route.is_api else "GET"
    response = client.generic(method, url)
    what = f"{route.id} as {objs.role}: {method} {url}"
    assert_status(response, expected, what)
    _inspect(response, what)


def check_write(client, route: Route, objs: Objects, expected: Expected) -> None:
    url, data = route.url(objs), route.data(objs)
    state = lambda: route.state(objs)  # noqa: E731
    if not isinstance(expected, Writes):
        assert_refused_post(
            client, url, data, expected=expected, state=state, method=route.method, api=route.is_api
        )
        return
    what = f"{route.id} as {objs.role}: POST {url}"
    before, events = state(), audit_count()
    response = post(client, url, data, method=route.method, api=route.is_api)
    _inspect(response, what)
    assert response.status_code == expected.status, (
        f"{what}: expected {expected.status}, got {response.status_code}{_form_errors(response)}"
    )
    assert state() != before, f"{what}: answered {response.status_code} but changed nothing"
    assert audit_count() > events, f"{what}: wrote without an audit event"


def check_route(cast, logins: Mapping[str, str], route: Route, role: str) -> None:
    """GET the route (if it declares reads) and POST its data (if it declares writes) as `role`."""
    objs = Objects(cast, role)
    client = client_for(role, logins)
    if route.read is not None:
        check_read(client, route, objs, route.read[role])
    if route.write is not None:
        check_write(client, route, objs, route.write[role])


# Registry and coverage --------------------------------------------------------------------------------------


@cache
def all_routes() -> tuple[Route, ...]:
    """ROUTES of every installed app that has `tests/routes.py`."""
    routes: list[Route] = []
    for config in apps.get_app_configs():
        if Path(config.path, "tests", "routes.py").exists():
            routes.extend(importlib.import_module(f"{config.name}.tests.routes").ROUTES)
    ids = [r.id for r in routes]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"routes declared twice: {duplicates}")
    return tuple(routes)


def url_names() -> tuple[set[str], list[str]]:
    """Every named HTML route of the project (namespaced), and the patterns that have no name."""
    names: set[str] = set()
    unnamed: list[str] = []

    def walk(resolver: URLResolver, namespace: str, prefix: str) -> None:
        for pattern in resolver.url_patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                if pattern.namespace in SKIPPED_NAMESPACES:
                    continue
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern, inner, route)
            elif isinstance(pattern, URLPattern):
                if pattern.name in SKIPPED_NAMES:
                    continue
                if pattern.name:
                    names.add(namespace + pattern.name)
                else:
                    unnamed.append(route)

    walk(get_resolver(), "", "/")
    return names, unnamed


def api_operations() -> set[str]:
    """Every operation of the JSON API, as "METHOD /path/{param}"."""
    from config.api import api

    schema = api.get_openapi_schema()
    return {f"{method.upper()} {path}" for path, ops in schema["paths"].items() for method in ops}
