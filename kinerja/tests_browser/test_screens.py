"""Every main page of every role, photographed at 1366 px and 400 px, and none scrolls sideways on a phone.

SCREENS is the table of main pages: a route of the permission harness (its id, e.g. "org:unit_detail[disdik]",
which gives the URL and who may open it) and the roles to photograph it as. A URL name that the harness knows and
that answers a page to someone is either in SCREENS or in NOT_SCREENS with the reason; a new page fails
`test_every_page_of_the_harness_is_photographed_or_excused` until it is placed in one of them.

The PNGs land in test-artifacts/screens/<role>-<page>-<width>.png: look at them after a change of layout.
"""

import os
import re
from dataclasses import dataclass

import pytest
from django.conf import settings

from kinerja.core.testing.harness import ANON, Objects, Route, all_routes, saved_logins
from kinerja.testkit.cast import CAST_USERNAMES

WIDTHS = {1366: {"width": 1366, "height": 900}, 400: {"width": 400, "height": 800}}
PHONE = 400


@dataclass(frozen=True)
class Screen:
    route: str  # a route id of the harness
    roles: tuple[str, ...] = ()  # whom to photograph it as; () = every role that the harness lets read it
    # Photographed in a second round, after every page of the first: its demo objects change ones the first
    # round shows (the dialog pages approve the SKP that `pegawai`'s draft pages show as a draft).
    later: bool = False


