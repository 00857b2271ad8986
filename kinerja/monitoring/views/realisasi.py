"""Screens of monitoring: the pegawai's realisasi per SKP and period, the form to record one (with a photo or a
link in the same step), one realisasi with its history and evidence, and the evidence itself (downloaded only
through here, as an attachment)."""

import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _

from kinerja.accounts.permissions import access_of
from kinerja.core import clock
from kinerja.core.formats import angka, tanggal
from kinerja.core.views_util import submitted
from kinerja.monitoring import permissions, selectors, services
from kinerja.monitoring.models import JenisBukti
from kinerja.monitoring.views.realisasi_forms import ACCEPT, BuktiForm, RealisasiForm, WithdrawForm


def _forbid(reason: str):
    raise PermissionDenied(reason)


def _why_not_record(user, skp) -> str:
    if not permissions.is_owner(user, skp):
        return _("Only the employee records the realisations of their own SKP; you can read them.")
    return _("This SKP has not been approved yet; realisations are recorded against an approved SKP.")


def skp_url(skp, nomor: int | None = None, anchor: str = "") -> str:
    url = reverse("monitoring:skp", args=[skp.pk])
    if nomor is not None:
        url += f"?periode={nomor}"
    return f"{url}#{anchor}" if anchor else url


def index(request):
    access = access_of(request.user)
    year = clock.today(request.user.instansi).year if request.user.instansi_id else None
    skps = selectors.my_skps(access.pegawai_id, year or 0)
    # One SKP this year goes straight to its page (last year's stay reachable from the SKP list); two this year
    # (a transfer) or none are listed.
    this_year = [s for s in skps if s.tahun_kinerja.tahun == year]
    if len(this_year) == 1:
        return redirect("monitoring:skp", pk=this_year[0].pk)
    return render(request, "monitoring/realisasi_index.html", {"skps": skps, "year": year})


def _period_number(request) -> int | None:
    value = request.GET.get("periode", "")
    return int(value) if value.isdigit() and len(value) < 4 else None


def skp(request, pk):
    item = permissions.get_skp_for_user_or_404(request.user, pk)
    page = selectors.realisasi_page(item)
    current = page.period(_period_number(request))
    context = {
        "skp": item,
        "page": page,
        "current": current,
        "can_record": permissions.can_record(request.user, item),
        "is_owner": permissions.is_owner(request.user, item),
    }
    return render(request, "monitoring/realisasi_skp.html", context)


def _recording(request, pk, nomor: int):
    """The SKP (404 unless visible, 403 unless the user records on it) and the plan of the numbered period."""
    item = permissions.get_skp_for_user_or_404(request.user, pk)
    if not permissions.can_record(request.user, item):
        _forbid(_why_not_record(request.user, item))
    plan = selectors.plan_numbered(item, nomor)
    if plan is None or plan.versi is None:
        raise Http404
    return item, plan


def _row_of(item, nomor: int, indikator: int):
    """The indikator's row as the realisasi page shows it (targets, capaian so far)."""
    view = selectors.realisasi_page(item).period(nomor)
    if view is None or view.periode.nomor != nomor:
        return None
    return next((r for b in view.blocks for r in b.rows if r.id == indikator), None)


def realisasi_edit(request, pk, periode, indikator):
    item, plan = _recording(request, pk, periode)
    found = plan.indikator(indikator)
    if found is None:
        raise Http404
    rhk, ind = found
    if not selectors.is_open(item, plan.periode):
        messages.error(
            request,
            _("The period %(periode)s does not take input now (open from %(mulai)s until %(until)s).")
            % {
                "periode": plan.periode.nama,
                "mulai": tanggal(plan.periode.mulai),
                "until": tanggal(selectors.input_until(item, plan.periode)),
            },
        )
        return redirect(skp_url(item, periode))
    current = selectors.realisasi_of(item, plan.periode, indikator)
    numeric = ind.get("jenis_target") == "angka"
    initial = {"kunci": current.kunci if current else 0}
    if current is not None:
        initial.update(
            nilai=angka(current.nilai_angka, "id") if current.nilai_angka is not None else "",
            nilai_teks=current.nilai_teks,
            narasi=current.narasi,
        )
    form = RealisasiForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        numeric=numeric,
        satuan=ind.get("satuan", ""),
    )
    done = submitted(
        request,
        form,
        lambda d: services.realisasi_record(
            actor=request.user,
            skp=item,
            periode=plan.periode,
            indikator_id=indikator,
            nilai=d.get("nilai", ""),
            nilai_teks=d.get("nilai_teks", ""),
            narasi=d.get("narasi", ""),
            kunci=d.get("kunci"),
            berkas=d.get("berkas"),
            tautan=d.get("tautan", ""),
            judul=d.get("judul", ""),
        ),
        success=_("The realisation was saved."),
        then=lambda saved: skp_url(item, periode, f"indikator-{indikator}"),
    )
    if done:
        return done
    context = {
        "form": form,
        "skp": item,
        "plan": plan,
        "row": _row_of(item, plan.periode.nomor, indikator),
        "rhk": rhk,
        "indikator": ind,
        "realisasi": current,
        "numeric": numeric,
        "accept": ACCEPT,
        "until": selectors.input_until(item, plan.periode),
        "cancel_url": skp_url(item, periode, f"indikator-{indikator}"),
    }
    return render(request, "monitoring/realisasi_form.html", context, status=400 if form.errors else 200)


