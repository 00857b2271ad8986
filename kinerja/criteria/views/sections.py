"""Editing a draft's sections: its settings, the guidance on the BerAKHLAK values, the agency's own criteria and
the rule sections with their rows."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.core.views_util import confirm_action, form_page, run_service, submitted
from kinerja.criteria import forms, rules, selectors, services
from kinerja.criteria.models import Bagian
from kinerja.criteria.views.base import detail_url, editable, entry_page, item_of, label


def settings_edit(request, pk):
    kerangka = editable(request, pk)
    form = forms.SettingsForm(request.POST or None, instance=kerangka)
    done = submitted(
        request,
        form,
        lambda d: services.kerangka_update_settings(actor=request.user, kerangka=kerangka, **form.values()),
        success=_("The settings were saved."),
        then=detail_url(kerangka, "pengaturan"),
    )
    return done or form_page(
        request,
        form,
        title=_("Settings of %(version)s") % {"version": label(kerangka)},
        cancel_url=detail_url(kerangka, "pengaturan"),
    )


def perilaku_edit(request, pk):
    kerangka = editable(request, pk)
    form = forms.GuidanceForm(request.POST or None, nilai=kerangka.nilai_perilaku.all())
    done = submitted(
        request,
        form,
        lambda d: services.nilai_perilaku_set_guidance(
            actor=request.user, kerangka=kerangka, guidance=form.guidance()
        ),
        success=_("The guidance was saved."),
        then=detail_url(kerangka, "perilaku"),
    )
    return done or render(request, "criteria/perilaku_form.html", {"form": form, "kerangka": kerangka})


def kriteria_list(request, pk):
    kerangka = editable(request, pk)
    return render(
        request, "criteria/kriteria_list.html", {"kerangka": kerangka, "rows": kerangka.kriteria_lokal.all()}
    )


def kriteria_edit(request, pk, item=None):
    kerangka = editable(request, pk)
    kriteria = item_of(kerangka.kriteria_lokal, item)
    form = forms.KriteriaLokalForm.for_entry(request.POST or None, kerangka.kriteria_lokal, kriteria)
    return entry_page(
        request,
        kerangka,
        kriteria,
        form,
        lambda d: services.kriteria_lokal_save(actor=request.user, kerangka=kerangka, **form.values()),
        list_name="criteria:kriteria_list",
        saved=_("The criterion %(name)s was saved."),
        titles=(_("New agency criterion"), _("Edit criterion %(name)s")),
    )


def kriteria_delete(request, pk, item):
    kerangka = editable(request, pk)
    kriteria = item_of(kerangka.kriteria_lokal, item)
    return confirm_action(
        request,
        lambda: services.kriteria_lokal_delete(actor=request.user, kerangka=kerangka, kriteria=kriteria),
        success=_("The criterion %(name)s was removed.") % {"name": kriteria.nama},
        then=reverse("criteria:kriteria_list", args=[kerangka.pk]),
        title=_("Remove the criterion %(name)s?") % {"name": kriteria.nama},
        consequence=_("It is removed from this draft only; published versions keep it."),
        submit_label=_("Remove"),
    )


# Sections with one row per code show the code's label beside the row: (key in the row, group of LABELS).
FIXED_ROW_LABELS = {
    Bagian.RATING: ("rating", "rating"),
    Bagian.AK_PERSEN: ("predikat", "predikat"),
    Bagian.PENDEKATAN: ("jenis_jabatan", "jenis_jabatan"),
}


def _layout(bagian: str, formset) -> tuple[list, list | None]:
    """The section's forms as the page lays them out: labelled rows, or the predikat matrix as a grid."""
    if bagian == Bagian.PREDIKAT:
        ratings = [forms.LABELS["rating"][r] for r in rules.RATINGS]
        grid = [
            (ratings[i], [(ratings[j], formset.forms[i * 3 + j]) for j in range(3)])
            for i in range(len(rules.RATINGS))
        ]
        return [], grid
    key, group = FIXED_ROW_LABELS.get(bagian, (None, None))
    rows = [
        (form, forms.LABELS[group].get(form.initial.get(key), form.initial.get(key)) if key else None)
        for form in formset.forms
    ]
    return rows, None


def aturan_edit(request, pk, bagian):
    if bagian not in Bagian.values:
        raise Http404
    kerangka = editable(request, pk)
    stored = selectors.section_rows(kerangka, bagian)
    formset = forms.section_formset(bagian, stored, request.POST or None)
    reason_form = forms.SectionReasonForm(request.POST or None)
    # Two forms (the rows and the reason) and a result that may be an empty list: not `submitted`'s shape.
    if request.method == "POST" and formset.is_valid() and reason_form.is_valid():
        saved = run_service(
            formset,
            lambda _rows: services.aturan_replace(
                actor=request.user,
                kerangka=kerangka,
                bagian=bagian,
                rows=formset.rows(),
                reason=reason_form.cleaned_data["reason"],
            ),
        )
        if saved is not None:
            messages.success(request, _("The section %(name)s was saved.") % {"name": Bagian(bagian).label})
            return redirect(detail_url(kerangka, bagian))
    rows, grid = _layout(bagian, formset)
    return render(
        request,
        "criteria/aturan_form.html",
        {
            "kerangka": kerangka,
            "bagian": bagian,
            "title": Bagian(bagian).label,
            "formset": formset,
            "rows": rows,
            "grid": grid,
            "reason_form": reason_form,
        },
    )
