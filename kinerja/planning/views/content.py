"""The pegawai edits the content of their SKP: RHK, indikator, lampiran, RHK imported from a spreadsheet."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kinerja.core import tabular
from kinerja.core.errors import ApplicationError, apply_to_form
from kinerja.core.views_util import submitted
from kinerja.planning import forms, imports, permissions, rules, selectors, services
from kinerja.planning.models import RHK, SKP, Akumulasi, Indikator
from kinerja.planning.views import base


def _cascade_options(skp: SKP, current: RHK | None) -> dict[str, tuple[str, RHK]]:
    """The supervisor RHK this RHK may support, by id: (label with its number, RHK). The one it supports now
    stays in the list even when it is no longer allowed, so that the service can say why."""
    result = {str(r.pk): (f"{nomor}. {r.uraian}", r) for nomor, r in selectors.cascade_choices(skp)}
    if current is not None and current.rhk_atasan_id and str(current.rhk_atasan_id) not in result:
        atasan = current.rhk_atasan
        result[str(atasan.pk)] = (_("%(text)s (no longer available)") % {"text": atasan.uraian}, atasan)
    return result


def rhk_edit(request, pk, rhk=None):
    skp = base.editable_skp(request, pk)
    item = permissions.get_rhk_of_skp_or_404(skp, rhk) if rhk else None
    options = _cascade_options(skp, item)
    initial = {"kunci": skp.kunci}
    if item is not None:
        initial.update(
            jenis=item.jenis,
            uraian=item.uraian,
            rhk_atasan=str(item.rhk_atasan_id or ""),
            perspektif=item.perspektif,
        )
    form = forms.RHKForm(
        request.POST or None,
        initial=initial,
        options=[(value, label) for value, (label, _rhk) in options.items()],
        perspectives=selectors.perspective_choices(skp) if skp.jpt else None,
        no_penilai=selectors.effective_penilai_id(skp) is None,
    )
    done = submitted(
        request,
        form,
        lambda d: services.rhk_save(
            actor=request.user,
            skp=skp,
            kunci=d["kunci"],
            uraian=d["uraian"],
            jenis=d["jenis"],
            rhk_atasan=options[d["rhk_atasan"]][1] if d["rhk_atasan"] else None,
            perspektif=d.get("perspektif", ""),
            rhk=item,
        ),
        success=_("The RHK was saved."),
        then=lambda saved: base.detail_url(skp, f"rhk-{saved.pk}"),
    )
    if done:
        return done
    title = _("New RHK") if item is None else _("Edit the RHK")
    return base.form_page(request, skp, form, title=title, cancel_url=base.detail_url(skp, "rhk"))


@require_POST
def rhk_delete(request, pk, rhk):
    skp = base.editable_skp(request, pk)
    item = permissions.get_rhk_of_skp_or_404(skp, rhk)
    n = item.indikator.count()
    return base.confirmed_button(
        request,
        skp,
        lambda kunci: services.rhk_delete(actor=request.user, rhk=item, kunci=kunci),
        title=_("Delete this RHK?"),
        consequence=ngettext(
            "The RHK “%(text)s” is removed from your SKP with its indicator and its targets.",
            "The RHK “%(text)s” is removed from your SKP with its %(n)s indicators and their targets.",
            n,
        )
        % {"text": item.uraian, "n": n},
        submit_label=_("Yes, delete the RHK"),
        success=_("The RHK was deleted."),
        anchor="rhk",
    )


def _periode_initial(indikator: Indikator) -> dict:
    return {
        f"periode_{k}": base.period_value(v, indikator.jenis_target)
        for k, v in indikator.target_periode.items()
    }


def indikator_edit(request, pk, rhk=None, item=None):
    skp = base.editable_skp(request, pk)
    if item is not None:
        indikator = permissions.get_indikator_of_skp_or_404(skp, item)
        parent = indikator.rhk
    else:
        indikator = None
        parent = permissions.get_rhk_of_skp_or_404(skp, rhk)
    initial = {"kunci": skp.kunci}
    if indikator is not None:
        initial.update(
            uraian=indikator.uraian,
            aspek=indikator.aspek,
            jenis_target=indikator.jenis_target,
            target=rules.format_angka(indikator.target_angka),
            satuan=indikator.satuan,
            arah=indikator.arah,
            akumulasi=indikator.akumulasi,
            target_teks=indikator.target_teks,
            **_periode_initial(indikator),
        )
    form = forms.IndikatorForm(
        request.POST or None, initial=initial, periods=selectors.periods_of(skp.tahun_kinerja)
    )
    done = submitted(
        request,
        form,
        lambda d: services.indikator_save(
            actor=request.user, rhk=parent, kunci=d["kunci"], indikator=indikator, **form.values()
        ),
        success=_("The indicator was saved."),
        then=base.detail_url(skp, f"rhk-{parent.pk}"),
    )
    if done:
        return done
    title = _("New indicator") if indikator is None else _("Edit the indicator")
    return render(
        request,
        "planning/skp_indikator_form.html",
        {"skp": skp, "rhk": parent, "form": form, "title": title, "cancel_url": base.detail_url(skp, "rhk")},
    )


@require_POST
def indikator_delete(request, pk, item):
    skp = base.editable_skp(request, pk)
    indikator = permissions.get_indikator_of_skp_or_404(skp, item)
    return base.confirmed_button(
        request,
        skp,
        lambda kunci: services.indikator_delete(actor=request.user, indikator=indikator, kunci=kunci),
        title=_("Delete this indicator?"),
        consequence=_(
            "The indicator “%(text)s” of the RHK “%(rhk)s” is removed from your SKP with its targets."
        )
        % {"text": indikator.uraian, "rhk": indikator.rhk.uraian},
        submit_label=_("Yes, delete the indicator"),
        success=_("The indicator was deleted."),
        anchor=f"rhk-{indikator.rhk_id}",
    )


def lampiran_edit(request, pk):
    skp = base.editable_skp(request, pk)
    form = forms.LampiranForm(
        request.POST or None,
        initial={"kunci": skp.kunci, **{name: getattr(skp, name) for name in base.LAMPIRAN}},
    )
    done = submitted(
        request,
        form,
        lambda d: services.lampiran_save(actor=request.user, skp=skp, **d),
        success=_("The attachments were saved."),
        then=base.detail_url(skp, "lampiran"),
    )
    if done:
        return done
    return base.form_page(
        request,
        skp,
        form,
        title=_("Attachments of the SKP"),
        intro=_("Write one item per line; each line is printed as a numbered point."),
        cancel_url=base.detail_url(skp, "lampiran"),
    )


def _upload_page(request, skp, form, status=200):
    return render(
        request,
        "planning/skp_import.html",
        {
            "skp": skp,
            "form": form,
            "header": imports.HEADER,
            "title": _("Import RHK into %(title)s") % {"title": base.title_of(skp)},
        },
        status=status,
    )


AKUMULASI_LABELS = dict(Akumulasi.choices)


def _preview_rows(result) -> tuple[list[dict], list]:
    """Every row of the file with its problems, grouped by RHK; problems of rows that form no RHK apart."""
    errors: dict[int, list] = {}
    for e in result.errors:
        errors.setdefault(e.baris, []).append(e)
    rows, shown = [], set()
    for item in result.items:
        for n, ind in enumerate(item["indikator"]):
            baris = ind.get("baris", item.get("baris"))
            shown.add(baris)
            rows.append(
                {
                    "item": item,
                    "first": n == 0,
                    "indikator": ind,
                    "akumulasi": AKUMULASI_LABELS.get(ind.get("akumulasi", "")),
                    "errors": errors.get(baris, []),
                }
            )
        if not item["indikator"]:
            shown.add(item.get("baris"))
            rows.append(
                {"item": item, "first": True, "indikator": None, "errors": errors.get(item.get("baris"), [])}
            )
    rest = [e for baris, found in sorted(errors.items()) if baris not in shown for e in found]
    return rows, rest


def import_upload(request, pk):
    skp = base.editable_skp(request, pk)
    form = forms.ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        berkas = form.cleaned_data["berkas"]
        try:
            result = imports.read(skp, name=berkas.name, data=berkas.read(settings.IMPORT_MAX_BYTES + 1))
        except ApplicationError as exc:
            apply_to_form(form, exc)
            return _upload_page(request, skp, form)
        rows, rest = _preview_rows(result)
        return render(
            request,
            "planning/skp_import_preview.html",
            {
                "skp": skp,
                "title": _("Check the import"),
                "file_name": berkas.name,
                "result": result,
                "rows": rows,
                "rest": rest,
                "apply_form": forms.ImportApplyForm(
                    initial={"kunci": skp.kunci, "token": imports.sign(skp, result, request.user.pk)}
                )
                if result.ok
                else None,
            },
        )
    return _upload_page(request, skp, form)


@require_POST
def import_apply(request, pk):
    skp = base.editable_skp(request, pk)
    form = forms.ImportApplyForm(request.POST)
    if not form.is_valid():
        return base.refused_kunci(request, skp)
    try:
        count = services.rhk_import(
            actor=request.user,
            skp=skp,
            kunci=form.cleaned_data["kunci"],
            rows=imports.unsign(skp, form.cleaned_data["token"], request.user.pk),
        )
    except ValidationError as exc:
        base.error_messages(request, exc)
        return redirect("planning:import", skp.pk)
    messages.success(
        request, ngettext("%(n)s RHK was imported.", "%(n)s RHK were imported.", count) % {"n": count}
    )
    return redirect(base.detail_url(skp, "rhk"))


def import_template(request):
    base.forbid_unless(permissions.can_start(request.user))
    response = HttpResponse(imports.template_xlsx(), content_type=tabular.XLSX)
    response["Content-Disposition"] = 'attachment; filename="templat-rhk-skp.xlsx"'
    return response
