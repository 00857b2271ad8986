"""The organisation screens as a user works with them through the browser (the Django test client)."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _

from kinerja.accounts.models import User
from kinerja.core import audit, clock
from kinerja.core.errors import ApplicationError
from kinerja.core.testing.helpers import count_queries
from kinerja.core.testing.pages import home_card
from kinerja.org import demo, selectors, services
from kinerja.org.models import Jabatan, Pegawai, Penugasan, RiwayatUnitKerja, UnitKerja
from kinerja.org.rules import InvalidNip, parse_nip
from kinerja.testkit import factories

NEW_NIP = "19950203 202001 1 007"
NEW_NAME = "Bayu Prasetyo Wicaksono"


def pegawai_form(**overrides) -> dict:
    data = {
        "nip": NEW_NIP,
        "status": "PNS",
        "gelar_depan": "",
        "nama": NEW_NAME,
        "gelar_belakang": "S.Kom.",
        "golongan": "III/a",
        "grade_pppk": "",
        "tanggal_lahir": "",
        "jenis_kelamin": "",
        "email": "bayu@example.org",
        "telepon": "0812 1111 2222",
    }
    data.update(overrides)
    return data


def penilai_cell(html: str) -> str:
    match = re.search(r'data-testid="penilai">(.*?)</dd>', html, re.DOTALL)
    assert match, "no penilai on the page"
    return match.group(1)


def held_jabatan(user: User) -> Jabatan:
    return selectors.primary_assignment(user.pegawai).jabatan


def make_pegawai(actor, n: int) -> Pegawai:
    return factories.pegawai(actor, actor.instansi, n)


def add_staff(actor, unit: UnitKerja, atasan: Jabatan | None, count: int, start: int = 0) -> None:
    """New positions in a unit, each with a new definitive holder."""
    for n in range(start, start + count):
        factories.staffed_position(actor, unit, n, atasan=atasan, mulai=datetime.date(2020, 1, 1))


# Registering a pegawai ---------------------------------------------------------------------------------------


def test_admin_bkpsdm_registers_a_pegawai_with_a_spaced_nip_and_is_sent_to_placement(cast):
    client = cast.client("admin_bkpsdm")
    response = client.post(reverse("org:pegawai_create"), pegawai_form())

    pegawai = Pegawai.objects.get(nip="199502032020011007")
    assert response.status_code == 302
    assert response.url == reverse("org:penugasan_create", args=[pegawai.pk])
    assert pegawai.nama == NEW_NAME
    assert pegawai.instansi == cast.admin_bkpsdm.instansi
    assert pegawai.tanggal_lahir == datetime.date(1995, 2, 3)
    assert pegawai.jenis_kelamin == "L"
    assert User.objects.filter(username="199502032020011007", pegawai=pegawai).exists()
    page = client.get(response.url)
    assert page.status_code == 200
    assert NEW_NAME in page.content.decode()


def test_invalid_nip_shows_the_indonesian_error_and_keeps_what_was_typed(cast):
    bad = "19950231 202001 1 007"
    with pytest.raises(InvalidNip) as expected:
        parse_nip(bad)
    response = cast.client("admin_bkpsdm").post(reverse("org:pegawai_create"), pegawai_form(nip=bad))

    assert response.status_code == 200
    assert response.context["form"].errors["nip"] == [str(expected.value)]
    html = response.content.decode()
    assert escape(str(expected.value)) in html
    assert "Tanggal lahir pada NIP tidak valid" in html
    assert f'value="{NEW_NAME}"' in html
    assert f'value="{bad}"' in html
    assert 'value="bayu@example.org"' in html
    assert not Pegawai.objects.filter(nama=NEW_NAME).exists()


def test_the_pegawai_form_reports_every_problem_in_one_answer(cast):
    """A wrong NIP used to hide the missing golongan until it was fixed, and form errors hid both."""
    data = pegawai_form(nip="19950231 202001 1 007", golongan="", nama="", email="bukan-email")
    response = cast.client("admin_bkpsdm").post(reverse("org:pegawai_create"), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"nip", "golongan", "nama", "email"} <= set(errors)
    assert errors["golongan"] == [_("A PNS needs a rank (golongan).")]
    assert not Pegawai.objects.filter(nip="199502312020011007").exists()


def test_the_service_reports_a_wrong_nip_and_a_missing_golongan_together(cast):
    with pytest.raises(ApplicationError) as refusal:
        services.pegawai_create(
            actor=cast.admin_bkpsdm, instansi=cast.admin_bkpsdm.instansi, nip="19950231202001100", nama="X"
        )
    assert set(refusal.value.message_dict) == {"nip", "golongan"}


def test_nip_that_disagrees_with_the_typed_birth_date_is_refused(cast):
    response = cast.client("admin_bkpsdm").post(
        reverse("org:pegawai_create"), pegawai_form(tanggal_lahir="1995-03-02")
    )
    assert response.status_code == 200
    assert "tanggal_lahir" in response.context["form"].errors
    assert not Pegawai.objects.filter(nama=NEW_NAME).exists()


@pytest.mark.parametrize("role", ["pegawai", "atasan", "tim_penilai", "auditor"])
def test_only_administrators_may_register_pegawai(cast, role):
    client = cast.client(role)
    assert client.get(reverse("org:pegawai_create")).status_code == 403
    assert client.post(reverse("org:pegawai_create"), pegawai_form()).status_code == 403
    assert not Pegawai.objects.filter(nama=NEW_NAME).exists()


# Placing and transferring ------------------------------------------------------------------------------------


def staff_post_under(admin, head, nama):
    """A new pelaksana position in the unit of `head`, reporting to it."""
    return services.jabatan_create(actor=admin, unit=head.unit, nama=nama, jenis="pelaksana", atasan=head)


def test_assigning_then_transferring_changes_the_penilai_on_the_profile(cast):
    client = cast.client("admin_bkpsdm")
    admin = cast.admin_bkpsdm
    first = staff_post_under(admin, held_jabatan(cast.atasan), "Pengadministrasi Imunisasi")
    second = staff_post_under(admin, held_jabatan(cast.kepala_dinas), "Pengadministrasi Umum Pimpinan")
    client.post(reverse("org:pegawai_create"), pegawai_form())
    pegawai = Pegawai.objects.get(nip="199502032020011007")
    profile = reverse("org:pegawai_detail", args=[pegawai.pk])
    assert cast.atasan.pegawai.nama_lengkap not in penilai_cell(client.get(profile).content.decode())

    started = clock.today() - datetime.timedelta(days=30)
    response = client.post(
        reverse("org:penugasan_create", args=[pegawai.pk]),
        {"jabatan": first.pk, "jenis": "definitif", "mulai": started.isoformat(), "nomor_sk": "800/1/2026"},
    )
    assert response.status_code == 302
    assert response.url == profile
    cell = penilai_cell(client.get(profile).content.decode())
    assert escape(cast.atasan.pegawai.nama_lengkap) in cell

    response = client.post(
        reverse("org:pegawai_transfer", args=[pegawai.pk]),
        {
            "jabatan": second.pk,
            "tanggal": clock.today().isoformat(),
            "nomor_sk": "821/2/2026",
            "reason": "Kebutuhan organisasi",
        },
    )
    assert response.status_code == 302
    html = client.get(profile).content.decode()
    cell = penilai_cell(html)
    assert escape(cast.kepala_dinas.pegawai.nama_lengkap) in cell
    assert escape(cast.atasan.pegawai.nama_lengkap) not in cell
    # History is kept: the first assignment ended the day before the transfer.
    old = Penugasan.objects.get(pegawai=pegawai, jabatan=first)
    assert old.selesai == clock.today() - datetime.timedelta(days=1)
    # Looking at the profile before the transfer date still shows the old penilai.
    earlier = client.get(profile, {"tanggal": old.selesai.isoformat()}).content.decode()
    assert escape(cast.atasan.pegawai.nama_lengkap) in penilai_cell(earlier)


def test_transfer_without_reason_shows_the_error_and_changes_nothing(cast):
    pegawai = cast.pegawai.pegawai
    target = held_jabatan(cast.kepala_dinas)
    target = services.jabatan_create(
        actor=cast.admin_bkpsdm, unit=target.unit, nama="Staf Khusus", jenis="pelaksana", atasan=target
    )
    before = Penugasan.objects.filter(pegawai=pegawai).count()
    response = cast.client("admin_bkpsdm").post(
        reverse("org:pegawai_transfer", args=[pegawai.pk]),
        {"jabatan": target.pk, "tanggal": clock.today().isoformat(), "reason": ""},
    )
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    assert Penugasan.objects.filter(pegawai=pegawai).count() == before


def test_moving_a_unit_under_its_own_sub_unit_is_refused_and_keeps_the_reason(cast):
    dinkes = held_jabatan(cast.kepala_dinas).unit
    child = dinkes.children.order_by("pk").first()
    old_parent = dinkes.parent_id
    reason = "Restrukturisasi perangkat daerah tahun ini"

    response = cast.client("admin_bkpsdm").post(
        reverse("org:unit_move", args=[dinkes.pk]),
        {"parent": child.pk, "tanggal": clock.today().isoformat(), "reason": reason},
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "parent" in errors
    html = response.content.decode()
    assert escape(errors["parent"][0]) in html
    assert reason in html
    dinkes.refresh_from_db()
    assert dinkes.parent_id == old_parent
    assert not RiwayatUnitKerja.objects.filter(unit=dinkes).exists()


def test_moving_a_unit_through_the_form_keeps_its_history(cast):
    unit = held_jabatan(cast.atasan).unit
    new_parent = held_jabatan(cast.kepala_dinas).unit
    response = cast.client("admin_bkpsdm").post(
        reverse("org:unit_move", args=[unit.pk]),
        {"parent": new_parent.pk, "tanggal": clock.today().isoformat(), "reason": "Perampingan"},
    )
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.parent_id == new_parent.pk
    assert unit.path.startswith(new_parent.path)
    assert RiwayatUnitKerja.objects.filter(unit=unit, parent_baru=new_parent, alasan="Perampingan").exists()


def test_editing_a_position_through_the_form_saves_it(cast):
    jabatan = held_jabatan(cast.pegawai)
    response = cast.client("admin_bkpsdm").post(
        reverse("org:jabatan_edit", args=[jabatan.pk]),
        {
            "nama": "Pengelola Data Imunisasi",
            "jenis": jabatan.jenis,
            "jenjang": jabatan.jenjang,
            "eselon": jabatan.eselon,
            "unit": jabatan.unit_id,
            "atasan": jabatan.atasan_id,
            "reason": "Penyesuaian nomenklatur",
        },
    )
    assert response.status_code == 302
    jabatan.refresh_from_db()
    assert jabatan.nama == "Pengelola Data Imunisasi"


# Search ------------------------------------------------------------------------------------------------------


def listed_pegawai(response) -> set[int]:
    return {p.pk for p, _assignment in response.context["rows"]}


def test_search_by_nip_prefix_and_by_name(cast):
    client = cast.client("admin_bkpsdm")
    me = cast.pegawai.pegawai

    by_nip = client.get(reverse("org:pegawai_list"), {"q": "19920618 2019"})
    assert by_nip.status_code == 200
    assert listed_pegawai(by_nip) == {me.pk}

    by_name = client.get(reverse("org:pegawai_list"), {"q": me.nama.upper()})
    assert me.pk in listed_pegawai(by_name)
    assert all(me.nama.lower() in p.nama.lower() for p, _a in by_name.context["rows"])

    nothing = client.get(reverse("org:pegawai_list"), {"q": "Zzyzx"})
    assert listed_pegawai(nothing) == set()


def test_search_does_not_reach_pegawai_of_another_instansi(cast):
    lembah = Pegawai.objects.exclude(instansi=cast.admin_bkpsdm.instansi).first()
    response = cast.client("admin_bkpsdm").get(reverse("org:pegawai_list"), {"q": lembah.nip})
    assert listed_pegawai(response) == set()


def test_htmx_search_returns_only_the_results_fragment(cast):
    client = cast.client("admin_bkpsdm")
    full = client.get(reverse("org:pegawai_list"), {"q": demo.NIP_PELAKSANA_IMUNISASI})
    partial = client.get(
        reverse("org:pegawai_list"), {"q": demo.NIP_PELAKSANA_IMUNISASI}, HTTP_HX_REQUEST="true"
    )

    assert partial.status_code == 200
    html = partial.content.decode()
    assert "<html" not in html and "<form" not in html
    assert "<table" in html
    assert escape(cast.pegawai.pegawai.nama_lengkap) in html
    assert "<html" in full.content.decode()


# Home page and language --------------------------------------------------------------------------------------


ATTENTION = "org/_card_attention.html"


def test_home_shows_admin_bkpsdm_what_needs_attention(cast):
    client = cast.client("admin_bkpsdm")
    response = client.get(reverse("portal:home"))
    attention = home_card(response, ATTENTION)["attention"]
    expected = selectors.org_attention(cast.admin_bkpsdm.instansi_id)
    assert attention == expected
    assert attention.kosong >= 1  # the vacant Kepala Dinas Kependudukan dan Pencatatan Sipil
    html = response.content.decode()
    assert reverse("org:vacant_list") in html and reverse("org:unplaced_list") in html

    make_pegawai(cast.admin_bkpsdm, 1)
    after = home_card(client.get(reverse("portal:home")), ATTENTION)["attention"]
    assert after.belum_ditempatkan == attention.belum_ditempatkan + 1


def test_home_shows_a_pegawai_their_penilai_and_no_admin_counts(cast):
    response = cast.client("pegawai").get(reverse("portal:home"))
    assert response.status_code == 200
    assert home_card(response, ATTENTION) is None
    cell = penilai_cell(response.content.decode())
    assert escape(cast.atasan.pegawai.nama_lengkap) in cell
    assert reverse("org:unplaced_list") not in response.content.decode()


def test_language_switch_changes_the_page_language(cast):
    client = cast.client("pegawai")
    before = client.get(reverse("portal:home"))
    assert '<html lang="id">' in before.content.decode()

    response = client.post("/i18n/setlang/", {"language": "en", "next": reverse("portal:home")})
    assert response.status_code == 302

    after = client.get(reverse("portal:home"))
    assert '<html lang="en">' in after.content.decode()
    assert after.headers["Content-Language"] == "en"


# Query counts do not grow with the rows ----------------------------------------------------------------------


def test_pegawai_list_query_count_does_not_grow_with_rows(cast):
    client = cast.client("admin_bkpsdm")
    url = reverse("org:pegawai_list")
    client.get(url)  # warm up session and caches
    few, one = count_queries(client, url, {"q": demo.NIP_PELAKSANA_IMUNISASI})
    many, page = count_queries(client, url, {"q": "19"})
    assert len(one.context["rows"]) == 1
    assert len(page.context["rows"]) == 25
    assert many == few


def test_unit_tree_query_count_does_not_grow_with_units(cast):
    admin = cast.admin_bkpsdm
    client = cast.client("admin_bkpsdm")
    url = reverse("org:unit_tree")
    client.get(url)
    before, _ = count_queries(client, url)
    parent = held_jabatan(cast.kepala_dinas).unit
    for n in range(3):
        unit = services.unit_create(
            actor=admin, instansi=admin.instansi, parent=parent, kode=f"UJI{n}", nama=f"Unit Uji {n}"
        )
        add_staff(admin, unit, held_jabatan(cast.kepala_dinas), 2, start=10 * n)
    after, response = count_queries(client, url)
    assert "Unit Uji 2" in response.content.decode()
    assert after == before


def test_unit_detail_query_count_does_not_grow_with_positions(cast):
    admin = cast.admin_bkpsdm
    client = cast.client("admin_bkpsdm")
    unit = held_jabatan(cast.atasan).unit
    url = reverse("org:unit_detail", args=[unit.pk])
    client.get(url)
    before, first = count_queries(client, url)
    add_staff(admin, unit, held_jabatan(cast.atasan), 4)
    after, response = count_queries(client, url)
    assert len(response.context["rows"]) == len(first.context["rows"]) + 4
    assert after == before


def test_audit_list_query_count_does_not_grow_with_events(cast):
    client = cast.client("auditor")
    url = reverse("portal:audit_list")
    people = list(Pegawai.objects.filter(instansi=cast.auditor.instansi)[:11])

    def changed(n, pegawai):
        audit.record(
            actor=[cast.admin_bkpsdm, cast.superuser][n % 2],
            action="org.pegawai.update",
            obj=pegawai,
            instansi=pegawai.instansi,
            pegawai=pegawai,
            changes={"telepon": ["", f"0812{n}"]},
        )

    # One such event first: each kind of object on the page costs one query for its links (decision 0014).
    changed(0, people.pop())
    client.get(url)
    before, first = count_queries(client, url)
    for n, pegawai in enumerate(people):
        changed(n, pegawai)
    after, response = count_queries(client, url)
    per_page = first.context["page"].paginator.per_page
    assert len(response.context["page"].object_list) == min(
        len(first.context["page"].object_list) + 10, per_page
    )
    # A full page may push the only event of some kind (and its link query) to page 2: never more queries.
    assert after <= before


def test_transfer_form_lists_the_positions_of_the_chosen_unit_with_their_holders(cast):
    pegawai = cast.pegawai.pegawai
    dukcapil_head = Jabatan.objects.get(nama="Kepala Dinas Kependudukan dan Pencatatan Sipil")
    client = cast.client("admin_bkpsdm")
    url = reverse("org:pegawai_transfer", args=[pegawai.pk])
    html = client.get(url, {"unit": dukcapil_head.unit_id}).content.decode()
    options = html[html.index('id="id_jabatan"') :]
    options = options[: options.index("</select>")]
    assert f'value="{dukcapil_head.pk}"' in options
    assert _("vacant") in options
    assert "Kepala Seksi Imunisasi" not in options


def test_a_large_organisation_must_choose_the_unit_before_the_position(cast, monkeypatch):
    from kinerja.org.forms import PositionPickerMixin

    monkeypatch.setattr(PositionPickerMixin, "SHOW_ALL_UP_TO", 10)
    url = reverse("org:pegawai_transfer", args=[cast.pegawai.pegawai.pk])
    html = cast.client("admin_bkpsdm").get(url).content.decode()
    options = html[html.index('id="id_jabatan"') :]
    assert '<option value="' not in options[: options.index("</select>")].replace('<option value=""', "")
    assert _("Choose the unit first to list its positions.") in html


def test_vacancy_worklist_filters_acting_officials_in_the_query(cast):
    client = cast.client("admin_bkpsdm")
    everything = client.get(reverse("org:vacant_list")).content.decode()
    acting = client.get(reverse("org:vacant_list"), {"acting": "1"}).content.decode()
    assert "Kepala Dinas Kependudukan dan Pencatatan Sipil" in everything
    assert "Kepala Dinas Kependudukan dan Pencatatan Sipil" not in acting
    plt_in_office = clock.today() >= datetime.date(clock.today().year, 4, 1)
    assert ("Kepala Dinas Pekerjaan Umum dan Penataan Ruang" in acting) is plt_in_office


def test_a_large_tree_shows_two_levels_and_loads_deeper_units_when_opened(cast, monkeypatch):
    from kinerja.org import views

    monkeypatch.setattr(views, "TREE_FULL_UP_TO", 10)
    client = cast.client("pegawai")
    html = client.get(reverse("org:unit_tree")).content.decode()
    bidang = UnitKerja.objects.get(nama="Bidang Kesehatan Masyarakat")
    seksi = UnitKerja.objects.get(nama="Seksi Imunisasi")
    assert bidang.nama in html and seksi.nama not in html
    children_url = reverse("org:unit_children", args=[bidang.pk])
    assert children_url in html
    fragment = client.get(children_url, HTTP_HX_REQUEST="true").content.decode()
    assert seksi.nama in fragment and "<html" not in fragment


def test_a_small_tree_is_shown_whole(cast):
    html = cast.client("pegawai").get(reverse("org:unit_tree")).content.decode()
    assert "Seksi Imunisasi" in html
