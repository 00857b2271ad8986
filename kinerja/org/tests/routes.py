"""Who may open and change what in the organisation screens and API (see kinerja/org/permissions.py).

Objects come in pairs inside and outside the Dinas Pendidikan subtree administered by `admin_pd`, and from the
other instansi (Kab. Lembah Hijau) administered by `outsider`.
"""

import datetime
from operator import attrgetter

from kinerja.accounts.models import User
from kinerja.core import clock
from kinerja.core.imports import stored_path
from kinerja.core.testing.harness import (
    CONFIRM,
    LOGIN,
    OK,
    ROLES,
    Route,
    Writes,
    demo_object,
    expect,
    expect_roles,
)
from kinerja.org import demo, services
from kinerja.org.models import Instansi, Jabatan, Pegawai, Penugasan, UnitKerja
from kinerja.testkit import cast as named

SUKAMAJU = tuple(role for role in ROLES if role not in ("outsider", "superuser"))  # the cast of Kota Sukamaju
WHOLE_INSTANSI = ("admin_bkpsdm", "tim_penilai", "auditor", "superuser")
ORG_ADMINS = ("admin_bkpsdm", "admin_pd", "outsider", "superuser")  # each in their own instansi or subtree
HOLDS_A_POSITION = ("pegawai", "atasan", "kepala_dinas", "sekda")
ABOVE_PEGAWAI = ("atasan", "kepala_dinas", "sekda")  # the line of command above `pegawai`

# Who sees which pegawai record (the rest of the cast gets 404).
SEES_PEGAWAI = {
    "self": ("pegawai", *ABOVE_PEGAWAI, *WHOLE_INSTANSI),
    "atasan": (*ABOVE_PEGAWAI, *WHOLE_INSTANSI),
    "disdik": ("sekda", "admin_pd", *WHOLE_INSTANSI),
    "unplaced": ("admin_pd", *WHOLE_INSTANSI),
    "lembah": ("outsider", "superuser"),
}
# Who manages it (edit, assign, transfer, end an assignment); those who only see it get 403.
MANAGES_PEGAWAI = {
    "self": ("admin_bkpsdm", "superuser"),
    "disdik": ("admin_bkpsdm", "admin_pd", "superuser"),
    "unplaced": ("admin_bkpsdm", "admin_pd", "superuser"),
    "lembah": ("outsider", "superuser"),
}


def seen_by(roles, *, api=False):
    """`roles` may read the object, everyone else gets 404 (anonymous: the login page, or 401 on the API)."""
    return expect_roles(404, {200: roles}, anon=401 if api else LOGIN)


def managed_by(managers, visible, *, ok=200):
    """Managers get `ok`, those who only see the object 403, everyone else 404."""
    return expect_roles(404, {403: visible, ok: managers}, anon=LOGIN)


def page_for(roles, *, ok=200, refused=403):
    """A page without an object: `roles` get `ok`, the rest of the logged-in cast `refused`."""
    return expect_roles(refused, {ok: roles}, anon=LOGIN)


def row(model, pk):
    return model.objects.filter(pk=pk).values().first()


def today() -> str:
    return clock.today().isoformat()


# Demo objects -----------------------------------------------------------------------------------------------


def _declare(name: str, provider) -> None:
    provider.__name__ = name
    demo_object(provider)


def _pk(getter, key: str = "pk"):
    """Route kwargs naming the object `getter(objs)` by its primary key."""
    return lambda o: {key: getter(o).pk}


@demo_object
def sukamaju(objs):
    return named.instansi()


@demo_object
def lembah(objs):
    return named.instansi(named.LEMBAH)


# Units by instansi and code; DISDIK is the root of the admin_pd subtree.
for _name, _instansi, _kode in (
    ("unit_disdik", "sukamaju", "DISDIK"),
    ("unit_disdik_sek", "sukamaju", "DISDIK.SEK"),
    ("unit_disdik_umpeg", "sukamaju", "DISDIK.SEK.UMPEG"),
    ("unit_disdik_b1", "sukamaju", "DISDIK.B1"),
    ("unit_dinkes", "sukamaju", "DINKES"),
    ("unit_lembah", "lembah", "BKD.B1"),
    ("unit_lembah_setda", "lembah", "SETDA"),
):
    _declare(
        _name,
        lambda objs, instansi=_instansi, kode=_kode: UnitKerja.objects.get(
            instansi=getattr(objs, instansi), kode=kode
        ),
    )


