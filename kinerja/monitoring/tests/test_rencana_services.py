"""Rencana aksi: written by the pegawai while the period takes input (its deadline, or a reopening for them or
their unit), commented by the penilai of the period at any time; every refusal changes nothing."""

import datetime

import pytest

from kinerja.core.errors import ConflictError
from kinerja.core.models import Notifikasi
from kinerja.core.testing.clock import on_day
from kinerja.core.testing.helpers import denied, last_seq, one_event, refused
from kinerja.monitoring import selectors, services
from kinerja.monitoring.models import RencanaAksi
from kinerja.monitoring.tests.factories import MID_MAY, periode, rhk_ids
from kinerja.testkit import cast as named

pytestmark = pytest.mark.django_db
YEAR = named.YEAR


def state(skp):
    return list(
        RencanaAksi.objects.filter(skp=skp)
        .order_by("pk")
        .values("rhk_id", "uraian", "kunci", "komentar_penilai")
    )


def save(actor, skp, nomor, *, rhk_id=None, uraian="Menyusun jadwal sweeping imunisasi.", kunci=None):
    return services.rencana_aksi_save(
        actor=actor,
        skp=skp,
        periode=periode(skp, nomor),
        rhk_id=rhk_ids(skp, nomor)[0] if rhk_id is None else rhk_id,
        uraian=uraian,
        kunci=kunci,
    )


def member_skp(cast):
    """The SKP of the first person the atasan assesses."""
    return selectors.team_status(cast.atasan).rows[0].skp


@on_day(MID_MAY)
def test_the_pegawai_writes_and_changes_the_plan_of_an_open_period_with_an_audit_event(cast):
    skp = named.current_skp(cast.atasan)
    seq = last_seq()
    rencana = save(cast.atasan, skp, 2)
    event = one_event(seq, "monitoring.rencana_aksi.create", cast.atasan, rencana)
    assert event.changes == {"uraian": [None, "Menyusun jadwal sweeping imunisasi."]}
    assert rencana.kunci == 0

    seq = last_seq()
    changed = save(cast.atasan, skp, 2, uraian="Sweeping di tiga kelurahan.", kunci=0)
    assert changed.pk == rencana.pk and changed.kunci == 1
    event = one_event(seq, "monitoring.rencana_aksi.update", cast.atasan, rencana)
    assert event.changes == {"uraian": ["Menyusun jadwal sweeping imunisasi.", "Sweeping di tiga kelurahan."]}


@on_day(MID_MAY)
def test_a_stale_form_is_refused_with_a_conflict(cast):
    skp = named.current_skp(cast.atasan)
    save(cast.atasan, skp, 2)
    save(cast.atasan, skp, 2, uraian="Versi kedua.", kunci=0)
    with refused(state=lambda: state(skp)) as error:
        save(cast.atasan, skp, 2, uraian="Dari form lama.", kunci=0)
    assert isinstance(error.value, ConflictError)


@on_day(MID_MAY)
@pytest.mark.parametrize("role", ["pegawai", "kepala_dinas", "admin_bkpsdm", "superuser"])
def test_only_the_pegawai_writes_their_plan(cast, role):
    skp = named.current_skp(cast.atasan)
    with denied(state=lambda: state(skp)):
        save(getattr(cast, role), skp, 2)


@on_day(MID_MAY)
def test_the_penilai_does_not_write_the_plan_of_their_people(cast):
    skp = member_skp(cast)
    with denied(state=lambda: state(skp)):
        save(cast.atasan, skp, 2)


@on_day(MID_MAY)
def test_an_rhk_outside_the_plan_or_an_empty_text_is_refused(cast):
    skp = named.current_skp(cast.atasan)
    with refused(
        message="RHK ini tidak ada dalam SKP yang berlaku untuk Triwulan II.", state=lambda: state(skp)
    ):
        save(cast.atasan, skp, 2, rhk_id=999_999)
    with refused("uraian", state=lambda: state(skp)):
        save(cast.atasan, skp, 2, uraian="   ")


@on_day(MID_MAY)
def test_a_period_not_started_or_past_its_deadline_is_refused(cast):
    skp = named.current_skp(cast.atasan)
    with refused(state=lambda: state(skp)) as error:
        save(cast.atasan, skp, 3)
    assert "dimulai" in error.value.messages[0]
    with refused(state=lambda: state(skp)) as error:
        save(cast.atasan, skp, 1)
    assert "ditutup" in error.value.messages[0]


