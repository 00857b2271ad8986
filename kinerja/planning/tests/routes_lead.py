"""Who may open and change what on the leaders' and administrators' planning screens (kinerja/planning/views/:
inbox, cascade, lists, administration, years).

The inbox, the cascade and the years are open to every logged-in user (each shows only what the user may
see); the list and its Excel to those who read SKP across units (admin BKPSDM, tim penilai, auditor, admin_pd
for its subtree, the outsider for its own instansi); the corrections of one SKP and of a year to the admin
BKPSDM. `atasan` approves the submitted SKP of the Epidemiolog from the inbox; the others who see that SKP get
403, those who do not 404. Opening next year needs its framework published; the outsider, whose instansi has
none, is refused by the service (the form comes back, nothing changes).
"""

import datetime

from conftest import YEAR
from kinerja.core import clock
from kinerja.core.testing.harness import LOGIN, OK, Route, demo_object, expect
from kinerja.criteria import services as criteria_services
from kinerja.org import demo
from kinerja.org.tests.routes import SUKAMAJU, in_sukamaju, managed_by, page_for, row, seen_by
from kinerja.planning.models import SKP, Periode, TahunKinerja
from kinerja.planning.tests.routes_skp import SEES_EPIDEMIOLOG_SKP
from kinerja.testkit import cast as named

# Whoever may open the atasan's pegawai record may open the atasan's cascade.
SEES_ATASAN = SEES_EPIDEMIOLOG_SKP
LISTS_SKP = ("admin_bkpsdm", "admin_pd", "tim_penilai", "auditor", "outsider", "superuser")
BKPSDM = ("admin_bkpsdm", "superuser")

POST_ONLY = expect(405, anon=LOGIN)


# Demo objects -----------------------------------------------------------------------------------------------


@demo_object
def lead_pegawai_atasan(objs):
    return named.person(demo.NIP_KASI_IMUNISASI)


@demo_object
def lead_tahun(objs):
    return TahunKinerja.objects.get(instansi=objs.sukamaju, tahun=YEAR)


@demo_object
def lead_periode(objs):
    return Periode.objects.filter(tahun_kinerja=objs.lead_tahun).order_by("nomor").first()


@demo_object
def lead_framework_next_year(objs):
    """The framework of next year, published, so that the year can be opened."""
    admin = objs.cast.admin_bkpsdm
    draft = criteria_services.kerangka_start(actor=admin, instansi=objs.sukamaju, tahun=YEAR + 1)
    return criteria_services.kerangka_publish(
        actor=admin, kerangka=draft, berlaku_mulai=datetime.date(YEAR + 1, 1, 1)
    )


# Form data --------------------------------------------------------------------------------------------------


def bulk_approve_form(*skps, konfirmasi=True, tahun=YEAR) -> dict:
    data = {"skp": [s.pk for s in skps], "tahun": tahun}
    data.update({f"kunci_{s.pk}": s.kunci for s in skps})
    if konfirmasi:
        data["konfirmasi"] = "on"
    return data


def extended_deadline(skp: SKP) -> datetime.date:
    return min(clock.today(skp.instansi) + datetime.timedelta(days=7), skp.selesai)


def skp_state(objs):
    return row(SKP, objs.view_skp_epidemiolog.pk)


def correction(name: str, case: str, attr: str, model, ok, data) -> Route:
    """The admin BKPSDM changes the year or period `attr` of Sukamaju (the form when it works, status `ok`);
    the state is its row."""
    return Route(
        name,
        case=case,
        kwargs=lambda o: {"pk": getattr(o, attr).pk},
        read=managed_by(BKPSDM, SUKAMAJU) if ok == OK else None,
        data=data,
        state=lambda o: row(model, getattr(o, attr).pk),
        write=managed_by(BKPSDM, SUKAMAJU, ok=ok),
    )


EPIDEMIOLOG = lambda o: {"pk": o.view_skp_epidemiolog.pk}  # noqa: E731

