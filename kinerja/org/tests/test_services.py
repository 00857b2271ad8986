"""Every write to the organisation (org.services): what it changes, what it records, and what it refuses.

A refusal must leave the database exactly as it was: no row changed and no audit event recorded.
"""

import datetime
from functools import partial

import pytest
from django.utils.translation import gettext as _

from conftest import YEAR
from kinerja.accounts.models import RoleAssignment, User
from kinerja.core import audit
from kinerja.core.errors import ApplicationError
from kinerja.core.testing import helpers
from kinerja.core.testing.helpers import events_since, last_seq, one_event
from kinerja.org import demo, selectors, services
from kinerja.org.models import (
    Instansi,
    Jabatan,
    JenisPenugasan,
    Pegawai,
    Penugasan,
    RiwayatUnitKerja,
    UnitKerja,
)
from kinerja.testkit.cast import LEMBAH, SKM, instansi, unit
from kinerja.testkit.cast import jabatan as pos
from kinerja.testkit.cast import person as peg

pytestmark = pytest.mark.django_db

NEW_NIP = "199912312022031001"  # born 31-12-1999, male; no demo NIP is born after 1998
NEW_NIP_PPPK = "199901012023212002"  # born 01-01-1999, female
KADIS_DUKCAPIL = "Kepala Dinas Kependudukan dan Pencatatan Sipil"
SEKRETARIS_DUKCAPIL = "Sekretaris Dinas Kependudukan dan Pencatatan Sipil"


def d(month: int, day: int, year: int = YEAR) -> datetime.date:
    return datetime.date(year, month, day)


def current(pegawai: Pegawai) -> Penugasan:
    return Penugasan.objects.get(pegawai=pegawai, jenis=JenisPenugasan.DEFINITIF, selesai__isnull=True)


def holder(jabatan: Jabatan, at: datetime.date) -> Pegawai:
    return Penugasan.objects.active_at(at).get(jabatan=jabatan, jenis=JenisPenugasan.DEFINITIF).pegawai


# --- helpers: nothing changed, what was recorded ------------------------------------------------------------

TRACKED = [Instansi, UnitKerja, RiwayatUnitKerja, Jabatan, Pegawai, Penugasan, User, RoleAssignment]


# A refused or denied call leaves these models and the audit trail unchanged; a refusal's message is the only one.
db_state = partial(helpers.db_state, TRACKED)
refused = partial(helpers.refused, state=db_state, only=True)
denied = partial(helpers.denied, state=db_state)


@pytest.fixture
def seq(db) -> int:
    return last_seq()


# --- instansi ------------------------------------------------------------------------------------------------


def test_instansi_update_records_the_change_before_and_after(cast, seq):
    skm = instansi()

    services.instansi_update(
        actor=cast.admin_bkpsdm, instansi=skm, skema_periode="semesteran", reason="Perwal"
    )

    assert instansi().skema_periode == "semesteran"
    event = one_event(seq, "org.instansi.update", cast.admin_bkpsdm, skm)
    assert event.changes == {"skema_periode": ["triwulanan", "semesteran"]}
    assert event.reason == "Perwal"
    assert event.instansi_id == skm.pk
    assert audit.verify_chain() is None


def test_instansi_update_refuses_an_unknown_time_zone(cast):
    with refused("zona_waktu"):
        services.instansi_update(actor=cast.admin_bkpsdm, instansi=instansi(), zona_waktu="Europe/Paris")


def test_instansi_update_refuses_an_empty_name(cast):
    with refused("nama"):
        services.instansi_update(actor=cast.admin_bkpsdm, instansi=instansi(), nama="")


def test_instansi_update_rejects_fields_it_does_not_manage(cast):
    with pytest.raises(TypeError):
        services.instansi_update(actor=cast.admin_bkpsdm, instansi=instansi(), pk=99)


def test_department_admin_cannot_change_the_instansi(cast):
    with denied():
        services.instansi_update(actor=cast.admin_pd, instansi=instansi(), nama="Kota Lain")


def test_superuser_may_change_any_instansi(cast, seq):
    lembah = instansi(LEMBAH)

    services.instansi_update(actor=cast.superuser, instansi=lembah, tempat="Lembah")

    assert instansi(LEMBAH).tempat == "Lembah"
    one_event(seq, "org.instansi.update", cast.superuser, lembah)


# --- unit_create ---------------------------------------------------------------------------------------------


def test_unit_create_places_the_unit_under_its_parent_and_records_it(cast, seq):
    parent = unit("DINKES.B1")

    created = services.unit_create(
        actor=cast.admin_bkpsdm, instansi=instansi(), kode=" DINKES.B1.S3 ", nama="Seksi Baru", parent=parent
    )

    created.refresh_from_db()
    assert created.kode == "DINKES.B1.S3"
    assert created.path == f"{parent.path}{created.pk}/"
    assert created.depth == parent.depth + 1
    assert created in UnitKerja.objects.filter(path__startswith=unit("DINKES").path)
    event = one_event(seq, "org.unit.create", cast.admin_bkpsdm, created)
    assert event.changes["kode"] == [None, "DINKES.B1.S3"]
    assert event.changes["parent"] == [None, parent.pk]


def test_unit_create_without_parent_makes_a_root(cast):
    created = services.unit_create(actor=cast.admin_bkpsdm, instansi=instansi(), kode="DISHUB", nama="Dishub")

    created.refresh_from_db()
    assert (created.path, created.depth, created.parent) == (f"/{created.pk}/", 0, None)


def test_unit_create_refuses_a_code_already_used_in_the_instansi(cast):
    with refused("kode", _("Another unit of this agency already has this code.")):
        services.unit_create(actor=cast.admin_bkpsdm, instansi=instansi(), kode="DINKES", nama="Dinas Lain")


