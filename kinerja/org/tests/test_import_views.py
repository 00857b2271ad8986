"""The staff data import screens: upload → preview → apply, with the file kept server-side between the two."""

import datetime
import io

import openpyxl
import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.accounts.models import Role, RoleAssignment, User
from kinerja.core import clock
from kinerja.core.models import AuditEvent
from kinerja.core.testing.helpers import xlsx
from kinerja.org import demo, views_import
from kinerja.org.models import ImportRecord, Pegawai, Penugasan
from kinerja.testkit import cast as named

pytestmark = pytest.mark.django_db

NEW_NIP = "198501012010011001"
BAD_NIP = "198501012010131001"  # TMT month 13
VACANT = "Kepala Dinas Kependudukan dan Pencatatan Sipil"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def vacant_ref() -> str:
    seat = named.jabatan(VACANT)
    return seat.kode or f"#{seat.pk}"


PEGAWAI_HEADER = [
    "nip_baru",
    "nama",
    "status",
    "gol_akhir_nama",
    "jenis_kelamin",
    "jabatan_id",
    "tmt_jabatan",
]


def pegawai_xlsx(rows) -> bytes:
    """The "Pegawai" sheet of an upload: the header, then `rows`."""
    return xlsx(("Pegawai", [PEGAWAI_HEADER, *rows]))


def new_person(nip=NEW_NIP):
    return [nip, "Rudi Hartono", "PNS", "III/c", "L", vacant_ref(), "2025-01-02"]


def upload(client, content: bytes, name="pegawai.xlsx"):
    return client.post(reverse("org:import_upload"), {"berkas": SimpleUploadedFile(name, content)})


def stored_files(media):
    folder = media / "imports"
    return sorted(folder.iterdir()) if folder.exists() else []


def test_a_file_with_errors_lists_each_refused_row_offers_no_apply_and_writes_nothing(cast, media):
    client = cast.client("admin_bkpsdm")
    events = AuditEvent.objects.count()
    content = pegawai_xlsx([new_person(BAD_NIP), new_person(NEW_NIP), new_person(NEW_NIP)])

    response = upload(client, content)

    assert response.status_code == 200
    report = response.context["report"]
    assert not report.ok
    rows = {(r.sheet, r.row) for _label, r in response.context["refused"]}
    assert ("pegawai", 2) in rows  # the invalid NIP
    assert ("pegawai", 4) in rows  # the same NIP twice in the file
    html = response.content.decode()
    for _label, refusal in response.context["refused"]:
        assert str(refusal.reason) in html
    assert 'data-testid="apply"' not in html
    assert not Pegawai.objects.filter(nip__in=[NEW_NIP, BAD_NIP]).exists()
    assert AuditEvent.objects.count() == events
    assert stored_files(media) == []


