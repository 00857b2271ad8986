"""Importing a month of attendance: the file is read and checked whole (every problem with its row and column),
applied all or nothing, a re-import changes nothing, and a corrected file replaces the month's days of the people
it names and says what changed."""

import datetime
import hashlib

import pytest
from django.core.exceptions import PermissionDenied

from kinerja.accounts import services as account_services
from kinerja.accounts.models import Role
from kinerja.core import clock
from kinerja.core.errors import ApplicationError
from kinerja.core.models import AuditEvent, Notifikasi
from kinerja.criteria import services as criteria_services
from kinerja.monitoring import kehadiran, services
from kinerja.monitoring.models import ImporKehadiran, Kehadiran, PeringatanDisiplin
from kinerja.testkit import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return factories.organisation()


def last_month(org) -> datetime.date:
    today = clock.today(org.instansi)
    return (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


def csv_of(lines: list[str], sep=";") -> bytes:
    return ("\n".join([sep.join(["NIP", "Tanggal", "Keterangan"]), *lines]) + "\n").encode()


def day(bulan: datetime.date, n: int) -> str:
    return bulan.replace(day=n).strftime("%d/%m/%Y")


def apply(org, rows, actor=None, name="absensi.csv"):
    return services.kehadiran_apply(
        actor=actor or org.admin,
        instansi=org.instansi,
        rows=rows,
        nama_berkas=name,
        sha256=hashlib.sha256(repr(rows).encode()).hexdigest(),
    )


def rows_of(lines):
    return kehadiran.read_table("absensi.csv", csv_of(lines))


def recorded(pegawai) -> dict:
    return dict(Kehadiran.objects.filter(pegawai=pegawai).values_list("tanggal", "status"))


# Reading ------------------------------------------------------------------------------------------------------


def test_the_columns_are_found_under_the_usual_headers_and_a_file_without_them_is_refused():
    rows = kehadiran.read_table("a.csv", b"No;NIP Baru;Tgl;Status\n1;1990;02/03/2026;H\n")
    assert rows == [{"row": 2, "nip": "1990", "tanggal": "02/03/2026", "status": "H"}]
    with pytest.raises(ApplicationError) as refused:
        kehadiran.read_table("a.csv", b"NIP;Tanggal\n1990;02/03/2026\n")
    assert "nama kolom nip, tanggal, dan status" in str(refused.value)
    with pytest.raises(ApplicationError):
        kehadiran.read_table("a.csv", b"NIP;Tanggal;Status\n")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-02", datetime.date(2026, 3, 2)),
        ("02-03-2026", datetime.date(2026, 3, 2)),
        ("02/03/2026", datetime.date(2026, 3, 2)),
        ("02.03.2026", datetime.date(2026, 3, 2)),
        ("2026-03-02 07:31:00", datetime.date(2026, 3, 2)),
        ("31/02/2026", None),
        ("kemarin", None),
    ],
)
def test_dates_as_exports_write_them(text, expected):
    assert kehadiran.parse_day(text) == expected


def test_the_month_of_a_file_is_that_of_most_of_its_dates():
    rows = [{"tanggal": "02/03/2026"}, {"tanggal": "03/03/2026"}, {"tanggal": "01/04/2026"}, {"tanggal": "x"}]
    assert kehadiran.month_of(rows) == datetime.date(2026, 3, 1)
    assert kehadiran.month_of([{"tanggal": ""}]) is None


# Checking -----------------------------------------------------------------------------------------------------