def test_same_unit_code_is_allowed_in_another_instansi(cast):
    created = services.unit_create(
        actor=cast.outsider, instansi=instansi(LEMBAH), kode="DINKES", nama="Dinkes"
    )

    assert created.instansi.kode == LEMBAH


def test_unit_create_refuses_an_empty_name(cast):
    with refused("nama"):
        services.unit_create(actor=cast.admin_bkpsdm, instansi=instansi(), kode="X1", nama="  ")


def test_unit_create_refuses_a_parent_of_another_instansi(cast):
    with refused("parent", _("The parent unit belongs to another agency.")):
        services.unit_create(
            actor=cast.outsider, instansi=instansi(LEMBAH), kode="X1", nama="Unit", parent=unit("DINKES")
        )


def test_department_admin_creates_units_only_inside_their_subtree(cast):
    services.unit_create(
        actor=cast.admin_pd, instansi=instansi(), kode="DISDIK.B1.S9", nama="Seksi", parent=unit("DISDIK.B1")
    )

    with denied():
        services.unit_create(
            actor=cast.admin_pd, instansi=instansi(), kode="DINKES.S9", nama="Seksi", parent=unit("DINKES")
        )
    with denied():
        services.unit_create(actor=cast.admin_pd, instansi=instansi(), kode="ROOT9", nama="Akar")


# --- unit_update ---------------------------------------------------------------------------------------------


def test_renaming_a_unit_keeps_the_old_name_in_its_history(cast, seq):
    seksi = unit("DINKES.B1.S2")

    services.unit_update(
        actor=cast.admin_bkpsdm, unit=seksi, kode=seksi.kode, nama="Seksi Gizi", eselon="IV.a", reason="SOTK"
    )

    assert unit("DINKES.B1.S2").nama == "Seksi Gizi"
    history = RiwayatUnitKerja.objects.get(unit=seksi)
    assert (history.nama_lama, history.nama_baru) == ("Seksi Gizi Masyarakat", "Seksi Gizi")
    assert history.parent_lama == history.parent_baru == unit("DINKES.B1")
    event = one_event(seq, "org.unit.update", cast.admin_bkpsdm, seksi)
    assert event.changes == {"nama": ["Seksi Gizi Masyarakat", "Seksi Gizi"]}
    assert event.reason == "SOTK"


def test_changing_only_the_code_of_a_unit_adds_no_name_history(cast, seq):
    seksi = unit("DINKES.B1.S2")

    services.unit_update(actor=cast.admin_bkpsdm, unit=seksi, kode="GIZI", nama=seksi.nama, eselon="IV.a")

    assert not RiwayatUnitKerja.objects.filter(unit=seksi).exists()
    assert one_event(seq, "org.unit.update", cast.admin_bkpsdm, seksi).changes == {
        "kode": ["DINKES.B1.S2", "GIZI"]
    }


def test_unit_update_refuses_an_empty_name(cast):
    seksi = unit("DINKES.B1.S2")
    with refused("nama"):
        services.unit_update(actor=cast.admin_bkpsdm, unit=seksi, kode=seksi.kode, nama="")


def test_unit_update_refuses_the_code_of_another_unit(cast):
    seksi = unit("DINKES.B1.S2")
    with refused("kode"):
        services.unit_update(actor=cast.admin_bkpsdm, unit=seksi, kode="DINKES.B1.S1", nama=seksi.nama)


def test_department_admin_edits_units_below_theirs_but_not_their_own_unit(cast):
    bidang = unit("DISDIK.B1")
    services.unit_update(actor=cast.admin_pd, unit=bidang, kode=bidang.kode, nama="Bidang SD")
    assert unit("DISDIK.B1").nama == "Bidang SD"

    disdik = unit("DISDIK")
    with denied():
        services.unit_update(actor=cast.admin_pd, unit=disdik, kode=disdik.kode, nama="Dinas Lain")
    dinkes = unit("DINKES.B1")
    with denied():
        services.unit_update(actor=cast.admin_pd, unit=dinkes, kode=dinkes.kode, nama="Lain")


# --- unit_move -----------------------------------------------------------------------------------------------


def test_moving_a_unit_moves_its_whole_subtree_and_keeps_history(cast, seq):
    bidang, old_parent, new_parent = unit("DINKES.B1"), unit("DINKES"), unit("DINKES.B2")
    seksi_ids = [unit("DINKES.B1.S1").pk, unit("DINKES.B1.S2").pk]

    services.unit_move(
        actor=cast.admin_bkpsdm, unit=bidang, new_parent=new_parent, tanggal=d(7, 1), reason="SOTK baru"
    )

    moved = unit("DINKES.B1")
    assert moved.parent == new_parent
    assert moved.path == f"{new_parent.path}{moved.pk}/"
    assert moved.depth == 2
    for pk in seksi_ids:
        seksi = UnitKerja.objects.get(pk=pk)
        assert seksi.path == f"{moved.path}{pk}/"
        assert seksi.depth == 3
    assert not UnitKerja.objects.filter(path__startswith=bidang.path).exists()
    under_new = set(UnitKerja.objects.filter(path__startswith=new_parent.path).values_list("pk", flat=True))
    assert {moved.pk, *seksi_ids} <= under_new
    history = RiwayatUnitKerja.objects.get(unit=bidang)
    assert (history.parent_lama, history.parent_baru) == (old_parent, new_parent)
    assert (history.tanggal, history.alasan) == (d(7, 1), "SOTK baru")
    event = one_event(seq, "org.unit.move", cast.admin_bkpsdm, bidang)
    assert event.changes == {"parent": [old_parent.pk, new_parent.pk]}
    assert "SOTK baru" in event.reason


