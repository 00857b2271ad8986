"""The penilai's queue, the evaluation page (the draft form, saved as the penilai works, finalised from the same
form), the result with the pegawai's acknowledgement or objection and the atasan penilai's decision, and the
Dokumen Evaluasi."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kinerja.accounts.permissions import access_of
from kinerja.core import clock, navigation, verification
from kinerja.core.formats import tanggal
from kinerja.core.views_util import act, form_page, submitted
from kinerja.evaluation import documents, permissions, selectors, services, workflow
from kinerja.evaluation.models import RATING_CHOICES, Evaluasi
from kinerja.evaluation.selectors import lookups
from kinerja.evaluation.selectors.queue import evaluation_url, next_after
from kinerja.org.forms import ReasonField

BLANK = [("", gettext_lazy("— not rated yet —"))]


class EvaluasiForm(forms.Form):
    """The draft: a rating per RHK and per value, the two ratings, the reason of a departure, notes."""

    kunci = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
    rating_hasil_kerja = forms.ChoiceField(label=gettext_lazy("Work result rating"), required=False)
    alasan_hasil_kerja = forms.CharField(
        label=gettext_lazy("Why the rating departs from the suggestion"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Needed only when the rating differs from the suggestion."),
    )
    rating_perilaku = forms.ChoiceField(label=gettext_lazy("Work behaviour rating"), required=False)
    catatan = forms.CharField(
        label=gettext_lazy("Notes"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )
    rekomendasi = forms.CharField(
        label=gettext_lazy("Recommendation"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("e.g. training, coaching, a fitting assignment."),
    )

    def __init__(self, *args, page: selectors.EvaluationPage, **kwargs):
        super().__init__(*args, **kwargs)
        choices = BLANK + RATING_CHOICES
        self.fields["rating_hasil_kerja"].choices = choices
        self.fields["rating_perilaku"].choices = choices
        for row in page.rhk:
            self.fields[f"rhk_{row.key}"] = forms.ChoiceField(
                label=row.rhk.get("uraian", ""), choices=choices, required=False
            )
        for nilai in page.nilai:
            self.fields[f"nilai_{nilai.kode}"] = forms.ChoiceField(
                label=nilai.nama, choices=choices, required=False
            )
        if page.unit_dipimpin is not None:
            self.fields["rating_hasil_kerja"].disabled = True

    def bound(self, prefix: str) -> list:
        return [self[name] for name in self.fields if name.startswith(prefix)]

    def values(self, data: dict) -> dict:
        return {
            "kunci": data.get("kunci"),
            "rating_rhk": {k[4:]: v for k, v in data.items() if k.startswith("rhk_")},
            "rating_nilai": {k[6:]: v for k, v in data.items() if k.startswith("nilai_")},
            "rating_hasil_kerja": data.get("rating_hasil_kerja") or "",
            "alasan_hasil_kerja": data.get("alasan_hasil_kerja") or "",
            "rating_perilaku": data.get("rating_perilaku") or "",
            "catatan": data.get("catatan") or "",
            "rekomendasi": data.get("rekomendasi") or "",
        }


def _initial(page: selectors.EvaluationPage) -> dict:
    """A new evaluation opens with the suggestions filled in; a draft shows what the penilai saved (a rating they
    left blank stays blank)."""
    e = page.evaluasi
    initial: dict = {f"rhk_{r.key}": (r.given if e is not None else r.saran) or "" for r in page.rhk}
    initial.update({f"nilai_{n.kode}": n.given or "" for n in page.nilai})
    initial["rating_hasil_kerja"] = page.saran_hasil.rating or ""
    if e is not None:
        initial.update(
            {
                "kunci": e.kunci,
                "rating_hasil_kerja": e.rating_hasil_kerja or page.saran_hasil.rating or "",
                "alasan_hasil_kerja": e.alasan_hasil_kerja,
                "rating_perilaku": e.rating_perilaku,
                "catatan": e.catatan,
                "rekomendasi": e.rekomendasi,
            }
        )
    if page.unit_dipimpin is not None:
        initial["rating_hasil_kerja"] = page.saran_hasil.rating or ""
    return initial


def _pegawai(request):
    pegawai_id = access_of(request.user).pegawai_id
    if pegawai_id is None:
        return None
    return request.user.pegawai


def index(request):
    """The queue of the penilai, the objections the atasan penilai decides, and the pegawai's own results."""
    pegawai = _pegawai(request)
    if pegawai is None:
        raise PermissionDenied(
            _("Evaluations are worked on by employees; this account is not linked to one.")
        )
    today = clock.today(pegawai.instansi)
    found = selectors.queue_of(pegawai, today)
    # Finished items of an earlier year are history (the profiles show them); unfinished ones stay listed.
    items = [i for i in found if not i.done or i.tahun == today.year]
    context = {
        "items": items,
        "pending": sum(1 for i in items if not i.done),
        "decisions": list(selectors.decisions_waiting(pegawai.pk)),
        "mine": selectors.history_of(pegawai.pk),
        "today": today,
    }
    return render(request, "evaluation/index.html", context)