SCREENS = [
    Screen("portal:home"),
    Screen("accounts:login", (ANON,)),
    Screen("accounts:password_reset", (ANON,)),
    Screen("accounts:password_change", ("pegawai",)),
    Screen("accounts:token_list", ("pegawai",)),
    Screen("accounts:role_list", ("admin_bkpsdm",)),
    Screen("core:notifications", ("atasan",)),
    Screen("portal:audit_list", ("auditor", "pegawai")),
    Screen("portal:help", ("pegawai",)),
    Screen("portal:help_guide[user]", ("pegawai",)),
    Screen("portal:help_guide[admin]", ("admin_bkpsdm",)),
    Screen("org:unit_tree", ("pegawai", "admin_bkpsdm")),
    Screen("org:unit_detail[disdik]", ("admin_pd",)),
    Screen("org:jabatan_detail[disdik]", ("admin_bkpsdm",)),
    Screen("org:pegawai_list", ("admin_bkpsdm",)),
    Screen("org:pegawai_detail[self]", ("pegawai", "admin_bkpsdm")),
    Screen("org:pegawai_create", ("admin_bkpsdm",)),
    Screen("org:dinilai", ("atasan",)),
    Screen("org:vacant_list", ("admin_bkpsdm",)),
    Screen("org:unplaced_list", ("admin_bkpsdm",)),
    Screen("org:instansi_edit", ("admin_bkpsdm",)),
    Screen("org:import_upload", ("admin_bkpsdm",)),
    Screen("org:import_records", ("admin_bkpsdm",)),
    Screen("criteria:index", ("pegawai", "admin_bkpsdm")),
    Screen("criteria:mine", ("pegawai",)),
    Screen("criteria:detail[published]", ("admin_bkpsdm",)),
    Screen("criteria:detail[draft]", ("admin_bkpsdm",)),
    Screen("criteria:compare[published]", ("admin_bkpsdm",)),
    Screen("criteria:settings[draft]", ("admin_bkpsdm",)),
    Screen("criteria:perilaku[draft]", ("admin_bkpsdm",)),
    Screen("criteria:kompetensi_list[draft]", ("admin_bkpsdm",)),
    Screen("criteria:kriteria_list[draft]", ("admin_bkpsdm",)),
    Screen("criteria:aturan[rating]", ("admin_bkpsdm",)),
    Screen("criteria:standar[published]", ("tim_penilai",)),
    Screen("criteria:standar_import[draft]", ("admin_bkpsdm",)),
    Screen("planning:index", ("pegawai", "atasan")),
    Screen("planning:skp_detail[draft]", ("pegawai",)),
    Screen("planning:skp_detail[disetujui]", ("atasan",)),
    Screen("planning:rhk_create[draft]", ("pegawai",)),
    Screen("planning:indikator_create[draft]", ("pegawai",)),
    Screen("planning:lampiran[draft]", ("pegawai",)),
    Screen("planning:import[draft]", ("pegawai",)),
    Screen("planning:approve[diajukan]", ("atasan",)),
    Screen("planning:versions[compare]", ("atasan",)),
    Screen("planning:inbox", ("atasan",)),
    Screen("planning:cascade", ("kepala_dinas",)),
    Screen("planning:list", ("admin_bkpsdm",)),
    Screen("planning:years", ("admin_bkpsdm", "pegawai")),
    Screen("planning:year_open", ("admin_bkpsdm",)),
    Screen("planning:year_edit", ("admin_bkpsdm",)),
    Screen("planning:periode_edit", ("admin_bkpsdm",)),
    Screen("monitoring:feedback_queue", ("atasan",)),
    Screen("monitoring:dialog_list", ("pegawai", "atasan")),
    Screen("monitoring:dialog_create", ("pegawai",), later=True),
    Screen("monitoring:dialog_detail", ("atasan",), later=True),
    Screen("monitoring:dialog_edit", ("pegawai",), later=True),
    Screen("monitoring:index", ("pegawai",)),
    Screen("monitoring:skp[disetujui]", ("atasan", "kepala_dinas")),
    Screen("monitoring:skp[draft]", ("pegawai",)),
    Screen("monitoring:realisasi_edit[create]", ("atasan",)),
    Screen("monitoring:realisasi_detail", ("atasan",)),
    Screen("monitoring:bukti_add", ("atasan",)),
    Screen("monitoring:team", ("atasan", "pegawai")),
    Screen("monitoring:rencana_aksi_edit", ("atasan",)),
    Screen("monitoring:rencana_aksi_comment", ("atasan",)),
    Screen("monitoring:reopen_list", ("admin_bkpsdm", "admin_pd")),
    Screen("monitoring:reopen_create", ("admin_bkpsdm",)),
    Screen("monitoring:kehadiran_list", ("admin_bkpsdm",)),
    Screen("monitoring:kehadiran_import", ("admin_pd",)),
    Screen("monitoring:sanksi_list", ("admin_bkpsdm",)),
    Screen("monitoring:sanksi_create", ("admin_bkpsdm",)),
    Screen("monitoring:sanksi_detail", ("pegawai",)),
    Screen("monitoring:inovasi_list", ("pegawai", "atasan")),
    Screen("monitoring:inovasi_create", ("pegawai",)),
    Screen("monitoring:inovasi_detail", ("atasan",)),
    Screen("evaluation:index", ("atasan", "kepala_dinas")),
    Screen("evaluation:periodik", ("atasan",)),
    Screen("evaluation:tahunan", ("atasan",)),
    Screen("evaluation:detail", ("atasan", "auditor")),
    Screen("evaluation:putus", ("kepala_dinas",)),
    Screen("evaluation:organisasi", ("kepala_dinas", "admin_bkpsdm")),
    Screen("evaluation:rekap", ("admin_bkpsdm",)),
    Screen("calibration:kurva", ("admin_bkpsdm", "admin_pd")),
    Screen("calibration:daftar", ("tim_penilai",)),
    Screen("calibration:sesi_baru", ("tim_penilai",)),
    Screen("calibration:sesi", ("tim_penilai", "kepala_dinas")),
    Screen("calibration:usul", ("kepala_dinas",)),
    Screen("calibration:tolak", ("tim_penilai",)),
    Screen("calibration:tutup", ("tim_penilai",)),
    Screen("calibration:ketua", ("admin_bkpsdm",)),
    Screen("calibration:penilai_ikhtisar", ("tim_penilai",)),
    Screen("calibration:penilai", ("atasan",)),
    Screen("feedback360:index", ("pegawai", "atasan", "admin_bkpsdm")),
    Screen("feedback360:ronde_baru", ("admin_bkpsdm",)),
    Screen("feedback360:ronde", ("admin_bkpsdm",)),
    Screen("feedback360:isi", ("pegawai",)),
    Screen("feedback360:rekan", ("atasan",)),
    Screen("feedback360:laporan", ("pegawai",)),
    Screen("feedback360:profil", ("atasan", "pegawai")),
    Screen("reports:pengisian", ("admin_bkpsdm", "admin_pd")),
    Screen("reports:pengisian[dinkes]", ("admin_bkpsdm",)),
    Screen("reports:kinerja", ("admin_bkpsdm", "kepala_dinas", "atasan")),
    Screen("core:verify", (ANON,)),
    Screen("core:verify_document[cocok]", (ANON,)),
    Screen("core:verify_document[tidak-cocok]", (ANON,)),
]

