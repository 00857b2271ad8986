"""Screens of leaders and administrators in performance planning: the inbox with bulk approval, the cascade
(matriks peran hasil), the list and Excel of a unit's SKP, the BKPSDM's corrections of one SKP (penilai,
deadline), and the performance years with their periods.

SKP come only through permissions.skp_visible_to (404 when not visible); an action the user may not take on a
visible object answers 403.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kinerja.accounts.permissions import access_of
from kinerja.core import clock, tabular
from kinerja.core.errors import ApplicationError, apply_to_form
from kinerja.core.templatetags.kinerja import tanggal
from kinerja.core.views_util import current_instansi, form_page, run_service
from kinerja.org import permissions as org_permissions
from kinerja.planning import forms_lead, permissions, selectors, selectors_lead, services
from kinerja.planning.models import SKP, StatusSKP, TahunKinerja
from kinerja.planning.views import STATUS_BADGE, XLSX

PAGE_SIZE = 50
# Levels of the cascade shown at once; deeper RHK are counted and reached through their owner's cascade.
DEPTHS = (2, 3, 4, 6, 10)
# Two levels by default: a kepala dinas sees their RHK, their kabid's and the kasi's (about 200 KB of HTML at
# 20,000 pegawai; four levels of the Sekda's cascade would be 13 MB on a slow link).
DEFAULT_DEPTH = 2


def _year(request, value) -> int:
    """A year from the query string, else the current one where the user's instansi is."""
    value = str(value or "")
    if value.isdigit() and 2000 <= int(value) <= 2100:
        return int(value)
    return clock.today(request.user.instansi).year


def _with_instansi(request, url: str, instansi) -> str:
    """Keep a superuser's choice of instansi on the links and redirects of the year screens."""
    return f"{url}?instansi={instansi.pk}" if access_of(request.user).superuser else url


def _status(skp: SKP) -> dict:
    return {"label": skp.get_status_display(), "badge": STATUS_BADGE.get(skp.status, "text-bg-secondary")}


# The inbox --------------------------------------------------------------------------------------------------


def _review(skp: SKP) -> dict:
    """What a waiting SKP's row shows when opened: its RHK with their indikator and targets (no queries)."""
    return {
        "skp": skp,
        "status": _status(skp),
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
    return [{"skp": s, "status": _status(s)} for s in items]


def _inbox_page(request, tahun: int, form: forms_lead.BulkApproveForm | None = None, status: int = 200):
    user = request.user
    pegawai = user.pegawai if user.pegawai_id else None
    mine = selectors.inbox(pegawai, tahun) if pegawai is not None else None
    instansi = org_permissions.instansi_for(user, request.GET.get("instansi"))
    ppk = None
    if instansi is not None and permissions.can_manage_years(user, instansi.pk):
        ppk = selectors_lead.ppk_inbox(instansi.pk, tahun)
    years = selectors_lead.year_numbers(instansi.pk) if instansi is not None else []
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
        "form": form or forms_lead.BulkApproveForm(initial={"tahun": tahun}),
        "selected": form.selected() if form is not None else set(),
    }
    return render(request, "planning/lead_inbox.html", context, status=status)


@login_required
def inbox(request):
    return _inbox_page(request, _year(request, request.GET.get("tahun")))


@login_required
@require_POST
def bulk_approve(request):
    form = forms_lead.BulkApproveForm(request.POST)
    tahun = _year(request, request.POST.get("tahun"))
    if not form.is_valid():
        return _inbox_page(request, tahun, form)
    items = form.cleaned_data["items"]
    found = selectors_lead.skp_by_id(permissions.skp_visible_to(request.user), [pk for pk, _kunci in items])
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


# The cascade ------------------------------------------------------------------------------------------------


def _count_below(node) -> int:
    node.turunan = sum(1 + _count_below(child) for child in node.children)
    return node.turunan


def _leader(request, error: list[str]):
    """The leader whose cascade is shown: ?nip=, ?pegawai=<id>, else the user, else the highest one they see."""
    user = request.user
    wanted = request.GET.get("pegawai", "")
    nip = forms_lead.clean_nip(request.GET.get("nip", ""))
    if nip:
        found = selectors_lead.pegawai_by_nip(org_permissions.pegawai_visible_to(user), nip)
        if found is None:
            error.append(_("No employee you may see has the NIP %(nip)s.") % {"nip": request.GET["nip"]})
        return found
    if wanted.isdigit():
        return org_permissions.get_pegawai_for_user_or_404(user, wanted)
    if user.pegawai_id:
        return user.pegawai
    return selectors_lead.highest_leader(org_permissions.pegawai_visible_to(user), clock.today(user.instansi))


