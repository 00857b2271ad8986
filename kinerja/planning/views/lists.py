"""The list of a unit's SKP with its counts per status, and its Excel."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from kinerja.core import clock, tabular
from kinerja.org.permissions import current_instansi
from kinerja.planning import forms, permissions, selectors
from kinerja.planning.models import StatusSKP
from kinerja.planning.views import base

PAGE_SIZE = 50


def _filtered(request):
    """The SKP the user may list with the filters of the query string: (instansi, form, tahun, qs before the
    status filter, qs)."""
    user = request.user
    instansi = current_instansi(request)
    if not permissions.can_export(user, instansi.pk):
        raise PermissionDenied
    paths = permissions.listable_unit_paths(user)
    form = forms.ListFilterForm(request.GET, units=selectors.units_for_list(instansi.pk, paths))
    tahun = form.value("tahun") or clock.today(instansi).year
    unit = form.units.get(form.value("unit"))
    visible = permissions.skp_visible_to(user).filter(instansi=instansi)
    filters = {"tahun": tahun, "unit_path": unit.path if unit else "", "cari": form.value("q") or ""}
    every_status = selectors.skp_list(visible, **filters)
    status = form.value("status") or ""
    qs = selectors.skp_list(visible, status=status, **filters)
    return instansi, form, tahun, status, every_status, qs


def skp_list(request):
    instansi, form, tahun, status, every_status, qs = _filtered(request)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    without_status = query.copy()
    without_status.pop("status", None)
    counts = selectors.status_counts(every_status)
    return render(
        request,
        "planning/lead_list.html",
        {
            "instansi": instansi,
            "form": form,
            "tahun": tahun,
            "status": status,
            "page": page,
            "rows": [
                {
                    "skp": s,
                    "status": base.status_of(s),
                    "administer": permissions.can_administer(request.user, s),
                }
                for s in page
            ],
            "counts": [
                {"status": value, "label": label, "n": counts[value], "badge": base.STATUS_BADGE[value]}
                for value, label in StatusSKP.choices
            ],
            "total": sum(counts.values()),
            "query": query.urlencode(),
            "without_status": without_status.urlencode(),
        },
    )


def export(request):
    instansi, _form, tahun, status, _every, qs = _filtered(request)
    content = tabular.write_workbook({"SKP": (selectors.EXPORT_HEADER, selectors.export_rows(qs))})
    response = HttpResponse(content, content_type=tabular.XLSX)
    suffix = f"-{status}" if status else ""
    response["Content-Disposition"] = f'attachment; filename="skp-{instansi.kode}-{tahun}{suffix}.xlsx"'
    return response
