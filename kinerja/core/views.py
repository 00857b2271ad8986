import datetime

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from kinerja.accounts.permissions import access_of
from kinerja.core import selectors
from kinerja.core.permissions import audit_events_visible_to, sees_whole_trail
from kinerja.org import permissions as org_permissions
from kinerja.org import selectors as org_selectors


@login_required
def home(request):
    access = access_of(request.user)
    context = {"access": access}
    pegawai = request.user.pegawai
    if pegawai is not None:
        context["rantai"] = org_selectors.penilai_chain(pegawai)
        context["dinilai"] = org_selectors.assessed_by(pegawai)
        context["jabatan_dipegang"] = org_selectors.held_positions(pegawai)
    instansi = request.user.instansi
    if instansi is not None and org_permissions.can_manage_org(request.user, instansi):
        paths = org_permissions.managed_unit_paths(request.user, instansi)
        context["attention"] = org_selectors.org_attention(instansi.pk, paths)
    if sees_whole_trail(request.user):
        context["recent_events"] = audit_events_visible_to(request.user).order_by("-seq")[:5]
    return render(request, "core/home.html", context)


def _date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@login_required
def audit_list(request):
    qs = audit_events_visible_to(request.user)
    params = request.GET
    pegawai_id = params.get("pegawai", "")
    filters = {
        "action": params.get("action", "").strip(),
        "object_type": params.get("object_type", "").strip(),
        "actor": params.get("actor", "").strip(),
        "pegawai_id": int(pegawai_id) if pegawai_id.isdigit() else None,
        "date_from": _date(params.get("dari", "")),
        "date_to": _date(params.get("sampai", "")),
    }
    events = selectors.filter_audit_events(qs, **filters)
    page = Paginator(events, 50).get_page(params.get("page"))
    query = params.copy()
    query.pop("page", None)
    return render(
        request,
        "core/audit_list.html",
        {
            "page": page,
            "filters": filters,
            "params": params,
            "query": query.urlencode(),
            "whole": sees_whole_trail(request.user),
        },
    )