def realisasi_detail(request, pk):
    realisasi = permissions.get_realisasi_for_user_or_404(request.user, pk)
    detail = selectors.realisasi_detail(realisasi)
    item = realisasi.skp
    can_change = permissions.can_record(request.user, item) and detail.view is not None and detail.view.open
    context = {
        "skp": item,
        "detail": detail,
        "realisasi": realisasi,
        "row": detail.row,
        "can_change": can_change,
        "back_url": skp_url(item, realisasi.periode.nomor, f"indikator-{realisasi.indikator_id}"),
    }
    return render(request, "monitoring/realisasi_detail.html", context)


def _recordable_realisasi(request, pk):
    realisasi = permissions.get_realisasi_for_user_or_404(request.user, pk)
    if not permissions.can_record(request.user, realisasi.skp):
        _forbid(_why_not_record(request.user, realisasi.skp))
    return realisasi


def bukti_add(request, pk):
    realisasi = _recordable_realisasi(request, pk)
    form = BuktiForm(request.POST or None, request.FILES or None)
    detail_url = reverse("monitoring:realisasi_detail", args=[realisasi.pk])

    def save(d):
        if d.get("tautan", "").strip():
            done = services.bukti_link(
                actor=request.user, realisasi=realisasi, tautan=d["tautan"], judul=d.get("judul", "")
            )
        if d.get("berkas"):
            done = services.bukti_upload(
                actor=request.user, realisasi=realisasi, berkas=d["berkas"], judul=d.get("judul", "")
            )
        return done

    done = submitted(request, form, save, success=_("The evidence was added."), then=detail_url)
    if done:
        return done
    context = {"form": form, "realisasi": realisasi, "accept": ACCEPT, "cancel_url": detail_url}
    return render(request, "monitoring/bukti_form.html", context, status=400 if form.errors else 200)


_UNSAFE = re.compile(r"[^\w.\- ()]+")


def download_name(bukti) -> str:
    """The original name, reduced to letters, digits and a few signs (never a path, never quotes)."""
    name = _UNSAFE.sub("_", bukti.nama_asli or "").strip(" ._")[:120]
    return name or f"bukti-{bukti.pk}"


def attachment(bukti) -> FileResponse:
    """A stored file (evidence, a decree, an innovation's evidence: a row with `berkas`, `nama_asli` and `tipe`)
    as an attachment, typed by what its content was found to be, never sniffed."""
    if getattr(bukti, "jenis", JenisBukti.BERKAS) != JenisBukti.BERKAS or not bukti.berkas:
        raise Http404
    try:
        handle = bukti.berkas.open("rb")
    except OSError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=download_name(bukti),
        content_type=bukti.tipe or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def bukti_download(request, pk):
    return attachment(permissions.get_bukti_for_user_or_404(request.user, pk))


def bukti_withdraw(request, pk):
    bukti = permissions.get_bukti_for_user_or_404(request.user, pk)
    realisasi = bukti.realisasi
    if not permissions.can_record(request.user, realisasi.skp):
        _forbid(_why_not_record(request.user, realisasi.skp))
    detail_url = reverse("monitoring:realisasi_detail", args=[realisasi.pk])
    form = WithdrawForm(request.POST or None)
    done = submitted(
        request,
        form,
        lambda d: services.bukti_withdraw(actor=request.user, bukti=bukti, alasan=d["reason"]),
        success=_("The evidence was withdrawn; it stays in the history, marked withdrawn."),
        then=detail_url,
    )
    if done:
        return done
    context = {"form": form, "bukti": bukti, "realisasi": realisasi, "cancel_url": detail_url}
    return render(request, "monitoring/bukti_withdraw.html", context, status=400 if form.errors else 200)


urlpatterns: list = [
    path("", index, name="index"),
    path("skp/<int:pk>/", skp, name="skp"),
    path(
        "skp/<int:pk>/periode/<int:periode>/indikator/<int:indikator>/", realisasi_edit, name="realisasi_edit"
    ),
    path("realisasi/<int:pk>/", realisasi_detail, name="realisasi_detail"),
    path("realisasi/<int:pk>/bukti/", bukti_add, name="bukti_add"),
    path("bukti/<int:pk>/unduh/", bukti_download, name="bukti_download"),
    path("bukti/<int:pk>/tarik/", bukti_withdraw, name="bukti_withdraw"),
]
