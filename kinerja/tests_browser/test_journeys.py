"""End-to-end journeys in a real Chromium: logging in as each demo role, a transfer, a refused NIP, a phone,
an import of staff data."""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from conftest import YEAR
from kinerja.org import demo as d
from kinerja.org.models import Jabatan, Pegawai
from kinerja.testkit import cast as named

pytestmark = pytest.mark.browser

PASSWORD = d.DEMO_PASSWORD


def spaced(nip: str) -> str:
    """The NIP as printed on a decree: '19920618 201903 2 004'."""
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"


def nama(nip: str) -> str:
    return Pegawai.objects.get(nip=nip).nama_lengkap


def log_in(page: Page, login: str) -> None:
    page.goto(reverse("accounts:login"))
    page.locator("#id_username").fill(login)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: path_of(url) == reverse("portal:home"))


def path_of(url: str) -> str:
    return urlsplit(url).path


def section(page: Page, testid: str):
    return page.locator(f'[data-testid="{testid}"]')


@dataclass
class Role:
    login: str
    roles: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)  # shown on the home page; the others must be absent


HOME_SECTIONS = [
    "instansi-switcher",
    "my-position",
    "people-i-assess",
    "year-state",
    "framework-review",
    "attention",
    "audit-verification",
    "recent-events",
]
LISTS_SKP = ["year-state"]
REVIEWS = ["year-state", "framework-review"]

ROLES = {
    # The pegawai assesses nobody: no card saying so.
    "pegawai": Role(spaced(d.NIP_PELAKSANA_IMUNISASI), sections=["my-position"]),
    "atasan": Role(d.NIP_KASI_IMUNISASI, sections=["my-position", "people-i-assess"]),
    "kepala_dinas": Role(d.NIP_KEPALA_DINKES, sections=["my-position", "people-i-assess"]),
    "sekda": Role(d.NIP_SEKDA, sections=["my-position", "people-i-assess"]),
    "admin_bkpsdm": Role("admin.bkpsdm", ["admin_bkpsdm"], [*REVIEWS, "attention", "recent-events"]),
    "admin_pd": Role("admin.disdik", ["admin_pd"], [*LISTS_SKP, "attention"]),
    "tim_penilai": Role("tim.penilai", ["tim_penilai"], REVIEWS),
    "auditor": Role("auditor", ["auditor"], [*REVIEWS, "audit-verification", "recent-events"]),
    "outsider": Role("admin.lembah", ["admin_bkpsdm"], [*REVIEWS, "attention"]),
    "superuser": Role(
        "superadmin", [], ["instansi-switcher", *REVIEWS, "audit-verification", "recent-events"]
    ),
}


@pytest.mark.parametrize("name", list(ROLES))
def test_each_demo_role_logs_in_through_the_form_and_sees_its_home_page(page, name):
    role = ROLES[name]
    log_in(page, role.login)

    expect(page.locator('[data-testid="user-menu"]')).to_be_visible()
    expect(page.locator("main [data-role]")).to_have_count(len(role.roles))
    for r in role.roles:
        expect(page.locator(f'main [data-role="{r}"]')).to_be_visible()
    for testid in HOME_SECTIONS:
        expect(section(page, testid)).to_have_count(1 if testid in role.sections else 0)

    if name == "pegawai":
        expect(section(page, "penilai")).to_contain_text(nama(d.NIP_KASI_IMUNISASI))
    elif name == "atasan":
        expect(section(page, "penilai")).to_contain_text(nama(d.NIP_KABID_KESMAS))
        expect(section(page, "people-i-assess")).to_contain_text(nama(d.NIP_PELAKSANA_IMUNISASI))
    elif name == "kepala_dinas":
        expect(section(page, "penilai")).to_contain_text(nama(d.NIP_SEKDA))
        expect(section(page, "people-i-assess")).to_contain_text(nama(d.NIP_KABID_KESMAS))
    elif name == "sekda":
        top = named.instansi().jabatan_ppk
        expect(section(page, "penilai")).to_have_text(top)
        expect(section(page, "people-i-assess")).to_contain_text(nama(d.NIP_KEPALA_DINKES))
    elif name == "admin_bkpsdm":
        expect(section(page, "recent-events")).to_contain_text("Data demo dimuat")  # a label, not demo.load
        expect(page.locator(f'nav a[href="{reverse("accounts:role_list")}"]')).to_have_count(1)
    elif name == "admin_pd":
        expect(page.locator(f'nav a[href="{reverse("accounts:role_list")}"]')).to_have_count(0)
    elif name == "outsider":
        # An administrator of the other instansi sees nothing of Kota Sukamaju.
        expect(page.locator("main")).not_to_contain_text("Sukamaju")
    elif name == "superuser":
        page.locator('[data-testid="user-menu"]').click()
        expect(page.locator(f'nav a[href="{reverse("admin:index")}"]')).to_be_visible()
    assert page.problems == []