@login_required
def cascade(request):
    tahun = _year(request, request.GET.get("tahun"))
    depth = request.GET.get("kedalaman", "")
    depth = int(depth) if depth.isdigit() and int(depth) in DEPTHS else DEFAULT_DEPTH
    error: list[str] = []
    leader = _leader(request, error)
    result = selectors.cascade(leader, tahun) if leader is not None else None
    summary = None
    if result is not None:
        total = sum(1 + _count_below(root) for root in result.roots)
        for node in result.yatim:
            _count_below(node)
        summary = {
            "skp": result.jumlah_skp,
            "rhk_pimpinan": len(result.roots),
            "rhk": total,
            "tidak_didukung": result.tidak_didukung,
            "yatim": len(result.yatim),
        }
    return render(
        request,
        "planning/lead_cascade.html",
        {
            "tahun": tahun,
            "leader": leader,
            "cascade": result,
            "summary": summary,
            "depth": depth,
            "depths": DEPTHS,
            "error": error[0] if error else "",
            "nip": request.GET.get("nip", ""),
            "own": leader is not None and leader.pk == request.user.pegawai_id,
        },
    )


# The list of SKP and its Excel ------------------------------------------------------------------------------


def _filtered(request):
    """The SKP the user may list with the filters of the query string: (instansi, form, tahun, qs before the
    status filter, qs)."""
    user = request.user
    instansi = current_instansi(request)
    if not permissions.can_export(user, instansi.pk):
        raise PermissionDenied
    access = access_of(user)
    paths = None if access.superuser or access.reads_whole_instansi else access.admin_unit_paths
    form = forms_lead.ListFilterForm(request.GET, units=selectors_lead.units_for_list(instansi.pk, paths))
    tahun = form.value("tahun") or clock.today(instansi).year
    unit = form.units.get(form.value("unit"))
    visible = permissions.skp_visible_to(user).filter(instansi=instansi)
    every_status = selectors.skp_list(visible, tahun=tahun, unit_path=unit.path if unit else "")
    status = form.value("status") or ""
    qs = selectors.skp_list(visible, tahun=tahun, status=status, unit_path=unit.path if unit else "")
    return instansi, form, tahun, status, every_status, qs


@login_required
def skp_list(request):
    instansi, form, tahun, status, every_status, qs = _filtered(request)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    without_status = query.copy()
    without_status.pop("status", None)
    counts = selectors_lead.status_counts(every_status)
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
                {"skp": s, "status": _status(s), "administer": permissions.can_administer(request.user, s)}
                for s in page
            ],
            "counts": [
                {"status": value, "label": label, "n": counts[value], "badge": STATUS_BADGE[value]}
                for value, label in StatusSKP.choices
            ],
            "total": sum(counts.values()),
            "query": query.urlencode(),
            "without_status": without_status.urlencode(),
        },
    )


@login_required
def export(request):
    instansi, _form, tahun, status, _every, qs = _filtered(request)
    content = tabular.write_workbook({"SKP": (selectors.EXPORT_HEADER, selectors.export_rows(qs))})
    response = HttpResponse(content, content_type=XLSX)
    suffix = f"-{status}" if status else ""
    response["Content-Disposition"] = f'attachment; filename="skp-{instansi.kode}-{tahun}{suffix}.xlsx"'
    return response


# The BKPSDM's corrections of one SKP ------------------------------------------------------------------------


def _administered(request, pk) -> SKP:
    skp = permissions.get_skp_for_user_or_404(request.user, pk)
    if not permissions.can_administer(request.user, skp):
        raise PermissionDenied
    return skp


def _owner(skp: SKP) -> str:
    return skp.identitas_pegawai.get("nama") or skp.pegawai.nama_lengkap


@login_required
def reassign(request, pk):
    skp = _administered(request, pk)
    form = forms_lead.ReassignForm(request.POST or None, instansi=skp.instansi)
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            lambda d: services.skp_reassign_penilai(
                actor=request.user, skp=skp, penilai=d["penilai"], reason=d["reason"]
            ),
        )
        if done:
            messages.success(
                request,
                _("%(penilai)s now assesses the SKP of %(name)s.")
                % {"penilai": done.identitas_penilai.get("nama", ""), "name": _owner(done)},
            )
            return redirect("planning:skp_detail", skp.pk)
    current = skp.identitas_penilai.get("nama") or skp.identitas_penilai.get("jabatan") or "—"
    return form_page(
        request,
        form,
        title=_("Change the assessing official of the SKP of %(name)s") % {"name": _owner(skp)},
        intro=_(
            "Now: %(penilai)s. Use this only when the organisation data gives the wrong official; from now on "
            "the person you choose approves or returns this SKP, whatever the organisation chart says."
        )
        % {"penilai": current},
        submit_label=_("Change the assessing official"),
        cancel_url=reverse("planning:skp_detail", args=[skp.pk]),
    )


