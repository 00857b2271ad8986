import datetime

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.core import navigation, selectors
from kinerja.core.formats import parse_int, tanggal
from kinerja.core.tabular import XLSX
from kinerja.portal import audit_trail, help, services
from kinerja.portal.permissions import audit_events_visible_to, can_export_audit_trail, sees_whole_trail


def home(request):
    """The home page: the cards every app registered that have something for this user."""
    return render(request, "portal/home.html", {"cards": navigation.home_cards_for(request)})


def _date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _filtered(request):
    """The events the user may see, the filters read from the query string, and the dropdowns' choices."""
    visible = audit_events_visible_to(request.user)
    params = request.GET
    filters = {
        "action": params.get("action", "").strip(),
        "object_type": params.get("object_type", "").strip(),
        # Like a malformed date, an id no one can have (not a number, beyond 64 bits) is ignored, not a 500.
        "actor_id": parse_int(params.get("actor"), low=1),
        "pegawai_id": parse_int(params.get("pegawai"), low=1),
        "date_from": _date(params.get("dari", "")),
        "date_to": _date(params.get("sampai", "")),
    }
    return selectors.filter_audit_events(visible, **filters), filters, audit_trail.filter_choices(visible)


def _described(filters: dict, choices: dict) -> str:
    """The filters in words, for the export's own audit event."""
    actions, actors, kinds = (dict(choices[k]) for k in ("actions", "actors", "kinds"))
    parts = [
        (_("Action"), actions.get(filters["action"], filters["action"])),
        (_("Actor"), actors.get(str(filters["actor_id"]), "") if filters["actor_id"] else ""),
        (_("Object kind"), kinds.get(filters["object_type"], filters["object_type"])),
        (_("From"), tanggal(filters["date_from"])),
        (_("Until"), tanggal(filters["date_to"])),
    ]
    return "; ".join(f"{label}: {value}" for label, value in parts if value) or _("all events")


def audit_list(request):
    events, filters, choices = _filtered(request)
    page = Paginator(audit_trail.with_names(events), 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "portal/audit_list.html",
        {
            "page": page,
            "rows": audit_trail.rows(page.object_list, request.user),
            "filters": filters,
            "choices": choices,
            "params": request.GET,
            "query": query.urlencode(),
            "whole": sees_whole_trail(request.user),
            "can_export": can_export_audit_trail(request.user),
        },
    )


def audit_export(request):
    events, filters, choices = _filtered(request)
    content = services.export_audit_trail(
        actor=request.user, events=events, described=_described(filters, choices)
    )
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="jejak-audit-{timezone.localdate():%Y%m%d}.xlsx"'
    return response


def help_index(request):
    """The guides of docs/, readable by every logged-in user."""
    return render(request, "portal/help_index.html", {"guides": help.GUIDES.values()})


def help_guide(request, guide: str):
    if guide not in help.GUIDES:
        raise Http404
    return render(
        request, "portal/help_guide.html", {"guide": help.GUIDES[guide], "page": help.guide_page(guide)}
    )