def test_every_problem_is_reported_with_its_row_and_column_and_nothing_is_written(org):
    bulan = last_month(org)
    nip = org.staf.nip
    future = clock.today(org.instansi) + datetime.timedelta(days=1)
    lines = [
        f"{nip};{day(bulan, 2)};H",  # row 2: fine
        f"199999999999999999;{day(bulan, 3)};H",  # 3: unknown NIP
        f";{day(bulan, 3)};H",  # 4: empty NIP
        f"{nip};besok;H",  # 5: not a date
        f"{nip};{future.strftime('%d/%m/%Y')};H",  # 6: future
        f"{nip};{day(bulan - datetime.timedelta(days=1), 1)};H",  # 7: another month
        f"{nip};{day(bulan, 4)};TL",  # 8: ambiguous code
        f"{nip};{day(bulan, 5)};",  # 9: empty status
        f"{nip};{day(bulan, 2)};TK",  # 10: same day as row 2, another status
        f"{nip};{day(bulan, 2)};hadir",  # 11: same day, same status: accepted once
    ]
    report = services.kehadiran_check(actor=org.admin, instansi=org.instansi, rows=rows_of(lines))
    assert report.bulan == bulan
    assert [(p.row, p.column) for p in report.problems] == [
        (3, "nip"),
        (4, "nip"),
        (5, "tanggal"),
        (6, "tanggal"),
        (7, "tanggal"),
        (8, "status"),
        (9, "status"),
        (10, "status"),
    ]
    assert "sudah diberi status lain di baris 2" in report.problems[-1].message
    assert "tugas luar di mesin lain: tulis H atau DL" in report.problems[5].message
    assert report.counts["ditolak"] == 8
    assert report.changes == []  # nothing compared while rows are refused
    with pytest.raises(ApplicationError):
        apply(org, rows_of(lines))
    assert not Kehadiran.objects.filter(pegawai__instansi=org.instansi).exists()
    assert not ImporKehadiran.objects.filter(instansi=org.instansi).exists()


def test_a_department_administrator_imports_for_their_units_only(org):
    other_unit = factories.unit(org.admin, org.instansi, kode="LAIN", nama="Dinas Lain")
    _seat, outsider = factories.staffed_position(org.admin, other_unit, 9001)
    account_services.role_grant(actor=org.admin, user=org.kepala_user, role=Role.ADMIN_PD, unit=org.unit)
    bulan = last_month(org)
    lines = [f"{org.staf.nip};{day(bulan, 2)};H", f"{outsider.nip};{day(bulan, 2)};H"]
    report = services.kehadiran_check(actor=org.kepala_user, instansi=org.instansi, rows=rows_of(lines))
    assert [(p.row, p.column) for p in report.problems] == [(3, "nip")]
    assert "tidak berada di unit yang Anda kelola" in report.problems[0].message
    _report, record = apply(org, rows_of(lines[:1]), actor=org.kepala_user)
    assert record is not None and recorded(org.staf) == {bulan.replace(day=2): "hadir"}


def test_someone_who_is_no_administrator_is_refused(org):
    bulan = last_month(org)
    with pytest.raises(PermissionDenied):
        apply(org, rows_of([f"{org.staf.nip};{day(bulan, 2)};H"]), actor=org.staf_user)
    assert not Kehadiran.objects.filter(pegawai__instansi=org.instansi).exists()


# Applying -----------------------------------------------------------------------------------------------------


def test_a_month_is_applied_whole_with_its_record_and_an_audit_event_in_words(org):
    bulan = last_month(org)
    lines = [
        f"{org.staf.nip};{day(bulan, 2)};Hadir",
        f"{org.staf.nip};{day(bulan, 3)};Tanpa Keterangan",
        f"{org.kepala.nip};{day(bulan, 2)};D.L.",
    ]
    report, record = apply(org, rows_of(lines))
    assert report.counts == {
        "baris": 3,
        "pegawai": 2,
        "baru": 3,
        "berubah": 0,
        "dihapus": 0,
        "tetap": 0,
        "ditolak": 0,
    }
    assert recorded(org.staf) == {bulan.replace(day=2): "hadir", bulan.replace(day=3): "tanpa_keterangan"}
    assert recorded(org.kepala) == {bulan.replace(day=2): "dinas_luar"}
    assert record.bulan == bulan and record.counts["baru"] == 3 and record.perubahan == []
    event = AuditEvent.objects.get(action="monitoring.kehadiran.impor", instansi=org.instansi)
    assert "absensi.csv" in event.object_repr and str(bulan.year) in event.object_repr


