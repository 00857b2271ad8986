"""The performance years with their periods: opening a year, changing its deadlines."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.core import clock
from kinerja.core.services import ADMIN_BKPSDM_ONLY
from kinerja.core.templatetags.kinerja import tanggal
from kinerja.core.views_util import form_page, submitted
from kinerja.org.permissions import current_instansi
from kinerja.planning import forms, permissions, selectors, services
from kinerja.planning.views import base


def years(request):
    instansi = current_instansi(request)
    return render(
        request,
        "planning/lead_years.html",
        {
            "instansi": instansi,
            "years": [(y, selectors.framework_skp_deadline(y)) for y in selectors.years(instansi.pk)],
            "can_manage": permissions.can_manage_years(request.user, instansi.pk),
            "open_url": base.with_instansi(request, reverse("planning:year_open"), instansi),
        },
    )


def _years_url(request, instansi) -> str:
    return base.with_instansi(request, reverse("planning:years"), instansi)


def _next_year(instansi) -> int:
    opened = selectors.year_numbers(instansi.pk)
    this_year = clock.today(instansi).year
    return this_year if this_year not in opened else max(opened) + 1


def year_open(request):
    instansi = current_instansi(request)
    base.forbid_unless(permissions.can_manage_years(request.user, instansi.pk), ADMIN_BKPSDM_ONLY)
    form = forms.YearOpenForm(request.POST or None, initial={"tahun": _next_year(instansi)})
    done = submitted(
        request,
        form,
        lambda d: services.tahun_open(
            actor=request.user,
            instansi=instansi,
            tahun=d["tahun"],
            skema_periode=d["skema_periode"] or None,
            tenggat_skp=d["tenggat_skp"],
            hari_tenggat_skp_baru=d["hari_tenggat_skp_baru"],
        ),
        success=lambda opened: (
            _("The performance year %(year)s is open; employees can start their SKP.")
            % {"year": opened.tahun}
        ),
        then=_years_url(request, instansi),
    )
    if done:
        return done
    return form_page(
        request,
        form,
        title=_("Open a performance year"),
        intro=_(
            "The assessment framework of the year must be published first: it gives the evaluation periods and "
            "the days to record results after each period."
        ),
        submit_label=_("Open the year"),
        cancel_url=_years_url(request, instansi),
    )


def year_edit(request, pk):
    tahun = permissions.get_tahun_for_user_or_404(request.user, pk)
    base.forbid_unless(permissions.can_manage_years(request.user, tahun.instansi_id), ADMIN_BKPSDM_ONLY)
    form = forms.YearEditForm(
        request.POST or None,
        initial={"tenggat_skp": tahun.tenggat_skp, "hari_tenggat_skp_baru": tahun.hari_tenggat_skp_baru},
    )
    done = submitted(
        request,
        form,
        lambda d: services.tahun_update(actor=request.user, tahun_kinerja=tahun, **d),
        success=lambda done: _("The performance year %(year)s was changed.") % {"year": done.tahun},
        then=_years_url(request, tahun.instansi),
    )
    if done:
        return done
    return form_page(
        request,
        form,
        title=_("Change the performance year %(year)s") % {"year": tahun.tahun},
        intro=_("Employees are told nothing automatically; tell them about a changed deadline."),
        cancel_url=_years_url(request, tahun.instansi),
    )


def periode_edit(request, pk):
    periode = get_object_or_404(selectors.periods_in(permissions.years_visible_to(request.user)), pk=pk)
    base.forbid_unless(
        permissions.can_manage_years(request.user, periode.tahun_kinerja.instansi_id),
        ADMIN_BKPSDM_ONLY,
    )
    form = forms.PeriodeEditForm(request.POST or None, initial={"tenggat_input": periode.tenggat_input})
    done = submitted(
        request,
        form,
        lambda d: services.periode_update(actor=request.user, periode=periode, **d),
        success=lambda done: (
            _("The input deadline of %(period)s is now %(date)s.")
            % {"period": done.nama, "date": tanggal(done.tenggat_input)}
        ),
        then=_years_url(request, periode.tahun_kinerja.instansi),
    )
    if done:
        return done
    return form_page(
        request,
        form,
        title=_("Change the input deadline of %(period)s %(year)s")
        % {"period": periode.nama, "year": periode.tahun_kinerja.tahun},
        intro=_("The period runs from %(start)s to %(end)s; the input deadline cannot be before its end.")
        % {"start": tanggal(periode.mulai), "end": tanggal(periode.selesai)},
        cancel_url=_years_url(request, periode.tahun_kinerja.instansi),
    )
