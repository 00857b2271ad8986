import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kinerja.accounts.permissions import can_reset_password
from kinerja.core import clock, navigation
from kinerja.core.services import ADMIN_BKPSDM_ONLY
from kinerja.core.views_util import confirm_first, form_page, submitted
from kinerja.org import forms, permissions, selectors, services


def _at(request) -> datetime.date:
    form = forms.DateChoiceForm(request.GET)
    if form.is_valid() and form.cleaned_data["tanggal"]:
        return form.cleaned_data["tanggal"]
    return clock.today()


# Units ------------------------------------------------------------------------------------------------------


TREE_FULL_UP_TO = 300  # units shown at once; above that the tree opens level by level


def unit_tree(request):
    instansi = permissions.current_instansi(request)
    at = _at(request)
    units = permissions.units_visible_to(request.user).filter(instansi=instansi, aktif=True)
    if units.count() > TREE_FULL_UP_TO:
        # A large pemda gets the top two levels; deeper levels load when a unit is opened.
        units = units.filter(depth__lte=1)
    return render(
        request,
        "org/unit_tree.html",
        {
            "instansi": instansi,
            "tree": selectors.unit_tree(units, at),
            "tanggal": at,
            "can_create": permissions.can_manage_org(request.user, instansi),
            "can_edit_instansi": permissions.can_manage_instansi(request.user, instansi),
            "can_import": permissions.can_import(request.user, instansi),
        },
    )


def unit_children(request, pk):
    """The sub-units of one unit, as tree items (loaded by htmx when a unit is opened in a large tree)."""
    unit = permissions.get_unit_for_user_or_404(request.user, pk)
    units = permissions.units_visible_to(request.user).filter(parent=unit, aktif=True)
    at = _at(request)
    return render(request, "org/_unit_children.html", {"tree": selectors.unit_tree(units, at), "tanggal": at})


def unit_detail(request, pk):
    unit = permissions.get_unit_for_user_or_404(request.user, pk)
    at = _at(request)
    rows = selectors.unit_positions(unit, at)
    visible = permissions.visible_pegawai_ids(
        request.user, (p.pegawai_id for row in rows for p in row.holders)
    )
    return render(
        request,
        "org/unit_detail.html",
        {
            "unit": unit,
            "rows": rows,
            "tanggal": at,
            "visible_ids": visible,
            "ancestors": permissions.units_visible_to(request.user)
            .filter(pk__in=unit.ancestor_ids)
            .order_by("depth"),
            "children": unit.children.filter(aktif=True).order_by("nama"),
            "riwayat": unit.riwayat.select_related("parent_lama", "parent_baru")[:20],
            "can_manage": permissions.can_manage_unit(request.user, unit),
            "can_add_child": permissions.can_create_unit(request.user, unit.instansi, unit),
            "can_add_jabatan": permissions.can_create_jabatan(request.user, unit),
        },
    )


def _unit_url(unit) -> str:
    return reverse("org:unit_detail", args=[unit.pk])


ORG_MANAGERS_ONLY = gettext_lazy("Only the BKPSDM or the administrator of the unit concerned can do this.")


def _managed(request, get_or_404, may_manage, pk):
    """The object, when the user may change it: 404 unless they see it, 403 unless they manage it."""
    obj = get_or_404(request.user, pk)
    if not may_manage(request.user, obj):
        raise PermissionDenied(
            _(
                "Only the BKPSDM or the administrator of the unit it belongs to can change this; you can read it."
            )
        )
    return obj


def _managed_unit(request, pk):
    return _managed(request, permissions.get_unit_for_user_or_404, permissions.can_manage_unit, pk)


def unit_create(request):
    instansi = permissions.current_instansi(request)
    units = permissions.units_manageable_by(request.user, instansi)
    if not permissions.can_manage_org(request.user, instansi):
        raise PermissionDenied(ORG_MANAGERS_ONLY)
    initial = {"parent": request.GET.get("parent")}
    form = forms.UnitCreateForm(request.POST or None, units=units, initial=initial)
    done = submitted(
        request,
        form,
        lambda d: services.unit_create(actor=request.user, instansi=instansi, **d),
        success=lambda unit: _("Unit %(name)s was created.") % {"name": unit},
        then=_unit_url,
    )
    return done or form_page(request, form, title=_("New unit"), cancel_url=reverse("org:unit_tree"))


def unit_edit(request, pk):
    unit = _managed_unit(request, pk)
    form = forms.UnitForm(
        request.POST or None, initial={"kode": unit.kode, "nama": unit.nama, "eselon": unit.eselon}
    )
    done = submitted(
        request,
        form,
        lambda d: services.unit_update(actor=request.user, unit=unit, **d),
        success=_("The unit was saved."),
        then=_unit_url(unit),
    )
    return done or form_page(
        request,
        form,
        title=_("Edit unit %(name)s") % {"name": unit},
        cancel_url=_unit_url(unit),
    )