def test_moving_a_unit_again_keeps_every_earlier_place(cast):
    bidang = unit("DINKES.B1")
    services.unit_move(
        actor=cast.admin_bkpsdm, unit=bidang, new_parent=unit("DINKES.B2"), tanggal=d(7, 1), reason="a"
    )
    services.unit_move(actor=cast.admin_bkpsdm, unit=bidang, new_parent=None, tanggal=d(8, 1), reason="b")

    moved = unit("DINKES.B1")
    assert (moved.path, moved.depth, moved.parent) == (f"/{moved.pk}/", 0, None)
    assert unit("DINKES.B1.S1").path == f"/{moved.pk}/{unit('DINKES.B1.S1').pk}/"
    places = list(
        RiwayatUnitKerja.objects.filter(unit=bidang)
        .order_by("tanggal")
        .values_list("parent_lama__kode", "parent_baru__kode")
    )
    assert places == [("DINKES", "DINKES.B2"), ("DINKES.B2", None)]


@pytest.mark.parametrize("target", ["DINKES", "DINKES.B1", "DINKES.B1.S1"])
def test_a_unit_cannot_be_made_its_own_ancestor(cast, target):
    with refused("parent", _("A unit cannot be placed under itself or under one of its own sub-units.")):
        services.unit_move(
            actor=cast.admin_bkpsdm, unit=unit("DINKES"), new_parent=unit(target), tanggal=d(7, 1), reason="x"
        )


def test_unit_move_refuses_the_parent_it_already_has(cast):
    with refused("parent", _("The unit is already under this parent.")):
        services.unit_move(
            actor=cast.admin_bkpsdm,
            unit=unit("DINKES.B1"),
            new_parent=unit("DINKES"),
            tanggal=d(7, 1),
            reason="x",
        )


def test_unit_move_needs_a_reason(cast):
    with refused("reason", _("A reason is required to move a unit.")):
        services.unit_move(
            actor=cast.admin_bkpsdm, unit=unit("DINKES.B1"), new_parent=None, tanggal=d(7, 1), reason="  "
        )


def test_unit_move_refuses_a_parent_of_another_instansi(cast):
    with refused("parent"):
        services.unit_move(
            actor=cast.admin_bkpsdm,
            unit=unit("DINKES.B1"),
            new_parent=unit("BKD", LEMBAH),
            tanggal=d(7, 1),
            reason="x",
        )


def test_department_admin_moves_units_within_their_subtree(cast):
    services.unit_move(
        actor=cast.admin_pd,
        unit=unit("DISDIK.B1.S1"),
        new_parent=unit("DISDIK.B2"),
        tanggal=d(7, 1),
        reason="x",
    )

    assert unit("DISDIK.B1.S1").parent == unit("DISDIK.B2")


@pytest.mark.parametrize(
    ("moved", "target"),
    [
        ("DISDIK.B1.S1", "DINKES"),  # out of the subtree
        ("DISDIK.B1", None),  # to the top level
        ("DISDIK", "SETDA"),  # the administered unit itself
        ("DINKES.B1", "DISDIK"),  # a unit from elsewhere into the subtree
    ],
)
def test_department_admin_cannot_move_units_outside_their_subtree(cast, moved, target):
    with denied():
        services.unit_move(
            actor=cast.admin_pd,
            unit=unit(moved),
            new_parent=unit(target) if target else None,
            tanggal=d(7, 1),
            reason="x",
        )


# --- jabatan_create / jabatan_update -------------------------------------------------------------------------


def test_jabatan_create_places_the_position_under_its_atasan(cast, seq):
    kasi = pos("Kepala Seksi Gizi Masyarakat")

    created = services.jabatan_create(
        actor=cast.admin_bkpsdm,
        unit=unit("DINKES.B1.S2"),
        nama=" Nutrisionis Ahli Pertama ",
        jenis="fungsional",
        jenjang="ahli_pertama",
        atasan=kasi,
    )

    created.refresh_from_db()
    assert created.nama == "Nutrisionis Ahli Pertama"
    assert created.instansi.kode == SKM
    assert created.path == f"{kasi.path}{created.pk}/"
    assert created.ancestor_ids[0] == kasi.pk
    event = one_event(seq, "org.jabatan.create", cast.admin_bkpsdm, created)
    assert event.changes["atasan"] == [None, kasi.pk]
    assert event.changes["jenjang"] == [None, "ahli_pertama"]


def test_jabatan_create_refuses_a_second_head_of_a_unit(cast):
    seksi = unit("DINKES.B1.S1")
    message = _("This unit already has a head position: %(name)s.") % {"name": "Kepala Seksi Imunisasi"}

    with refused("kepala_unit", message):
        services.jabatan_create(
            actor=cast.admin_bkpsdm, unit=seksi, nama="Kepala Seksi Kedua", jenis="pengawas", kepala_unit=True
        )


def test_jabatan_create_refuses_an_atasan_of_another_instansi(cast):
    sekda_lembah = Jabatan.objects.get(instansi__kode=LEMBAH, nama="Sekretaris Daerah")

    with refused("atasan", _("The position above belongs to another agency.")):
        services.jabatan_create(
            actor=cast.admin_bkpsdm, unit=unit("DINKES"), nama="Staf", jenis="pelaksana", atasan=sekda_lembah
        )


def test_jabatan_create_refuses_an_empty_name(cast):
    with refused("nama"):
        services.jabatan_create(actor=cast.admin_bkpsdm, unit=unit("DINKES"), nama=" ", jenis="pelaksana")


def test_department_admin_creates_positions_only_inside_their_subtree(cast):
    services.jabatan_create(actor=cast.admin_pd, unit=unit("DISDIK.B1.S1"), nama="Staf", jenis="pelaksana")

    with denied():
        services.jabatan_create(
            actor=cast.admin_pd, unit=unit("DINKES.B1.S1"), nama="Staf", jenis="pelaksana"
        )


