"""Screens of the assessment framework: versions and their content, the draft editors, the import of required
competency levels, the comparison of two versions, and "my criteria" for every pegawai."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.accounts.permissions import access_of
from kinerja.core import clock
from kinerja.core.errors import ApplicationError, apply_to_form
from kinerja.core.templatetags.kinerja import tanggal
from kinerja.core.views_util import form_page, run_service
from kinerja.criteria import defaults, forms, imports, permissions, rules, selectors, services
from kinerja.criteria.models import SETTING_FIELDS, Bagian, JenisKompetensi, Kerangka
from kinerja.org import permissions as org_permissions
from kinerja.org import selectors as org_selectors
from kinerja.org.permissions import current_instansi

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STANDAR_PAGE_SIZE = 25  # positions per page: keeps the grid under Django's limit of 1000 fields per POST


def _editable(request, pk) -> Kerangka:
    """A draft the user may edit: 404 when they may not see it, 403 when they may only read it."""
    kerangka = permissions.get_kerangka_for_user_or_404(request.user, pk)
    if not permissions.can_edit(request.user, kerangka):
        raise PermissionDenied
    return kerangka


def _label(kerangka: Kerangka) -> str:
    return _("%(year)s version %(version)s") % {"year": kerangka.tahun, "version": kerangka.versi}


def _detail_url(kerangka: Kerangka, anchor: str = "") -> str:
    url = reverse("criteria:detail", args=[kerangka.pk])
    return f"{url}#{anchor}" if anchor else url


# What the pages show (plain data for the templates) ---------------------------------------------------------


def _display(value):
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.date):
        return tanggal(value)
    return "—" if value in (None, "") else value


def _settings_rows(kerangka: Kerangka) -> list[tuple]:
    rows = []
    for name in SETTING_FIELDS:
        field = Kerangka._meta.get_field(name)
        value = getattr(kerangka, name)
        if field.choices:
            value = getattr(kerangka, f"get_{name}_display")()
        elif name == "promosi_predikat_minimal":
            value = forms.LABELS["predikat"].get(value, value)
        rows.append(
            (field.verbose_name, _display(value), defaults.SUMBER.get(name) or defaults.SUMBER["promosi"])
        )
    return rows


def _matrix(rows: list[dict]) -> list[tuple]:
    """The predikat matrix as rows of result rating × columns of behaviour rating."""
    cells = {(r.get("hasil"), r.get("perilaku")): r.get("predikat") for r in rows}
    return [(hasil, [cells.get((hasil, perilaku)) for perilaku in rules.RATINGS]) for hasil in rules.RATINGS]


def _sections(aturan, only=None) -> list[dict]:
    by_bagian: dict[str, list] = {b: [] for b in Bagian.values}
    for a in aturan:
        by_bagian[a.bagian].append(a)
    return [
        {
            "bagian": bagian,
            "label": label,
            "rows": by_bagian[bagian],
            "sources": sorted({a.sumber for a in by_bagian[bagian] if a.sumber}),
            "matrix": _matrix([a.data for a in by_bagian[bagian]]) if bagian == Bagian.PREDIKAT else None,
            "columns": rules.RATINGS,
        }
        for bagian, label in Bagian.choices
        if only is None or bagian in only
    ]


def _replaces_published(kerangka: Kerangka) -> bool:
    return selectors.has_published_version(kerangka.instansi_id, kerangka.tahun)


def _publish_form(kerangka: Kerangka, data=None) -> forms.PublishForm:
    today = clock.today(kerangka.instansi)
    start = today if today.year == kerangka.tahun else datetime.date(kerangka.tahun, 1, 1)
    return forms.PublishForm(
        data, needs_reason=_replaces_published(kerangka), initial={"berlaku_mulai": start}
    )


# Versions ---------------------------------------------------------------------------------------------------


def index(request):
    instansi = current_instansi(request)
    can_manage = permissions.can_manage_kerangka(request.user, instansi.pk)
    in_force = selectors.in_force(instansi.pk, clock.today(instansi))
    return render(
        request,
        "criteria/index.html",
        {
            "instansi": instansi,
            "versions": selectors.versions(
                permissions.kerangka_visible_to(request.user).filter(instansi=instansi)
            ),
            "in_force_id": in_force.pk if in_force else None,
            "can_manage": can_manage,
            "start_form": forms.StartForm(initial={"tahun": clock.today(instansi).year})
            if can_manage
            else None,
        },
    )


def start(request):
    instansi = current_instansi(request)
    if not permissions.can_manage_kerangka(request.user, instansi.pk):
        raise PermissionDenied
    form = forms.StartForm(request.POST or None, initial={"tahun": clock.today(instansi).year})
    if request.method == "POST" and form.is_valid():
        kerangka = run_service(
            form,
            lambda d: services.kerangka_start(actor=request.user, instansi=instansi, tahun=d["tahun"]),
        )
        if kerangka:
            messages.success(
                request,
                _("Draft %(version)s was started. Edit it, then publish it.") % {"version": _label(kerangka)},
            )
            return redirect("criteria:detail", kerangka.pk)
    return form_page(
        request,
        form,
        title=_("Start a new version"),
        cancel_url=reverse("criteria:index"),
        submit_label=_("Start"),
    )


def detail(request, pk):
    kerangka = permissions.get_kerangka_for_user_or_404(request.user, pk)
    can_edit = permissions.can_edit(request.user, kerangka)
    context = {
        "kerangka": kerangka,
        "title": _label(kerangka),
        "settings": _settings_rows(kerangka),
        "nilai_perilaku": kerangka.nilai_perilaku.all(),
        "kompetensi": kerangka.kompetensi.all(),
        "kriteria_lokal": kerangka.kriteria_lokal.all(),
        "sections": _sections(kerangka.aturan.all()),
        "standar_count": kerangka.standar_kompetensi.count(),
        "can_edit": can_edit,
    }
    if can_edit:
        problems = services.validate_kerangka(kerangka)
        context["problems"] = [(forms.SECTION_LABELS.get(k, k), found) for k, found in problems.items()]
        context["publish_form"] = _publish_form(kerangka)
    if not kerangka.is_draft and permissions.can_view_acknowledgements(request.user, kerangka):
        context["acknowledged"], context["active_pegawai"] = selectors.acknowledgement_counts(kerangka)
    return render(request, "criteria/detail.html", context)


def publish(request, pk):
    kerangka = _editable(request, pk)
    form = _publish_form(kerangka, request.POST or None)
    if request.method == "POST" and form.is_valid():
        published = run_service(
            form,
            lambda d: services.kerangka_publish(
                actor=request.user, kerangka=kerangka, berlaku_mulai=d["berlaku_mulai"], alasan=d["alasan"]
            ),
        )
        if published:
            messages.success(
                request,
                _("%(version)s was published; it is in force from %(date)s.")
                % {"version": _label(published), "date": tanggal(published.berlaku_mulai)},
            )
            return redirect("criteria:detail", kerangka.pk)
    return form_page(
        request,
        form,
        title=_("Publish %(version)s") % {"version": _label(kerangka)},
        intro=_("A published version can no longer be changed; later changes need a new version."),
        submit_label=_("Publish"),
        cancel_url=_detail_url(kerangka),
    )


def discard(request, pk):
    kerangka = _editable(request, pk)
    if request.method == "POST":
        services.kerangka_discard(actor=request.user, kerangka=kerangka)
        messages.success(request, _("The draft %(version)s was discarded.") % {"version": _label(kerangka)})
        return redirect("criteria:index")
    return render(
        request,
        "criteria/confirm.html",
        {
            "title": _("Discard the draft %(version)s?") % {"version": _label(kerangka)},
            "message": _("All changes made in this draft are lost. Published versions are not affected."),
            "submit_label": _("Discard the draft"),
            "cancel_url": _detail_url(kerangka),
        },
    )


def compare(request):
    instansi = current_instansi(request)
    visible = permissions.kerangka_visible_to(request.user)
    picked = {}
    for name in ("a", "b"):
        value = request.GET.get(name, "")
        picked[name] = (
            permissions.get_kerangka_for_user_or_404(request.user, value) if value.isdigit() else None
        )
    old, new = picked["a"], picked["b"]
    form = forms.CompareForm(
        initial={"a": old.pk if old else None, "b": new.pk if new else None},
        versions=selectors.versions(visible.filter(instansi=instansi)),
    )
    return render(
        request,
        "criteria/compare.html",
        {
            "form": form,
            "old": old,
            "new": new,
            "diffs": selectors.compare(old, new) if old and new else None,
        },
    )


# Editing a draft --------------------------------------------------------------------------------------------


def settings_edit(request, pk):
    kerangka = _editable(request, pk)
    form = forms.SettingsForm(request.POST or None, instance=kerangka)
    if request.method == "POST" and form.is_valid():
        if run_service(
            form,
            lambda d: services.kerangka_update_settings(
                actor=request.user, kerangka=kerangka, **form.values()
            ),
        ):
            messages.success(request, _("The settings were saved."))
            return redirect(_detail_url(kerangka, "pengaturan"))
    return form_page(
        request,
        form,
        title=_("Settings of %(version)s") % {"version": _label(kerangka)},
        cancel_url=_detail_url(kerangka, "pengaturan"),
    )


def perilaku_edit(request, pk):
    kerangka = _editable(request, pk)
    form = forms.GuidanceForm(request.POST or None, nilai=kerangka.nilai_perilaku.all())
    if request.method == "POST" and form.is_valid():
        run_service(
            form,
            lambda d: services.nilai_perilaku_set_guidance(
                actor=request.user, kerangka=kerangka, guidance=form.guidance()
            ),
        )
        if not form.errors:
            messages.success(request, _("The guidance was saved."))
            return redirect(_detail_url(kerangka, "perilaku"))
    return render(request, "criteria/perilaku_form.html", {"form": form, "kerangka": kerangka})


def kompetensi_list(request, pk):
    kerangka = _editable(request, pk)
    rows = [(k, permissions.can_delete_kompetensi(request.user, k)) for k in kerangka.kompetensi.all()]
    return render(request, "criteria/kompetensi_list.html", {"kerangka": kerangka, "rows": rows})


def _kompetensi_form(request, kerangka, kompetensi=None):
    if kompetensi is None:
        return forms.KompetensiForm(
            request.POST or None, existing_codes=kerangka.kompetensi.values_list("kode", flat=True)
        )
    return forms.KompetensiForm(
        request.POST or None,
        initial=forms.KompetensiForm.initial_for(kompetensi),
        editing=True,
        national=kompetensi.jenis != JenisKompetensi.TEKNIS,
    )


def kompetensi_edit(request, pk, item=None):
    kerangka = _editable(request, pk)
    kompetensi = get_object_or_404(kerangka.kompetensi, pk=item) if item is not None else None
    form = _kompetensi_form(request, kerangka, kompetensi)
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            form, lambda d: services.kompetensi_save(actor=request.user, kerangka=kerangka, **form.values())
        )
        if saved:
            messages.success(request, _("The competency %(name)s was saved.") % {"name": saved.nama})
            return redirect("criteria:kompetensi_list", kerangka.pk)
    title = (
        _("New competency") if kompetensi is None else _("Edit competency %(name)s") % {"name": kompetensi}
    )
    return form_page(
        request, form, title=title, cancel_url=reverse("criteria:kompetensi_list", args=[kerangka.pk])
    )


def kompetensi_delete(request, pk, item):
    kerangka = permissions.get_kerangka_for_user_or_404(request.user, pk)
    kompetensi = get_object_or_404(kerangka.kompetensi, pk=item)
    if not permissions.can_delete_kompetensi(request.user, kompetensi):
        raise PermissionDenied
    back = reverse("criteria:kompetensi_list", args=[kerangka.pk])
    if request.method == "POST":
        try:
            services.kompetensi_delete(actor=request.user, kerangka=kerangka, kompetensi=kompetensi)
        except ApplicationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The competency %(name)s was removed.") % {"name": kompetensi.nama})
        return redirect(back)
    return render(
        request,
        "criteria/confirm.html",
        {
            "title": _("Remove the competency %(name)s?") % {"name": kompetensi.nama},
            "message": _("Its required levels in this draft are removed with it."),
            "submit_label": _("Remove"),
            "cancel_url": back,
        },
    )


def kriteria_list(request, pk):
    kerangka = _editable(request, pk)
    return render(
        request, "criteria/kriteria_list.html", {"kerangka": kerangka, "rows": kerangka.kriteria_lokal.all()}
    )


def kriteria_edit(request, pk, item=None):
    kerangka = _editable(request, pk)
    kriteria = get_object_or_404(kerangka.kriteria_lokal, pk=item) if item is not None else None
    if kriteria is None:
        form = forms.KriteriaLokalForm(
            request.POST or None, existing_codes=kerangka.kriteria_lokal.values_list("kode", flat=True)
        )
    else:
        form = forms.KriteriaLokalForm(
            request.POST or None, initial=forms.KriteriaLokalForm.initial_for(kriteria), editing=True
        )
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            form,
            lambda d: services.kriteria_lokal_save(actor=request.user, kerangka=kerangka, **form.values()),
        )
        if saved:
            messages.success(request, _("The criterion %(name)s was saved.") % {"name": saved.nama})
            return redirect("criteria:kriteria_list", kerangka.pk)
    title = (
        _("New agency criterion") if kriteria is None else _("Edit criterion %(name)s") % {"name": kriteria}
    )
    return form_page(
        request, form, title=title, cancel_url=reverse("criteria:kriteria_list", args=[kerangka.pk])
    )


def kriteria_delete(request, pk, item):
    kerangka = _editable(request, pk)
    kriteria = get_object_or_404(kerangka.kriteria_lokal, pk=item)
    back = reverse("criteria:kriteria_list", args=[kerangka.pk])
    if request.method == "POST":
        services.kriteria_lokal_delete(actor=request.user, kerangka=kerangka, kriteria=kriteria)
        messages.success(request, _("The criterion %(name)s was removed.") % {"name": kriteria.nama})
        return redirect(back)
    return render(
        request,
        "criteria/confirm.html",
        {
            "title": _("Remove the criterion %(name)s?") % {"name": kriteria.nama},
            "message": _("It is removed from this draft only; published versions keep it."),
            "submit_label": _("Remove"),
            "cancel_url": back,
        },
    )


FIXED_ROW_LABELS = {
    Bagian.RATING: ("rating", "rating"),
    Bagian.AK_PERSEN: ("predikat", "predikat"),
    Bagian.PENDEKATAN: ("jenis_jabatan", "jenis_jabatan"),
}


def aturan_edit(request, pk, bagian):
    if bagian not in Bagian.values:
        raise Http404
    kerangka = _editable(request, pk)
    stored = selectors.section_rows(kerangka, bagian)
    formset = forms.section_formset(bagian, stored, request.POST or None)
    reason_form = forms.SectionReasonForm(request.POST or None)
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
            return redirect(_detail_url(kerangka, bagian))
    rows, grid = [], None
    if bagian == Bagian.PREDIKAT:
        ratings = [forms.LABELS["rating"][r] for r in rules.RATINGS]
        grid = [
            (ratings[i], [(ratings[j], formset.forms[i * 3 + j]) for j in range(3)])
            for i in range(len(rules.RATINGS))
        ]
    else:
        key, group = FIXED_ROW_LABELS.get(bagian, (None, None))
        rows = [
            (form, forms.LABELS[group].get(form.initial.get(key), form.initial.get(key)) if key else None)
            for form in formset.forms
        ]
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


# Required competency levels ---------------------------------------------------------------------------------


def _units(user, kerangka: Kerangka):
    units = org_permissions.units_visible_to(user).filter(instansi_id=kerangka.instansi_id, aktif=True)
    return units.order_by("path").only("pk", "nama", "depth")


def standar(request, pk):
    """Required levels of one unit's positions; readable by all who see the version, editable in a draft."""
    kerangka = permissions.get_kerangka_for_user_or_404(request.user, pk)
    can_edit = permissions.can_edit(request.user, kerangka)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    units = list(_units(request.user, kerangka))
    unit_id = request.GET.get("unit", "")
    unit = next((u for u in units if str(u.pk) == unit_id), None)
    form = page = None
    if unit is not None:
        positions = (
            org_permissions.jabatan_visible_to(request.user).filter(unit=unit, aktif=True).order_by("path")
        )
        page = Paginator(positions, STANDAR_PAGE_SIZE).get_page(request.GET.get("page"))
        levels = selectors.standar_levels(kerangka, [j.pk for j in page])
        form = forms.StandarGridForm(
            request.POST or None,
            positions=list(page),
            kompetensi=list(kerangka.kompetensi.all()),
            levels=levels,
        )
        if request.method == "POST" and form.is_valid():
            changed = run_service(
                form,
                lambda d: services.standar_set(
                    actor=request.user,
                    kerangka=kerangka,
                    items=form.items(),
                    reason=_("Edited for unit %(unit)s") % {"unit": unit.nama},
                ),
            )
            if changed is not None:
                messages.success(request, _("%(count)s required levels were changed.") % {"count": changed})
                return redirect(request.get_full_path())
    return render(
        request,
        "criteria/standar.html",
        {
            "kerangka": kerangka,
            "can_edit": can_edit,
            "units": [(u.pk, "\u00a0\u00a0" * u.depth + u.nama) for u in units],
            "unit": unit,
            "page": page,
            "form": form,
            "query": f"unit={unit.pk}" if unit else "",
        },
    )