def unit_move(request, pk):
    unit = _managed_unit(request, pk)
    units = permissions.units_manageable_by(request.user, unit.instansi).exclude(path__startswith=unit.path)
    form = forms.UnitMoveForm(request.POST or None, units=units, initial={"parent": unit.parent_id})
    done = submitted(
        request,
        form,
        lambda d: services.unit_move(
            actor=request.user, unit=unit, new_parent=d["parent"], tanggal=d["tanggal"], reason=d["reason"]
        ),
        success=_("The unit was moved; its history keeps the old place."),
        then=_unit_url(unit),
    )
    return done or form_page(
        request,
        form,
        title=_("Move unit %(name)s") % {"name": unit},
        intro=_("The whole subtree moves with it. Positions keep their reporting lines."),
        cancel_url=_unit_url(unit),
    )


# Positions --------------------------------------------------------------------------------------------------


def _jabatan_form(request, instansi, **kwargs):
    return forms.JabatanForm(
        request.POST or None,
        units=permissions.units_manageable_by(request.user, instansi),
        positions=permissions.jabatan_visible_to(request.user).filter(instansi=instansi, aktif=True),
        **kwargs,
    )


def jabatan_create(request, unit_pk):
    unit = permissions.get_unit_for_user_or_404(request.user, unit_pk)
    if not permissions.can_create_jabatan(request.user, unit):
        raise PermissionDenied(ORG_MANAGERS_ONLY)
    head = unit.jabatan.filter(kepala_unit=True, aktif=True).first()
    form = _jabatan_form(
        request, unit.instansi, initial={"unit": unit.pk, "atasan": head.pk if head else None}
    )
    done = submitted(
        request,
        form,
        lambda d: services.jabatan_create(actor=request.user, **_but(d, "reason")),
        success=lambda jabatan: _("Position %(name)s was created.") % {"name": jabatan},
        then=lambda jabatan: reverse("org:unit_detail", args=[jabatan.unit_id]),
    )
    return done or form_page(
        request, form, title=_("New position"), cancel_url=reverse("org:unit_detail", args=[unit.pk])
    )


def jabatan_detail(request, pk):
    jabatan = permissions.get_jabatan_for_user_or_404(request.user, pk)
    history = selectors.jabatan_history(jabatan)
    visible = permissions.visible_pegawai_ids(request.user, (p.pegawai_id for p in history))
    return render(
        request,
        "org/jabatan_detail.html",
        {
            "jabatan": jabatan,
            "history": history,
            "visible_ids": visible,
            "bawahan": jabatan.bawahan.filter(aktif=True).select_related("unit"),
            "can_manage": permissions.can_manage_jabatan(request.user, jabatan),
        },
    )


def jabatan_edit(request, pk):
    jabatan = _managed(request, permissions.get_jabatan_for_user_or_404, permissions.can_manage_jabatan, pk)
    initial = {
        "nama": jabatan.nama,
        "jenis": jabatan.jenis,
        "jenjang": jabatan.jenjang,
        "eselon": jabatan.eselon,
        "unit": jabatan.unit_id,
        "atasan": jabatan.atasan_id,
        "kepala_unit": jabatan.kepala_unit,
    }
    form = _jabatan_form(request, jabatan.instansi, initial=initial)
    done = submitted(
        request,
        form,
        lambda d: services.jabatan_update(actor=request.user, jabatan=jabatan, **d),
        success=_("The position was saved."),
        then=reverse("org:jabatan_detail", args=[jabatan.pk]),
    )
    return done or form_page(
        request,
        form,
        title=_("Edit position %(name)s") % {"name": jabatan},
        cancel_url=reverse("org:jabatan_detail", args=[pk]),
    )


def vacant_list(request):
    instansi = permissions.current_instansi(request)
    if not permissions.can_view_worklists(request.user):
        raise PermissionDenied(ORG_MANAGERS_ONLY)
    acting_only = request.GET.get("acting") == "1"
    rows = selectors.vacant_positions(
        permissions.worklist_positions(request.user, instansi), acting_only=acting_only
    )
    page = Paginator(rows.order_by("unit__path", "path"), 100).get_page(request.GET.get("page"))
    holders = selectors.holders_of([j.pk for j in page], clock.today())
    items = [(j, holders.get(j.pk)) for j in page]
    return render(
        request,
        "org/vacant_list.html",
        {
            "items": items,
            "page": page,
            "acting_only": acting_only,
            "query": "acting=1" if acting_only else "",
        },
    )