def test_changing_the_atasan_moves_the_positions_below_and_the_penilai_chain(cast, seq):
    kasi, pelaksana_pos = pos("Kepala Seksi Imunisasi"), pos("Pengelola Data Imunisasi")
    old_kabid, new_kabid = (
        pos("Kepala Bidang Kesehatan Masyarakat"),
        pos("Kepala Bidang Pencegahan dan Pengendalian Penyakit"),
    )
    below = list(Jabatan.objects.filter(atasan=kasi).values_list("pk", flat=True))

    services.jabatan_update(actor=cast.admin_bkpsdm, jabatan=kasi, atasan=new_kabid, reason="SOTK")

    kasi = pos("Kepala Seksi Imunisasi")
    assert kasi.path == f"{new_kabid.path}{kasi.pk}/"
    assert pos("Pengelola Data Imunisasi").path == f"{kasi.path}{pelaksana_pos.pk}/"
    assert len(below) > 1
    assert all(j.path == f"{kasi.path}{j.pk}/" for j in Jabatan.objects.filter(pk__in=below))
    assert not Jabatan.objects.filter(path__startswith=f"{old_kabid.path}{kasi.pk}/").exists()
    chain = selectors.penilai_chain(peg(demo.NIP_PELAKSANA_IMUNISASI), d(7, 1))
    assert chain.penilai.pegawai.nip == demo.NIP_KASI_IMUNISASI
    assert chain.atasan_penilai.pegawai == holder(new_kabid, d(7, 1))
    event = one_event(seq, "org.jabatan.update", cast.admin_bkpsdm, kasi)
    assert event.changes == {"atasan": [old_kabid.pk, new_kabid.pk]}
    assert event.reason == "SOTK"


@pytest.mark.parametrize(
    "new_atasan", ["Kepala Bidang Kesehatan Masyarakat", "Kepala Seksi Imunisasi", "Pengelola Data Imunisasi"]
)
def test_a_position_cannot_report_to_itself_or_to_a_position_below_it(cast, new_atasan):
    with refused("atasan", _("A position cannot report to itself or to a position below it.")):
        services.jabatan_update(
            actor=cast.admin_bkpsdm, jabatan=pos("Kepala Bidang Kesehatan Masyarakat"), atasan=pos(new_atasan)
        )


def test_jabatan_update_refuses_a_second_head_of_a_unit(cast):
    with refused("kepala_unit"):
        services.jabatan_update(
            actor=cast.admin_bkpsdm, jabatan=pos("Pengelola Data Imunisasi"), kepala_unit=True
        )


def test_moving_a_position_into_a_unit_with_a_head_as_its_head_is_refused(cast):
    with refused("kepala_unit"):
        services.jabatan_update(
            actor=cast.admin_bkpsdm, jabatan=pos("Kepala Seksi Gizi Masyarakat"), unit=unit("DINKES.B1.S1")
        )


def test_jabatan_update_rejects_fields_it_does_not_manage(cast):
    with pytest.raises(TypeError):
        services.jabatan_update(actor=cast.admin_bkpsdm, jabatan=pos("Pengelola Data Imunisasi"), path="/1/")


def test_department_admin_cannot_move_a_position_out_of_their_subtree(cast):
    kasi_sd = pos("Kepala Seksi Kurikulum SD")
    services.jabatan_update(actor=cast.admin_pd, jabatan=kasi_sd, nama="Kepala Seksi Kurikulum")

    with denied():
        services.jabatan_update(actor=cast.admin_pd, jabatan=kasi_sd, unit=unit("DINKES.B1"))
    with denied():
        services.jabatan_update(actor=cast.admin_pd, jabatan=pos("Kepala Seksi Imunisasi"), nama="X")


# --- pegawai_create / pegawai_update -------------------------------------------------------------------------


def test_pegawai_create_registers_the_pegawai_and_a_login_named_by_the_nip(cast, seq):
    created = services.pegawai_create(
        actor=cast.admin_bkpsdm,
        instansi=instansi(),
        nip="19991231 202203 1 001",
        nama="Budi Baru",
        gelar_belakang="S.Kom.",
        golongan="III/a",
        email="budi@example.org",
    )

    created.refresh_from_db()
    assert created.nip == NEW_NIP
    assert created.tanggal_lahir == datetime.date(1999, 12, 31)
    assert created.jenis_kelamin == "L"
    user = User.objects.get(pegawai=created)
    assert user.username == NEW_NIP
    assert user.instansi == created.instansi
    assert user.nama == "Budi Baru, S.Kom."
    assert not user.has_usable_password()
    event = one_event(seq, "org.pegawai.create", cast.admin_bkpsdm, created)
    assert event.changes["nip"] == [None, NEW_NIP]
    assert event.pegawai_id == created.pk
    assert one_event(seq, "accounts.user.create", cast.admin_bkpsdm, user).changes == {
        "username": [None, NEW_NIP]
    }


def test_pegawai_create_accepts_a_pppk_with_a_grade(cast):
    created = services.pegawai_create(
        actor=cast.admin_bkpsdm,
        instansi=instansi(),
        nip=NEW_NIP_PPPK,
        nama="Sari PPPK",
        status="PPPK",
        grade_pppk="IX",
        golongan="III/a",
        jenis_kelamin="P",
        tanggal_lahir=datetime.date(1999, 1, 1),
    )

    created.refresh_from_db()
    assert (created.status, created.grade_pppk, created.golongan) == ("PPPK", "IX", "")
    assert created.pangkat_golongan == "PPPK IX"


@pytest.mark.parametrize(
    ("nip", "reason"),
    [
        ("19991231202203100", "NIP harus terdiri dari 18 digit, tetapi yang diberikan 17 digit."),
        ("1999123120220310x1", "NIP hanya boleh berisi angka, tetapi mengandung karakter 'x'."),
        (
            "199912312022033001",
            "Digit jenis kelamin pada NIP harus 1 (laki-laki) atau 2 (perempuan), bukan 3.",
        ),
        ("199912312022131001", "Bulan TMT CPNS pada NIP tidak valid: 13 (harus 01 sampai 12)."),
        ("", "NIP kosong: harus diisi 18 digit angka."),
    ],
)
def test_pegawai_create_refuses_an_invalid_nip_saying_why_in_indonesian(cast, nip, reason):
    with refused("nip", reason):
        services.pegawai_create(
            actor=cast.admin_bkpsdm, instansi=instansi(), nip=nip, nama="Salah", golongan="III/a"
        )