@demo_object
def jabatan_disdik(objs):
    return Jabatan.objects.get(unit=objs.unit_disdik_umpeg, nama="Pengadministrasi Perkantoran")


@demo_object
def jabatan_disdik_kabid(objs):
    return Jabatan.objects.get(unit=objs.unit_disdik_b1, kepala_unit=True)


@demo_object
def jabatan_disdik_vacant(objs):
    """A new position without holder in the admin_pd subtree (a transfer target)."""
    return services.jabatan_create(
        actor=objs.cast.admin_bkpsdm,
        unit=objs.unit_disdik_b1,
        nama="Analis Kebijakan Ahli Pertama",
        jenis="fungsional",
        jenjang="ahli_pertama",
        atasan=objs.jabatan_disdik_kabid,
    )


@demo_object
def jabatan_dinkes(objs):
    return Jabatan.objects.get(penugasan__pegawai=objs.pegawai_self, penugasan__selesai__isnull=True)


@demo_object
def jabatan_dinkes_gizi(objs):
    return Jabatan.objects.get(instansi=objs.sukamaju, nama="Kepala Seksi Gizi Masyarakat")


@demo_object
def jabatan_lembah(objs):
    return Jabatan.objects.filter(unit=objs.unit_lembah, kepala_unit=False).order_by("pk").first()


for _name, _nip in (
    ("pegawai_self", demo.NIP_PELAKSANA_IMUNISASI),
    ("pegawai_atasan", demo.NIP_KASI_IMUNISASI),
):
    _declare(_name, lambda objs, nip=_nip: Pegawai.objects.get(nip=nip))

# The current holders of a position, and the current definitive assignments of three pegawai.
for _case in ("disdik", "lembah"):
    _declare(
        f"pegawai_{_case}",
        lambda objs, seat=f"jabatan_{_case}": (
            Penugasan.objects.get(jabatan=getattr(objs, seat), selesai__isnull=True).pegawai
        ),
    )
for _case in ("self", "disdik", "lembah"):
    _declare(
        f"penugasan_{_case}",
        lambda objs, holder=f"pegawai_{_case}": Penugasan.objects.get(
            pegawai=getattr(objs, holder), selesai__isnull=True, jenis="definitif"
        ),
    )


@demo_object
def pegawai_unplaced(objs):
    """Registered but not yet in any position."""
    return services.pegawai_create(
        actor=objs.cast.admin_bkpsdm,
        instansi=objs.sukamaju,
        nip="199501012020121001",
        nama="Belum Ditempatkan",
        status="PNS",
        golongan="III/a",
    )


PEGAWAI_OBJECT = {
    case: attrgetter(f"pegawai_{case}") for case in ("self", "atasan", "disdik", "unplaced", "lembah")
}


# Form data --------------------------------------------------------------------------------------------------

NEW_NIP = "198001012005011999"


def pegawai_form(pegawai, **changes):
    data = {
        "nip": pegawai.nip,
        "status": pegawai.status,
        "gelar_depan": pegawai.gelar_depan,
        "nama": pegawai.nama,
        "gelar_belakang": pegawai.gelar_belakang,
        "golongan": pegawai.golongan,
        "grade_pppk": pegawai.grade_pppk,
        "tanggal_lahir": pegawai.tanggal_lahir.isoformat(),
        "jenis_kelamin": pegawai.jenis_kelamin,
        "email": pegawai.email,
        "telepon": pegawai.telepon,
        "reason": "Pembaruan data",
    }
    return {**data, **changes}


def jabatan_form(jabatan, **changes):
    data = {
        "nama": jabatan.nama,
        "jenis": jabatan.jenis,
        "jenjang": jabatan.jenjang,
        "eselon": jabatan.eselon,
        "unit": jabatan.unit_id,
        "atasan": jabatan.atasan_id or "",
        "kepala_unit": "on" if jabatan.kepala_unit else "",
        "reason": "Penyesuaian nomenklatur",
    }
    return {**data, **changes}


def unit_form(unit, **changes):
    return {"kode": unit.kode, "nama": unit.nama, "eselon": unit.eselon, **changes}


def in_sukamaju(objs):
    """Asks for Sukamaju explicitly; users of another instansi still get their own (superusers may choose)."""
    return {"instansi": objs.sukamaju.pk}