def unplaced_list(request):
    instansi = permissions.current_instansi(request)
    if not permissions.can_view_worklists(request.user):
        raise PermissionDenied(ORG_MANAGERS_ONLY)
    pegawai = selectors.unplaced_pegawai(
        permissions.pegawai_visible_to(request.user).filter(instansi=instansi)
    )
    page = Paginator(pegawai.order_by("nama"), 100).get_page(request.GET.get("page"))
    return render(request, "org/unplaced_list.html", {"page": page})


def _but(data: dict, name: str) -> dict:
    """The form's data without a field the service does not take."""
    return {k: v for k, v in data.items() if k != name}


# Pegawai ----------------------------------------------------------------------------------------------------


def pegawai_list(request):
    instansi = permissions.current_instansi(request)
    term = request.GET.get("q", "").strip()
    base = permissions.pegawai_visible_to(request.user).filter(instansi=instansi)
    qs = selectors.search_pegawai(base, term) if term else base
    qs = selectors.with_current_position(qs.order_by("nama"))
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    rows = [(p, selectors.current_of(p)) for p in page]
    context = {
        "rows": rows,
        "page": page,
        "q": term,
        "query": f"q={term}" if term else "",
        "can_create": permissions.can_create_pegawai(request.user, instansi),
    }
    if request.htmx:
        return render(request, "org/pegawai_list.html#results", context)
    return render(request, "org/pegawai_list.html", context)


def pegawai_detail(request, pk):
    pegawai = permissions.get_pegawai_for_user_or_404(request.user, pk)
    at = _at(request)
    rantai = selectors.penilai_chain(pegawai, at)
    chain = (rantai.penilai, rantai.atasan_penilai)
    visible = permissions.visible_pegawai_ids(request.user, (x.pegawai.pk for x in chain if x))
    can_manage = permissions.can_manage_pegawai(request.user, pegawai)
    return render(
        request,
        "org/pegawai_detail.html",
        {
            "pegawai": pegawai,
            "rantai": rantai,
            "tanggal": at,
            "visible_ids": visible,
            "assignments": selectors.pegawai_assignments(pegawai),
            "can_manage": can_manage,
            "can_reset_password": can_reset_password(request.user, pegawai),
            "account": getattr(pegawai, "user", None),
            # What later apps show about this pegawai (planning: their SKP and its status).
            "panels": navigation.panels_for("pegawai", request, pegawai),
        },
    )


def _pegawai_url(pegawai_pk: int) -> str:
    return reverse("org:pegawai_detail", args=[pegawai_pk])


def _managed_pegawai(request, pk):
    return _managed(request, permissions.get_pegawai_for_user_or_404, permissions.can_manage_pegawai, pk)


def pegawai_create(request):
    instansi = permissions.current_instansi(request)
    if not permissions.can_create_pegawai(request.user, instansi):
        raise PermissionDenied(ORG_MANAGERS_ONLY)
    form = forms.PegawaiForm(request.POST or None)
    form.fields.pop("reason")
    done = submitted(
        request,
        form,
        lambda d: services.pegawai_create(actor=request.user, instansi=instansi, **d),
        success=lambda pegawai: (
            _("%(name)s was registered. Place them in a position now.") % {"name": pegawai.nama_lengkap}
        ),
        then=lambda pegawai: reverse("org:penugasan_create", args=[pegawai.pk]),
    )
    return done or form_page(request, form, title=_("New employee"), cancel_url=reverse("org:pegawai_list"))


def pegawai_edit(request, pk):
    pegawai = _managed_pegawai(request, pk)
    form = forms.PegawaiForm(request.POST or None, instance=pegawai)
    done = submitted(
        request,
        form,
        lambda d: services.pegawai_update(actor=request.user, pegawai=pegawai, **d),
        success=_("The employee data was saved."),
        then=_pegawai_url(pegawai.pk),
    )
    return done or form_page(
        request,
        form,
        title=_("Edit %(name)s") % {"name": pegawai.nama_lengkap},
        cancel_url=_pegawai_url(pk),
    )


def _placement(request, pk, form_class, service, *, success: str, title: str, **page):
    """Placing a pegawai (an assignment or a transfer): the form's position list follows the chosen unit
    (?unit= on GET); `title` names the pegawai with %(name)s."""
    pegawai = _managed_pegawai(request, pk)
    form = form_class(request.POST or None, initial={"unit": request.GET.get("unit")})
    form.setup_positions(
        permissions.positions_manageable_by(request.user, pegawai.instansi),
        selectors.holders_of,
        clock.today(),
        request.path,
    )
    done = submitted(
        request,
        form,
        lambda d: service(actor=request.user, pegawai=pegawai, **_but(d, "unit")),
        success=success,
        then=_pegawai_url(pegawai.pk),
    )
    return done or form_page(
        request, form, title=title % {"name": pegawai.nama_lengkap}, cancel_url=_pegawai_url(pk), **page
    )


