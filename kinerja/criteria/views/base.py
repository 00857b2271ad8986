"""What the framework screens share: fetching a version to read (404) or edit (403), its label and links, and
the rule sections as the pages show them."""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.core.views_util import form_page, submitted
from kinerja.criteria import permissions, rules
from kinerja.criteria.models import Bagian, Kerangka


def visible(request, pk) -> Kerangka:
    """A version the user may see, else 404."""
    return permissions.get_kerangka_for_user_or_404(request.user, pk)


def editable(request, pk) -> Kerangka:
    """A draft the user may edit: 404 when they may not see it, 403 when they may only read it."""
    kerangka = visible(request, pk)
    if not permissions.can_edit(request.user, kerangka):
        if not kerangka.is_draft:
            raise PermissionDenied(
                _("This version is published and can no longer change; start a new version.")
            )
        raise PermissionDenied(
            _("Only the BKPSDM administrator of the agency edits the assessment framework.")
        )
    return kerangka


def item_of(entries, item):
    """One entry (competency, criterion) of the version's `entries`, None for a new one, else 404."""
    return get_object_or_404(entries, pk=item) if item is not None else None


def label(kerangka: Kerangka) -> str:
    return _("%(year)s version %(version)s") % {"year": kerangka.tahun, "version": kerangka.versi}


def detail_url(kerangka: Kerangka, anchor: str = "") -> str:
    url = reverse("criteria:detail", args=[kerangka.pk])
    return f"{url}#{anchor}" if anchor else url


def entry_page(
    request, kerangka: Kerangka, entry, form, save: Callable, *, list_name: str, saved: str, titles
):
    """The page that adds (`entry` None) or edits a competency or criterion: `save` it, flash `saved` with its
    name and go back to the list `list_name`; `titles` are the page's title when adding and when editing."""
    back = reverse(list_name, args=[kerangka.pk])
    done = submitted(
        request, form, save, success=lambda saved_entry: saved % {"name": saved_entry.nama}, then=back
    )
    title = titles[0] if entry is None else titles[1] % {"name": entry}
    return done or form_page(request, form, title=title, cancel_url=back)


def _matrix(rows: list[dict]) -> list[tuple]:
    """The predikat matrix as rows of result rating × columns of behaviour rating."""
    cells = {(r.get("hasil"), r.get("perilaku")): r.get("predikat") for r in rows}
    return [(hasil, [cells.get((hasil, perilaku)) for perilaku in rules.RATINGS]) for hasil in rules.RATINGS]


def sections(aturan, only=None) -> list[dict]:
    """The rule sections (all, or those in `only`) as plain data for the templates."""
    by_bagian: dict[str, list] = {b: [] for b in Bagian.values}
    for a in aturan:
        by_bagian[a.bagian].append(a)
    return [
        {
            "bagian": bagian,
            "label": name,
            "rows": by_bagian[bagian],
            "sources": sorted({a.sumber for a in by_bagian[bagian] if a.sumber}),
            "matrix": _matrix([a.data for a in by_bagian[bagian]]) if bagian == Bagian.PREDIKAT else None,
            "columns": rules.RATINGS,
        }
        for bagian, name in Bagian.choices
        if only is None or bagian in only
    ]