# URL names that answer something to someone but are not photographed, and why.
DOWNLOAD = "a file download, not a page"
FRAGMENT = "an htmx fragment of a page photographed above"
SAME_FORM = "the same form template as a page photographed above"
CONFIRM = "a one-question confirmation page"
NOT_SCREENS = {
    "accounts:password_reset_done": CONFIRM,
    "accounts:password_reset_confirm": "the form of accounts:password_change, reached from an email",
    "accounts:password_reset_complete": CONFIRM,
    "org:unit_children": FRAGMENT,
    "monitoring:sanksi_document": DOWNLOAD,
    "reports:pengisian_export": DOWNLOAD,
    "reports:pengisian_trend": FRAGMENT,
    "monitoring:inovasi_file": DOWNLOAD,
    "monitoring:sanksi_cancel": SAME_FORM,
    "monitoring:inovasi_edit": SAME_FORM,
    "monitoring:inovasi_kembalikan": SAME_FORM,
    "org:unit_create": SAME_FORM,
    "org:unit_edit": SAME_FORM,
    "org:unit_move": SAME_FORM,
    "org:jabatan_create": SAME_FORM,
    "org:jabatan_edit": SAME_FORM,
    "org:pegawai_edit": SAME_FORM,
    "org:penugasan_create": SAME_FORM,
    "org:pegawai_transfer": SAME_FORM,
    "org:penugasan_end": SAME_FORM,
    "org:import_end_missing": "a step of the import, after a preview (photographed by the import journey)",
    "org:import_template": DOWNLOAD,
    "org:import_example": DOWNLOAD,
    "org:import_export": DOWNLOAD,
    "criteria:start": CONFIRM,
    "criteria:publish": CONFIRM,
    "criteria:discard": CONFIRM,
    "criteria:standar_template": DOWNLOAD,
    "criteria:kompetensi_create": SAME_FORM,
    "criteria:kompetensi_edit": SAME_FORM,
    "criteria:kompetensi_delete": CONFIRM,
    "criteria:kriteria_create": SAME_FORM,
    "criteria:kriteria_edit": SAME_FORM,
    "criteria:kriteria_delete": CONFIRM,
    "planning:rhk_edit": SAME_FORM,
    "planning:indikator_edit": SAME_FORM,
    "planning:revise": SAME_FORM,
    "planning:return": SAME_FORM,
    "planning:pdf": DOWNLOAD,
    "planning:export": DOWNLOAD,
    "portal:audit_export": DOWNLOAD,
    "planning:import_template": DOWNLOAD,
    "planning:reassign": SAME_FORM,
    "planning:extend": SAME_FORM,
    "monitoring:bukti_download": DOWNLOAD,
    "monitoring:bukti_withdraw": CONFIRM,
    "evaluation:pdf": DOWNLOAD,
    "evaluation:rekap_export": DOWNLOAD,
    "evaluation:keberatan": SAME_FORM,
    "evaluation:organisasi_catat": SAME_FORM,
    "feedback360:tutup": CONFIRM,
}


def routes_by_id() -> dict[str, Route]:
    return {route.id: route for route in all_routes() if not route.is_api}


def readers(route: Route) -> tuple[str, ...]:
    return tuple(role for role, expected in (route.read or {}).items() if expected == 200)


def file_part(route_id: str) -> str:
    """'org:unit_detail[disdik]' -> 'org-unit_detail-disdik'."""
    return re.sub(r"[^a-z0-9_]+", "-", route_id.lower()).strip("-")


def plan(later: bool = False) -> list[tuple[str, Screen]]:
    """(role, screen) for every photograph of a round, each role a whole run of pages."""
    routes = routes_by_id()
    shots = []
    for screen in SCREENS:
        if screen.later != later:
            continue
        for role in screen.roles or readers(routes[screen.route]):
            shots.append((role, screen))
    return sorted(shots, key=lambda shot: shot[0])