def test_pegawai_create_refuses_a_birth_date_other_than_the_nip_says(cast):
    message = _("The date of birth does not match the NIP (%(date)s).") % {"date": "31 Desember 1999"}
    with refused("tanggal_lahir", message):
        services.pegawai_create(
            actor=cast.admin_bkpsdm,
            instansi=instansi(),
            nip=NEW_NIP,
            nama="Salah",
            golongan="III/a",
            tanggal_lahir=datetime.date(1999, 12, 30),
        )


def test_pegawai_create_refuses_a_sex_other_than_the_nip_says(cast):
    with refused("jenis_kelamin", _("The sex does not match the NIP.")):
        services.pegawai_create(
            actor=cast.admin_bkpsdm,
            instansi=instansi(),
            nip=NEW_NIP,
            nama="Salah",
            golongan="III/a",
            jenis_kelamin="P",
        )


def test_pegawai_create_refuses_a_pns_without_golongan(cast):
    with refused("golongan", _("A PNS needs a rank (golongan).")):
        services.pegawai_create(actor=cast.admin_bkpsdm, instansi=instansi(), nip=NEW_NIP, nama="Tanpa")


def test_pegawai_create_refuses_a_pppk_without_grade(cast):
    with refused("grade_pppk", _("A PPPK needs a grade.")):
        services.pegawai_create(
            actor=cast.admin_bkpsdm, instansi=instansi(), nip=NEW_NIP_PPPK, nama="Tanpa", status="PPPK"
        )


def test_pegawai_create_refuses_a_nip_already_registered(cast):
    with refused("nip"):
        services.pegawai_create(
            actor=cast.admin_bkpsdm,
            instansi=instansi(),
            nip=demo.NIP_PELAKSANA_IMUNISASI,
            nama="Kembar",
            golongan="II/a",
        )


def test_pegawai_create_refuses_a_nip_registered_in_another_instansi(cast):
    with refused("nip"):
        services.pegawai_create(
            actor=cast.outsider,
            instansi=instansi(LEMBAH),
            nip=demo.NIP_PELAKSANA_IMUNISASI,
            nama="Kembar",
            golongan="II/a",
        )


def test_pegawai_create_rejects_fields_it_does_not_manage(cast):
    with pytest.raises(TypeError):
        services.pegawai_create(
            actor=cast.admin_bkpsdm, instansi=instansi(), nip=NEW_NIP, nama="X", golongan="III/a", pk=1
        )


def test_pegawai_update_records_before_and_after_and_updates_the_login(cast, seq):
    pegawai = peg(demo.NIP_PELAKSANA_IMUNISASI)
    old_golongan = pegawai.golongan

    services.pegawai_update(
        actor=cast.admin_bkpsdm, pegawai=pegawai, nama="Nama Baru", golongan="III/d", reason="SK kenaikan"
    )

    pegawai.refresh_from_db()
    assert (pegawai.nama, pegawai.golongan) == ("Nama Baru", "III/d")
    assert User.objects.get(pegawai=pegawai).nama == pegawai.nama_lengkap
    event = one_event(seq, "org.pegawai.update", cast.admin_bkpsdm, pegawai)
    assert event.changes["golongan"] == [old_golongan, "III/d"]
    assert event.changes["nama"][1] == "Nama Baru"
    assert set(event.changes) == {"nama", "golongan"}
    assert event.reason == "SK kenaikan"


def test_correcting_a_nip_renames_the_login(cast):
    pegawai = services.pegawai_create(
        actor=cast.admin_bkpsdm, instansi=instansi(), nip=NEW_NIP, nama="Salah Ketik", golongan="III/a"
    )
    corrected = "199912312022031002"

    services.pegawai_update(actor=cast.admin_bkpsdm, pegawai=pegawai, nip=corrected)

    assert User.objects.get(pegawai=pegawai).username == corrected
    assert not User.objects.filter(username=NEW_NIP).exists()


def test_deactivating_a_pegawai_deactivates_the_login(cast):
    pegawai = peg(demo.NIP_PELAKSANA_IMUNISASI)

    services.pegawai_update(actor=cast.admin_bkpsdm, pegawai=pegawai, aktif=False)

    assert not User.objects.get(pegawai=pegawai).is_active


def test_pegawai_update_refuses_a_birth_date_other_than_the_nip_says(cast):
    with refused("tanggal_lahir"):
        services.pegawai_update(
            actor=cast.admin_bkpsdm,
            pegawai=peg(demo.NIP_PELAKSANA_IMUNISASI),
            tanggal_lahir=datetime.date(1992, 6, 19),
        )


def test_pegawai_update_refuses_an_invalid_nip(cast):
    with refused("nip", "NIP harus terdiri dari 18 digit, tetapi yang diberikan 3 digit."):
        services.pegawai_update(actor=cast.admin_bkpsdm, pegawai=peg(demo.NIP_PELAKSANA_IMUNISASI), nip="123")


def test_pegawai_update_refuses_the_nip_of_someone_else(cast):
    with refused("nip"):
        services.pegawai_update(
            actor=cast.admin_bkpsdm,
            pegawai=peg(demo.NIP_PELAKSANA_IMUNISASI),
            nip=demo.NIP_KASI_IMUNISASI,
            tanggal_lahir=datetime.date(1984, 7, 22),
            jenis_kelamin="L",
        )


