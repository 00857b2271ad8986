"""The versions of the framework: the list, starting a draft, one version's page, publishing, discarding and
comparing two versions."""

import datetime

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.core import clock
from kinerja.core.templatetags.kinerja import tanggal
from kinerja.core.views_util import confirm_action, form_page, submitted
from kinerja.criteria import defaults, forms, permissions, selectors, services
from kinerja.criteria.models import SETTING_FIELDS, Kerangka
from kinerja.criteria.views.base import detail_url, editable, label, sections, visible
from kinerja.org.permissions import current_instansi


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
        source = defaults.SUMBER.get(name) or defaults.SUMBER["promosi"]
        rows.append((field.verbose_name, _display(value), source, forms.SETTING_NOTES.get(name, "")))
    return rows


def _publish_form(kerangka: Kerangka, data=None) -> forms.PublishForm:
    today = clock.today(kerangka.instansi)
    start = today if today.year == kerangka.tahun else datetime.date(kerangka.tahun, 1, 1)
    needs_reason = selectors.has_published_version(kerangka.instansi_id, kerangka.tahun)
    return forms.PublishForm(data, needs_reason=needs_reason, initial={"berlaku_mulai": start})


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
    done = submitted(
        request,
        form,
        lambda d: services.kerangka_start(actor=request.user, instansi=instansi, tahun=d["tahun"]),
        success=lambda kerangka: (
            _("Draft %(version)s was started. Edit it, then publish it.") % {"version": label(kerangka)}
        ),
        then=lambda kerangka: reverse("criteria:detail", args=[kerangka.pk]),
    )
    return done or form_page(
        request,
        form,
        title=_("Start a new version"),
        cancel_url=reverse("criteria:index"),
        submit_label=_("Start"),
    )


def detail(request, pk):
    kerangka = visible(request, pk)
    can_edit = permissions.can_edit(request.user, kerangka)
    context = {
        "kerangka": kerangka,
        "title": label(kerangka),
        "settings": _settings_rows(kerangka),
        "nilai_perilaku": kerangka.nilai_perilaku.all(),
        "kompetensi": kerangka.kompetensi.all(),
        "kriteria_lokal": kerangka.kriteria_lokal.all(),
        "sections": sections(kerangka.aturan.all()),
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
    kerangka = editable(request, pk)
    form = _publish_form(kerangka, request.POST or None)
    done = submitted(
        request,
        form,
        lambda d: services.kerangka_publish(
            actor=request.user, kerangka=kerangka, berlaku_mulai=d["berlaku_mulai"], alasan=d["alasan"]
        ),
        success=lambda published: (
            _("%(version)s was published; it is in force from %(date)s.")
            % {"version": label(published), "date": tanggal(published.berlaku_mulai)}
        ),
        then=detail_url(kerangka),
    )
    return done or form_page(
        request,
        form,
        title=_("Publish %(version)s") % {"version": label(kerangka)},
        intro=_("A published version can no longer be changed; later changes need a new version."),
        submit_label=_("Publish"),
        cancel_url=detail_url(kerangka),
    )


def discard(request, pk):
    kerangka = editable(request, pk)
    return confirm_action(
        request,
        lambda: services.kerangka_discard(actor=request.user, kerangka=kerangka),
        success=_("The draft %(version)s was discarded.") % {"version": label(kerangka)},
        then=reverse("criteria:index"),
        cancel_url=detail_url(kerangka),
        title=_("Discard the draft %(version)s?") % {"version": label(kerangka)},
        consequence=_("All changes made in this draft are lost. Published versions are not affected."),
        submit_label=_("Discard the draft"),
    )


def _picked(request, name: str) -> Kerangka | None:
    """The version chosen in the query parameter `name`, if any (404 when the user may not see it)."""
    value = request.GET.get(name, "")
    return visible(request, value) if value.isdigit() else None


def compare(request):
    instansi = current_instansi(request)
    visible_versions = permissions.kerangka_visible_to(request.user).filter(instansi=instansi)
    old, new = _picked(request, "a"), _picked(request, "b")
    form = forms.CompareForm(
        initial={"a": old.pk if old else None, "b": new.pk if new else None},
        versions=selectors.versions(visible_versions),
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
