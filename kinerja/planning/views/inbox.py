"""The inbox of the SKP waiting for the user's decision (and the PPK's, kept by the admin BKPSDM), with bulk
approval."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kinerja.core.errors import ApplicationError, apply_to_form
from kinerja.org import permissions as org_permissions
from kinerja.planning import forms, permissions, selectors, services
from kinerja.planning.models import SKP
from kinerja.planning.views import base


def _review(skp: SKP) -> dict:
    """What a waiting SKP's row shows when opened: its RHK with their indikator and targets (no queries)."""
    return {
        "skp": skp,
        "status": base.status_of(skp),
        "tenggat": selectors.deadline_of(skp),
        "rhk": [
            {
                "nomor": nomor,
                "rhk": rhk,
                "indikator": [(i, selectors.target_text(i)) for i in rhk.indikator.all()],
            }
            for nomor, rhk in selectors.rhk_rows(skp)
        ],
    }


def _others(items: list[SKP]) -> list[dict]:
    return [{"skp": s, "status": base.status_of(s)} for s in items]


def _inbox_page(request, tahun: int, form: forms.BulkApproveForm | None = None, status: int = 200):
    user = request.user
    pegawai = user.pegawai if user.pegawai_id else None
    mine = selectors.inbox(pegawai, tahun) if pegawai is not None else None
    instansi = org_permissions.instansi_for(user, request.GET.get("instansi"))
    ppk = None
    if instansi is not None and permissions.can_manage_years(user, instansi.pk):
        ppk = selectors.ppk_inbox(instansi.pk, tahun)
    years = selectors.year_numbers(instansi.pk) if instansi is not None else []
    if tahun not in years:
        years = sorted({*years, tahun}, reverse=True)
    waiting = [_review(s) for s in (mine.menunggu if mine else [])]
    waiting_ppk = [_review(s) for s in (ppk.menunggu if ppk else [])]
    context = {
        "tahun": tahun,
        "years": years,
        "instansi": instansi,
        "mine": mine,
        "ppk": ppk,
        "waiting": waiting,
        "waiting_ppk": waiting_ppk,
        "others": _others(mine.lainnya) if mine else [],
        "others_ppk": _others(ppk.lainnya) if ppk else [],
        "form": form or forms.BulkApproveForm(initial={"tahun": tahun}),
        "selected": form.selected() if form is not None else set(),
    }
    return render(request, "planning/lead_inbox.html", context, status=status)


def inbox(request):
    return _inbox_page(request, base.year_of(request, request.GET.get("tahun")))


@require_POST
def bulk_approve(request):
    form = forms.BulkApproveForm(request.POST)
    tahun = base.year_of(request, request.POST.get("tahun"))
    if not form.is_valid():
        return _inbox_page(request, tahun, form)
    items = form.cleaned_data["items"]
    found = selectors.skp_by_id(permissions.skp_visible_to(request.user), [pk for pk, _kunci in items])
    if len(found) != len(items):
        raise Http404
    try:
        approved = services.skp_bulk_approve(
            actor=request.user, items=[(found[pk], kunci) for pk, kunci in items]
        )
    except PermissionDenied as exc:
        problem = str(exc) or _("You are not allowed to do this.")
        form.add_error(None, _("Nothing was approved: %(problem)s") % {"problem": problem})
        return _inbox_page(request, tahun, form, status=403)
    except ApplicationError as exc:
        apply_to_form(form, exc)
        return _inbox_page(request, tahun, form)
    messages.success(
        request,
        ngettext("%(n)s SKP was approved.", "%(n)s SKP were approved.", len(approved)) % {"n": len(approved)},
    )
    return redirect(f"{reverse('planning:inbox')}?tahun={tahun}")
