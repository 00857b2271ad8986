"""The recap of an instansi's evaluations (a unit's subtree for a department administrator) for a period or the
year: a table on the page and the Excel file with the columns of the national report."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _

from kinerja.accounts.permissions import access_of
from kinerja.core import tabular
from kinerja.evaluation import permissions
from kinerja.evaluation.selectors import recap as selectors
from kinerja.evaluation.views.span import span_from

SHOWN = 200


def _scope(request):
    access = access_of(request.user)
    if access.instansi_id is None or not permissions.can_read_recap(request.user, access.instansi_id):
        raise PermissionDenied(
            _("The recap of evaluations is for the BKPSDM, the evaluation team and auditors.")
        )
    instansi = request.user.instansi
    paths = permissions.recap_paths(request.user)
    tahun, periode, periods, today = span_from(request, instansi)
    nomor = periode.nomor if periode else None
    return instansi, paths, tahun, nomor, periods, today


def rekap(request):
    instansi, paths, tahun, nomor, periods, today = _scope(request)
    found = selectors.recap(instansi.pk, tahun, nomor, paths)
    rows = selectors.recap_rows(found[:SHOWN])
    context = {
        "instansi": instansi,
        "tahun": tahun,
        "years": list(range(today.year, today.year - 3, -1)),
        "nomor": nomor,
        "periods": periods,
        "header": selectors.HEADER,
        "rows": rows,
        "total": found.count(),
        "shown": SHOWN,
    }
    return render(request, "evaluation/rekap.html", context)


def rekap_export(request):
    instansi, paths, tahun, nomor, _periods, _today = _scope(request)
    rows = selectors.recap_rows(selectors.recap(instansi.pk, tahun, nomor, paths).iterator(chunk_size=2000))
    content = tabular.write_workbook({"Rekap evaluasi": (selectors.HEADER, rows)})
    response = HttpResponse(content, content_type=tabular.XLSX)
    name = f"rekap-evaluasi-{instansi.kode}-{tahun}-{f'p{nomor}' if nomor else 'tahunan'}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


urlpatterns: list = [
    path("rekap/", rekap, name="rekap"),
    path("rekap/unduh/", rekap_export, name="rekap_export"),
]