def test_department_admin_edits_only_pegawai_placed_in_their_subtree(cast):
    disdik_staff = holder(pos("Kepala Seksi Kurikulum SD"), d(7, 1))
    services.pegawai_update(actor=cast.admin_pd, pegawai=disdik_staff, telepon="0812")

    with denied():
        services.pegawai_update(
            actor=cast.admin_pd, pegawai=peg(demo.NIP_PELAKSANA_IMUNISASI), telepon="0812"
        )


# --- penugasan_create ----------------------------------------------------------------------------------------


@pytest.fixture
def unplaced(cast) -> Pegawai:
    return services.pegawai_create(
        actor=cast.admin_bkpsdm, instansi=instansi(), nip=NEW_NIP, nama="Belum Ditempatkan", golongan="III/a"
    )


def test_plt_of_a_vacant_head_becomes_the_penilai_below_it(cast, seq):
    sekretaris = holder(pos(SEKRETARIS_DUKCAPIL), d(7, 1))
    kabid = holder(pos("Kepala Bidang Pencatatan Sipil"), d(7, 1))

    plt = services.penugasan_create(
        actor=cast.admin_bkpsdm,
        pegawai=sekretaris,
        jabatan=pos(KADIS_DUKCAPIL),
        jenis=JenisPenugasan.PLT,
        mulai=d(8, 1),
        nomor_sk=" 800/PLT/1 ",
    )

    assert plt.nomor_sk == "800/PLT/1"
    assert selectors.penilai_chain(kabid, d(7, 31)).penilai.pegawai.nip == demo.NIP_SEKDA
    after = selectors.penilai_chain(kabid, d(8, 1)).penilai
    assert (after.pegawai, after.jenis) == (sekretaris, JenisPenugasan.PLT)
    event = one_event(seq, "org.penugasan.create", cast.admin_bkpsdm, plt)
    assert event.changes["jenis"] == [None, "plt"]
    assert event.changes["mulai"] == [None, d(8, 1).isoformat()]
    assert event.pegawai_id == sekretaris.pk


def test_penugasan_create_refuses_two_definitive_holders_at_once(cast, unplaced):
    kasi = pos("Kepala Seksi Imunisasi")
    message = _("The position already has a definitive holder in that time: %(name)s.") % {
        "name": peg(demo.NIP_KASI_IMUNISASI)
    }

    with refused("jabatan", message):
        services.penugasan_create(
            actor=cast.admin_bkpsdm, pegawai=unplaced, jabatan=kasi, jenis="definitif", mulai=d(8, 1)
        )
    # Ending later than the holder's start still overlaps.
    with refused("jabatan"):
        services.penugasan_create(
            actor=cast.admin_bkpsdm,
            pegawai=unplaced,
            jabatan=kasi,
            jenis="definitif",
            mulai=d(1, 1, 1990),
            selesai=d(1, 1),
        )


def test_a_definitive_holder_may_follow_one_who_has_left(cast, unplaced):
    kasi = pos("Kepala Seksi Imunisasi")
    services.penugasan_end(
        actor=cast.admin_bkpsdm, penugasan=current(peg(demo.NIP_KASI_IMUNISASI)), selesai=d(6, 30), reason="x"
    )

    with refused("jabatan"):
        services.penugasan_create(
            actor=cast.admin_bkpsdm, pegawai=unplaced, jabatan=kasi, jenis="definitif", mulai=d(6, 30)
        )
    services.penugasan_create(
        actor=cast.admin_bkpsdm, pegawai=unplaced, jabatan=kasi, jenis="definitif", mulai=d(7, 1)
    )

    chain = selectors.penilai_chain(peg(demo.NIP_PELAKSANA_IMUNISASI), d(7, 1))
    assert chain.penilai.pegawai == unplaced


def test_penugasan_create_refuses_a_second_definitive_post_at_once(cast):
    with refused("mulai"):
        services.penugasan_create(
            actor=cast.admin_bkpsdm,
            pegawai=peg(demo.NIP_PELAKSANA_IMUNISASI),
            jabatan=pos(KADIS_DUKCAPIL),
            jenis="definitif",
            mulai=d(8, 1),
        )


def test_penugasan_create_refuses_an_assignment_ending_before_it_starts(cast, unplaced):
    with refused("selesai", _("An assignment cannot end before it starts.")):
        services.penugasan_create(
            actor=cast.admin_bkpsdm,
            pegawai=unplaced,
            jabatan=pos(KADIS_DUKCAPIL),
            jenis="definitif",
            mulai=d(8, 1),
            selesai=d(7, 31),
        )


def test_penugasan_create_refuses_a_second_plt_at_once(cast):
    with refused("jabatan"):
        services.penugasan_create(
            actor=cast.admin_bkpsdm,
            pegawai=holder(pos("Kepala Bidang Bina Marga"), d(5, 1)),
            jabatan=pos("Kepala Dinas Pekerjaan Umum dan Penataan Ruang"),
            jenis="plt",
            mulai=d(5, 1),
        )


def test_penugasan_create_refuses_acting_in_ones_own_position(cast):
    pegawai = peg(demo.NIP_PELAKSANA_IMUNISASI)
    with refused("jabatan", _("The employee already holds this position in that time.")):
        services.penugasan_create(
            actor=cast.admin_bkpsdm,
            pegawai=pegawai,
            jabatan=current(pegawai).jabatan,
            jenis="plh",
            mulai=d(8, 1),
        )


