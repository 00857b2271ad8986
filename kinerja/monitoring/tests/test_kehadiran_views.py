"""The attendance import as an administrator uses it: upload, see every refused row or what would change, apply
once (Back and submit again writes nothing twice), and find the file in the list."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinerja.core import clock
from kinerja.monitoring.models import ImporKehadiran, Kehadiran
from kinerja.testkit import cast as named

pytestmark = pytest.mark.django_db

LIST = reverse("monitoring:kehadiran_list")
IMPORT = reverse("monitoring:kehadiran_import")
APPLY = reverse("monitoring:kehadiran_apply")


def last_month() -> datetime.date:
    today = clock.today(named.year().instansi)
    return (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


def upload(client, lines: list[str], name="absensi-maret.csv"):
    text = "\n".join(["NIP;Tanggal;Status", *lines]) + "\n"
    return client.post(IMPORT, {"berkas": SimpleUploadedFile(name, text.encode(), content_type="text/csv")})


def payload_of(html: str) -> str:
    found = re.search(r'name="payload" value="([^"]+)"', html)
    assert found, "the preview offers no apply button"
    return found.group(1)


def test_the_admin_previews_applies_and_finds_the_file_in_the_list(cast):
    client = cast.client("admin_bkpsdm")
    nip = cast.atasan.pegawai.nip
    bulan = last_month()
    files, days = ImporKehadiran.objects.count(), Kehadiran.objects.count()
    response = upload(client, [f"{nip};{bulan:%d/%m/%Y};H", f"{nip};{bulan.replace(day=2):%d/%m/%Y};TK"])
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-count="baru">2<' in html and 'data-count="ditolak">0<' in html
    assert Kehadiran.objects.count() == days  # the preview writes nothing

    done = client.post(APPLY, {"payload": payload_of(html)}, follow=True)
    page = done.content.decode()
    assert done.redirect_chain[-1][0] == LIST
    assert "diimpor: 2 hari ditambahkan, 0 diubah, 0 dihapus" in page
    assert "absensi-maret.csv" in page
    assert Kehadiran.objects.filter(pegawai=cast.atasan.pegawai).count() == 2

    # Back, and the same preview submitted again: refused, nothing twice.
    again = client.post(APPLY, {"payload": payload_of(html)}, follow=True)
    assert "sudah diterapkan" in again.content.decode()
    assert ImporKehadiran.objects.count() == files + 1 and Kehadiran.objects.count() == days + 2


def test_refused_rows_are_all_listed_and_no_apply_is_offered(cast):
    client = cast.client("admin_bkpsdm")
    bulan = last_month()
    html = upload(
        client, [f"199999999999999999;{bulan:%d/%m/%Y};H", f"{cast.atasan.pegawai.nip};kemarin;X"]
    ).content.decode()
    assert 'data-count="ditolak">2<' in html
    assert "Tidak ada pegawai instansi ini dengan NIP 199999999999999999" in html
    assert "&#x27;kemarin&#x27; bukan tanggal" in html
    assert "Status &#x27;X&#x27; tidak dikenal" in html
    assert 'name="payload"' not in html


def test_a_file_that_is_no_table_keeps_the_form_with_the_reason(cast):
    client = cast.client("admin_bkpsdm")
    response = client.post(
        IMPORT, {"berkas": SimpleUploadedFile("absensi.csv", b"NIP;Tanggal\n1;2\n", content_type="text/csv")}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "nama kolom nip, tanggal, dan status" in html and 'enctype="multipart/form-data"' in html


def test_a_reimport_says_nothing_changed_and_writes_nothing(cast):
    client = cast.client("admin_bkpsdm")
    line = f"{cast.atasan.pegawai.nip};{last_month():%d/%m/%Y};H"
    client.post(APPLY, {"payload": payload_of(upload(client, [line]).content.decode())})
    files = ImporKehadiran.objects.count()
    html = upload(client, [line]).content.decode()
    assert "sesuai dengan yang tercatat" in html and 'name="payload"' not in html
    assert ImporKehadiran.objects.count() == files


def test_the_menu_offers_attendance_to_administrators_only(cast):
    assert 'data-testid="nav-kehadiran"' in cast.client("admin_pd").get("/").content.decode()
    assert 'data-testid="nav-kehadiran"' not in cast.client("pegawai").get("/").content.decode()


def _unexcused(pegawai, days: int, admin) -> None:
    """`days` working days without a valid reason from the first Monday of the year, straight in the table."""
    year = clock.today(pegawai.instansi).year
    start = datetime.date(year, 1, 5)
    start += datetime.timedelta(days=(7 - start.weekday()) % 7)
    record = ImporKehadiran.objects.create(
        instansi=pegawai.instansi, bulan=start.replace(day=1), nama_berkas="uji.csv", sha256="0" * 64
    )
    Kehadiran.objects.bulk_create(
        Kehadiran(pegawai=pegawai, tanggal=start + datetime.timedelta(days=i), status=s, impor=record)
        for i, s in enumerate(["tanpa_keterangan"] * days + ["hadir", "sakit"])
    )


def test_the_profile_shows_the_record_and_level_to_the_pegawai_their_penilai_and_the_admin(cast):
    pegawai = cast.pegawai.pegawai
    _unexcused(pegawai, 4, cast.admin_bkpsdm)
    url = reverse("org:pegawai_detail", args=[pegawai.pk])
    for role in ("pegawai", "atasan", "admin_bkpsdm"):
        html = cast.client(role).get(url).content.decode()
        assert 'data-testid="pegawai-disiplin"' in html, role
        assert (
            "4 hari kerja tanpa keterangan" in html and "deret terpanjang: 4 hari berturut-turut" in html
        ), role
        assert "Menurut aturan disiplin: <strong>Teguran tertulis</strong>" in html, role
        assert "Sakit: 1" in html and "Hadir: 1" in html, role


def test_the_record_is_not_shown_to_readers_outside_the_line_and_the_units(cast):
    pegawai = cast.pegawai.pegawai
    _unexcused(pegawai, 3, cast.admin_bkpsdm)
    url = reverse("org:pegawai_detail", args=[pegawai.pk])
    for role in ("tim_penilai", "auditor", "kepala_dinas"):
        response = cast.client(role).get(url)
        assert response.status_code == 200, role  # they read the profile, not the discipline record
        assert 'data-testid="pegawai-disiplin"' not in response.content.decode(), role


def test_the_api_gives_the_record_with_its_levels(cast):
    pegawai = cast.pegawai.pegawai
    _unexcused(pegawai, 4, cast.admin_bkpsdm)
    response = cast.client("atasan").get(f"/api/v1/kehadiran/pegawai/{pegawai.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["tanpa_keterangan"] == 4 and body["berturut_terpanjang"] == 4
    assert body["per_status"]["sakit"] == 1
    assert [t["sanksi"] for t in body["tingkat"]] == ["Teguran lisan", "Teguran tertulis"]