def test_a_corrected_file_is_previewed_then_applied_and_recorded(cast, media):
    client = cast.client("admin_bkpsdm")
    preview = upload(client, pegawai_xlsx([new_person()]))
    assert preview.context["can_apply"]
    assert preview.context["report"].counts["pegawai"]["created"] == 1
    assert preview.context["report"].missing  # the rest of the instansi is not in this file
    assert len(stored_files(media)) == 1
    assert not Pegawai.objects.filter(nip=NEW_NIP).exists()

    response = client.post(reverse("org:import_apply"), {"t": preview.context["token"]}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("org:import_records")
    person = Pegawai.objects.get(nip=NEW_NIP)
    assert Penugasan.objects.filter(pegawai=person, jabatan__nama=VACANT, selesai__isnull=True).exists()
    record = ImportRecord.objects.get(instansi__kode="KOTA-SKM")
    assert record.actor == cast.admin_bkpsdm
    assert record.counts["pegawai"]["created"] == 1
    assert record.first_seq and record.last_seq >= record.first_seq
    assert record.nama_berkas in response.content.decode()
    assert stored_files(media) == []


def test_the_same_file_twice_says_nothing_to_change(cast, media):
    client = cast.client("admin_bkpsdm")
    content = pegawai_xlsx([new_person()])
    client.post(reverse("org:import_apply"), {"t": upload(client, content).context["token"]})
    records = ImportRecord.objects.count()

    again = upload(client, content)

    assert again.context["report"].nothing_to_change
    assert not again.context["can_apply"]
    assert 'data-testid="nothing-to-change"' in again.content.decode()
    assert 'data-testid="apply"' not in again.content.decode()
    assert ImportRecord.objects.count() == records
    assert stored_files(media) == []


def test_a_tampered_token_is_refused_and_nothing_is_applied(cast):
    client = cast.client("admin_bkpsdm")
    token = upload(client, pegawai_xlsx([new_person()])).context["token"]

    response = client.post(reverse("org:import_apply"), {"t": token[:-2] + "xx"})

    assert response.status_code == 400
    assert not Pegawai.objects.filter(nip=NEW_NIP).exists()


def test_an_expired_token_is_refused(cast, monkeypatch):
    client = cast.client("admin_bkpsdm")
    token = upload(client, pegawai_xlsx([new_person()])).context["token"]
    monkeypatch.setattr(views_import, "TOKEN_MAX_AGE", -1)

    response = client.post(reverse("org:import_apply"), {"t": token})

    assert response.status_code == 400
    assert _("The preview has expired; upload the file again.") in response.content.decode()
    assert not Pegawai.objects.filter(nip=NEW_NIP).exists()


def test_a_token_of_another_user_is_not_found(cast):
    token = upload(cast.client("admin_bkpsdm"), pegawai_xlsx([new_person()])).context["token"]
    sukamaju = named.instansi()
    other = User.objects.create_user(username="admin.kedua", password="x", instansi=sukamaju)
    RoleAssignment.objects.create(user=other, role=Role.ADMIN_BKPSDM, instansi=sukamaju)
    client = cast.client(None)
    client.force_login(other)

    response = client.post(reverse("org:import_apply"), {"t": token})

    assert response.status_code == 404
    assert not Pegawai.objects.filter(nip=NEW_NIP).exists()


def test_a_stored_file_that_was_altered_is_refused(cast, media):
    client = cast.client("admin_bkpsdm")
    token = upload(client, pegawai_xlsx([new_person()])).context["token"]
    (stored,) = stored_files(media)
    stored.write_bytes(
        pegawai_xlsx([new_person(), ["199001012015031002", "Lain", "PNS", "III/a", "L", "", ""]])
    )

    response = client.post(reverse("org:import_apply"), {"t": token})

    assert response.status_code == 400
    assert not Pegawai.objects.filter(nip=NEW_NIP).exists()


def test_a_file_that_is_not_a_spreadsheet_shows_the_readers_message(cast, media):
    client = cast.client("admin_bkpsdm")

    response = upload(client, b"PK\x03\x04 not really a zip", name="data.xlsx")

    assert response.status_code == 200
    assert "report" not in response.context
    assert _("This file is not a readable .xlsx spreadsheet.") in response.content.decode()
    assert stored_files(media) == []


def test_a_file_too_large_is_refused(cast, settings):
    settings.IMPORT_MAX_BYTES = 1000
    client = cast.client("admin_bkpsdm")

    response = upload(client, pegawai_xlsx([new_person()]))

    assert "report" not in response.context
    assert response.context["form"].errors["berkas"]


@pytest.mark.parametrize(
    ("name", "file_name"),
    [
        ("org:import_template", "templat-impor-pegawai.xlsx"),
        ("org:import_example", "contoh-impor-pegawai.xlsx"),
        ("org:import_export", "data-KOTA-SKM.xlsx"),
    ],
)
def test_downloads_are_xlsx_attachments(cast, name, file_name):
    response = cast.client("admin_bkpsdm").get(reverse(name))

    assert response.status_code == 200
    assert response["Content-Type"] == views_import.XLSX
    assert response["Content-Disposition"] == f'attachment; filename="{file_name}"'
    book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    assert {"Unit", "Jabatan", "Pegawai"} <= set(book.sheetnames)


def test_the_exported_data_uploaded_again_has_nothing_to_change(cast):
    client = cast.client("admin_bkpsdm")
    content = client.get(reverse("org:import_export")).content

    response = upload(client, content, name="ekspor.xlsx")

    assert response.context["report"].nothing_to_change


def test_missing_people_can_have_their_assignments_ended_in_a_confirmed_step(cast):
    client = cast.client("admin_bkpsdm")
    preview = upload(client, pegawai_xlsx([new_person()]))
    token = preview.context["missing_token"]
    nips = signing.loads(token, salt=views_import.MISSING_SALT)["nips"]
    assert demo.NIP_PELAKSANA_IMUNISASI in nips
    url = reverse("org:import_end_missing")

    page = client.post(
        url, {"t": token}
    )  # the button on the preview: the confirmation form, nothing ended yet
    assert page.status_code == 200
    assert demo.NIP_PELAKSANA_IMUNISASI in page.content.decode()
    assert Penugasan.objects.filter(pegawai__nip=demo.NIP_PELAKSANA_IMUNISASI, selesai__isnull=True).exists()

    tanggal = clock.today()
    response = client.post(url, {"t": token, "tanggal": tanggal.isoformat(), "reason": "Tidak ada di SIASN"})

    assert response.status_code == 302
    person = named.person(demo.NIP_PELAKSANA_IMUNISASI)
    assert (
        not Penugasan.objects.active_at(tanggal + datetime.timedelta(days=1)).filter(pegawai=person).exists()
    )


def test_the_organisation_page_links_to_the_import_only_for_its_admin(cast):
    link = reverse("org:import_upload")
    assert link in cast.client("admin_bkpsdm").get(reverse("org:unit_tree")).content.decode()
    assert link not in cast.client("admin_pd").get(reverse("org:unit_tree")).content.decode()


def test_the_export_of_another_instansi_holds_none_of_our_people(cast):
    response = cast.client("outsider").get(reverse("org:import_export"), {"instansi": sukamaju_pk()})

    book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    nips = {str(row[0]) for row in book["Pegawai"].iter_rows(min_row=2, values_only=True)}
    assert nips
    assert not nips & set(Pegawai.objects.filter(instansi__kode="KOTA-SKM").values_list("nip", flat=True))


def sukamaju_pk() -> int:
    return named.instansi().pk


def test_the_second_of_two_applies_of_one_preview_is_refused(cast, media):
    """Two applies of one token at once both went through (the second record had no audit range)."""
    client = cast.client("admin_bkpsdm")
    token = upload(client, pegawai_xlsx([new_person()])).context["token"]
    (stored,) = stored_files(media)
    content = stored.read_bytes()

    first = client.post(reverse("org:import_apply"), {"t": token})
    # The second of a simultaneous pair had read the file before the first removed it.
    stored.write_bytes(content)
    second = client.post(reverse("org:import_apply"), {"t": token})

    assert first.status_code == 302
    assert second.status_code == 400
    assert _("This preview was already applied; upload the file again.") in second.content.decode()
    assert ImportRecord.objects.count() == 1


def person_row(person, golongan: str) -> list:
    return [person.nip, person.nama, "PNS", golongan, person.jenis_kelamin, "", ""]


def test_an_apply_is_refused_when_someone_changed_its_people_since_the_preview(cast):
    """Two admins preview changes to the same person; the later apply used to overwrite the earlier one."""
    person = Pegawai.objects.filter(instansi__kode="KOTA-SKM", status="PNS").exclude(golongan="IV/e").first()
    first_admin = cast.client("admin_bkpsdm")
    token = upload(first_admin, pegawai_xlsx([person_row(person, "IV/e")])).context["token"]
    sukamaju = named.instansi()
    other = User.objects.create_user(username="admin.kedua", password="x", instansi=sukamaju)
    RoleAssignment.objects.create(user=other, role=Role.ADMIN_BKPSDM, instansi=sukamaju)
    second_admin = cast.client(None)
    second_admin.force_login(other)
    other_token = upload(second_admin, pegawai_xlsx([person_row(person, "IV/d")])).context["token"]
    assert second_admin.post(reverse("org:import_apply"), {"t": other_token}).status_code == 302

    response = first_admin.post(reverse("org:import_apply"), {"t": token})

    assert response.status_code == 400
    assert person.nip in response.content.decode()
    person.refresh_from_db()
    assert person.golongan == "IV/d"
    assert ImportRecord.objects.count() == 1


def test_an_apply_goes_through_when_only_other_people_changed_since_the_preview(cast):
    person, bystander = Pegawai.objects.filter(instansi__kode="KOTA-SKM", status="PNS").exclude(
        golongan="IV/e"
    )[:2]
    client = cast.client("admin_bkpsdm")
    token = upload(client, pegawai_xlsx([person_row(person, "IV/e")])).context["token"]
    Pegawai.objects.filter(pk=bystander.pk).update(telepon="081200000000")

    assert client.post(reverse("org:import_apply"), {"t": token}).status_code == 302
    person.refresh_from_db()
    assert person.golongan == "IV/e"


def test_the_preview_lists_each_row_to_create_and_counts_the_people_not_in_the_file(cast, media):
    response = upload(cast.client("admin_bkpsdm"), pegawai_xlsx([new_person()]))

    html = response.content.decode()
    assert response.status_code == 200 and 'data-testid="changes"' in html
    assert 'data-action="created"' in html and "Rudi Hartono" in html and "19850101 201001 1 001" in html
    missing = len(response.context["report"].missing)
    assert missing > 1
    assert f"{missing} pegawai yang memegang jabatan tidak ada dalam berkas" in html