@login_required
def extend(request, pk):
    skp = _administered(request, pk)
    deadline = selectors.deadline_of(skp)
    form = forms_lead.ExtendForm(request.POST or None, initial={"tenggat": deadline})
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            lambda d: services.skp_extend_deadline(
                actor=request.user, skp=skp, tenggat=d["tenggat"], reason=d["reason"]
            ),
        )
        if done:
            messages.success(
                request,
                _("The deadline of the SKP of %(name)s is now %(date)s.")
                % {"name": _owner(done), "date": tanggal(done.tenggat)},
            )
            return redirect("planning:skp_detail", skp.pk)
    return form_page(
        request,
        form,
        title=_("Extend the deadline of the SKP of %(name)s") % {"name": _owner(skp)},
        intro=_("The deadline now is %(date)s. The new deadline applies to this SKP only.")
        % {"date": tanggal(deadline)},
        submit_label=_("Extend the deadline"),
        cancel_url=reverse("planning:skp_detail", args=[skp.pk]),
    )


# Performance years ------------------------------------------------------------------------------------------


@login_required
def years(request):
    instansi = current_instansi(request)
    return render(
        request,
        "planning/lead_years.html",
        {
            "instansi": instansi,
            "years": selectors.years(instansi.pk),
            "can_manage": permissions.can_manage_years(request.user, instansi.pk),
            "open_url": _with_instansi(request, reverse("planning:year_open"), instansi),
        },
    )


def _next_year(instansi) -> int:
    opened = selectors_lead.year_numbers(instansi.pk)
    this_year = clock.today(instansi).year
    return this_year if this_year not in opened else max(opened) + 1


@login_required
def year_open(request):
    instansi = current_instansi(request)
    if not permissions.can_manage_years(request.user, instansi.pk):
        raise PermissionDenied
    form = forms_lead.YearOpenForm(request.POST or None, initial={"tahun": _next_year(instansi)})
    if request.method == "POST" and form.is_valid():
        opened = run_service(
            form,
            lambda d: services.tahun_open(
                actor=request.user,
                instansi=instansi,
                tahun=d["tahun"],
                skema_periode=d["skema_periode"] or None,
                tenggat_skp=d["tenggat_skp"],
                hari_tenggat_skp_baru=d["hari_tenggat_skp_baru"],
            ),
        )
        if opened:
            messages.success(
                request,
                _("The performance year %(year)s is open; employees can start their SKP.")
                % {"year": opened.tahun},
            )
            return redirect(_with_instansi(request, reverse("planning:years"), instansi))
    return form_page(
        request,
        form,
        title=_("Open a performance year"),
        intro=_(
            "The assessment framework of the year must be published first: it gives the evaluation periods and "
            "the days to record results after each period."
        ),
        submit_label=_("Open the year"),
        cancel_url=_with_instansi(request, reverse("planning:years"), instansi),
    )


def _managed_year(request, tahun: TahunKinerja) -> None:
    if not permissions.can_manage_years(request.user, tahun.instansi_id):
        raise PermissionDenied


@login_required
def year_edit(request, pk):
    tahun = permissions.get_tahun_for_user_or_404(request.user, pk)
    _managed_year(request, tahun)
    form = forms_lead.YearEditForm(
        request.POST or None,
        initial={"tenggat_skp": tahun.tenggat_skp, "hari_tenggat_skp_baru": tahun.hari_tenggat_skp_baru},
    )
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            lambda d: services.tahun_update(
                actor=request.user,
                tahun_kinerja=tahun,
                tenggat_skp=d["tenggat_skp"],
                hari_tenggat_skp_baru=d["hari_tenggat_skp_baru"],
                reason=d["reason"],
            ),
        )
        if done:
            messages.success(request, _("The performance year %(year)s was changed.") % {"year": done.tahun})
            return redirect(_with_instansi(request, reverse("planning:years"), tahun.instansi))
    return form_page(
        request,
        form,
        title=_("Change the performance year %(year)s") % {"year": tahun.tahun},
        intro=_("Employees are told nothing automatically; tell them about a changed deadline."),
        cancel_url=_with_instansi(request, reverse("planning:years"), tahun.instansi),
    )


@login_required
def periode_edit(request, pk):
    periode = get_object_or_404(selectors_lead.periods_in(permissions.years_visible_to(request.user)), pk=pk)
    _managed_year(request, periode.tahun_kinerja)
    form = forms_lead.PeriodeEditForm(request.POST or None, initial={"tenggat_input": periode.tenggat_input})
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            lambda d: services.periode_update(
                actor=request.user, periode=periode, tenggat_input=d["tenggat_input"], reason=d["reason"]
            ),
        )
        if done:
            messages.success(
                request,
                _("The input deadline of %(period)s is now %(date)s.")
                % {"period": done.nama, "date": tanggal(done.tenggat_input)},
            )
            return redirect(
                _with_instansi(request, reverse("planning:years"), periode.tahun_kinerja.instansi)
            )
    return form_page(
        request,
        form,
        title=_("Change the input deadline of %(period)s %(year)s")
        % {"period": periode.nama, "year": periode.tahun_kinerja.tahun},
        intro=_("The period runs from %(start)s to %(end)s; the input deadline cannot be before its end.")
        % {"start": tanggal(periode.mulai), "end": tanggal(periode.selesai)},
        cancel_url=_with_instansi(request, reverse("planning:years"), periode.tahun_kinerja.instansi),
    )