ROUTES = [
    Route("planning:inbox", read=expect(200, anon=LOGIN)),
    Route("planning:inbox", case="year", query=lambda o: {"tahun": YEAR}, read=expect(200, anon=LOGIN)),
    Route(
        "planning:bulk_approve",
        read=POST_ONLY,
        data=lambda o: bulk_approve_form(o.view_skp_epidemiolog),
        state=skp_state,
        write=managed_by(("atasan",), SEES_EPIDEMIOLOG_SKP, ok=OK),
    ),
    Route(
        "planning:bulk_approve",
        case="unconfirmed",
        read=None,
        data=lambda o: bulk_approve_form(o.view_skp_epidemiolog, konfirmasi=False),
        state=skp_state,
        # the form comes back with the request to confirm, before anything is looked up
        write=expect(200, anon=LOGIN),
    ),
    Route("planning:cascade", read=expect(200, anon=LOGIN)),
    Route(
        "planning:cascade",
        case="atasan",
        query=lambda o: {"pegawai": o.lead_pegawai_atasan.pk, "tahun": YEAR},
        read=seen_by(SEES_ATASAN),
    ),
    Route("planning:list", read=page_for(LISTS_SKP)),
    Route(
        "planning:list",
        case="filtered",
        query=lambda o: {"tahun": YEAR, "status": "diajukan", "unit": o.unit_dinkes.pk, "page": 2},
        read=page_for(LISTS_SKP),
    ),
    Route("planning:export", read=page_for(LISTS_SKP)),
    Route(
        "planning:export",
        case="filtered",
        query=lambda o: {"tahun": YEAR, "status": "disetujui", "unit": o.unit_disdik.pk},
        read=page_for(LISTS_SKP),
    ),
    Route(
        "planning:reassign",
        kwargs=EPIDEMIOLOG,
        read=managed_by(BKPSDM, SEES_EPIDEMIOLOG_SKP),
        data=lambda o: {"penilai": demo.NIP_KEPALA_DINKES, "reason": "Data organisasi belum diperbarui"},
        state=skp_state,
        write=managed_by(BKPSDM, SEES_EPIDEMIOLOG_SKP, ok=OK),
    ),
    Route(
        "planning:reassign",
        case="unknown_nip",
        kwargs=EPIDEMIOLOG,
        read=None,
        data=lambda o: {"penilai": "199901012020011999", "reason": "Data organisasi belum diperbarui"},
        state=skp_state,
        write=managed_by(BKPSDM, SEES_EPIDEMIOLOG_SKP, ok=200),
    ),
    Route(
        "planning:extend",
        kwargs=EPIDEMIOLOG,
        read=managed_by(BKPSDM, SEES_EPIDEMIOLOG_SKP),
        data=lambda o: {
            "tenggat": extended_deadline(o.view_skp_epidemiolog).isoformat(),
            "reason": "Pegawai cuti sakit",
        },
        state=skp_state,
        write=managed_by(BKPSDM, SEES_EPIDEMIOLOG_SKP, ok=OK),
    ),
    Route("planning:years", read=expect(200, anon=LOGIN)),
    Route(
        "planning:year_open",
        query=in_sukamaju,
        read=page_for(("admin_bkpsdm", "outsider", "superuser")),
        data=lambda o: {
            "tahun": o.lead_framework_next_year.tahun,
            "skema_periode": "semesteran",
            "tenggat_skp": f"{YEAR + 1}-02-28",
            "hari_tenggat_skp_baru": "30",
        },
        state=lambda o: sorted(
            TahunKinerja.objects.filter(tahun=YEAR + 1).values_list("instansi_id", "skema_periode")
        ),
        # the outsider's instansi has no framework for next year: the service refuses, the form comes back
        write=page_for(BKPSDM, ok=OK) | {"outsider": 200},
    ),
    Route(
        "planning:year_open",
        case="already_open",
        query=in_sukamaju,
        read=None,
        data=lambda o: {"tahun": YEAR, "skema_periode": "", "tenggat_skp": "", "hari_tenggat_skp_baru": "30"},
        state=lambda o: sorted(TahunKinerja.objects.filter(tahun=YEAR).values_list("instansi_id", "pk")),
        write=page_for(("admin_bkpsdm", "outsider", "superuser"), ok=200),
    ),
    correction(
        "planning:year_edit",
        "",
        "lead_tahun",
        TahunKinerja,
        OK,
        lambda o: {
            "tenggat_skp": f"{YEAR}-03-31",
            "hari_tenggat_skp_baru": "45",
            "reason": "Penyesuaian jadwal",
        },
    ),
    correction(
        "planning:year_edit",
        "without_reason",
        "lead_tahun",
        TahunKinerja,
        200,
        lambda o: {"tenggat_skp": f"{YEAR}-03-31", "hari_tenggat_skp_baru": "45", "reason": ""},
    ),
    correction(
        "planning:periode_edit",
        "",
        "lead_periode",
        Periode,
        OK,
        lambda o: {
            "tenggat_input": (o.lead_periode.tenggat_input + datetime.timedelta(days=5)).isoformat(),
            "reason": "Libur nasional",
        },
    ),
    correction(
        "planning:periode_edit",
        "before_end",
        "lead_periode",
        Periode,
        200,
        lambda o: {
            "tenggat_input": (o.lead_periode.selesai - datetime.timedelta(days=1)).isoformat(),
            "reason": "Salah ketik",
        },
    ),
]
