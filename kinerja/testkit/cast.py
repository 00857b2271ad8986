"""The named demo cast: the people, agencies, units, positions, frameworks and SKPs that tests refer to.

Tests name demo objects here instead of repeating `Pegawai.objects.get(nip=...)` or `Instansi.objects.get(kode=
"KOTA-SKM")`. Two ways in:

- the module's functions (`instansi()`, `unit("DINKES")`, `jabatan("Sekretaris Daerah")`,
  `person(demo.NIP_SEKDA)`, `framework()`, `current_skp(user)`, ...) read the row fresh each call, for tests
  that compare before and after;
- the `cast` fixture (`Cast`) has the ten role users as attributes and the same lookups as methods, fetched on
  first use and kept for the test (`cast.unit("DINKES")`, `cast.person(demo.NIP_SEKDA)`).

This package sits above every layer (it reads org, accounts, criteria and planning); the kernel's test harness
only knows the role names (`kinerja.core.testing.harness.ROLES`).
"""

import datetime
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from django.test import Client

from kinerja.accounts.models import User
from kinerja.core.testing.harness import ROLES
from kinerja.criteria.models import Kerangka
from kinerja.org import demo
from kinerja.org.models import Instansi, Jabatan, Pegawai, UnitKerja
from kinerja.planning.models import SKP, TahunKinerja

__all__ = [
    "CAST_USERNAMES",
    "LEMBAH",
    "SKM",
    "YEAR",
    "Cast",
    "current_skp",
    "framework",
    "head_of",
    "instansi",
    "jabatan",
    "person",
    "unit",
    "user",
    "year",
]

# The demo and the app count days in the instansi's time zone (WIB), not the machine's.
YEAR = datetime.datetime.now(ZoneInfo("Asia/Jakarta")).year

# The demo's agencies: Kota Sukamaju (everyone in the cast but the outsider) and Kab. Lembah Hijau (WITA).
SKM, LEMBAH = "KOTA-SKM", "KAB-LHJ"

# The login of each member of the cast, by role.
CAST_USERNAMES = {
    "pegawai": demo.NIP_PELAKSANA_IMUNISASI,
    "atasan": demo.NIP_KASI_IMUNISASI,
    "kepala_dinas": demo.NIP_KEPALA_DINKES,
    "sekda": demo.NIP_SEKDA,
    "admin_bkpsdm": "admin.bkpsdm",
    "admin_pd": "admin.disdik",
    "tim_penilai": "tim.penilai",
    "auditor": "auditor",
    "outsider": "admin.lembah",
    "superuser": "superadmin",
}
if tuple(CAST_USERNAMES) != ROLES:  # the harness walks ROLES; each needs a user here
    raise ImportError(f"the cast's roles {tuple(CAST_USERNAMES)} differ from the harness's {ROLES}")


# Lookups, fresh from the database on every call --------------------------------------------------------------


def instansi(kode: str = SKM) -> Instansi:
    return Instansi.objects.get(kode=kode)


def unit(kode: str, instansi: str = SKM) -> UnitKerja:
    """A unit by its code in an agency, e.g. unit("DINKES"), unit("DISDIK.SEK")."""
    return UnitKerja.objects.get(instansi__kode=instansi, kode=kode)


def jabatan(nama: str, instansi: str = SKM) -> Jabatan:
    """A position by its (in the demo, unique per agency) name, e.g. jabatan("Kepala Seksi Imunisasi")."""
    return Jabatan.objects.get(instansi__kode=instansi, nama=nama)


def head_of(unit_kode: str, instansi: str = SKM) -> Jabatan:
    """The head's position of a unit."""
    return Jabatan.objects.get(instansi__kode=instansi, unit__kode=unit_kode, kepala_unit=True)


def person(nip: str) -> Pegawai:
    """A pegawai by NIP (`kinerja.org.demo` names the fixed ones: demo.NIP_SEKDA, ...)."""
    return Pegawai.objects.get(nip=nip)


def user(username: str) -> User:
    return User.objects.get(username=username)


def framework(instansi: str = SKM, tahun: int = YEAR, versi: int = 1) -> Kerangka:
    """The assessment framework: by default the demo's published version 1 of YEAR for Kota Sukamaju."""
    return Kerangka.objects.get(instansi__kode=instansi, tahun=tahun, versi=versi)


def year(instansi: str = SKM, tahun: int = YEAR) -> TahunKinerja:
    """The opened performance year."""
    return TahunKinerja.objects.get(instansi__kode=instansi, tahun=tahun)


def current_skp(who: User | Pegawai | str, tahun: int = YEAR) -> SKP:
    """The SKP of YEAR that has not ended, of a user, a pegawai or a NIP."""
    if isinstance(who, str):
        return SKP.objects.get(pegawai__nip=who, tahun_kinerja__tahun=tahun, berakhir=False)
    pegawai = who.pegawai if isinstance(who, User) else who
    return SKP.objects.get(pegawai=pegawai, tahun_kinerja__tahun=tahun, berakhir=False)


# The fixture's object ------------------------------------------------------------------------------------------


class Cast:
    """The cast of one test: a user per role (`cast.pegawai`, `cast.admin_bkpsdm`, ...), a logged-in client per
    role, and the lookups above fetched on first use and kept for the test."""

    def __init__(self, users: dict[str, User]):
        if set(users) != set(ROLES):
            raise ValueError(f"a cast needs exactly the roles {ROLES}")
        self._users = users
        self._kept: dict[tuple, Any] = {}

    @classmethod
    def from_db(cls) -> "Cast":
        users = User.objects.select_related("pegawai", "instansi").in_bulk(
            CAST_USERNAMES.values(), field_name="username"
        )
        return cls({role: users[username] for role, username in CAST_USERNAMES.items()})

    def __getattr__(self, name: str) -> User:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self._users[name]
        except KeyError:
            raise AttributeError(f"the cast has no role {name!r}") from None

    def client(self, name: str | None) -> Client:
        client = Client()
        if name is not None:
            client.force_login(getattr(self, name))
        return client

    def _keep(self, lookup: Callable[..., Any], *args: Any) -> Any:
        key = (lookup.__name__, *args)
        if key not in self._kept:
            self._kept[key] = lookup(*args)
        return self._kept[key]

    def instansi(self, kode: str = SKM) -> Instansi:
        return self._keep(instansi, kode)

    def unit(self, kode: str, instansi: str = SKM) -> UnitKerja:
        return self._keep(unit, kode, instansi)

    def jabatan(self, nama: str, instansi: str = SKM) -> Jabatan:
        return self._keep(jabatan, nama, instansi)

    def head_of(self, unit_kode: str, instansi: str = SKM) -> Jabatan:
        return self._keep(head_of, unit_kode, instansi)

    def person(self, nip: str) -> Pegawai:
        return self._keep(person, nip)

    def framework(self, instansi: str = SKM, tahun: int = YEAR, versi: int = 1) -> Kerangka:
        return self._keep(framework, instansi, tahun, versi)

    def skp(self, role: str, tahun: int = YEAR) -> SKP:
        """The current SKP of a member of the cast, e.g. cast.skp("atasan")."""
        return self._keep(current_skp, getattr(self, role).pegawai.nip, tahun)
