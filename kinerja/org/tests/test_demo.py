"""The demo government (org.demo and the `demo` command), as loaded once for the test database."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Q

from conftest import YEAR
from kinerja.accounts.models import Role, RoleAssignment, User
from kinerja.core import audit
from kinerja.core.models import AuditEvent
from kinerja.org import demo
from kinerja.org.models import (
    Instansi,
    Jabatan,
    JenisJabatan,
    JenisPenugasan,
    Pegawai,
    Penugasan,
    StatusPegawai,
    UnitKerja,
)
from kinerja.org.rules import parse_nip
from kinerja.testkit import cast as named
from kinerja.testkit.cast import LEMBAH, SKM

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in (Instansi, UnitKerja, Jabatan, Pegawai, Penugasan, User)}


# --- people --------------------------------------------------------------------------------------------------


def test_every_demo_nip_is_valid_for_the_status_and_agrees_with_birth_date_and_sex():
    everyone = list(Pegawai.objects.all())
    assert len(everyone) > 300

    for p in everyone:
        info = parse_nip(p.nip, p.status)
        assert info.nip == p.nip
        assert info.tanggal_lahir == p.tanggal_lahir, p.nip
        assert info.jenis_kelamin == p.jenis_kelamin, p.nip


def test_every_demo_pegawai_has_the_rank_of_their_status():
    for p in Pegawai.objects.all():
        if p.status == StatusPegawai.PNS:
            assert p.golongan and not p.grade_pppk, p.nip
        else:
            assert p.grade_pppk and not p.golongan, p.nip


def test_demo_has_both_pns_and_pppk_and_many_kinds_of_position():
    skm = Pegawai.objects.filter(instansi__kode=SKM)
    assert skm.count() == 300
    assert skm.filter(status=StatusPegawai.PPPK).exists()
    kinds = set(Jabatan.objects.filter(instansi__kode=SKM).values_list("jenis", flat=True))
    assert {
        JenisJabatan.JPT_PRATAMA,
        JenisJabatan.ADMINISTRATOR,
        JenisJabatan.PENGAWAS,
        JenisJabatan.PELAKSANA,
        JenisJabatan.FUNGSIONAL,
    } <= kinds
    jenjang = set(Jabatan.objects.filter(jenis=JenisJabatan.FUNGSIONAL).values_list("jenjang", flat=True))
    assert len(jenjang) >= 4


def test_every_demo_pegawai_has_a_login_named_by_their_nip():
    users = dict(User.objects.filter(pegawai__isnull=False).values_list("pegawai_id", "username"))

    assert users == dict(Pegawai.objects.values_list("pk", "nip"))


def test_every_demo_login_uses_the_demo_password():
    usernames = [username for username, _description in demo.LOGINS]

    users = User.objects.filter(username__in=usernames)

    assert users.count() == len(usernames)
    assert all(u.check_password(demo.DEMO_PASSWORD) for u in users)


def test_demo_staff_logins_have_their_roles():
    for username, _nama, role, unit_kode in demo.STAFF_LOGINS:
        assignment = RoleAssignment.objects.get(user__username=username)
        assert assignment.role == role
        assert assignment.instansi.kode == SKM
        assert (assignment.unit.kode if assignment.unit else None) == unit_kode
    outsider = RoleAssignment.objects.get(user__username="admin.lembah")
    assert (outsider.role, outsider.instansi.kode) == (Role.ADMIN_BKPSDM, LEMBAH)
    assert named.user("superadmin").is_superuser


def test_fixed_nips_hold_the_positions_the_logins_promise():
    at = datetime.date(YEAR, 3, 15)
    expected = {
        demo.NIP_SEKDA: "Sekretaris Daerah",
        demo.NIP_KEPALA_DINKES: "Kepala Dinas Kesehatan",
        demo.NIP_KABID_KESMAS: "Kepala Bidang Kesehatan Masyarakat",
        demo.NIP_KASI_IMUNISASI: "Kepala Seksi Imunisasi",
        demo.NIP_PELAKSANA_IMUNISASI: "Pengelola Data Imunisasi",
        demo.NIP_SEKRETARIS_PUPR: "Sekretaris Dinas Pekerjaan Umum dan Penataan Ruang",
        demo.NIP_MUTASI: "Analis Kesehatan Ahli Pertama",
    }

    held = dict(
        Penugasan.objects.active_at(at)
        .filter(pegawai__nip__in=expected, jenis=JenisPenugasan.DEFINITIF)
        .values_list("pegawai__nip", "jabatan__nama")
    )

    assert held == expected


# --- the special cases ---------------------------------------------------------------------------------------


def test_demo_has_a_head_position_without_any_holder():
    vacant = Jabatan.objects.filter(instansi__kode=SKM, kepala_unit=True).exclude(
        pk__in=Penugasan.objects.values("jabatan_id")
    )

    assert list(vacant.values_list("nama", flat=True)) == ["Kepala Dinas Kependudukan dan Pencatatan Sipil"]


def test_demo_has_a_plt_after_a_retirement():
    kadis = named.jabatan("Kepala Dinas Pekerjaan Umum dan Penataan Ruang")

    plt = Penugasan.objects.get(jabatan=kadis, jenis=JenisPenugasan.PLT)
    retired = Penugasan.objects.get(jabatan=kadis, jenis=JenisPenugasan.DEFINITIF)

    assert plt.pegawai.nip == demo.NIP_SEKRETARIS_PUPR
    assert (plt.mulai, plt.selesai) == (datetime.date(YEAR, 4, 1), None)
    assert retired.selesai == datetime.date(YEAR, 3, 31)


def test_demo_has_a_plh_for_the_last_two_months():
    plh = Penugasan.objects.get(jenis=JenisPenugasan.PLH)

    assert plh.jabatan.nama == "Camat Sukamaju Selatan"
    assert plh.pegawai == (
        Penugasan.objects.get(
            jabatan__nama="Sekretaris Kecamatan Sukamaju Selatan", jenis="definitif"
        ).pegawai
    )
    assert (plh.mulai, plh.selesai) == (datetime.date(YEAR, 11, 1), datetime.date(YEAR, 12, 31))
    # The definitive Camat is still in post: the Plh stands in for an absence.
    assert Penugasan.objects.active_at(plh.mulai).filter(jabatan=plh.jabatan, jenis="definitif").exists()


def test_demo_has_a_mid_year_transfer_between_two_dinas():
    before, after = Penugasan.objects.filter(pegawai__nip=demo.NIP_MUTASI).order_by("mulai")

    assert (before.jenis, after.jenis) == ("definitif", "definitif")
    assert before.selesai == datetime.date(YEAR, 6, 30)
    assert (after.mulai, after.selesai) == (datetime.date(YEAR, 7, 1), None)
    assert before.jabatan.unit.path.split("/")[1] == str(named.unit("DINKES").pk)
    assert after.jabatan.unit.path.split("/")[1] == str(named.unit("BKPSDM").pk)


def test_demo_has_a_second_smaller_instansi_with_its_own_settings():
    lembah = named.instansi(named.LEMBAH)

    assert Instansi.objects.count() == 2
    assert (lembah.zona_waktu, lembah.skema_periode) == ("Asia/Makassar", "semesteran")
    assert 0 < Pegawai.objects.filter(instansi=lembah).count() < 50
    assert UnitKerja.objects.filter(instansi=lembah).exists()
    # Nothing of one instansi hangs under the other.
    assert not Jabatan.objects.filter(instansi=lembah).exclude(unit__instansi=lembah).exists()
    assert (
        not Jabatan.objects.filter(instansi=lembah, atasan__isnull=False)
        .exclude(atasan__instansi=lembah)
        .exists()
    )


def test_demo_paths_match_parents_and_atasan():
    for u in UnitKerja.objects.select_related("parent"):
        assert u.path == f"{u.parent.path if u.parent else '/'}{u.pk}/"
        assert u.depth == u.path.count("/") - 2
    for j in Jabatan.objects.select_related("atasan"):
        assert j.path == f"{j.atasan.path if j.atasan else '/'}{j.pk}/"


def test_demo_has_one_head_per_unit():
    heads = UnitKerja.objects.annotate(n=Count("jabatan", filter=Q(jabatan__kepala_unit=True)))

    assert set(heads.values_list("n", flat=True)) == {1}


def test_demo_load_is_recorded_in_an_intact_audit_chain():
    event = AuditEvent.objects.get(action="demo.load")

    assert event.actor is None
    assert event.changes["counts"][1]["pegawai"] == 300
    assert audit.verify_chain() is None


def test_demo_structure_is_the_same_every_time():
    def structure():
        builder = demo.DemoBuilder(pegawai=300, year=YEAR)
        builder.build_structure()
        builder.fill_staff()
        return [(u.kode, u.nama) for u in builder.units], [
            (j.unit.kode, j.nama, j.vacant) for j in builder.jabatan
        ]

    units, jabatan = structure()

    assert (units, jabatan) == structure()
    assert sorted(k for k, _n in units) == sorted(
        UnitKerja.objects.filter(instansi__kode=SKM).values_list("kode", flat=True)
    )
    assert len(jabatan) == Jabatan.objects.filter(instansi__kode=SKM).count()


# --- the command ---------------------------------------------------------------------------------------------


def test_demo_command_refuses_a_database_that_has_data():
    before = row_counts()

    with pytest.raises(CommandError):
        call_command("demo", stdout=StringIO())

    assert row_counts() == before


def test_demo_command_if_empty_skips_a_database_that_has_data():
    before = row_counts()
    out = StringIO()

    call_command("demo", "--if-empty", stdout=out)

    assert row_counts() == before
    assert "admin.bkpsdm" in out.getvalue()


def test_demo_command_prints_every_login():
    out = StringIO()

    call_command("demo", "--logins", stdout=out)

    text = out.getvalue()
    assert demo.DEMO_PASSWORD in text
    lines = text.splitlines()
    for username, description in demo.LOGINS:
        assert any(line.split() and line.split()[0] == username and description in line for line in lines), (
            username
        )