def _evaluate(request, skp_pk: int, nomor: int | None = None):
    skp, periode, evaluates = permissions.get_span_or_404(request.user, skp_pk, nomor)
    evaluasi = lookups.evaluation_of(skp, periode)
    if not evaluates:
        if (
            evaluasi is not None
            and permissions.evaluasi_visible_to(request.user).filter(pk=evaluasi.pk).exists()
        ):
            return redirect("evaluation:detail", evaluasi.pk)
        permissions.refuse_span(request.user, skp)
    if evaluasi is not None and evaluasi.status not in workflow.EDITABLE:
        if request.method == "POST":
            messages.warning(request, _("This evaluation was finalised meanwhile; nothing was changed."))
        return redirect("evaluation:detail", evaluasi.pk)
    page = selectors.evaluation_page(skp, periode, evaluasi)
    form = EvaluasiForm(request.POST or None, page=page, initial=_initial(page))
    finalise = request.POST.get("aksi") in ("finalkan", "finalkan_lanjut")
    onward = request.POST.get("aksi") == "finalkan_lanjut"

    def then(saved: Evaluasi) -> str:
        if not finalise:
            return request.path
        if onward:
            following = next_after(
                selectors.queue_of(request.user.pegawai, clock.today(skp.instansi)), skp.pk, saved.periode_id
            )
            if following is not None:
                return following.url
        return reverse("evaluation:detail", args=[saved.pk])

    done = submitted(
        request,
        form,
        lambda d: services.evaluasi_simpan(
            actor=request.user, skp=skp, periode=periode, finalkan=finalise, **form.values(d)
        ),
        success=_("The evaluation is final; %(name)s is told.") % {"name": skp.pegawai.nama_lengkap}
        if finalise
        else _("The draft was saved."),
        then=then,
    )
    if done:
        return done
    context = {
        "page": page,
        "form": form,
        "skp": skp,
        "rhk_rows": [(row, form[f"rhk_{row.key}"]) for row in page.rhk],
        "nilai_rows": [(nilai, form[f"nilai_{nilai.kode}"]) for nilai in page.nilai],
        # e.g. the 360 results beside the perilaku rating: they inform it, never replace it
        "panels": navigation.panels_for("evaluasi", request, page),
    }
    return render(request, "evaluation/evaluate.html", context)


def periodik(request, skp_pk: int, nomor: int):
    return _evaluate(request, skp_pk, nomor)


def tahunan(request, skp_pk: int):
    return _evaluate(request, skp_pk, None)


def _visible(request, pk) -> Evaluasi:
    return permissions.get_evaluasi_for_user_or_404(request.user, pk)


def detail(request, pk):
    evaluasi = _visible(request, pk)
    page = selectors.evaluation_page(evaluasi.skp, evaluasi.periode, evaluasi)
    context = {
        "e": evaluasi,
        "page": page,
        "actions": permissions.actions_of(request.user, evaluasi),
        "may_edit": workflow.FINALKAN in permissions.actions_of(request.user, evaluasi),
        "objection_closed": permissions.objection_closed(evaluasi),
        "today": clock.today(evaluasi.instansi),
    }
    return render(request, "evaluation/detail.html", context)


