"""Reopening a closed period: who may (the admin BKPSDM for the instansi, a department administrator inside their
subtrees), for whom (one pegawai or one unit, never both or neither), until when, why; every refusal changes
nothing."""

import datetime

import pytest

from kinerja.accounts.permissions import access_of
from kinerja.core.models import Notifikasi
from kinerja.core.testing.clock import on_day
from kinerja.core.testing.helpers import denied, last_seq, one_event, refused
from kinerja.monitoring import services
from kinerja.monitoring.models import Pembukaan
from kinerja.monitoring.tests.factories import MID_MAY
from kinerja.org.models import Penugasan, UnitKerja
from kinerja.planning.models import Periode
from kinerja.testkit import cast as named

pytestmark = pytest.mark.django_db
YEAR = named.YEAR
UNTIL = datetime.date(YEAR, 5, 31)


def state():
    return (Pembukaan.objects.count(), Notifikasi.objects.count())


def q1(instansi=named.SKM) -> Periode:
    return named.year(instansi).periode.get(nomor=1)


def reopen(
    actor, *, pegawai=None, unit=None, sampai=UNTIL, alasan="Server down pada hari terakhir.", periode=None
):
    return services.pembukaan_create(
        actor=actor, periode=periode or q1(), sampai=sampai, alasan=alasan, pegawai=pegawai, unit=unit
    )


def admin_pd_unit(cast) -> UnitKerja:
    path = access_of(cast.admin_pd).admin_unit_paths[0]
    return UnitKerja.objects.get(path=path)


@on_day(MID_MAY)
def test_the_admin_bkpsdm_reopens_for_one_pegawai_who_is_told(cast):
    target = cast.atasan.pegawai
    seq = last_seq()
    done = reopen(cast.admin_bkpsdm, pegawai=target)
    assert (done.periode, done.pegawai, done.unit, done.sampai) == (q1(), target, None, UNTIL)
    event = one_event(seq, "monitoring.pembukaan.create", cast.admin_bkpsdm, done)
    assert event.reason == "Server down pada hari terakhir."
    assert event.changes == {
        "periode": [None, q1().pk],
        "pegawai": [None, target.pk],
        "sampai": [None, str(UNTIL)],
    }
    assert event.pegawai_id == target.pk and "Triwulan I" in event.object_repr
    note = Notifikasi.objects.filter(penerima=cast.atasan).latest("pk")
    assert "Triwulan I" in note.judul and note.isi == "Server down pada hari terakhir."


@on_day(MID_MAY)
def test_a_reopening_for_a_unit_notifies_nobody(cast):
    notes = Notifikasi.objects.count()
    done = reopen(cast.admin_bkpsdm, unit=named.unit("DINKES"))
    assert done.unit == named.unit("DINKES") and done.pegawai is None
    assert Notifikasi.objects.count() == notes


@on_day(MID_MAY)
def test_a_department_administrator_reopens_inside_their_subtree_only(cast):
    unit = admin_pd_unit(cast)
    assert reopen(cast.admin_pd, unit=unit).unit == unit
    with denied(state=state):
        reopen(cast.admin_pd, unit=named.unit("DINKES"))
    with denied(state=state):
        reopen(cast.admin_pd, pegawai=cast.atasan.pegawai)  # works in Dinas Kesehatan


@on_day(MID_MAY)
@pytest.mark.parametrize("role", ["pegawai", "atasan", "kepala_dinas", "tim_penilai", "auditor"])
def test_people_without_an_administrator_role_do_not_reopen(cast, role):
    with denied(state=state):
        reopen(getattr(cast, role), pegawai=cast.pegawai.pegawai)


@on_day(MID_MAY)
def test_the_admin_of_another_instansi_does_not_reopen_here(cast):
    with denied(state=state):
        reopen(cast.outsider, pegawai=cast.pegawai.pegawai)


@on_day(MID_MAY)
def test_a_target_of_another_instansi_is_refused(cast):
    stranger = UnitKerja.objects.filter(instansi__kode=named.LEMBAH).first()
    with refused(state=state):
        reopen(cast.superuser, unit=stranger)


@on_day(MID_MAY)
def test_both_or_neither_target_is_refused(cast):
    with refused(state=state):
        reopen(cast.admin_bkpsdm)
    with refused(state=state):
        reopen(cast.admin_bkpsdm, pegawai=cast.pegawai.pegawai, unit=named.unit("DINKES"))


@on_day(MID_MAY)
def test_a_reason_is_required(cast):
    with refused("reason", state=state):
        reopen(cast.admin_bkpsdm, pegawai=cast.pegawai.pegawai, alasan="  ")


@on_day(MID_MAY)
@pytest.mark.parametrize(
    "sampai",
    [
        datetime.date(YEAR, 5, 14),  # yesterday
        datetime.date(YEAR, 4, 10),  # the period's own deadline
        datetime.date(YEAR + 2, 1, 1),  # beyond the end of the next year
        None,
    ],
)
def test_a_date_in_the_past_not_after_the_deadline_or_too_far_is_refused(cast, sampai):
    with refused("sampai", state=state):
        reopen(cast.admin_bkpsdm, pegawai=cast.pegawai.pegawai, sampai=sampai)


@on_day(MID_MAY)
def test_today_is_a_valid_last_day(cast):
    assert reopen(cast.admin_bkpsdm, pegawai=cast.pegawai.pegawai, sampai=MID_MAY).sampai == MID_MAY


@on_day(MID_MAY)
def test_a_department_administrator_reopens_for_a_pegawai_placed_in_their_subtree(cast):
    unit = admin_pd_unit(cast)
    placed = (
        Penugasan.objects.active_at(MID_MAY)
        .filter(jabatan__unit__path__startswith=unit.path)
        .select_related("pegawai")
        .first()
    )
    assert placed is not None
    assert reopen(cast.admin_pd, pegawai=placed.pegawai).pegawai == placed.pegawai