def test_every_page_of_the_harness_is_photographed_or_excused():
    routes = routes_by_id()
    unknown = [s.route for s in SCREENS if s.route not in routes]
    assert unknown == [], f"SCREENS names routes the harness does not declare: {unknown}"
    refused = [(s.route, r) for s in SCREENS for r in s.roles if r not in readers(routes[s.route])]
    assert refused == [], f"SCREENS photographs pages as roles the harness refuses: {refused}"
    pages = {route.name for route in routes.values() if readers(route)}
    shown = {routes[s.route].name for s in SCREENS}
    missing = sorted(pages - shown - set(NOT_SCREENS))
    assert missing == [], f"pages neither in SCREENS nor in NOT_SCREENS: {missing}"
    stale = sorted(set(NOT_SCREENS) & shown) + sorted(set(NOT_SCREENS) - pages)
    assert stale == [], f"NOT_SCREENS entries that are photographed or no longer pages: {stale}"


def test_every_main_page_of_a_logged_in_user_has_a_short_help():
    from kinerja.portal.help import TOPICS

    routes = routes_by_id()
    pages = {routes[s.route].name for s in SCREENS if s.roles != (ANON,)}
    lacking = sorted(pages - set(TOPICS) - {"portal:help", "portal:help_guide"})  # the guides are the help
    assert lacking == [], f"main pages without a help topic in kinerja/portal/help.py: {lacking}"


# What makes the page wider than the window: the element reaching furthest right (the outermost of equals),
# leaving out what a scroll container clips (that one scrolls, the page does not). An absolutely placed element
# is clipped only by a container it is placed in (Bootstrap's visually-hidden labels escape a plain one).
SIDEWAYS = """() => {
  const limit = window.innerWidth;
  if (document.documentElement.scrollWidth <= limit) return null;
  const style = (el) => getComputedStyle(el);
  const clipped = (el) => {
    for (let node = el; node && node !== document.body; ) {
      let parent = node.parentElement;
      const position = style(node).position;
      if (position === "fixed") return false;
      if (position === "absolute") {
        while (parent && parent !== document.body && style(parent).position === "static") parent = parent.parentElement;
      }
      if (!parent || parent === document.body) return false;
      if (style(parent).overflowX !== "visible") return true;
      node = parent;
    }
    return false;
  };
  let worst = null, right = limit;
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.width && box.right > right + 0.5 && !clipped(el)) { worst = el; right = box.right; }
  }
  if (!worst) return `scrollWidth ${document.documentElement.scrollWidth} > ${limit}`;
  const name = worst.tagName.toLowerCase() + (worst.id ? "#" + worst.id : "")
    + [...worst.classList].map((c) => "." + c).join("");
  const text = (worst.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 60);
  const parent = worst.parentElement.tagName.toLowerCase() + [...worst.parentElement.classList].map((c) => "." + c).join("");
  return `${name} (in ${parent}) reaches ${Math.round(right)} px (${Math.round(worst.getBoundingClientRect().width)} px wide)`
    + (text ? ` "${text}"` : "");
}"""


# At 1366 px the menu unfolds: its entries and the language, bell and user menu beside them stand on one line.
MENU_WRAPS = """() => {
  const bar = document.querySelector('nav.navbar .container-fluid');
  return bar !== null && bar.getBoundingClientRect().height > 60;
}"""


def signed_in_page(browser, base_url: str, role: str, viewport: dict, logins: dict):
    """A fresh browser context as `role` (through its saved session; `anon`: no session), and its page."""
    context = browser.new_context(base_url=base_url, viewport=viewport, locale="id-ID")
    context.set_default_timeout(15_000)
    if role != ANON:
        cookie = {"name": settings.SESSION_COOKIE_NAME, "value": logins[role], "url": base_url}
        context.add_cookies([cookie])
    return context.new_page()


def demo_objects() -> Objects:
    """One set of the harness's demo objects for every role (the drafts they create exist once)."""
    from kinerja.testkit.cast import Cast

    return Objects(Cast.from_db(), "superuser")