def penugasan_create(request, pk):
    return _placement(
        request,
        pk,
        forms.PenugasanForm,
        services.penugasan_create,
        success=_("The assignment was recorded."),
        title=_("Assign %(name)s to a position"),
        intro=_("For a move from one definitive position to another, use Transfer instead."),
    )


def pegawai_transfer(request, pk):
    return _placement(
        request,
        pk,
        forms.TransferForm,
        services.pegawai_transfer,
        success=_("The transfer was recorded; the previous assignment ended the day before."),
        title=_("Transfer %(name)s"),
        intro=_("The current definitive assignment ends the day before the effective date; history is kept."),
        submit_label=_("Record transfer"),
    )


def penugasan_end(request, pk):
    penugasan = permissions.get_penugasan_for_user_or_404(request.user, pk)
    if not permissions.can_assign(request.user, penugasan.pegawai, penugasan.jabatan):
        raise PermissionDenied(ORG_MANAGERS_ONLY)
    form = forms.EndPenugasanForm(request.POST or None)
    done = submitted(
        request,
        form,
        lambda d: services.penugasan_end(actor=request.user, penugasan=penugasan, **d),
        success=_("The assignment was ended."),
        then=_pegawai_url(penugasan.pegawai_id),
    )
    return done or form_page(
        request,
        form,
        title=_("End assignment: %(what)s") % {"what": penugasan},
        intro=_(
            "From the day after the last day, the employee no longer holds this position: their assessing "
            "official and the SKP of this position follow from that date. History is kept."
        ),
        submit_label=_("End the assignment"),
        cancel_url=_pegawai_url(penugasan.pegawai_id),
    )


@require_POST
def pegawai_reset_password(request, pk):
    from kinerja.accounts.services import account_set_temporary_password

    pegawai = permissions.get_pegawai_for_user_or_404(request.user, pk)
    account = getattr(pegawai, "user", None)
    if account is None or not can_reset_password(request.user, pegawai):
        raise PermissionDenied(ADMIN_BKPSDM_ONLY)
    page = confirm_first(
        request,
        title=_("Give %(name)s a temporary password?") % {"name": pegawai.nama_lengkap},
        consequence=_(
            "Their current password stops working at once. The temporary password is shown once, on the "
            "next page: hand it to them in person; they must change it when they log in."
        ),
        submit_label=_("Yes, make a temporary password"),
        cancel_url=_pegawai_url(pegawai.pk),
    )
    if page:
        return page
    password = account_set_temporary_password(actor=request.user, user=account)
    # Shown once, in this response's body only: a flash message would carry it in the messages cookie, which is
    # signed but readable, and a redirect would let it sit in the browser's history; no-store keeps it out of
    # every cache.
    response = render(
        request, "org/pegawai_temporary_password.html", {"pegawai": pegawai, "password": password}
    )
    add_never_cache_headers(response)
    return response


def dinilai(request):
    pegawai = request.user.pegawai
    if pegawai is None:
        raise PermissionDenied(_("Only employees assess other employees."))
    at = _at(request)
    return render(request, "org/dinilai.html", {"rows": selectors.assessed_by(pegawai, at), "tanggal": at})


def instansi_edit(request):
    instansi = permissions.current_instansi(request)
    if not permissions.can_manage_instansi(request.user, instansi):
        raise PermissionDenied(ADMIN_BKPSDM_ONLY)
    form = forms.InstansiForm(
        request.POST or None, instance=permissions.instansi_visible_to(request.user).get(pk=instansi.pk)
    )
    done = submitted(
        request,
        form,
        lambda d: services.instansi_update(actor=request.user, instansi=instansi, **d),
        success=_("The agency settings were saved."),
        then=reverse("org:unit_tree"),
    )
    return done or form_page(request, form, title=_("Agency settings"), cancel_url=reverse("org:unit_tree"))


@require_POST
def instansi_switch(request):
    """The superuser's agency switcher: the chosen instansi is remembered in the session and every page that
    works on one agency (org.permissions.current_instansi) uses it; ?instansi= still overrides it per request."""
    if not permissions.can_switch_instansi(request.user):
        raise PermissionDenied
    form = forms.InstansiSwitchForm(request.POST, agencies=permissions.instansi_visible_to(request.user))
    if not form.is_valid():
        messages.error(request, _("Choose one of the agencies in the list."))
        return redirect("portal:home")
    instansi = form.cleaned_data["instansi"]
    request.session[permissions.SESSION_INSTANSI] = instansi.pk
    messages.success(request, _("You now work in %(name)s.") % {"name": instansi.nama})
    return redirect("portal:home")
