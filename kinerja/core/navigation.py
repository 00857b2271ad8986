"""The registry through which each app puts its entries in the menu and its cards on the home page.

An app registers in its AppConfig.ready; the portal (the top layer) renders what is registered. So a new app
edits no other app: not the menu template, not the home view. Providers are called once per request and only
when the page shows the menu or the home page; each asks the permission layer of its own app.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class MenuItem:
    """One link of the main menu, or a dropdown when it has children."""

    label: str
    url: str = "#"
    testid: str = ""
    badge: int = 0
    badge_label: str = ""  # read by screen readers after the count, e.g. "waiting for a decision"
    badge_testid: str = ""
    children: Sequence["MenuItem"] = ()
    # A link named by its area ("Evaluasi") that is one page ("Rekap evaluasi"): when another app adds a dropdown of
    # the same label, the link joins it under this name.
    title: str = ""


@dataclass(frozen=True)
class HomeCard:
    """One card of the home page: a template included with `card` bound to this object."""

    template: str
    data: dict = field(default_factory=dict)


MenuProvider = Callable[[object], Sequence[MenuItem]]
CardProvider = Callable[[object], HomeCard | None]
# A section of a pegawai's profile page (org's pegawai detail) given by a later app, e.g. planning's "their SKP":
# a function of the request and the pegawai giving a card (the same template-with-data) or None.
PanelProvider = Callable[[object, object], HomeCard | None]

_menu: list[tuple[int, str, MenuProvider]] = []
_cards: list[tuple[int, str, CardProvider]] = []
# Sections of a page of another app, by place: "pegawai" (org's profile page, e.g. planning's "their SKP"), "skp"
# (planning's SKP page, e.g. monitoring's "realisasi and capaian"), "evaluasi" (evaluation's page of one span,
# given its page data, e.g. the 360 results beside the perilaku rating). The page has checked that the user may
# see its object.
PLACES = ("pegawai", "skp", "evaluasi")
_panels: dict[str, list[tuple[int, str, PanelProvider]]] = {place: [] for place in PLACES}


def _add(registry: list, order: int, provider) -> None:
    name = f"{provider.__module__}.{provider.__qualname__}"
    if any(entry[1] == name for entry in registry):
        return  # ready() may run twice (tests, autoreload); register once
    registry.append((order, name, provider))
    registry.sort(key=lambda entry: (entry[0], entry[1]))


def add_menu(order: int, provider: MenuProvider) -> None:
    """Register a function of the request giving menu items; lower orders stand further left."""
    _add(_menu, order, provider)


def add_home_card(order: int, provider: CardProvider) -> None:
    """Register a function of the request giving a card, or None when it has nothing for this user."""
    _add(_cards, order, provider)


def add_panel(place: str, order: int, provider: PanelProvider) -> None:
    """Register a function of the request and the page's object giving a section of that page, or None when it
    has nothing for this user."""
    _add(_panels[place], order, provider)


def _children(item: MenuItem) -> tuple[MenuItem, ...]:
    """A dropdown's links; a titled link's own link, under its title."""
    if item.children:
        return tuple(item.children)
    return (replace(item, label=item.title, title=""),)


def _joins(merged: MenuItem, item: MenuItem) -> bool:
    """Whether `item` goes into the earlier `merged`: the same label, both dropdowns or titled links."""
    return (
        merged.label == item.label
        and bool(merged.children or merged.title)
        and bool(item.children or item.title)
    )


def menu_for(request) -> list[MenuItem]:
    """The menu: every provider's items in order. Dropdowns with the same label are one dropdown (a later app
    adds its pages to an earlier app's group, e.g. the reports to "Pemantauan"); a link with a `title` joins a
    dropdown of its label under that title; and a dropdown of one link is that link."""
    merged: list[MenuItem] = []
    for _order, _name, provider in _menu:
        for item in provider(request):
            same = next((n for n, m in enumerate(merged) if _joins(m, item)), None)
            if same is None:
                merged.append(item)
            else:
                group = merged[same]
                merged[same] = MenuItem(group.label, children=(*_children(group), *_children(item)))
    return [m.children[0] if len(m.children) == 1 else m for m in merged]


def home_cards_for(request) -> list[HomeCard]:
    cards = (provider(request) for _order, _name, provider in _cards)
    return [card for card in cards if card is not None]


def panels_for(place: str, request, obj) -> list[HomeCard]:
    panels = (provider(request, obj) for _order, _name, provider in _panels[place])
    return [panel for panel in panels if panel is not None]


def per_request(request, key: str, compute: Callable[[], object]):
    """Compute a value once per request (a menu badge and a home card often need the same count)."""
    cache = request.__dict__.setdefault("_kinerja_nav_cache", {})
    if key not in cache:
        cache[key] = compute()
    return cache[key]