@on_day(MID_MAY)
def test_a_reopening_for_the_pegawai_lets_them_write_until_its_date(cast):
    skp = named.current_skp(cast.atasan)
    services.pembukaan_create(
        actor=cast.admin_bkpsdm,
        periode=periode(skp, 1),
        sampai=datetime.date(YEAR, 5, 20),
        alasan="Cuti sakit pada akhir triwulan.",
        pegawai=skp.pegawai,
    )
    assert save(cast.atasan, skp, 1).periode.nomor == 1
    with on_day(datetime.date(YEAR, 5, 21)), refused(state=lambda: state(skp)):
        save(cast.atasan, skp, 1, uraian="Terlambat.", kunci=0)


@on_day(MID_MAY)
def test_a_reopening_for_a_unit_above_the_pegawai_lets_them_write(cast):
    skp = named.current_skp(cast.atasan)
    services.pembukaan_create(
        actor=cast.admin_bkpsdm,
        periode=periode(skp, 1),
        sampai=datetime.date(YEAR, 5, 31),
        alasan="Gangguan jaringan di Dinas Kesehatan.",
        unit=named.unit("DINKES"),
    )
    assert save(cast.atasan, skp, 1).pk


@on_day(MID_MAY)
def test_a_reopening_for_someone_else_or_another_unit_does_not(cast):
    skp = named.current_skp(cast.atasan)
    services.pembukaan_create(
        actor=cast.admin_bkpsdm,
        periode=periode(skp, 1),
        sampai=datetime.date(YEAR, 5, 31),
        alasan="Gangguan jaringan.",
        unit=named.unit("DISDIK"),
    )
    services.pembukaan_create(
        actor=cast.admin_bkpsdm,
        periode=periode(skp, 1),
        sampai=datetime.date(YEAR, 5, 31),
        alasan="Cuti.",
        pegawai=cast.kepala_dinas.pegawai,
    )
    with refused(state=lambda: state(skp)):
        save(cast.atasan, skp, 1)


# Comments ------------------------------------------------------------------------------------------------------


@on_day(MID_MAY)
def test_the_penilai_of_the_period_comments_even_after_the_deadline_and_the_pegawai_is_told(cast):
    skp = member_skp(cast)
    owner = named.user(skp.pegawai.nip)
    rencana = save(owner, skp, 2)
    with on_day(datetime.date(YEAR, 7, 20)):  # Triwulan II closed on 10 July
        seq = last_seq()
        done = services.rencana_aksi_comment(
            actor=cast.atasan, rencana=rencana, komentar="Tambahkan target pekanan."
        )
    assert done.komentar_penilai == "Tambahkan target pekanan." and done.komentar_oleh == cast.atasan.pegawai
    event = one_event(seq, "monitoring.rencana_aksi.comment", cast.atasan, rencana)
    assert event.changes == {"komentar_penilai": ["", "Tambahkan target pekanan."]}
    note = Notifikasi.objects.filter(penerima=owner).latest("pk")
    assert "Triwulan II" in note.judul and note.isi == "Tambahkan target pekanan."


@on_day(MID_MAY)
@pytest.mark.parametrize("role", ["kepala_dinas", "admin_bkpsdm", "pegawai", "superuser"])
def test_only_the_penilai_of_the_period_comments(cast, role):
    skp = member_skp(cast)
    rencana = save(named.user(skp.pegawai.nip), skp, 2)
    with denied(state=lambda: state(skp)):
        services.rencana_aksi_comment(actor=getattr(cast, role), rencana=rencana, komentar="Komentar.")


@on_day(MID_MAY)
def test_the_pegawai_does_not_comment_on_their_own_plan(cast):
    skp = named.current_skp(cast.atasan)
    rencana = save(cast.atasan, skp, 2)
    with denied(state=lambda: state(skp)):
        services.rencana_aksi_comment(actor=cast.atasan, rencana=rencana, komentar="Sudah bagus.")


@on_day(MID_MAY)
def test_an_empty_comment_is_refused(cast):
    skp = member_skp(cast)
    rencana = save(named.user(skp.pegawai.nip), skp, 2)
    with refused("komentar", state=lambda: state(skp)):
        services.rencana_aksi_comment(actor=cast.atasan, rencana=rencana, komentar=" ")