def assignments_of(pegawai):
    return lambda o: list(
        Penugasan.objects.filter(pegawai=pegawai(o))
        .order_by("pk")
        .values_list("jabatan_id", "mulai", "selesai")
    )


# Routes -----------------------------------------------------------------------------------------------------

UNITS = {
    "disdik": attrgetter("unit_disdik"),
    "disdik_child": attrgetter("unit_disdik_sek"),
    "dinkes": attrgetter("unit_dinkes"),
    "lembah": attrgetter("unit_lembah"),
}
# Editing and moving a unit: BKPSDM anywhere, admin_pd strictly below the unit it administers.
UNIT_MANAGERS = {
    "disdik": ("admin_bkpsdm", "superuser"),
    "disdik_child": ("admin_bkpsdm", "admin_pd", "superuser"),
    "dinkes": ("admin_bkpsdm", "superuser"),
    "lembah": ("outsider", "superuser"),
}
# Adding a position to a unit: admin_pd also in the root of its subtree.
JABATAN_CREATORS = {
    "disdik": ("admin_bkpsdm", "admin_pd", "superuser"),
    "dinkes": ("admin_bkpsdm", "superuser"),
    "lembah": ("outsider", "superuser"),
}
JABATAN = {case: attrgetter(f"jabatan_{case}") for case in ("disdik", "dinkes", "lembah")}


def _unit_visible(case):
    return ("outsider", "superuser") if case == "lembah" else (*SUKAMAJU, "superuser")


def _new_unit(case, parent, *, write, read=None):
    """Creating the unit UJI-HARNESS under `parent(objs)` (a pk, or "" for the top level)."""
    return Route(
        "org:unit_create",
        case=case,
        query=in_sukamaju,
        read=read,
        data=lambda o: {"kode": "UJI-HARNESS", "nama": "Unit Uji", "eselon": "", "parent": parent(o)},
        state=lambda o: UnitKerja.objects.filter(kode="UJI-HARNESS").count(),
        write=write,
    )


def _unit_move(case, unit, new_parent, *, read, write):
    return Route(
        "org:unit_move",
        case=case,
        kwargs=_pk(unit),
        read=read,
        data=lambda o: {"parent": new_parent(o).pk, "tanggal": today(), "reason": "Restrukturisasi"},
        state=lambda o: row(UnitKerja, unit(o).pk),
        write=write,
    )


def _edit(name, case, getter, model, data, *, managers, visible):
    """Changing the object `getter(objs)` with the form data `data(object)`."""
    return Route(
        name,
        case=case,
        kwargs=_pk(getter),
        read=managed_by(managers, visible),
        data=lambda o: data(getter(o)),
        state=lambda o: row(model, getter(o).pk),
        write=managed_by(managers, visible, ok=OK),
    )


def _placing(name, case, data=None):
    """Assigning or transferring a pegawai; with `data`, also the write."""
    pegawai, managers, visible = PEGAWAI_OBJECT[case], MANAGES_PEGAWAI[case], SEES_PEGAWAI[case]
    write = {}
    if data is not None:
        write = {
            "data": data,
            "state": assignments_of(pegawai),
            "write": managed_by(managers, visible, ok=OK),
        }
    return Route(name, case=case, kwargs=_pk(pegawai), read=managed_by(managers, visible), **write)