def test_penugasan_create_refuses_an_inactive_position_or_pegawai(cast, unplaced):
    kadis = pos(KADIS_DUKCAPIL)
    Jabatan.objects.filter(pk=kadis.pk).update(aktif=False)
    kadis.refresh_from_db()
    with refused("jabatan", _("The position is no longer active.")):
        services.penugasan_create(
            actor=cast.admin_bkpsdm, pegawai=unplaced, jabatan=kadis, jenis="definitif", mulai=d(8, 1)
        )

    Jabatan.objects.filter(pk=kadis.pk).update(aktif=True)
    kadis.refresh_from_db()
    Pegawai.objects.filter(pk=unplaced.pk).update(aktif=False)
    unplaced.refresh_from_db()
    with refused("pegawai", _("The employee is no longer active.")):
        services.penugasan_create(
            actor=cast.admin_bkpsdm, pegawai=unplaced, jabatan=kadis, jenis="definitif", mulai=d(8, 1)
        )


@pytest.mark.parametrize("actor", ["superuser", "admin_bkpsdm", "outsider"])
def test_penugasan_create_refuses_a_position_of_another_instansi(cast, actor):
    lembah_staff = Pegawai.objects.filter(instansi__kode=LEMBAH).first()

    with denied():
        services.penugasan_create(
            actor=getattr(cast, actor),
            pegawai=lembah_staff,
            jabatan=pos(KADIS_DUKCAPIL),
            jenis="plt",
            mulai=d(8, 1),
        )


# --- penugasan_end -------------------------------------------------------------------------------------------


def test_penugasan_end_sets_the_last_day_and_records_it(cast, seq):
    penugasan = current(peg(demo.NIP_PELAKSANA_IMUNISASI))

    services.penugasan_end(actor=cast.admin_bkpsdm, penugasan=penugasan, selesai=d(9, 30), reason="Pensiun")

    penugasan.refresh_from_db()
    assert penugasan.selesai == d(9, 30)
    assert penugasan.is_active_at(d(9, 30)) and not penugasan.is_active_at(d(10, 1))
    event = one_event(seq, "org.penugasan.end", cast.admin_bkpsdm, penugasan)
    assert event.changes == {"selesai": [None, d(9, 30).isoformat()]}
    assert event.reason == "Pensiun"


def test_penugasan_end_may_bring_an_end_date_forward(cast):
    first = Penugasan.objects.get(pegawai=peg(demo.NIP_MUTASI), selesai=d(6, 30))

    services.penugasan_end(actor=cast.admin_bkpsdm, penugasan=first, selesai=d(5, 31), reason="Koreksi")

    first.refresh_from_db()
    assert first.selesai == d(5, 31)


def test_penugasan_end_refuses_a_later_end_than_already_recorded(cast):
    first = Penugasan.objects.get(pegawai=peg(demo.NIP_MUTASI), selesai=d(6, 30))
    with refused("selesai"):
        services.penugasan_end(actor=cast.admin_bkpsdm, penugasan=first, selesai=d(7, 15), reason="x")


def test_penugasan_end_refuses_an_end_before_the_start(cast):
    penugasan = current(peg(demo.NIP_PELAKSANA_IMUNISASI))
    with refused("selesai", _("An assignment cannot end before it starts.")):
        services.penugasan_end(
            actor=cast.admin_bkpsdm,
            penugasan=penugasan,
            selesai=penugasan.mulai - datetime.timedelta(days=1),
            reason="x",
        )


def test_penugasan_end_needs_a_reason(cast):
    with refused("reason", _("A reason is required.")):
        services.penugasan_end(
            actor=cast.admin_bkpsdm,
            penugasan=current(peg(demo.NIP_PELAKSANA_IMUNISASI)),
            selesai=d(9, 30),
            reason=" ",
        )


# --- pegawai_transfer ----------------------------------------------------------------------------------------


@pytest.fixture
def new_post(cast) -> Jabatan:
    return services.jabatan_create(
        actor=cast.admin_bkpsdm,
        unit=unit("DINKES.B1.S2"),
        nama="Pengelola Data Gizi",
        jenis="pelaksana",
        atasan=pos("Kepala Seksi Gizi Masyarakat"),
    )


def test_transfer_ends_the_old_post_the_day_before_and_starts_the_new_one(cast, new_post, seq):
    pegawai = peg(demo.NIP_PELAKSANA_IMUNISASI)
    old = current(pegawai)

    new = services.pegawai_transfer(
        actor=cast.admin_bkpsdm,
        pegawai=pegawai,
        jabatan=new_post,
        tanggal=d(7, 1),
        reason="Mutasi internal",
        nomor_sk="821/7",
    )

    old.refresh_from_db()
    assert old.selesai == d(6, 30)
    assert (new.jabatan, new.jenis, new.mulai, new.selesai) == (new_post, "definitif", d(7, 1), None)
    assert (new.nomor_sk, new.keterangan) == ("821/7", "Mutasi internal")
    assert Penugasan.objects.filter(pegawai=pegawai).count() == 2
    june = selectors.penilai_chain(pegawai, d(6, 30))
    july = selectors.penilai_chain(pegawai, d(7, 1))
    assert june.penilai.pegawai.nip == demo.NIP_KASI_IMUNISASI
    assert july.penilai.pegawai == holder(pos("Kepala Seksi Gizi Masyarakat"), d(7, 1))
    assert one_event(seq, "org.penugasan.end", cast.admin_bkpsdm, old).reason == "Mutasi internal"
    assert one_event(seq, "org.penugasan.create", cast.admin_bkpsdm, new).changes["jabatan"] == [
        None,
        new_post.pk,
    ]


def test_transfer_of_an_unplaced_pegawai_only_starts_the_new_post(cast, new_post, unplaced):
    new = services.pegawai_transfer(
        actor=cast.admin_bkpsdm, pegawai=unplaced, jabatan=new_post, tanggal=d(7, 1), reason="Penempatan"
    )

    assert list(Penugasan.objects.filter(pegawai=unplaced)) == [new]


def test_transfer_to_the_position_already_held_is_refused(cast):
    pegawai = peg(demo.NIP_PELAKSANA_IMUNISASI)
    with refused("jabatan", _("The employee already holds this position.")):
        services.pegawai_transfer(
            actor=cast.admin_bkpsdm,
            pegawai=pegawai,
            jabatan=current(pegawai).jabatan,
            tanggal=d(7, 1),
            reason="x",
        )


