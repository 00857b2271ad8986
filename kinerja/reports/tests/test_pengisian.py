"""Monitoring pengisian on a hand-made agency: the numbers of each unit's subtree, the drill-down with the people
placed in the unit itself, the scope of a department administrator (a unit outside it is a 404), and a query count
that does not grow with the number of people.

The agency (testkit.factories.organisation plus): Dinas Uji holds its head (no SKP) and a pelaksana (SKP in
draft); its Seksi Uji holds two pelaksana with approved SKP, one of them with a realisation of the running period
answered by the head and a dialog; Badan Uji holds one pelaksana without SKP."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from kinerja.accounts import services as account_services
from kinerja.accounts.models import Role, User
from kinerja.core import clock, tabular
from kinerja.core.testing.helpers import count_queries
from kinerja.monitoring.models import DialogKinerja, Realisasi, UmpanBalik
from kinerja.org.models import Pegawai
from kinerja.planning.models import SKP, Periode, VersiSKP
from kinerja.reports import selectors
from kinerja.testkit import factories

pytestmark = pytest.mark.django_db
URL = reverse("reports:pengisian")


class Agency:
    def __init__(self, people_in_badan: int = 1):
        org = self.org = factories.organisation()
        self.today = clock.today(org.instansi)
        self.seksi = factories.unit(org.admin, org.instansi, kode="SEKSI", nama="Seksi Uji", parent=org.unit)
        self.badan = factories.unit(org.admin, org.instansi, kode="BADAN", nama="Badan Uji")
        _j3, self.p3 = factories.staffed_position(org.admin, self.seksi, 9001, atasan=org.jabatan_kepala)
        _j4, self.p4 = factories.staffed_position(org.admin, self.seksi, 9002, atasan=org.jabatan_kepala)
        for n in range(people_in_badan):
            factories.staffed_position(org.admin, self.badan, 9100 + n)
        factories.skp(org.staf_user)
        self.periode = Periode.objects.get(
            tahun_kinerja=org.tahun, mulai__lte=self.today, selesai__gte=self.today
        )
        approved = []
        for person in (self.p3, self.p4):
            found = factories.skp(_user(person))
            SKP.objects.filter(pk=found.pk).update(status="disetujui", versi=1)
            VersiSKP.objects.create(skp=found, nomor=1, konten={}, disetujui_at=timezone.now())
            approved.append(SKP.objects.get(pk=found.pk))
        realisasi = Realisasi.objects.create(
            skp=approved[0], periode=self.periode, indikator_id=1, versi_skp=1, nilai_angka=Decimal(5)
        )
        UmpanBalik.objects.create(realisasi=realisasi, penulis=org.kepala, peran="penilai", isi="Bagus")
        DialogKinerja.objects.create(
            skp=approved[0],
            penilai=org.kepala,
            jenis="coaching",
            tanggal=self.today,
            topik="Laporan",
            catatan="Tepat waktu.",
            dicatat_oleh=org.kepala,
        )


def _user(pegawai) -> User:
    return User.objects.get(pegawai=pegawai)


def cells(html: str, unit_name: str) -> dict[str, str]:
    """The cells of the row of `unit_name`, by their data-col."""
    row = next(r for r in html.split('data-testid="pengisian-row"')[1:] if unit_name in r.split("</th>")[0])
    row = row.split("</tr>")[0]
    return {
        col: re.sub(r"<[^>]+>", "", text).strip()
        for col, text in re.findall(r'data-col="(\w+)">(.*?)</td>', row)
    }


def login(client, user: User) -> None:
    """Signed in, past the first password change the factories' accounts are asked for."""
    User.objects.filter(pk=user.pk).update(must_change_password=False)
    client.force_login(user)


@pytest.fixture
def agency():
    return Agency()


def test_the_top_units_with_their_subtrees_numbers(agency, client):
    login(client, agency.org.admin)
    html = client.get(URL).content.decode()
    assert cells(html, "Dinas Uji") == {
        "pegawai": "4",
        "belum": "1",  # the head
        "draf": "1",
        "diajukan": "0",
        "disetujui": "2 (50%)",
        "terisi": "1 (50%)",
        "ditanggapi": "1/1",
        "dialog": "1",
    }
    assert cells(html, "Badan Uji") == {
        "pegawai": "1",
        "belum": "1",
        "draf": "0",
        "diajukan": "0",
        "disetujui": "0 (0%)",
        "terisi": "0",
        "ditanggapi": "0/0",
        "dialog": "0",
    }
    assert 'data-testid="pengisian-total"' in html


def test_drilling_into_a_unit_shows_those_placed_in_it_and_its_sub_units(agency, client):
    login(client, agency.org.admin)
    html = client.get(URL, {"unit": agency.org.unit.pk}).content.decode()
    assert cells(html, "Dinas Uji (ditempatkan langsung di unit ini)")["pegawai"] == "2"
    assert cells(html, "Seksi Uji") == {
        "pegawai": "2",
        "belum": "0",
        "draf": "0",
        "diajukan": "0",
        "disetujui": "2 (100%)",
        "terisi": "1 (50%)",
        "ditanggapi": "1/1",
        "dialog": "1",
    }
    assert "Semua perangkat daerah" in html  # the way back


def test_another_period_counts_its_own_realisations(agency, client):
    login(client, agency.org.admin)
    other = Periode.objects.filter(tahun_kinerja=agency.org.tahun).exclude(pk=agency.periode.pk).first()
    html = client.get(URL, {"periode": other.pk}).content.decode()
    assert cells(html, "Dinas Uji")["terisi"] == "0 (0%)" and cells(html, "Dinas Uji")["ditanggapi"] == "0/0"