ROUTES = [
    Route("org:unit_tree", read=expect(200, anon=LOGIN)),
    Route("org:vacant_list", read=page_for((*ORG_ADMINS, "tim_penilai", "auditor"))),
    Route("org:pegawai_list", read=expect(200, anon=LOGIN)),
    Route("org:unplaced_list", read=page_for((*ORG_ADMINS, "tim_penilai", "auditor"))),
    Route("org:dinilai", read=page_for(HOLDS_A_POSITION)),
    # The superuser's agency switcher: a POST that changes only the session (tested in test_views).
    Route(
        "org:instansi_switch",
        read=expect(405, anon=LOGIN),
        data=lambda o: {"instansi": o.lembah.pk},
        state=lambda o: None,
        write=expect(403, anon=LOGIN, superuser=302),
    ),
    # New units: under the admin_pd subtree, outside it, at the top.
    _new_unit(
        "under_disdik",
        lambda o: o.unit_disdik.pk,
        read=page_for(ORG_ADMINS),
        # the outsider is offered only its own units, so the Sukamaju parent is refused by the form
        write=page_for(("admin_bkpsdm", "admin_pd", "superuser"), ok=OK) | {"outsider": 200},
    ),
    _new_unit(
        "under_dinkes",
        lambda o: o.unit_dinkes.pk,
        write=page_for(("admin_bkpsdm", "superuser"), ok=OK) | {"outsider": 200, "admin_pd": 200},
    ),
    # the outsider creates it in its own instansi
    _new_unit("top_level", lambda o: "", write=page_for(("admin_bkpsdm", "outsider", "superuser"), ok=OK)),
    Route(
        "org:instansi_edit",
        query=in_sukamaju,
        read=page_for(("admin_bkpsdm", "outsider", "superuser")),
        data=lambda o: {
            "nama": "Pemerintah Kota Sukamaju Baru",
            "tempat": "Sukamaju",
            "jabatan_ppk": "Wali Kota",
            "zona_waktu": "Asia/Jakarta",
            "skema_periode": "bulanan",
            "reason": "Uji",
        },
        # both rows: the outsider's write lands on its own instansi (see test_route_permissions)
        state=lambda o: (row(Instansi, o.sukamaju.pk), row(Instansi, o.lembah.pk)),
        write=page_for(("admin_bkpsdm", "outsider", "superuser"), ok=OK),
    ),
    Route(
        "org:pegawai_create",
        query=in_sukamaju,
        read=page_for(ORG_ADMINS),
        data=lambda o: pegawai_form(
            Pegawai(
                nip=NEW_NIP,
                status="PNS",
                nama="Pegawai Baru",
                golongan="III/b",
                tanggal_lahir=datetime.date(1980, 1, 1),
                jenis_kelamin="L",
            )
        ),
        state=lambda o: Pegawai.objects.filter(nip=NEW_NIP).count(),
        write=page_for(ORG_ADMINS, ok=OK),
    ),
]

# Units and positions, inside the admin_pd subtree and in the other instansi: reading (HTML and API).
for case in ("disdik", "lembah"):
    seen = _unit_visible(case)
    ROUTES += [
        Route("org:unit_detail", case=case, kwargs=_pk(UNITS[case]), read=seen_by(seen)),
        Route("org:unit_children", case=case, kwargs=_pk(UNITS[case]), read=seen_by(seen)),
        Route(
            "GET /api/v1/units/{unit_id}",
            case=case,
            kwargs=_pk(UNITS[case], "unit_id"),
            read=seen_by(seen, api=True),
        ),
        Route("org:jabatan_detail", case=case, kwargs=_pk(JABATAN[case]), read=seen_by(seen)),
        Route(
            "GET /api/v1/jabatan/{jabatan_id}",
            case=case,
            kwargs=_pk(JABATAN[case], "jabatan_id"),
            read=seen_by(seen, api=True),
        ),
    ]

ROUTES += [
    _edit(
        "org:unit_edit",
        case,
        UNITS[case],
        UnitKerja,
        lambda unit: unit_form(unit, nama="Nama Baru Unit"),
        managers=managers,
        visible=_unit_visible(case),
    )
    for case, managers in UNIT_MANAGERS.items()
]

# Moving a unit: inside the admin_pd subtree (allowed), out of it (the form offers no such parent), elsewhere.
ROUTES += [
    _unit_move(
        "disdik_grandchild",
        attrgetter("unit_disdik_umpeg"),
        attrgetter("unit_disdik_b1"),
        read=managed_by(UNIT_MANAGERS["disdik_child"], _unit_visible("disdik")),
        write=managed_by(UNIT_MANAGERS["disdik_child"], _unit_visible("disdik"), ok=OK),
    ),
    _unit_move(
        "out_of_disdik",
        attrgetter("unit_disdik_umpeg"),
        attrgetter("unit_dinkes"),
        read=None,
        write=managed_by(("admin_bkpsdm", "superuser"), _unit_visible("disdik"), ok=OK) | {"admin_pd": 200},
    ),
    Route(
        "org:unit_move",
        case="dinkes",
        kwargs=_pk(UNITS["dinkes"]),
        read=managed_by(UNIT_MANAGERS["dinkes"], _unit_visible("dinkes")),
    ),
    _unit_move(
        "lembah",
        UNITS["lembah"],
        attrgetter("unit_lembah_setda"),
        read=managed_by(UNIT_MANAGERS["lembah"], ()),
        write=managed_by(UNIT_MANAGERS["lembah"], (), ok=OK),
    ),
]