def _preview(request, kerangka: Kerangka, report: imports.Report, file_name: str = ""):
    return render(
        request,
        "criteria/standar_preview.html",
        {
            "kerangka": kerangka,
            "report": report,
            "counts": report.counts,
            "problems": sorted(report.problems, key=lambda p: (p.row, imports.COLUMNS.index(p.column))),
            "changes": [i for i in report.items if i.status != "unchanged"][:200],
            "file_name": file_name,
            "payload": imports.sign(kerangka, report.rows, request.user.pk) if report.ok else "",
        },
    )


def standar_import(request, pk):
    kerangka = _editable(request, pk)
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["berkas"]
        try:
            rows = imports.read_upload(upload)
        except ApplicationError as exc:
            apply_to_form(form, exc)
        else:
            return _preview(request, kerangka, imports.validate(kerangka, rows), upload.name)
    return render(request, "criteria/standar_import.html", {"kerangka": kerangka, "form": form})


@require_POST
def standar_import_apply(request, pk):
    kerangka = _editable(request, pk)
    back = reverse("criteria:standar_import", args=[kerangka.pk])
    try:
        rows = imports.unsign(kerangka, request.POST.get("payload", ""), request.user.pk)
    except ApplicationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(back)
    report = imports.validate(kerangka, rows)
    if not report.ok:
        messages.error(
            request, _("The data changed since the preview; nothing was imported. See the rows below.")
        )
        return _preview(request, kerangka, report)
    try:
        changed = services.standar_set(
            actor=request.user,
            kerangka=kerangka,
            items=[(i.jabatan, i.kompetensi, i.level) for i in report.items],
            reason=_("Imported from a file (%(rows)s rows)") % {"rows": len(report.items)},
        )
    except ApplicationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _preview(request, kerangka, report)
    messages.success(
        request, _("The import is done: %(count)s required levels were changed.") % {"count": changed}
    )
    return redirect(reverse("criteria:standar", args=[kerangka.pk]))


