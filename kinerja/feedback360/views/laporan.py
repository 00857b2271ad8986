"""The report of a participant (once the round has closed) and the competency profile set by the penilai."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _

from kinerja.core import clock
from kinerja.core.views_util import submitted
from kinerja.criteria import selectors as criteria_selectors
from kinerja.feedback360 import permissions, selectors, services
from kinerja.feedback360.forms import ProfilForm
from kinerja.org import selectors as org_selectors


def laporan(request, pk: int):
    peserta = permissions.get_peserta_for_user_or_404(request.user, pk)
    today = clock.today(peserta.ronde.instansi)
    closed = peserta.ronde.closed(today)
    context = {
        "peserta": peserta,
        "ronde": peserta.ronde,
        "closed": closed,
        "report": selectors.report_of(peserta) if closed else None,
        "can_profile": permissions.can_set_profile(request.user, peserta.pegawai),
    }
    return render(request, "feedback360/laporan.html", context)


def profil(request, pegawai_pk: int, tahun: int):
    pegawai = permissions.get_pegawai_for_profile_or_404(request.user, pegawai_pk)
    today = clock.today(pegawai.instansi)
    editable = tahun == today.year and permissions.can_set_profile(request.user, pegawai)
    if request.method == "POST" and not editable:
        raise PermissionDenied(
            _("Only the employee's assessing official sets this year's competency profile.")
        )
    kerangka = criteria_selectors.in_force(pegawai.instansi_id, today) if editable else None
    primary = org_selectors.primary_assignment(pegawai, today) if editable else None
    rows = (
        selectors.profile_rows(
            pegawai, primary.jabatan, kerangka.pk, tahun, selectors.latest_report(pegawai.pk, tahun, today)
        )
        if kerangka is not None and primary is not None
        else []
    )
    form = ProfilForm(request.POST or None, rows=rows)
    done = submitted(
        request,
        form,
        lambda d: services.profil_simpan(actor=request.user, pegawai=pegawai, tahun=tahun, **form.values(d)),
        success=_("The competency profile is saved."),
        then=request.path,
    )
    if done:
        return done
    context = {
        "pegawai": pegawai,
        "tahun": tahun,
        "editable": editable and bool(rows),
        "form": form,
        "saved": selectors.profile_of(pegawai.pk, tahun),
    }
    return render(request, "feedback360/profil.html", context)


urlpatterns = [
    path("peserta/<int:pk>/", laporan, name="laporan"),
    path("profil/<int:pegawai_pk>/<int:tahun>/", profil, name="profil"),
]