for case, creators in JABATAN_CREATORS.items():
    visible = _unit_visible(case)
    ROUTES.append(
        Route(
            "org:jabatan_create",
            case=case,
            kwargs=_pk(UNITS[case], "unit_pk"),
            read=managed_by(creators, visible),
            data=lambda o, case=case: {
                "nama": "Jabatan Uji Harness",
                "jenis": "pelaksana",
                "unit": UNITS[case](o).pk,
                "atasan": UNITS[case](o).jabatan.get(kepala_unit=True).pk,
            },
            state=lambda o: Jabatan.objects.filter(nama="Jabatan Uji Harness").count(),
            write=managed_by(creators, visible, ok=OK),
        )
    )
    ROUTES.append(
        _edit(
            "org:jabatan_edit",
            case,
            JABATAN[case],
            Jabatan,
            lambda jabatan: jabatan_form(jabatan, nama="Nama Jabatan Baru"),
            managers=creators,
            visible=visible,
        )
    )

# Pegawai records: reading (HTML and API) and managing.
for case, seen in SEES_PEGAWAI.items():
    ROUTES += [
        Route("org:pegawai_detail", case=case, kwargs=_pk(PEGAWAI_OBJECT[case]), read=seen_by(seen)),
        Route(
            "GET /api/v1/pegawai/{pegawai_id}",
            case=case,
            kwargs=_pk(PEGAWAI_OBJECT[case], "pegawai_id"),
            read=seen_by(seen, api=True),
        ),
    ]

for case, managers in MANAGES_PEGAWAI.items():
    ROUTES.append(
        _edit(
            "org:pegawai_edit",
            case,
            PEGAWAI_OBJECT[case],
            Pegawai,
            lambda pegawai: pegawai_form(pegawai, telepon="0812-0000-1111"),
            managers=managers,
            visible=SEES_PEGAWAI[case],
        )
    )

# Assignments and transfers, inside the admin_pd subtree and outside it.
ROUTES += [
    _placing(
        "org:penugasan_create",
        "disdik",
        lambda o: {"jabatan": o.jabatan_disdik_kabid.pk, "jenis": "plt", "mulai": today()},
    ),
    _placing(
        "org:penugasan_create",
        "self",
        lambda o: {"jabatan": o.jabatan_dinkes_gizi.pk, "jenis": "plt", "mulai": today()},
    ),
    _placing("org:penugasan_create", "lembah"),
    _placing(
        "org:pegawai_transfer",
        "disdik",
        lambda o: {"jabatan": o.jabatan_disdik_vacant.pk, "tanggal": today(), "reason": "Mutasi"},
    ),
    _placing("org:pegawai_transfer", "self"),
]

# Resetting a password: only the pegawai's admin BKPSDM (admin_pd does not). The POST answers 200 with the
# password on the page itself (never a redirect carrying it in the messages cookie).
for case, resetters in (
    ("disdik", ("admin_bkpsdm", "superuser")),
    ("self", ("admin_bkpsdm", "superuser")),
    ("lembah", ("outsider", "superuser")),
):
    pegawai = PEGAWAI_OBJECT[case]
    ROUTES.append(
        Route(
            "org:pegawai_reset_password",
            case=case,
            kwargs=_pk(pegawai),
            read=expect(405, anon=LOGIN) if case == "disdik" else None,
            data=lambda o: dict(CONFIRM),
            state=lambda o, pegawai=pegawai: User.objects.filter(pegawai=pegawai(o)).values("password").get(),
            write=managed_by(resetters, SEES_PEGAWAI[case], ok=Writes(200)),
        )
    )

for case in ("self", "disdik", "lembah"):
    penugasan = attrgetter(f"penugasan_{case}")
    managers, visible = MANAGES_PEGAWAI[case], SEES_PEGAWAI[case]
    ROUTES.append(
        Route(
            "org:penugasan_end",
            case=case,
            kwargs=_pk(penugasan),
            read=managed_by(managers, visible),
            data=lambda o: {"selesai": today(), "reason": "Pensiun"},
            state=lambda o, penugasan=penugasan: row(Penugasan, penugasan(o).pk),
            write=managed_by(managers, visible, ok=OK),
        )
    )

