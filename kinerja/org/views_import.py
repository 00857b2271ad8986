"""Screens of the staff data import: upload, preview, apply, the records of past imports, ending the assignments
of people missing from a full export, and the template / example / export downloads.

Between preview and apply the uploaded file is kept server-side by the import kernel (kinerja.core.imports); the
browser only carries a signed token naming it, bound to the instansi and the user, valid for one hour.
"""

import re

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kinerja.core import imports as pipeline
from kinerja.core.errors import ApplicationError, apply_to_form
from kinerja.core.tabular import XLSX
from kinerja.org import forms, imports, permissions, selectors, services_import

FILE_SALT = "kinerja.org.import.file"
MISSING_SALT = "kinerja.org.import.missing"
TOKEN_MAX_AGE = pipeline.MAX_AGE  # seconds
KIND_LABELS = {
    imports.UNIT: gettext_lazy("Units"),
    imports.JABATAN: gettext_lazy("Positions"),
    imports.PEGAWAI: gettext_lazy("Employees"),
}
ACTION_LABELS = {"created": gettext_lazy("new"), "updated": gettext_lazy("changed")}


def _instansi(request):
    """The instansi the user imports into; 403 unless the user is its admin BKPSDM."""
    instansi = permissions.current_instansi(request)
    if not permissions.can_import(request.user, instansi):
        raise PermissionDenied
    return instansi


def file_token(
    *, sha256: str, file_name: str, instansi_id: int, user_id: int, fingerprint: dict | None = None
) -> str:
    """The apply token: the kept file, and the fingerprint of the records the preview said it would change."""
    stored = pipeline.Stored(sha256, pipeline.extension(file_name), file_name)
    extra = {"fp": fingerprint} if fingerprint is not None else None
    return pipeline.sign_stored(FILE_SALT, stored, target_id=instansi_id, user_id=user_id, extra=extra)


def missing_token(*, nips, instansi_id: int, user_id: int) -> str:
    return pipeline.sign(MISSING_SALT, {"nips": list(nips)}, target_id=instansi_id, user_id=user_id)


def _bound(request, instansi) -> dict:
    """What a token must be bound to here: the instansi and the user (someone else's token is answered 404)."""
    return {"target_id": instansi.pk, "user_id": request.user.pk, "max_age": TOKEN_MAX_AGE}


def _counts(counts: dict) -> list[tuple[str, dict]]:
    return [(KIND_LABELS[k], counts[k]) for k in imports.KINDS if k in counts]


def _upload_page(request, instansi, form, status=200, refusals=()):
    return render(
        request,
        "org/import_upload.html",
        {
            "instansi": instansi,
            "form": form,
            "unit_header": imports.UNIT_HEADER,
            "jabatan_header": imports.JABATAN_HEADER,
            "pegawai_header": imports.PEGAWAI_HEADER,
            "refusals": refusals,
        },
        status=status,
    )


def _preview_page(request, instansi, report: imports.Report, token: str):
    missing_t = ""
    if report.missing:
        missing_t = missing_token(
            nips=[nip for nip, _nama in report.missing], instansi_id=instansi.pk, user_id=request.user.pk
        )
    return render(
        request,
        "org/import_preview.html",
        {
            "instansi": instansi,
            "report": report,
            "counts": _counts(report.counts),
            "refused": [(KIND_LABELS.get(r.sheet, r.sheet), r) for r in report.refused],
            "more_refused": report.refused_total - len(report.refused),
            "changes": [
                (KIND_LABELS.get(c.sheet, c.sheet), ACTION_LABELS[c.action], c) for c in report.changes
            ],
            "can_apply": report.ok and not report.nothing_to_change,
            "token": token,
            "missing_token": missing_t,
        },
    )


