"""The kernel's registries: lifecycle hooks, the menu and home cards, the demo loaders."""

import pytest
from django.urls import reverse

from kinerja.core import demo, hooks, navigation
from kinerja.core.models import AuditEvent
from kinerja.org import demo as org_demo
from kinerja.org import services as org_services
from kinerja.org.models import Penugasan
from kinerja.planning import services as planning_services
from kinerja.testkit import cast as named

# Hooks ------------------------------------------------------------------------------------------------------


@pytest.fixture
def fresh_hooks(monkeypatch):
    """Registrations made by the test are forgotten afterwards; the apps' own ones stay."""
    monkeypatch.setattr(hooks, "_handlers", {event: list(h) for event, h in hooks._handlers.items()})


def test_planning_ends_its_skp_when_org_announces_an_assignment_ended():
    handler = planning_services.skp_end_with_assignment
    assert hooks.handlers_of(hooks.ASSIGNMENT_ENDED) == [f"{handler.__module__}.{handler.__qualname__}"]


def test_handlers_run_in_their_order_with_the_announced_payload(fresh_hooks):
    calls = []

    def second(**payload):
        calls.append(("second", payload))

    def first(**payload):
        calls.append(("first", payload))

    hooks.on(hooks.FRAMEWORK_PUBLISHED, second, order=20)
    hooks.on(hooks.FRAMEWORK_PUBLISHED, first, order=10)
    hooks.on(hooks.FRAMEWORK_PUBLISHED, first, order=10)  # a second ready() registers nothing more
    hooks.announce(hooks.FRAMEWORK_PUBLISHED, actor=None, kerangka="K")
    assert calls == [
        ("first", {"actor": None, "kerangka": "K"}),
        ("second", {"actor": None, "kerangka": "K"}),
    ]


def test_an_unknown_event_is_refused(fresh_hooks):
    with pytest.raises(ValueError):
        hooks.on("skp_eaten", lambda **_: None)
    with pytest.raises(ValueError):
        hooks.announce("skp_eaten")


def test_a_failing_handler_rolls_the_announcing_service_back(cast, fresh_hooks):
    def refuse(**payload):
        raise RuntimeError("a higher app could not follow")

    hooks.on(hooks.ASSIGNMENT_ENDED, refuse)
    pegawai = named.person(org_demo.NIP_PELAKSANA_IMUNISASI)
    current = Penugasan.objects.filter(pegawai=pegawai, selesai__isnull=True).get()
    last_seq = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first()
    with pytest.raises(RuntimeError):
        org_services.penugasan_end(
            actor=cast.admin_bkpsdm, penugasan=current, selesai=current.mulai, reason="Pensiun"
        )
    current.refresh_from_db()
    assert current.selesai is None
    assert not AuditEvent.objects.filter(seq__gt=last_seq).exists()


# Menu and home cards ----------------------------------------------------------------------------------------


def labels(items) -> list[str]:
    return [str(item.label) for item in items]


def test_each_app_puts_its_entries_in_the_menu_in_the_registered_order(cast, rf):
    request = rf.get("/")
    request.user = cast.atasan
    assert labels(navigation.menu_for(request)) == [
        "Beranda",
        "Organisasi",
        "Pegawai",
        "Kriteria",
        "Pegawai yang saya nilai",
        "SKP",
        "Kotak masuk SKP",
        "Pemantauan",
        "Evaluasi",
        "360",
        "Jejak audit",
    ]


def test_an_app_added_later_appears_without_editing_another(cast, rf, monkeypatch):
    monkeypatch.setattr(navigation, "_menu", list(navigation._menu))
    monkeypatch.setattr(navigation, "_cards", list(navigation._cards))

    def realisasi(request):
        return [navigation.MenuItem("Realisasi", "/realisasi/")]

    def card(request):
        return navigation.HomeCard("portal/_card_recent_events.html", {"events": []})

    navigation.add_menu(45, realisasi)
    navigation.add_home_card(5, card)
    request = rf.get("/")
    request.user = cast.pegawai
    assert (
        labels(navigation.menu_for(request)).index("Realisasi")
        == labels(navigation.menu_for(request)).index("SKP") + 1
    )
    assert navigation.home_cards_for(request)[0].template == "portal/_card_recent_events.html"


def test_a_link_named_by_its_area_joins_a_later_dropdown_of_that_area_under_its_own_title(
    cast, rf, monkeypatch
):
    monkeypatch.setattr(navigation, "_menu", [])

    def area(request):
        return [navigation.MenuItem("Evaluasi", "/rekap/", testid="rekap", title="Rekap evaluasi")]

    def later(request):
        return [navigation.MenuItem("Evaluasi", children=[navigation.MenuItem("Kurva", "/kurva/")])]

    request = rf.get("/")
    request.user = cast.tim_penilai
    navigation.add_menu(1, area)
    [alone] = navigation.menu_for(request)
    assert (alone.label, alone.url, alone.children) == ("Evaluasi", "/rekap/", ())  # alone: as it was given
    navigation.add_menu(2, later)
    [group] = navigation.menu_for(request)
    assert group.label == "Evaluasi"
    assert [(c.label, c.url, c.testid) for c in group.children] == [
        ("Rekap evaluasi", "/rekap/", "rekap"),
        ("Kurva", "/kurva/", ""),
    ]


def test_the_home_page_shows_the_cards_the_apps_give_this_user(cast):
    pegawai = cast.client("pegawai").get(reverse("portal:home")).context["cards"]
    admin = cast.client("admin_bkpsdm").get(reverse("portal:home")).context["cards"]
    # The pegawai assesses nobody: no card saying so.
    assert [c.template for c in pegawai] == [
        "org/_card_my_position.html",
        "planning/_card_my_skp.html",
        "criteria/_card_my_criteria.html",
        "feedback360/_card_todo.html",
    ]
    assert [c.template for c in admin] == [
        "planning/_card_ppk_inbox.html",
        "reports/_card_leader.html",
        "planning/_card_year_state.html",
        "calibration/_card_sesi.html",  # a member of the demo's open calibration session
        "criteria/_card_framework_review.html",
        "org/_card_attention.html",
        "portal/_card_recent_events.html",
    ]


# Demo -------------------------------------------------------------------------------------------------------


def test_the_demo_is_loaded_app_by_app_in_installed_apps_order():
    assert [f.__module__.split(".")[1] for f in demo.loaders()] == [
        "org",
        "criteria",
        "planning",
        "monitoring",
        "evaluation",
        "feedback360",
        "calibration",
    ]