def standar_template(request, pk):
    kerangka = _editable(request, pk)
    response = HttpResponse(imports.template_workbook(imports.template_examples(kerangka)), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="templat-standar-kompetensi.xlsx"'
    return response


# What applies to me -----------------------------------------------------------------------------------------


def mine(request):
    access = access_of(request.user)
    today = clock.today(request.user.instansi)
    kerangka = selectors.in_force(access.instansi_id, today) if access.instansi_id else None
    context = {"kerangka": kerangka, "today": today}
    if kerangka is not None:
        context.update(
            title=_label(kerangka),
            nilai_perilaku=kerangka.nilai_perilaku.all(),
            kriteria_lokal=kerangka.kriteria_lokal.all(),
            sections=_sections(
                kerangka.aturan.filter(bagian__in=[Bagian.RATING, Bagian.PREDIKAT]),
                only={Bagian.RATING, Bagian.PREDIKAT},
            ),
            can_acknowledge=permissions.can_acknowledge(request.user, kerangka),
        )
        pegawai = request.user.pegawai
        context["pegawai"] = pegawai
        if pegawai is not None:
            penugasan = org_selectors.primary_assignment(pegawai, today)
            context["penugasan"] = penugasan
            context["standar"] = (
                selectors.standar_for_jabatan(kerangka, penugasan.jabatan_id) if penugasan else []
            )
            context["pengakuan"] = selectors.acknowledgement_of(kerangka, pegawai.pk)
    return render(request, "criteria/mine.html", context)


@require_POST
def acknowledge(request, pk):
    kerangka = permissions.get_kerangka_for_user_or_404(request.user, pk)
    if not permissions.can_acknowledge(request.user, kerangka):
        raise PermissionDenied
    try:
        services.kerangka_acknowledge(actor=request.user, kerangka=kerangka)
    except ApplicationError as exc:
        messages.info(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Thank you: your acknowledgement was recorded."))
    return redirect("criteria:mine")