def upload(request):
    instansi = _instansi(request)
    form = forms.ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        berkas = form.cleaned_data["berkas"]
        data = berkas.read(settings.IMPORT_MAX_BYTES + 1)
        try:
            book, sha256 = imports.read_upload(berkas.name, data)
            with book:
                report = imports.preview(
                    actor=request.user, instansi=instansi, book=book, file_name=berkas.name, sha256=sha256
                )
        except ApplicationError as exc:
            apply_to_form(form, exc)
            return _upload_page(request, instansi, form)
        token = ""
        if report.ok and not report.nothing_to_change:
            pipeline.keep(data, name=berkas.name)
            token = file_token(
                sha256=sha256,
                file_name=berkas.name,
                instansi_id=instansi.pk,
                user_id=request.user.pk,
                fingerprint=report.fingerprint,
            )
        return _preview_page(request, instansi, report, token)
    return _upload_page(request, instansi, form)


def _refuse(request, instansi, exc: ApplicationError):
    return _upload_page(request, instansi, forms.ImportUploadForm(), status=400, refusals=exc.messages)


@require_POST
def apply(request):
    instansi = _instansi(request)
    try:
        token = request.POST.get("t", "")
        stored, data = pipeline.unsign_stored_with(FILE_SALT, token, **_bound(request, instansi))
        fingerprint = data.get("fp")
        if fingerprint is not None and not isinstance(fingerprint, dict):
            raise pipeline.PreviewTampered
        # Used once: of two applies of one preview (a double click, two tabs) the second is refused here.
        pipeline.consume(FILE_SALT, token)
        book, sha256 = imports.read_upload(stored.name, pipeline.take(stored))
        with book:
            report = imports.apply(
                actor=request.user,
                instansi=instansi,
                book=book,
                file_name=stored.name,
                sha256=sha256,
                fingerprint=fingerprint,
            )
    except pipeline.PreviewNotYours as exc:
        raise Http404 from exc
    except imports.ImportRefused as exc:
        messages.error(
            request, _("The data changed since the preview; nothing was imported. See the rows below.")
        )
        return _preview_page(request, instansi, exc.report, "")
    except ApplicationError as exc:
        return _refuse(request, instansi, exc)
    if report.applied:
        done = "; ".join(
            _("%(sheet)s: %(created)s created, %(updated)s updated, %(unchanged)s unchanged")
            % {"sheet": label, **c}
            for label, c in _counts(report.counts)
        )
        messages.success(request, _("The import is done.") + " " + done)
    else:
        messages.info(request, _("Nothing to change: the data already matches the file."))
    return redirect("org:import_records")


def records(request):
    instansi = _instansi(request)
    rows = [(record, _counts(record.counts)) for record in selectors.import_records(instansi)[:200]]
    return render(request, "org/import_records.html", {"instansi": instansi, "rows": rows})


def end_missing(request):
    instansi = _instansi(request)
    # The preview posts only the token (the list may be long): that shows the form; the form posts the rest.
    token = request.POST.get("t", "") if request.method == "POST" else request.GET.get("t", "")
    confirmed = request.method == "POST" and "tanggal" in request.POST
    form = forms.EndMissingForm(request.POST if confirmed else None, initial={"t": token})
    try:
        nips = pipeline.unsign(MISSING_SALT, token, **_bound(request, instansi))["nips"]
    except pipeline.PreviewNotYours as exc:
        raise Http404 from exc
    except ApplicationError as exc:
        return _refuse(request, instansi, exc)
    people = selectors.pegawai_by_nip(instansi, nips)
    if confirmed and form.is_valid():
        try:
            ended = services_import.penugasan_end_missing(
                actor=request.user,
                instansi=instansi,
                nips=nips,
                tanggal=form.cleaned_data["tanggal"],
                reason=form.cleaned_data["reason"],
            )
        except ApplicationError as exc:
            apply_to_form(form, exc)
        else:
            messages.success(request, _("%(n)s assignments were ended.") % {"n": ended})
            return redirect("org:import_records")
    return render(request, "org/import_end_missing.html", {"form": form, "people": people})


def _download(content: bytes, file_name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


def template(request):
    _instansi(request)
    return _download(imports.template_workbook(), "templat-impor-pegawai.xlsx")


def example(request):
    _instansi(request)
    return _download(imports.example_workbook(), "contoh-impor-pegawai.xlsx")


def export(request):
    instansi = _instansi(request)
    return _download(
        imports.export_workbook(instansi), f"data-{re.sub(r'[^A-Za-z0-9_-]', '', instansi.kode)}.xlsx"
    )
