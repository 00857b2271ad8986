"""Attendance: the list of applied files, and the import (upload → preview → apply, kinerja.core.imports) for the
admin BKPSDM (the whole instansi) and a department administrator (the people placed in their units)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kinerja.core import imports as pipeline
from kinerja.core.errors import ApplicationError, apply_to_form
from kinerja.core.formats import angka, bulan_tahun
from kinerja.monitoring import kehadiran, services
from kinerja.monitoring.models import StatusKehadiran
from kinerja.monitoring.selectors import kehadiran as selectors
from kinerja.org.permissions import current_instansi

PURPOSE = "monitoring.kehadiran"
SHOWN = 300  # rows of problems or changes a preview lists


class UploadForm(forms.Form):
    berkas = forms.FileField(
        label=gettext_lazy("Attendance file (.xlsx or .csv, at most 20 MB)"),
        help_text=gettext_lazy(
            "One month per file. Columns: nip, tanggal and status (hadir, izin, sakit, cuti, dinas luar, tanpa "
            "keterangan, or the codes H, I, S, C, DL, TK)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )


def _instansi(request):
    instansi = current_instansi(request)
    if not selectors.can_import_any(request.user, instansi.pk):
        raise PermissionDenied(_("Only the BKPSDM or a department administrator can import attendance."))
    return instansi


def kehadiran_list(request):
    instansi = _instansi(request)
    rows = list(selectors.imports_of(instansi.pk)[:200])
    return render(request, "monitoring/kehadiran_list.html", {"rows": rows, "instansi": instansi})


def _preview(request, instansi, report: kehadiran.Report, file_name: str, stored: pipeline.Stored | None):
    labels = dict(StatusKehadiran.choices)
    corrections = [
        (c.nama, c.nip, c.tanggal, labels[c.before], labels[c.after] if c.after else _("(no longer listed)"))
        for c in report.changes
        if c.before is not None
    ][:SHOWN]
    return render(
        request,
        "monitoring/kehadiran_preview.html",
        {
            "report": report,
            "counts": report.counts,
            "problems": report.problems[:SHOWN],
            "corrections": corrections,
            "bulan": bulan_tahun(report.bulan),
            "file_name": file_name,
            "shown": SHOWN,
            "payload": (
                pipeline.sign_stored(PURPOSE, stored, target_id=instansi.pk, user_id=request.user.pk)
                if stored is not None and report.ok and report.changes
                else ""
            ),
        },
    )


def kehadiran_import(request):
    instansi = _instansi(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["berkas"]
        try:
            if upload.size > kehadiran.MAX_BYTES:
                raise pipeline.PreviewRefused(
                    _("The file is larger than 20 MB. Split it into smaller files.")
                )
            data = upload.read()
            rows = kehadiran.read_table(upload.name, data)
            report = services.kehadiran_check(actor=request.user, instansi=instansi, rows=rows)
        except ApplicationError as exc:
            apply_to_form(form, exc)
        else:
            stored = pipeline.keep(data, name=upload.name) if report.ok and report.changes else None
            return _preview(request, instansi, report, upload.name, stored)
    return render(
        request,
        "monitoring/kehadiran_import.html",
        {"form": form, "cancel_url": reverse("monitoring:kehadiran_list")},
    )


@require_POST
def kehadiran_apply(request):
    instansi = _instansi(request)
    back = reverse("monitoring:kehadiran_import")
    token = request.POST.get("payload", "")
    try:
        stored = pipeline.unsign_stored(PURPOSE, token, target_id=instansi.pk, user_id=request.user.pk)
        pipeline.consume(PURPOSE, token)
        rows = kehadiran.read_table(stored.name, pipeline.take(stored))
        report, record = services.kehadiran_apply(
            actor=request.user, instansi=instansi, rows=rows, nama_berkas=stored.name, sha256=stored.sha256
        )
    except ApplicationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(back)
    if record is None:
        messages.info(request, _("The file matches what is recorded; nothing changed."))
    else:
        counts = report.counts
        messages.success(
            request,
            _(
                "Attendance of %(month)s imported: %(added)s days added, %(changed)s changed, %(removed)s removed."
            )
            % {
                "month": bulan_tahun(report.bulan),
                "added": angka(counts["baru"]),
                "changed": angka(counts["berubah"]),
                "removed": angka(counts["dihapus"]),
            },
        )
    return redirect(reverse("monitoring:kehadiran_list"))


urlpatterns: list = [
    path("kehadiran/", kehadiran_list, name="kehadiran_list"),
    path("kehadiran/impor/", kehadiran_import, name="kehadiran_import"),
    path("kehadiran/impor/terapkan/", kehadiran_apply, name="kehadiran_apply"),
]
