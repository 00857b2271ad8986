"""The reopening screens: the form by NIP or unit keeps what was typed on a refusal; the list shows this year's
reopenings in the administrator's scope, newest first."""

import datetime

import pytest
from django.urls import reverse

from kinerja.core.testing.clock import on_day
from kinerja.monitoring import services
from kinerja.monitoring.models import Pembukaan
from kinerja.monitoring.tests.factories import MID_MAY
from kinerja.monitoring.tests.test_pembukaan_services import admin_pd_unit, q1
from kinerja.testkit import cast as named

pytestmark = pytest.mark.django_db
YEAR = named.YEAR
CREATE = reverse("monitoring:reopen_create")
LIST = reverse("monitoring:reopen_list")


def form(**values):
    return {
        "periode": q1().pk,
        "nip": "",
        "unit": "",
        "sampai": datetime.date(YEAR, 5, 31).isoformat(),
        "reason": "Server down.",
        **values,
    }


@on_day(MID_MAY)
def test_the_admin_reopens_for_a_nip_and_sees_it_in_the_list(cast):
    client = cast.client("admin_bkpsdm")
    nip = cast.atasan.pegawai.nip
    done = client.post(CREATE, form(nip=f"{nip[:8]} {nip[8:14]} {nip[14:]}"))
    assert done.status_code == 302 and done["Location"] == LIST
    assert Pembukaan.objects.get().pegawai == cast.atasan.pegawai
    html = client.get(LIST).content.decode()
    assert cast.atasan.pegawai.nama_lengkap in html and "Server down." in html and "31 Mei" in html


@on_day(MID_MAY)
def test_an_unknown_nip_or_both_targets_are_refused_on_the_form(cast):
    client = cast.client("admin_bkpsdm")
    unknown = client.post(CREATE, form(nip="199001152015011999", reason="Alasan yang diketik."))
    assert unknown.status_code == 200
    assert "Alasan yang diketik." in unknown.content.decode()
    both = client.post(CREATE, form(nip=cast.atasan.pegawai.nip, unit=named.unit("DINKES").pk))
    assert both.status_code == 200 and "alert-danger" in both.content.decode()
    bad = client.post(CREATE, form(nip="12ab"))
    assert bad.status_code == 200
    assert not Pembukaan.objects.exists()


@on_day(MID_MAY)
def test_a_department_administrator_chooses_among_their_units_and_sees_their_reopenings_only(cast):
    mine = admin_pd_unit(cast)
    page = cast.client("admin_pd").get(CREATE).content.decode()
    assert f'value="{mine.pk}"' in page and f'value="{named.unit("DINKES").pk}"' not in page
    services.pembukaan_create(
        actor=cast.admin_bkpsdm,
        periode=q1(),
        sampai=datetime.date(YEAR, 5, 31),
        alasan="Dinkes.",
        unit=named.unit("DINKES"),
    )
    services.pembukaan_create(
        actor=cast.admin_pd, periode=q1(), sampai=datetime.date(YEAR, 5, 30), alasan="Disdik.", unit=mine
    )
    html = cast.client("admin_pd").get(LIST).content.decode()
    assert "Disdik." in html and "Dinkes." not in html
    everything = cast.client("admin_bkpsdm").get(LIST).content.decode()
    assert everything.index("Disdik.") < everything.index("Dinkes.")  # newest first
