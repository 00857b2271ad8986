"""Loading the demo organisation: Kota Sukamaju with its people and accounts, the small Kab. Lembah Hijau, and
the staff logins."""

from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection

from kinerja.accounts.models import Role, RoleAssignment, User
from kinerja.org.demo.cast import DEMO_PASSWORD, STAFF_LOGINS
from kinerja.org.demo.people import create_people, special_cases
from kinerja.org.demo.structure import DemoBuilder, insert_structure
from kinerja.org.models import Instansi, Jabatan, Pegawai, UnitKerja


def _load(builder: DemoBuilder, instansi: Instansi, password_hash: str) -> dict:
    insert_structure(builder, instansi)
    people = create_people(builder, instansi, password_hash, special_cases(builder))
    return {"unit": len(builder.units), "jabatan": len(builder.jabatan), "pegawai": people}


def _reset_sequences() -> None:
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [UnitKerja, Jabatan, Pegawai]):
            cursor.execute(sql)


def _small_instansi(password_hash: str) -> Instansi:
    lembah = Instansi.objects.create(
        kode="KAB-LHJ",
        nama="Pemerintah Kabupaten Lembah Hijau",
        tempat="Lembah Hijau",
        jabatan_ppk="Bupati Lembah Hijau",
        zona_waktu="Asia/Makassar",
        skema_periode="semesteran",
    )
    b = DemoBuilder(pegawai=20, seed=77)
    setda = b.unit("SETDA", "Sekretariat Daerah", "II.a")
    sekda = b.pos(setda, "Sekretaris Daerah", "jpt_pratama", eselon="II.a", kepala=True)
    bkd = b.unit("BKD", "Badan Kepegawaian Daerah", "II.b")
    kaban = b.pos(
        bkd, "Kepala Badan Kepegawaian Daerah", "jpt_pratama", eselon="II.b", atasan=sekda, kepala=True
    )
    bid = b.unit("BKD.B1", "Bidang Penilaian Kinerja", "III.b", bkd)
    kabid = b.pos(
        bid, "Kepala Bidang Penilaian Kinerja", "administrator", eselon="III.b", atasan=kaban, kepala=True
    )
    for k in range(17):
        b.pos(
            bid,
            "Analis SDM Aparatur Ahli Pertama" if k % 2 else "Pengolah Data Kepegawaian",
            "fungsional" if k % 2 else "pelaksana",
            jenjang="ahli_pertama" if k % 2 else "",
            atasan=kabid,
        )
    insert_structure(b, lembah)
    create_people(b, lembah, password_hash, None)
    return lembah


def load(demo) -> None:
    """The organisation of the demo government (kinerja.core.demo runs it first): Kota Sukamaju with its people
    and accounts, and the small Kab. Lembah Hijau."""
    pegawai, seed, year = demo.pegawai, demo.seed, demo.year
    password_hash = make_password(DEMO_PASSWORD)
    sukamaju = Instansi.objects.create(
        kode="KOTA-SKM", nama="Pemerintah Kota Sukamaju", tempat="Sukamaju", jabatan_ppk="Wali Kota Sukamaju"
    )
    builder = DemoBuilder(pegawai=pegawai, seed=seed, year=year)
    builder.build_structure()
    builder.fill_staff()
    counts = _load(builder, sukamaju, password_hash)
    lembah = _small_instansi(password_hash)
    _reset_sequences()
    User.objects.create(
        username="superadmin", nama="Superadmin", password=password_hash, is_staff=True, is_superuser=True
    )
    for username, nama, role, unit_kode in STAFF_LOGINS:
        user = User.objects.create(username=username, nama=nama, instansi=sukamaju, password=password_hash)
        unit = UnitKerja.objects.get(instansi=sukamaju, kode=unit_kode) if unit_kode else None
        RoleAssignment.objects.create(user=user, role=role, instansi=sukamaju, unit=unit)
    outsider = User.objects.create(
        username="admin.lembah", nama="Admin BKD Lembah Hijau", instansi=lembah, password=password_hash
    )
    RoleAssignment.objects.create(user=outsider, role=Role.ADMIN_BKPSDM, instansi=lembah)
    demo.instansi = sukamaju
    demo.admin = User.objects.get(username="admin.bkpsdm")
    demo.year = builder.year
    demo.counts.update(counts)