def test_a_department_administrator_sees_their_subtree_only(agency, client):
    org = agency.org
    account_services.role_grant(actor=org.admin, user=_user(agency.p3), role=Role.ADMIN_PD, unit=agency.badan)
    login(client, _user(agency.p3))
    html = client.get(URL).content.decode()
    assert "Badan Uji" in html and "Dinas Uji" not in html
    assert client.get(URL, {"unit": org.unit.pk}).status_code == 404  # never silently widened
    assert client.get(URL, {"tahun": 1999}).status_code == 404
    assert client.get(URL, {"periode": 999999}).status_code == 404


def test_readers_without_a_report_role_are_refused(agency, client):
    login(client, agency.org.staf_user)
    assert client.get(URL).status_code == 403


def test_the_query_count_does_not_grow_with_the_people(client):
    small = Agency(people_in_badan=1)
    login(client, small.org.admin)
    few, _response = count_queries(client, URL)
    for n in range(12):
        factories.staffed_position(small.org.admin, small.badan, 9200 + n)
    many, response = count_queries(client, URL)
    assert "13" in cells(response.content.decode(), "Badan Uji")["pegawai"]
    assert many == few, (few, many)


def test_a_unit_lists_the_people_placed_in_it_with_a_link_to_their_realisations(agency, client):
    login(client, agency.org.admin)
    html = client.get(URL, {"unit": agency.seksi.pk}).content.decode()
    people = html.split('data-testid="pengisian-people"')[1].split("</table>")[0]
    assert people.count('data-testid="pengisian-person"') == 2
    first = SKP.objects.get(pegawai=agency.p3, berakhir=False)
    assert f'href="{reverse("monitoring:skp", args=[first.pk])}"' in people
    assert people.count("✓ ya") == 1 and people.count("belum") == 1  # p3 filled the period, p4 not yet
    at_top = client.get(URL, {"unit": agency.org.unit.pk}).content.decode()
    assert "Belum ada SKP" in at_top.split('data-testid="pengisian-people"')[1]  # the head has none


def test_the_workbook_holds_the_rows_shown_and_the_total(agency, client):
    login(client, agency.org.admin)
    response = client.get(reverse("reports:pengisian_export"), {"unit": agency.org.unit.pk})
    assert response.status_code == 200 and response["Content-Type"] == tabular.XLSX
    assert response["Content-Disposition"].endswith(f'-{agency.org.unit.kode}.xlsx"')
    rows = [
        values
        for _n, values in tabular.first_sheet("p.xlsx", response.content, max_bytes=10**7, max_rows=1000)
    ]
    assert rows[0][:3] == ["Unit", "Pegawai", "Belum ada SKP"]
    by_unit = {r[0]: r for r in rows[1:]}
    assert [str(v) for v in by_unit["Seksi Uji"][1:6]] == ["2", "0", "0", "0", "2"]
    assert str(by_unit["Jumlah"][1]) == "4"
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    weekly = list(book["Per minggu"].iter_rows(values_only=True))
    assert weekly[0][0] == "Minggu mulai" and weekly[-1][2:] == (
        2,
        1,
        1,
    )  # this week: approved so far, recorded, fed back


def test_the_filters_narrow_every_count_and_stay_in_the_links(agency, client):
    Pegawai.objects.filter(pk=agency.p4.pk).update(status="PPPK", golongan="", grade_pppk="IX")
    login(client, agency.org.admin)
    html = client.get(URL, {"status": "PPPK"}).content.decode()
    assert cells(html, "Dinas Uji") == {
        "pegawai": "1",
        "belum": "0",
        "draf": "0",
        "diajukan": "0",
        "disetujui": "1 (100%)",
        "terisi": "0 (0%)",
        "ditanggapi": "0/0",
        "dialog": "0",
    }
    assert "status=PPPK" in html.split('data-testid="pengisian-row"')[1]  # the drill-down keeps the filter
    heads = client.get(URL, {"jenis": "administrator"}).content.decode()
    assert cells(heads, "Dinas Uji")["pegawai"] == "1" and cells(heads, "Dinas Uji")["belum"] == "1"
    assert client.get(URL, {"status": "honorer"}).status_code == 404
    assert client.get(URL, {"jenis": "menteri"}).status_code == 404


def test_week_by_week_counts_approvals_realisations_and_feedback_of_the_scope(agency, client):
    org = agency.org
    weeks = selectors.trend(org.instansi.pk, org.tahun, agency.today, None, None)
    assert weeks[0].mulai.weekday() == 0 and weeks[0].mulai <= datetime.date(agency.today.year, 1, 1)
    this_week = weeks[-1]
    assert (this_week.disetujui, this_week.kumulatif, this_week.realisasi, this_week.umpan_balik) == (
        2,
        2,
        1,
        1,
    )
    assert all(w.kumulatif == 0 for w in weeks[:-1])
    badan_only = selectors.trend(org.instansi.pk, org.tahun, agency.today, None, agency.badan)
    assert badan_only[-1].kumulatif == 0 and badan_only[-1].realisasi == 0
    login(client, org.admin)
    page = client.get(URL).content.decode()
    trend_url = reverse("reports:pengisian_trend")
    assert f'hx-get="{trend_url}?' in page  # loaded after the table
    part = client.get(trend_url, headers={"HX-Request": "true"}).content.decode()
    assert 'data-testid="pengisian-trend"' in part and part.count("<rect ") == len(weeks)
    assert "<html" not in part
    whole = client.get(trend_url).content.decode()  # without JavaScript: a page of its own
    assert "<html" in whole and 'data-testid="pengisian-trend"' in whole