def test_transfer_on_the_start_date_of_the_current_post_is_refused(cast, new_post):
    pegawai = peg(demo.NIP_PELAKSANA_IMUNISASI)
    message = _("The transfer date must be after the start of the current assignment.")
    with refused("tanggal", message):
        services.pegawai_transfer(
            actor=cast.admin_bkpsdm,
            pegawai=pegawai,
            jabatan=new_post,
            tanggal=current(pegawai).mulai,
            reason="x",
        )


def test_transfer_needs_a_reason(cast, new_post):
    with refused("reason"):
        services.pegawai_transfer(
            actor=cast.admin_bkpsdm,
            pegawai=peg(demo.NIP_PELAKSANA_IMUNISASI),
            jabatan=new_post,
            tanggal=d(7, 1),
            reason="",
        )


def test_transfer_by_someone_without_the_right_reveals_nothing_about_the_state(cast):
    pegawai = peg(demo.NIP_PELAKSANA_IMUNISASI)
    # Permission is checked first, so the refusal is not "already holds this position".
    with denied():
        services.pegawai_transfer(
            actor=cast.pegawai, pegawai=pegawai, jabatan=current(pegawai).jabatan, tanggal=d(7, 1), reason="x"
        )


def test_transfer_into_an_occupied_position_leaves_the_old_post_open(cast):
    pegawai = peg(demo.NIP_PELAKSANA_IMUNISASI)
    with refused("jabatan"):
        services.pegawai_transfer(
            actor=cast.admin_bkpsdm,
            pegawai=pegawai,
            jabatan=pos("Kepala Seksi Gizi Masyarakat"),
            tanggal=d(7, 1),
            reason="x",
        )
    assert current(pegawai).selesai is None


# --- permissions ---------------------------------------------------------------------------------------------


def _calls():
    """One valid call of each service, as a function of the actor; admin BKPSDM may make every one."""
    return {
        "instansi_update": lambda a: services.instansi_update(actor=a, instansi=instansi(), nama="Kota Lain"),
        "unit_create": lambda a: services.unit_create(
            actor=a, instansi=instansi(), kode="DINKES.B1.S9", nama="Seksi Baru", parent=unit("DINKES.B1")
        ),
        "unit_update": lambda a: services.unit_update(
            actor=a, unit=unit("DINKES.B1.S2"), kode="DINKES.B1.S2", nama="Seksi Gizi"
        ),
        "unit_move": lambda a: services.unit_move(
            actor=a, unit=unit("DINKES.B1.S2"), new_parent=unit("DINKES.B2"), tanggal=d(7, 1), reason="x"
        ),
        "jabatan_create": lambda a: services.jabatan_create(
            actor=a, unit=unit("DINKES.B1.S2"), nama="Staf Gizi", jenis="pelaksana"
        ),
        "jabatan_update": lambda a: services.jabatan_update(
            actor=a, jabatan=pos("Pengelola Data Imunisasi"), nama="Pengelola Data"
        ),
        "pegawai_create": lambda a: services.pegawai_create(
            actor=a, instansi=instansi(), nip=NEW_NIP, nama="Baru", golongan="III/a"
        ),
        "pegawai_update": lambda a: services.pegawai_update(
            actor=a, pegawai=peg(demo.NIP_PELAKSANA_IMUNISASI), telepon="0812"
        ),
        "penugasan_create": lambda a: services.penugasan_create(
            actor=a,
            pegawai=holder(pos(SEKRETARIS_DUKCAPIL), d(8, 1)),
            jabatan=pos(KADIS_DUKCAPIL),
            jenis="plt",
            mulai=d(8, 1),
        ),
        "penugasan_end": lambda a: services.penugasan_end(
            actor=a, penugasan=current(peg(demo.NIP_PELAKSANA_IMUNISASI)), selesai=d(9, 30), reason="x"
        ),
        "pegawai_transfer": lambda a: services.pegawai_transfer(
            actor=a,
            pegawai=peg(demo.NIP_PELAKSANA_IMUNISASI),
            jabatan=pos(KADIS_DUKCAPIL),
            tanggal=d(8, 1),
            reason="x",
        ),
    }


SERVICES = sorted(_calls())


@pytest.mark.parametrize("service", SERVICES)
def test_admin_bkpsdm_may_make_each_write(cast, service, seq):
    _calls()[service](cast.admin_bkpsdm)

    events = events_since(seq)
    assert events and all(e.actor_id == cast.admin_bkpsdm.pk for e in events)
    assert audit.verify_chain() is None


@pytest.mark.parametrize("service", SERVICES)
@pytest.mark.parametrize("role", ["pegawai", "atasan", "auditor", "tim_penilai", "outsider"])
def test_other_roles_may_make_no_write(cast, role, service):
    with denied():
        _calls()[service](getattr(cast, role))


def test_functional_position_without_level_is_refused_on_the_level_field(cast):
    unit = Jabatan.objects.get(nama="Kepala Seksi Imunisasi").unit
    with pytest.raises(ApplicationError) as exc:
        services.jabatan_create(actor=cast.admin_bkpsdm, unit=unit, nama="Analis", jenis="fungsional")
    assert "jenjang" in exc.value.message_dict
    assert not Jabatan.objects.filter(nama="Analis", unit=unit).exists()


def test_level_on_a_non_functional_position_is_refused(cast):
    unit = Jabatan.objects.get(nama="Kepala Seksi Imunisasi").unit
    with pytest.raises(ApplicationError) as exc:
        services.jabatan_create(
            actor=cast.admin_bkpsdm,
            unit=unit,
            nama="Pengadministrasi",
            jenis="pelaksana",
            jenjang="ahli_muda",
        )
    assert "jenjang" in exc.value.message_dict
