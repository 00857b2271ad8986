import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.accounts.permissions import access_of
from kinerja.core import selectors
from kinerja.core.notifications import mark_read
from kinerja.core.notifications import of_user as notifications_of
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
        context["skp_saya"] = _my_skp(pegawai)
    instansi = request.user.instansi
    if instansi is not None and org_permissions.can_manage_org(request.user, instansi):
        paths = org_permissions.managed_unit_paths(request.user, instansi)
        context["attention"] = org_selectors.org_attention(instansi.pk, paths)
    if sees_whole_trail(request.user):
        context["recent_events"] = audit_events_visible_to(request.user).order_by("-seq")[:5]
    return render(request, "core/home.html", context)


def _my_skp(pegawai) -> dict:
    """The card "My SKP": this year's SKP of the pegawai (the latest one), or the year's deadline to start."""
    from kinerja.planning import selectors as planning_selectors

    tahun = planning_selectors.today().year
    found = planning_selectors.skp_of(pegawai, tahun)
    skp = found[0] if found else None
    opened = skp.tahun_kinerja if skp else planning_selectors.tahun_of(pegawai.instansi_id, tahun)
    return {
        "tahun": tahun,
        "skp": skp,
        "dibuka": opened is not None,
        "tenggat": planning_selectors.deadline_of(skp) if skp else (opened.tenggat_skp if opened else None),
    }


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


# Notifications ----------------------------------------------------------------------------------------------


@login_required
def notifications(request):
    """The user's notifications, newest first."""
    page = Paginator(notifications_of(request.user), 25).get_page(request.GET.get("page"))
    return render(request, "core/notifications.html", {"page": page, "query": ""})


@login_required
@require_POST
def notifications_read(request):
    """Mark every unread notification read, or only the one given with ?id= (then open its link)."""
    n, one = mark_read(request.user, request.GET.get("id", ""))
    if one is not None:
        safe = url_has_allowed_host_and_scheme(
            one.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        return redirect(one.url if one.url and safe else "core:notifications")
    if n:
        messages.success(request, _("All notifications are marked as read."))
    return redirect("core:notifications")