@pytest.mark.browser
def test_every_main_page_at_1366_and_400_px_and_none_scrolls_sideways(browser, live_server, demo, artifacts):
    objs = demo_objects()
    routes = routes_by_id()
    logins = saved_logins(CAST_USERNAMES)
    folder = artifacts / "screens"
    folder.mkdir(exist_ok=True)
    only = os.environ.get("KINERJA_SCREENS", "")  # e.g. KINERJA_SCREENS=planning: to photograph fewer pages
    failures = []
    for later in (False, True):  # the URLs of a round are made (with their demo objects) when it begins
        shots = [shot for shot in plan(later) if only in shot[1].route]
        urls = {screen.route: routes[screen.route].url(objs) for _role, screen in shots}
        for width, viewport in WIDTHS.items():
            page = None
            for role, screen in shots:
                if page is None or role != page.role:  # one context per role and width
                    if page is not None:
                        page.context.close()
                    page = signed_in_page(browser, live_server.url, role, viewport, logins)
                    page.role = role
                where = f"{screen.route} as {role} at {width} px ({urls[screen.route]})"
                response = page.goto(urls[screen.route])
                if response is None or response.status != 200:
                    failures.append(f"{where}: answered {response and response.status}")
                    continue
                page.screenshot(
                    path=str(folder / f"{role}-{file_part(screen.route)}-{width}.png"), full_page=True
                )
                if width == PHONE:
                    sideways = page.evaluate(SIDEWAYS)
                    if sideways:
                        failures.append(f"{where} scrolls sideways: {sideways}")
                elif page.evaluate(MENU_WRAPS):
                    failures.append(f"{where}: the menu bar takes more than one line")
            if page is not None:
                page.context.close()
    assert failures == [], "\n".join(failures)


@pytest.mark.browser
def test_on_a_phone_tables_become_labelled_cards_matrices_scroll_in_their_box_and_help_opens(
    browser, live_server, demo, artifacts
):
    from django.urls import reverse
    from playwright.sync_api import expect

    from conftest import YEAR
    from kinerja.criteria.models import Kerangka

    (artifacts / "screens").mkdir(exist_ok=True)
    page = signed_in_page(
        browser, live_server.url, "admin_bkpsdm", WIDTHS[PHONE], saved_logins(CAST_USERNAMES)
    )

    page.goto(reverse("planning:list"))
    first = page.locator('[data-testid="skp-row"]').first
    name = first.locator("td").first
    expect(name).to_have_attribute("data-label", "Nama")
    assert (
        page.evaluate("getComputedStyle(document.querySelector('[data-testid=skp-list] thead')).display")
        == "none"
    )
    box = name.bounding_box()
    assert box["x"] + box["width"] <= PHONE  # a card: the name cell spans the row, not a column of six
    assert "Nama" in page.evaluate("(td) => getComputedStyle(td, '::before').content", name.element_handle())

    kerangka = Kerangka.objects.get(instansi__kode="KOTA-SKM", tahun=YEAR, versi=1)
    page.goto(reverse("criteria:detail", args=[kerangka.pk]) + "#predikat")
    matrix = page.locator("table.table-bordered").first
    expect(matrix).not_to_have_class(re.compile("table-stack"))
    scroller = matrix.locator("xpath=..")
    expect(scroller).to_have_class(re.compile("table-responsive"))
    if page.evaluate("(box) => box.scrollWidth > box.clientWidth", scroller.element_handle()):
        expect(scroller).to_have_attribute("data-hint", re.compile("Geser ke samping"))

    page.goto(reverse("planning:years"))
    help_box = page.locator('[data-testid="help"]')
    expect(help_box.locator("a")).to_be_hidden()
    help_box.locator("summary").click()
    expect(help_box).to_contain_text("Tenggat tahun kinerjalah yang berlaku.")
    page.screenshot(path=str(artifacts / "screens" / "admin_bkpsdm-help-open-400.png"))
    help_box.locator("a").click()
    expect(page).to_have_url(re.compile(r"/bantuan/admin/#tahun-kinerja-dan-skp$"))
    expect(page.locator("#tahun-kinerja-dan-skp")).to_be_in_viewport()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
    page.context.close()