def test_a_reimport_of_the_same_file_changes_nothing(org):
    bulan = last_month(org)
    lines = [f"{org.staf.nip};{day(bulan, 2)};H", f"{org.staf.nip};{day(bulan, 3)};S"]
    apply(org, rows_of(lines))
    events = AuditEvent.objects.count()
    report, record = apply(org, rows_of(lines))
    assert record is None and report.changes == [] and report.counts["tetap"] == 2
    assert (
        ImporKehadiran.objects.filter(instansi=org.instansi).count() == 1
        and AuditEvent.objects.count() == events
    )


def test_a_corrected_file_replaces_the_month_of_the_people_it_names_and_says_what_changed(org):
    bulan = last_month(org)
    apply(
        org,
        rows_of(
            [
                f"{org.staf.nip};{day(bulan, 2)};H",
                f"{org.staf.nip};{day(bulan, 3)};TK",
                f"{org.staf.nip};{day(bulan, 4)};H",
                f"{org.kepala.nip};{day(bulan, 2)};H",
            ]
        ),
    )
    corrected = [
        f"{org.staf.nip};{day(bulan, 2)};H",  # unchanged
        f"{org.staf.nip};{day(bulan, 3)};S",  # TK corrected to sakit
        f"{org.staf.nip};{day(bulan, 5)};H",  # new day; day 4 is no longer listed
    ]
    report, record = apply(org, rows_of(corrected), name="absensi-perbaikan.csv")
    assert [(c.tanggal.day, c.before, c.after) for c in report.changes] == [
        (3, "tanpa_keterangan", "sakit"),
        (5, None, "hadir"),
        (4, "hadir", None),
    ]
    assert report.counts["berubah"] == 1 and report.counts["dihapus"] == 1 and report.counts["baru"] == 1
    assert recorded(org.staf) == {
        bulan.replace(day=2): "hadir",
        bulan.replace(day=3): "sakit",
        bulan.replace(day=5): "hadir",
    }
    assert recorded(org.kepala) == {bulan.replace(day=2): "hadir"}  # not in the corrected file: kept
    assert record.perubahan == [
        [org.staf.nama, org.staf.nip, bulan.replace(day=3).isoformat(), "tanpa_keterangan", "sakit"],
        [org.staf.nama, org.staf.nip, bulan.replace(day=4).isoformat(), "hadir", None],
    ]
    assert Kehadiran.objects.get(pegawai=org.staf, tanggal=bulan.replace(day=3)).impor == record


# Alerts -------------------------------------------------------------------------------------------------------


def framed_month(org) -> datetime.date:
    """Last month, with a published framework for its year (in January, last month is in last year)."""
    bulan = last_month(org)
    if bulan.year != clock.today(org.instansi).year:
        factories.open_year(org.admin, org.instansi, bulan.year)
    return bulan


def alerts_of(user):
    return list(Notifikasi.objects.filter(penerima=user).order_by("pk").values_list("judul", "isi"))


