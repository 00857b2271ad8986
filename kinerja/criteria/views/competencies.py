"""The competency dictionary of a draft and the required competency levels of positions: the grid per unit,
the spreadsheet import (upload, preview, apply) and its template."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.core.errors import ApplicationError, apply_to_form
from kinerja.core.tabular import XLSX
from kinerja.core.views_util import confirm_action, run_service
from kinerja.criteria import forms, imports, permissions, selectors, services
from kinerja.criteria.models import JenisKompetensi, Kerangka
from kinerja.criteria.views.base import editable, entry_page, item_of, visible
from kinerja.org import permissions as org_permissions

STANDAR_PAGE_SIZE = 25  # positions per page: keeps the grid under Django's limit of 1000 fields per POST


def kompetensi_list(request, pk):
    kerangka = editable(request, pk)
    rows = [(k, permissions.can_delete_kompetensi(request.user, k)) for k in kerangka.kompetensi.all()]
    return render(request, "criteria/kompetensi_list.html", {"kerangka": kerangka, "rows": rows})


def kompetensi_edit(request, pk, item=None):
    kerangka = editable(request, pk)
    kompetensi = item_of(kerangka.kompetensi, item)
    form = forms.KompetensiForm.for_entry(
        request.POST or None,
        kerangka.kompetensi,
        kompetensi,
        national=kompetensi is not None and kompetensi.jenis != JenisKompetensi.TEKNIS,
    )
    return entry_page(
        request,
        kerangka,
        kompetensi,
        form,
        lambda d: services.kompetensi_save(actor=request.user, kerangka=kerangka, **form.values()),
        list_name="criteria:kompetensi_list",
        saved=_("The competency %(name)s was saved."),
        titles=(_("New competency"), _("Edit competency %(name)s")),
    )


def kompetensi_delete(request, pk, item):
    kerangka = visible(request, pk)
    kompetensi = item_of(kerangka.kompetensi, item)
    if not permissions.can_delete_kompetensi(request.user, kompetensi):
        raise PermissionDenied
    return confirm_action(
        request,
        lambda: services.kompetensi_delete(actor=request.user, kerangka=kerangka, kompetensi=kompetensi),
        success=_("The competency %(name)s was removed.") % {"name": kompetensi.nama},
        then=reverse("criteria:kompetensi_list", args=[kerangka.pk]),
        title=_("Remove the competency %(name)s?") % {"name": kompetensi.nama},
        consequence=_("Its required levels in this draft are removed with it."),
        submit_label=_("Remove"),
    )


# Required competency levels ---------------------------------------------------------------------------------


def _units(user, kerangka: Kerangka):
    units = org_permissions.units_visible_to(user).filter(instansi_id=kerangka.instansi_id, aktif=True)
    return units.order_by("path").only("pk", "nama", "depth")


def _standar_form(request, kerangka: Kerangka, unit):
    """The grid of one page of the unit's positions, and the page."""
    positions = (
        org_permissions.jabatan_visible_to(request.user).filter(unit=unit, aktif=True).order_by("path")
    )
    page = Paginator(positions, STANDAR_PAGE_SIZE).get_page(request.GET.get("page"))
    form = forms.StandarGridForm(
        request.POST or None,
        positions=list(page),
        kompetensi=list(kerangka.kompetensi.all()),
        levels=selectors.standar_levels(kerangka, [j.pk for j in page]),
    )
    return form, page


def standar(request, pk):
    """Required levels of one unit's positions; readable by all who see the version, editable in a draft."""
    kerangka = visible(request, pk)
    can_edit = permissions.can_edit(request.user, kerangka)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    units = list(_units(request.user, kerangka))
    unit_id = request.GET.get("unit", "")
    unit = next((u for u in units if str(u.pk) == unit_id), None)
    form = page = None
    if unit is not None:
        form, page = _standar_form(request, kerangka, unit)
        # A count of 0 is a success too (run_service gives None only for a refusal).
        if request.method == "POST" and form.is_valid():
            changed = run_service(
                form,
                lambda d: services.standar_set(
                    actor=request.user,
                    kerangka=kerangka,
                    items=form.items(),
                    reason=_("Edited for unit %(unit)s") % {"unit": unit.nama},
                ),
            )
            if changed is not None:
                messages.success(request, _("%(count)s required levels were changed.") % {"count": changed})
                return redirect(request.get_full_path())
    return render(
        request,
        "criteria/standar.html",
        {
            "kerangka": kerangka,
            "can_edit": can_edit,
            "units": [(u.pk, "\u00a0\u00a0" * u.depth + u.nama) for u in units],
            "unit": unit,
            "page": page,
            "form": form,
            "query": f"unit={unit.pk}" if unit else "",
        },
    )


# The import: upload, preview, apply -------------------------------------------------------------------------


def _preview(request, kerangka: Kerangka, report: imports.Report, file_name: str = ""):
    return render(
        request,
        "criteria/standar_preview.html",
        {
            "kerangka": kerangka,
            "report": report,
            "counts": report.counts,
            "problems": sorted(report.problems, key=lambda p: (p.row, imports.COLUMNS.index(p.column))),
            "changes": [i for i in report.items if i.status != "unchanged"][:200],
            "file_name": file_name,
            "payload": imports.sign(kerangka, report.rows, request.user.pk) if report.ok else "",
        },
    )


def standar_import(request, pk):
    kerangka = editable(request, pk)
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["berkas"]
        try:
            rows = imports.read_upload(upload)
        except ApplicationError as exc:
            apply_to_form(form, exc)
        else:
            return _preview(request, kerangka, imports.validate(kerangka, rows), upload.name)
    return render(request, "criteria/standar_import.html", {"kerangka": kerangka, "form": form})


@require_POST
def standar_import_apply(request, pk):
    kerangka = editable(request, pk)
    back = reverse("criteria:standar_import", args=[kerangka.pk])
    try:
        rows = imports.unsign(kerangka, request.POST.get("payload", ""), request.user.pk)
    except ApplicationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(back)
    report = imports.validate(kerangka, rows)
    if not report.ok:
        messages.error(
            request, _("The data changed since the preview; nothing was imported. See the rows below.")
        )
        return _preview(request, kerangka, report)
    try:
        changed = services.standar_set(
            actor=request.user,
            kerangka=kerangka,
            items=[(i.jabatan, i.kompetensi, i.level) for i in report.items],
            reason=_("Imported from a file (%(rows)s rows)") % {"rows": len(report.items)},
        )
    except ApplicationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _preview(request, kerangka, report)
    messages.success(
        request, _("The import is done: %(count)s required levels were changed.") % {"count": changed}
    )
    return redirect(reverse("criteria:standar", args=[kerangka.pk]))


def standar_template(request, pk):
    kerangka = editable(request, pk)
    response = HttpResponse(imports.template_workbook(imports.template_examples(kerangka)), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="templat-standar-kompetensi.xlsx"'
    return response