def test_a_pegawai_typing_a_wrong_password_stays_on_the_login_form(page):
    page.goto(reverse("accounts:login"))
    page.locator("#id_username").fill(spaced(d.NIP_PELAKSANA_IMUNISASI))
    page.locator("#id_password").fill("not-the-password")
    page.locator("main form button[type=submit]").click()

    expect(page.locator("main .alert-danger")).to_be_visible()
    expect(page.locator("#id_username")).to_have_value(spaced(d.NIP_PELAKSANA_IMUNISASI))
    assert path_of(page.url) == reverse("accounts:login")


def test_admin_bkpsdm_transfers_a_pegawai_and_the_profile_shows_the_new_penilai(page):
    """The Kepala Bidang Kesehatan Masyarakat moves to the vacant head of Dinas Dukcapil: the penilai changes
    from the Kepala Dinas Kesehatan to the Sekretaris Daerah."""
    kabid = named.person(d.NIP_KABID_KESMAS)
    target = "Kepala Dinas Kependudukan dan Pencatatan Sipil"
    log_in(page, "admin.bkpsdm")

    page.goto(reverse("org:pegawai_list"))
    page.locator("#q").fill(d.NIP_KABID_KESMAS[:12])
    page.locator("#q").press("Enter")
    page.locator("#hasil").get_by_role("link", name=kabid.nama_lengkap).click()
    page.wait_for_url(lambda url: path_of(url) == reverse("org:pegawai_detail", args=[kabid.pk]))
    expect(section(page, "penilai")).to_contain_text(nama(d.NIP_KEPALA_DINKES))

    section(page, "transfer").click()
    # Choosing the unit reloads the position list (htmx) with each seat's holder; the head seat is vacant.
    page.locator("#id_unit").select_option(label="Dinas Kependudukan dan Pencatatan Sipil")
    vacant_seat = f"{target} — Dinas Kependudukan dan Pencatatan Sipil · kosong"
    expect(page.locator("#id_jabatan option", has_text=vacant_seat)).to_have_count(1)
    expect(page.locator("#id_jabatan option", has_text="Kepala Seksi Imunisasi")).to_have_count(0)
    page.locator("#id_jabatan").select_option(label=vacant_seat)
    page.locator("#id_nomor_sk").fill("821/MUT-99/BKPSDM")
    page.locator("#id_reason").fill("Promosi jabatan pimpinan tinggi pratama")
    page.locator("main form button[type=submit]").click()

    expect(page.locator("main .alert-success")).to_be_visible()
    expect(section(page, "jabatan")).to_contain_text(target)
    expect(section(page, "penilai")).to_contain_text(nama(d.NIP_SEKDA))
    expect(section(page, "penilai")).not_to_contain_text(nama(d.NIP_KEPALA_DINKES))
    expect(section(page, "atasan-penilai")).to_have_text("—")
    assert kabid.penugasan.filter(jabatan__nama=target, selesai__isnull=True).count() == 1
    assert page.problems == []


def test_an_invalid_nip_in_the_new_employee_form_is_refused_and_the_typed_name_is_kept(page):
    before = Pegawai.objects.count()
    log_in(page, "admin.bkpsdm")
    page.goto(reverse("org:pegawai_create"))

    page.locator("#id_nip").fill("19920618 201913 2 004")  # TMT month 13
    page.locator("#id_nama").fill("Siti Rahmawati")
    page.locator("main form button[type=submit]").click()

    expect(page.locator("#id_nip")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_nip_help .invalid-feedback")).to_have_text(
        "Bulan TMT CPNS pada NIP tidak valid: 13 (harus 01 sampai 12)."
    )
    expect(page.locator("#id_nama")).to_have_value("Siti Rahmawati")
    expect(page.locator("#id_nip")).to_have_value("19920618 201913 2 004")
    assert Pegawai.objects.count() == before