def pdf(request, pk):
    evaluasi = _visible(request, pk)
    if evaluasi.status in workflow.EDITABLE:
        raise Http404
    issued = services.evaluasi_issue_document(actor=request.user, evaluasi=evaluasi)
    stamp = verification.stamp_of(issued, request.build_absolute_uri("/"))
    response = HttpResponse(documents.evaluasi_pdf(evaluasi, stamp), content_type="application/pdf")
    suffix = f"P{evaluasi.periode.nomor}" if evaluasi.periode else "tahunan"
    name = f"Evaluasi-{evaluasi.pegawai.nip}-{evaluasi.tahun}-{suffix}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


terima = require_POST(
    lambda request, pk: act(
        request,
        lambda: services.evaluasi_terima(actor=request.user, evaluasi=_visible(request, pk)),
        success=_("You acknowledged the evaluation; it is now locked."),
        then=reverse("evaluation:detail", args=[pk]),
    )
)


class KeberatanForm(forms.Form):
    reason = ReasonField(
        label=gettext_lazy("Reasons of your objection"),
        help_text=gettext_lazy(
            "Say which rating you disagree with and why, pointing to realisations or evidence."
        ),
    )


def keberatan(request, pk):
    evaluasi = _visible(request, pk)
    if workflow.KEBERATAN not in permissions.actions_of(request.user, evaluasi):
        raise PermissionDenied(_("Only the evaluated employee objects, while the result waits for them."))
    form = KeberatanForm(request.POST or None)
    done = submitted(
        request,
        form,
        lambda d: services.evaluasi_keberatan(actor=request.user, evaluasi=evaluasi, reason=d["reason"]),
        success=_("Your objection was sent to the superior of your assessing official."),
        then=reverse("evaluation:detail", args=[pk]),
    )
    if done:
        return done
    return form_page(
        request,
        form,
        title=_("Object to the evaluation"),
        cancel_url=reverse("evaluation:detail", args=[pk]),
        submit_label=_("Send the objection"),
        intro=_("Objections are accepted until %(date)s. The superior of your assessing official decides.")
        % {"date": tanggal(evaluasi.batas_keberatan) if evaluasi.batas_keberatan else "—"},
    )


class PutusForm(forms.Form):
    rating_hasil_kerja = forms.ChoiceField(label=gettext_lazy("Work result rating"), choices=RATING_CHOICES)
    rating_perilaku = forms.ChoiceField(label=gettext_lazy("Work behaviour rating"), choices=RATING_CHOICES)
    reason = ReasonField(
        label=gettext_lazy("Reasons of the decision"),
        help_text=gettext_lazy(
            "Keep both ratings to reject the objection, or change them; either way say why."
        ),
    )


def putus(request, pk):
    evaluasi = _visible(request, pk)
    if workflow.PUTUS not in permissions.actions_of(request.user, evaluasi):
        raise PermissionDenied(_("Only the superior of the assessing official decides a pending objection."))
    form = PutusForm(
        request.POST or None,
        initial={
            "rating_hasil_kerja": evaluasi.rating_hasil_kerja,
            "rating_perilaku": evaluasi.rating_perilaku,
        },
    )
    done = submitted(
        request,
        form,
        lambda d: services.evaluasi_putus(actor=request.user, evaluasi=evaluasi, **d),
        success=_("The objection is decided; the employee and the assessing official are told."),
        then=reverse("evaluation:detail", args=[pk]),
    )
    if done:
        return done
    return render(request, "evaluation/putus.html", {"form": form, "e": evaluasi})


urlpatterns: list = [
    path("", index, name="index"),
    path("skp/<int:skp_pk>/periode/<int:nomor>/", periodik, name="periodik"),
    path("skp/<int:skp_pk>/tahunan/", tahunan, name="tahunan"),
    path("<int:pk>/", detail, name="detail"),
    path("<int:pk>/dokumen.pdf", pdf, name="pdf"),
    path("<int:pk>/terima/", terima, name="terima"),
    path("<int:pk>/keberatan/", keberatan, name="keberatan"),
    path("<int:pk>/putus/", putus, name="putus"),
]

__all__ = ["evaluation_url", "urlpatterns"]