def test_a_level_reached_is_recorded_once_and_alerts_the_penilai_and_the_admin(org):
    bulan = framed_month(org)
    nip = org.staf.nip
    workdays = [d for d in (bulan + datetime.timedelta(days=i) for i in range(28)) if d.weekday() < 5][:8]
    lines = [f"{nip};{d:%d/%m/%Y};{'TK' if i < 3 else 'H'}" for i, d in enumerate(workdays)]
    _report, record = apply(org, rows_of(lines))
    alert = PeringatanDisiplin.objects.get(pegawai__instansi=org.instansi)
    assert (alert.pegawai, alert.sanksi, alert.total, alert.tanggal) == (
        org.staf,
        "Teguran lisan",
        3,
        workdays[2],
    )
    assert record.counts["peringatan"] == 1
    for user in (org.kepala_user, org.admin):
        [(judul, isi)] = alerts_of(user)
        assert org.staf.nama in judul and "Teguran lisan" in judul
        assert "3 hari kerja tanpa keterangan" in isi
    assert alerts_of(org.staf_user) == []  # the pegawai sees their record on the profile

    # The same file again: no new record, no second alert
    apply(org, rows_of(lines))
    assert (
        PeringatanDisiplin.objects.filter(pegawai__instansi=org.instansi).count() == 1
        and len(alerts_of(org.kepala_user)) == 1
    )

    # A corrected file with a fourth unexcused day: only the new level is alerted
    lines[3] = f"{nip};{workdays[3]:%d/%m/%Y};TK"
    apply(org, rows_of(lines), name="perbaikan.csv")
    assert list(
        PeringatanDisiplin.objects.filter(pegawai__instansi=org.instansi).values_list("sanksi", flat=True)
    ) == [
        "Teguran lisan",
        "Teguran tertulis",
    ]
    assert [j for j, _i in alerts_of(org.kepala_user)][-1].endswith("Teguran tertulis")


def test_an_import_without_unexcused_days_alerts_nobody(org):
    bulan = framed_month(org)
    apply(org, rows_of([f"{org.staf.nip};{bulan:%d/%m/%Y};S"]))
    assert not PeringatanDisiplin.objects.filter(pegawai__instansi=org.instansi).exists()
    assert not Notifikasi.objects.filter(penerima__instansi=org.instansi).exists()


def test_a_nip_printed_with_spaces_is_the_same_person_on_a_reimport(org):
    bulan = last_month(org)
    spaced = f"{org.staf.nip[:8]} {org.staf.nip[8:14]} {org.staf.nip[14]} {org.staf.nip[15:]}"
    apply(org, rows_of([f"{org.staf.nip};{day(bulan, 2)};H", f"{org.staf.nip};{day(bulan, 3)};H"]))
    report, _record = apply(org, rows_of([f"{spaced};{day(bulan, 2)};S"]))
    assert [(c.tanggal.day, c.before, c.after) for c in report.changes] == [
        (2, "hadir", "sakit"),
        (3, "hadir", None),
    ]
    assert recorded(org.staf) == {bulan.replace(day=2): "sakit"}


def test_bands_with_the_same_words_are_two_levels_and_each_person_gets_one_alert_an_import(org):
    bulan = framed_month(org)
    draft = criteria_services.kerangka_start(actor=org.admin, instansi=org.instansi, tahun=bulan.year)
    same = "Pemotongan tunjangan kinerja 25%"
    criteria_services.aturan_replace(
        actor=org.admin,
        kerangka=draft,
        bagian="disiplin",
        rows=[
            {"hari_min": 1, "hari_maks": 1, "sanksi": same, "bulan": 6},
            {"hari_min": 2, "hari_maks": 2, "sanksi": same, "bulan": 9},
            {"hari_min": 3, "hari_maks": None, "sanksi": "Pemberhentian", "bulan": None},
        ],
        reason="Uji",
    )
    criteria_services.kerangka_publish(
        actor=org.admin, kerangka=draft, berlaku_mulai=bulan, alasan="Uji ambang dengan kata yang sama"
    )
    workdays = [d for d in (bulan + datetime.timedelta(days=i) for i in range(28)) if d.weekday() < 5]
    lines = [f"{org.staf.nip};{workdays[0]:%d/%m/%Y};TK", f"{org.staf.nip};{workdays[1]:%d/%m/%Y};H"]
    lines.append(f"{org.staf.nip};{workdays[2]:%d/%m/%Y};TK")
    apply(org, rows_of(lines))
    assert list(
        PeringatanDisiplin.objects.filter(pegawai__instansi=org.instansi).values_list("tingkat", "sanksi")
    ) == [
        ("hari:1", same),
        ("hari:2", same),
    ]
    [(judul, isi)] = alerts_of(org.kepala_user)  # one alert: the heaviest new level
    assert same in judul and "2 hari kerja tanpa keterangan" in isi and "berturut" not in isi
