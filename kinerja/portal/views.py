import datetime

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from kinerja.core import navigation, selectors
from kinerja.core.formats import parse_int
from kinerja.portal import help
from kinerja.portal.permissions import audit_events_visible_to, sees_whole_trail


def home(request):
    """The home page: the cards every app registered that have something for this user."""
    return render(request, "portal/home.html", {"cards": navigation.home_cards_for(request)})


def _date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def audit_list(request):
    qs = audit_events_visible_to(request.user)
    params = request.GET
    filters = {
        "action": params.get("action", "").strip(),
        "object_type": params.get("object_type", "").strip(),
        "actor": params.get("actor", "").strip(),
        # Like a malformed date, an id no pegawai can have (not a number, beyond 64 bits) is ignored, not a 500.
        "pegawai_id": parse_int(params.get("pegawai"), low=1),
        "date_from": _date(params.get("dari", "")),
        "date_to": _date(params.get("sampai", "")),
    }
    events = selectors.filter_audit_events(qs, **filters)
    page = Paginator(events, 50).get_page(params.get("page"))
    query = params.copy()
    query.pop("page", None)
    return render(
        request,
        "portal/audit_list.html",
        {
            "page": page,
            "filters": filters,
            "params": params,
            "query": query.urlencode(),
            "whole": sees_whole_trail(request.user),
        },
    )


def help_index(request):
    """The guides of docs/, readable by every logged-in user."""
    return render(request, "portal/help_index.html", {"guides": help.GUIDES.values()})


def help_guide(request, guide: str):
    if guide not in help.GUIDES:
        raise Http404
    return render(
        request, "portal/help_guide.html", {"guide": help.GUIDES[guide], "page": help.guide_page(guide)}
    )
