"""Small fresh organisations for tests that must not lean on the demo: every object is made through the
services, as an administrator would make it (audit events, paths, accounts and all).

    org = factories.organisation(zona_waktu="Asia/Makassar")
    org.admin            # the agency's admin BKPSDM
    org.kepala, org.staf # the head of the unit and one pelaksana below them, each with a login
    factories.skp(org.staf_user)   # the pelaksana's SKP of the year (framework published, year opened)

The pieces (`unused_nip`, `pegawai`, `staffed_position`, `open_year`, ...) serve tests that add a few people to
the demo instead.
"""

import datetime
import itertools
from dataclasses import dataclass

from kinerja.accounts import services as account_services
from kinerja.accounts.models import Role, User
from kinerja.criteria import services as criteria_services
from kinerja.org import services as org_services
from kinerja.org.models import Instansi, Jabatan, Pegawai, Penugasan, UnitKerja
from kinerja.planning import services as planning_services
from kinerja.planning.models import SKP, TahunKinerja
from kinerja.testkit.cast import YEAR

_serial = itertools.count(1)


def unused_nip(n: int) -> str:
    """A valid PNS NIP (male or female by `n`) that no pegawai has yet."""
    for seq in range(900, 1000):
        nip = f"19900{n % 9 + 1}15201501{1 + n % 2}{seq:03d}"
        if not Pegawai.objects.filter(nip=nip).exists():
            return nip
    raise AssertionError("no free NIP")


def instansi(*, kode: str = "", nama: str = "", **values) -> Instansi:
    """A new pemda, registered by the server operator (`actor=None`, as the command line does)."""
    n = next(_serial)
    kode = kode or f"UJI-{n}"
    return org_services.instansi_create(
        actor=None, kode=kode, nama=nama or f"Pemerintah Uji {n}", tempat="Kota Uji", **values
    )


def admin(instansi: Instansi, username: str = "") -> User:
    """The agency's admin BKPSDM (a staff account, as the operator makes the first one)."""
    user, _password = account_services.staff_account_create(
        actor=None,
        instansi=instansi,
        username=username or f"admin.uji{next(_serial)}",
        nama="Admin BKPSDM Uji",
        role=Role.ADMIN_BKPSDM,
    )
    return user


def unit(
    actor: User, instansi: Instansi, *, kode: str, nama: str, parent: UnitKerja | None = None
) -> UnitKerja:
    return org_services.unit_create(actor=actor, instansi=instansi, kode=kode, nama=nama, parent=parent)


def pegawai(actor: User, instansi: Instansi, n: int, **values) -> Pegawai:
    """A PNS "Pegawai Uji n" with a free NIP (and, through the service, a login)."""
    fields = {"nip": unused_nip(n), "nama": f"Pegawai Uji {n}", "status": "PNS", "golongan": "II/c", **values}
    return org_services.pegawai_create(actor=actor, instansi=instansi, **fields)


def place(actor: User, pegawai: Pegawai, jabatan: Jabatan, mulai: datetime.date | None = None) -> Penugasan:
    """A definitive assignment from `mulai` (1 January of YEAR by default), open-ended."""
    return org_services.penugasan_create(
        actor=actor,
        pegawai=pegawai,
        jabatan=jabatan,
        jenis="definitif",
        mulai=mulai or datetime.date(YEAR, 1, 1),
    )


def staffed_position(
    actor: User,
    unit: UnitKerja,
    n: int,
    *,
    atasan: Jabatan | None = None,
    nama: str = "",
    mulai: datetime.date | None = None,
    **jabatan,
) -> tuple[Jabatan, Pegawai]:
    """A new position in `unit` (pelaksana below `atasan` unless told) and a new pegawai holding it from
    `mulai` (1 January of YEAR by default)."""
    values = {"jenis": "pelaksana", **jabatan}
    seat = org_services.jabatan_create(
        actor=actor, unit=unit, nama=nama or f"Pengadministrasi Uji {n}", atasan=atasan, **values
    )
    holder = pegawai(actor, unit.instansi, n)
    place(actor, holder, seat, mulai)
    return seat, holder


def open_year(actor: User, instansi: Instansi, tahun: int = YEAR, **values) -> TahunKinerja:
    """Publish the default framework of `tahun` and open the performance year (what BKPSDM does each year),
    with the SKP deadline on 31 December unless told, so that a test may start an SKP on any day."""
    values.setdefault("tenggat_skp", datetime.date(tahun, 12, 31))
    kerangka = criteria_services.kerangka_start(actor=actor, instansi=instansi, tahun=tahun)
    criteria_services.kerangka_publish(
        actor=actor, kerangka=kerangka, berlaku_mulai=datetime.date(tahun, 1, 1)
    )
    return planning_services.tahun_open(actor=actor, instansi=instansi, tahun=tahun, **values)


def skp(user: User, tahun: int = YEAR) -> SKP:
    """The pegawai's own SKP of the year, started by them."""
    return planning_services.skp_start(actor=user, pegawai=user.pegawai, tahun=tahun)


def move_to_last_year(skp: SKP) -> SKP:
    """Pretend the SKP was last year's (a shortcut, not a service): open YEAR - 1 for its agency if need be,
    and move the SKP there, ended, over the whole of that year."""
    last, _created = TahunKinerja.objects.get_or_create(
        instansi=skp.instansi, tahun=YEAR - 1, defaults={"tenggat_skp": datetime.date(YEAR - 1, 1, 31)}
    )
    SKP.objects.filter(pk=skp.pk).update(
        tahun_kinerja=last,
        berakhir=True,
        mulai=datetime.date(YEAR - 1, 1, 1),
        selesai=datetime.date(YEAR - 1, 12, 31),
    )
    return SKP.objects.get(pk=skp.pk)


@dataclass
class Organisation:
    instansi: Instansi
    admin: User
    unit: UnitKerja
    jabatan_kepala: Jabatan
    jabatan_staf: Jabatan
    kepala: Pegawai
    staf: Pegawai
    tahun: TahunKinerja | None

    @property
    def kepala_user(self) -> User:
        return User.objects.get(pegawai=self.kepala)

    @property
    def staf_user(self) -> User:
        return User.objects.get(pegawai=self.staf)


def organisation(*, tahun: int | None = YEAR, **instansi_values) -> Organisation:
    """A fresh agency with its admin, one unit, its head and one pelaksana below the head (both placed from
    1 January of YEAR, with logins) and, unless `tahun` is None, the year's framework published and the year
    opened. `instansi_values` go to the agency (e.g. zona_waktu="Asia/Jayapura")."""
    agency = instansi(**instansi_values)
    boss = admin(agency)
    dinas = unit(boss, agency, kode="DINAS", nama="Dinas Uji")
    jabatan_kepala, kepala = staffed_position(
        boss,
        dinas,
        next(_serial),
        nama="Kepala Dinas Uji",
        jenis="administrator",
        eselon="III.a",
        kepala_unit=True,
    )
    jabatan_staf, staf = staffed_position(boss, dinas, next(_serial), atasan=jabatan_kepala)
    year = open_year(boss, agency, tahun) if tahun is not None else None
    return Organisation(agency, boss, dinas, jabatan_kepala, jabatan_staf, kepala, staf, year)