def test_on_a_phone_the_home_page_collapses_the_menu_behind_a_toggler(page, artifacts):
    page.set_viewport_size({"width": 375, "height": 812})
    log_in(page, spaced(d.NIP_PELAKSANA_IMUNISASI))

    toggler = page.locator("nav .navbar-toggler")
    expect(toggler).to_be_visible()
    expect(page.locator("#menu")).to_be_hidden()
    expect(section(page, "penilai")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # nothing overflows sideways
    page.screenshot(path=str(artifacts / "home-375.png"), full_page=True)

    toggler.click()
    expect(page.locator("#menu")).to_be_visible()
    expect(page.locator("#menu").locator(f'a[href="{reverse("planning:index")}"]')).to_be_visible()
    assert page.problems == []


def _pegawai_sheet(path, rows) -> str:
    from kinerja.org.tests.test_import_views import pegawai_xlsx

    path.write_bytes(pegawai_xlsx(rows))
    return str(path)


def test_admin_bkpsdm_imports_staff_data_reads_the_refusals_then_applies_a_corrected_file(page, tmp_path):
    """A new head for the vacant Dinas Dukcapil arrives in a SIASN-style sheet; a second row has a wrong NIP."""
    seat = Jabatan.objects.get(
        instansi__kode="KOTA-SKM", nama="Kepala Dinas Kependudukan dan Pencatatan Sipil"
    )
    ref = seat.kode or f"#{seat.pk}"
    newcomer = [
        "198501012010011001",
        "Rudi Hartono",
        "PNS",
        "IV/a",
        "L",
        ref,
        f"{YEAR}-01-02",
    ]
    wrong = ["198702142011132002", "Dewi Lestari", "PNS", "III/b", "P", "", ""]  # TMT month 13
    fixed = ["198702142011032002", *wrong[1:]]
    log_in(page, "admin.bkpsdm")

    page.goto(reverse("org:unit_tree"))
    section(page, "import-link").click()
    page.locator("#id_berkas").set_input_files(_pegawai_sheet(tmp_path / "pegawai.xlsx", [newcomer, wrong]))
    page.locator("main form button[type=submit]").click()

    refused = section(page, "refused")
    expect(refused.locator("tbody tr")).to_have_count(1)
    expect(refused.locator("tbody tr td").nth(1)).to_have_text("3")
    expect(refused).to_contain_text("Bulan TMT CPNS pada NIP tidak valid: 13")
    expect(section(page, "apply")).to_have_count(0)
    assert not Pegawai.objects.filter(nip=newcomer[0]).exists()

    page.goto(reverse("org:import_upload"))
    page.locator("#id_berkas").set_input_files(_pegawai_sheet(tmp_path / "pegawai-2.xlsx", [newcomer, fixed]))
    page.locator("main form button[type=submit]").click()
    expect(section(page, "counts").locator('[data-count="created"]')).to_have_text("2")
    section(page, "apply").click()

    page.wait_for_url(lambda url: path_of(url) == reverse("org:import_records"))
    expect(page.locator("main .alert-success")).to_be_visible()
    expect(section(page, "records")).to_contain_text("pegawai-2.xlsx")
    page.goto(reverse("org:unit_detail", args=[seat.unit_id]))
    expect(page.locator("main")).to_contain_text("Rudi Hartono")
    page.goto(reverse("org:unit_tree"))
    expect(page.locator("nav.tree")).to_contain_text("Rudi Hartono")  # the new head of Dinas Dukcapil
    assert page.problems == []


def test_choosing_a_language_switches_the_page_under_the_content_security_policy(page):
    # The switch once ran from an inline onchange, which the policy now forbids; kinerja.js does it instead.
    log_in(page, ROLES["pegawai"].login)
    expect(page.locator("html")).to_have_attribute("lang", "id")
    with page.expect_navigation():
        page.locator("#bahasa").select_option("en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.problems == []