# The API lists: every logged-in user gets 200 (with what they may see: see test_route_permissions).
ROUTES += [
    Route(f"GET /api/v1/{name}", read=expect(200, anon=401))
    for name in ("instansi", "units", "jabatan", "pegawai")
]
ROUTES += [
    Route(
        f"GET /api/v1/pegawai/{{pegawai_id}}/{what}",
        case=case,
        kwargs=_pk(PEGAWAI_OBJECT[case], "pegawai_id"),
        read=seen_by(SEES_PEGAWAI[case], api=True),
    )
    for what in ("penilai", "dinilai")
    for case in ("atasan", "disdik", "lembah")
]

# Staff data import (kinerja/org/views_import.py): only the admin BKPSDM of the instansi. The signed tokens are
# made for `admin_bkpsdm` in Sukamaju, so other importers (outsider, superuser) get 404 for them.
IMPORTERS = ("admin_bkpsdm", "outsider", "superuser")
IMPORT_NIP = "198501012010011001"


def import_file() -> bytes:
    import io

    import openpyxl

    seat = Jabatan.objects.get(
        instansi__kode="KOTA-SKM", nama="Kepala Dinas Kependudukan dan Pencatatan Sipil"
    )
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Pegawai"
    sheet.append(
        ["nip_baru", "nama", "status", "gol_akhir_nama", "jenis_kelamin", "jabatan_id", "tmt_jabatan"]
    )
    sheet.append([IMPORT_NIP, "Rudi Hartono", "PNS", "III/c", "L", seat.kode or f"#{seat.pk}", "2025-01-02"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def import_upload_data(objs):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return {"berkas": SimpleUploadedFile("pegawai.xlsx", import_file())}


def import_apply_data(objs):
    """A file stored as the upload would store it, and the token the preview would give `admin_bkpsdm`."""
    import hashlib

    from kinerja.org import views_import

    content = import_file()
    sha256 = hashlib.sha256(content).hexdigest()
    path = stored_path(sha256, "xlsx")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    token = views_import.file_token(
        sha256=sha256,
        file_name="pegawai.xlsx",
        instansi_id=objs.sukamaju.pk,
        user_id=objs.cast.admin_bkpsdm.pk,
    )
    return {"t": token}


def missing_query(objs):
    from kinerja.org import views_import

    token = views_import.missing_token(
        nips=[demo.NIP_PELAKSANA_IMUNISASI], instansi_id=objs.sukamaju.pk, user_id=objs.cast.admin_bkpsdm.pk
    )
    return {"instansi": objs.sukamaju.pk, "t": token}


def import_state(objs):
    from kinerja.org.models import ImportRecord

    return (Pegawai.objects.filter(nip=IMPORT_NIP).count(), ImportRecord.objects.count())


def token_for_admin_bkpsdm(ok):
    """`admin_bkpsdm` gets `ok`, other importers 404 (the token is not theirs), the rest 403."""
    return expect_roles(403, {404: ("outsider", "superuser"), ok: ("admin_bkpsdm",)}, anon=LOGIN)


ROUTES += [
    Route(
        "org:import_upload",
        query=in_sukamaju,
        read=page_for(IMPORTERS),
        data=import_upload_data,
        state=import_state,
        write=page_for(IMPORTERS),  # a preview: 200 and nothing written
    ),
    Route(
        "org:import_apply",
        query=in_sukamaju,
        read=None,
        data=import_apply_data,
        state=import_state,
        write=token_for_admin_bkpsdm(OK),
    ),
    Route(
        "org:import_end_missing",
        query=missing_query,
        read=token_for_admin_bkpsdm(200),
        data=lambda o: {"t": missing_query(o)["t"], "tanggal": today(), "reason": "Tidak ada di SIASN"},
        state=lambda o: list(
            Penugasan.objects.filter(pegawai__nip=demo.NIP_PELAKSANA_IMUNISASI).values_list(
                "selesai", flat=True
            )
        ),
        write=token_for_admin_bkpsdm(OK),
    ),
    *(
        Route(name, query=in_sukamaju, read=page_for(IMPORTERS))
        for name in ("org:import_records", "org:import_template", "org:import_example", "org:import_export")
    ),
]
