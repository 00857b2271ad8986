"""Routes of monitoring: team (the supervisor's team page), rencana aksi, and the reopening of a period.

`atasan` (Kepala Seksi Imunisasi) owns an approved SKP and writes its rencana aksi; they are the penilai of
the people on their team, whose rencana aksi they comment on. Whoever sees an SKP in planning but is not its pegawai (or not the
penilai of the period) gets 403; whoever does not see it, 404. The team page is for anyone with a pegawai; the
reopening screens for the admin BKPSDM (the outsider is the admin BKPSDM of another instansi: they work in their
own instansi, where the demo's NIP is unknown, so their write is refused on the form) and the department
administrator (Dinas Pendidikan: reopening for someone of Dinas Kesehatan is refused, 403).
"""

import datetime

from kinerja.core import clock
from kinerja.core.testing.harness import LOGIN, OK, Route, demo_object, expect_roles
from kinerja.monitoring import selectors, services
from kinerja.monitoring.models import Pembukaan, RencanaAksi
from kinerja.org.tests.routes import managed_by, page_for
from kinerja.planning.models import SKP
from kinerja.planning.tests.routes_skp import SEES_ATASAN_SKP, SEES_EPIDEMIOLOG_SKP
from kinerja.testkit import cast as named

HOLDS_A_POSITION = ("pegawai", "atasan", "kepala_dinas", "sekda")
REOPENS = ("admin_bkpsdm", "admin_pd", "outsider", "superuser")


def open_period(skp: SKP):
    """The period of the SKP that takes input today (the one running, or the last one still open)."""
    today = clock.today(skp.instansi)
    return [p.periode for p in selectors.plans(skp) if selectors.is_open(skp, p.periode, today)][-1]


@demo_object
def team_skp_atasan(objs):
    return named.current_skp(objs.cast.atasan)


@demo_object
def team_rhk_atasan(objs):
    return selectors.plan_for(objs.team_skp_atasan, open_period(objs.team_skp_atasan)).rhk()[0]


@demo_object
def team_rencana_bawahan(objs):
    """The rencana aksi of the first person on the atasan's team of the open period, for her first RHK (the atasan is her penilai)."""
    skp = selectors.team_status(objs.cast.atasan).rows[0].skp
    periode = open_period(skp)
    return services.rencana_aksi_save(
        actor=named.user(skp.pegawai.nip),
        skp=skp,
        periode=periode,
        rhk_id=selectors.plan_for(skp, periode).rhk()[0]["id"],
        uraian="Menyusun jadwal penyuluhan bersama puskesmas.",
    )


def _edit_kwargs(o) -> dict:
    skp = o.team_skp_atasan
    return {"pk": skp.pk, "periode": open_period(skp).nomor, "rhk": o.team_rhk_atasan["id"]}


def _rencana_state(o):
    return list(RencanaAksi.objects.filter(skp=o.team_skp_atasan).values("rhk_id", "uraian", "kunci"))


def _comment_state(o):
    return RencanaAksi.objects.filter(pk=o.team_rencana_bawahan.pk).values_list("komentar_penilai").get()


def _reopen_data(o) -> dict:
    year = named.year()
    periode = year.periode.get(nomor=1)
    today = clock.today(year.instansi)
    return {
        "periode": periode.pk,
        "nip": o.cast.atasan.pegawai.nip,
        "unit": "",
        "sampai": (max(today, periode.tenggat_input) + datetime.timedelta(days=7)).isoformat(),
        "reason": "Server down pada hari terakhir pengisian.",
    }


def _reopen_state(o):
    return Pembukaan.objects.count()


ROUTES: list = [
    Route("monitoring:team", read=page_for(HOLDS_A_POSITION)),
    Route("monitoring:reopen_list", read=page_for(REOPENS)),
    Route(
        "monitoring:reopen_create",
        read=page_for(REOPENS),
        write=expect_roles(403, {OK: ("admin_bkpsdm", "superuser"), 200: ("outsider",)}, anon=LOGIN),
        data=_reopen_data,
        state=_reopen_state,
    ),
    Route(
        "monitoring:rencana_aksi_edit",
        kwargs=_edit_kwargs,
        read=managed_by(("atasan",), SEES_ATASAN_SKP),
        write=managed_by(("atasan",), SEES_ATASAN_SKP, ok=OK),
        data=lambda o: {"uraian": "Memantau cakupan imunisasi tiap pekan."},
        state=_rencana_state,
    ),
    Route(
        "monitoring:rencana_aksi_comment",
        kwargs=lambda o: {"pk": o.team_rencana_bawahan.pk},
        read=managed_by(("atasan",), SEES_EPIDEMIOLOG_SKP),
        write=managed_by(("atasan",), SEES_EPIDEMIOLOG_SKP, ok=OK),
        data=lambda o: {"komentar": "Tambahkan target mingguan."},
        state=_comment_state,
    ),
]
