"""Disciplinary decisions on record: the BKPSDM's list and form, one decision with its decree's scan, and its
cancellation. The pegawai, their superiors and the administrators of their unit read a decision (the same people
who see their discipline record); only the admin BKPSDM writes."""

from urllib.parse import urlencode

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.core import clock
from kinerja.core.formats import parse_int
from kinerja.core.views_util import form_page, submitted
from kinerja.monitoring import permissions, services
from kinerja.monitoring.models import TingkatSanksi
from kinerja.monitoring.selectors import catatan as selectors
from kinerja.monitoring.views.realisasi import attachment
from kinerja.org.forms import DateInput, ReasonField
from kinerja.org.permissions import current_instansi

ACCEPT = "application/pdf,.pdf,image/*,.jpg,.jpeg,.png"


class SanksiForm(forms.Form):
    """Nothing is required here: the service names every missing or wrong field at once, in its own words."""

    nip = forms.CharField(label=gettext_lazy("Employee's NIP"), max_length=30, required=False)
    tingkat = forms.ChoiceField(
        label=gettext_lazy("Punishment"), choices=[("", "—"), *TingkatSanksi.choices], required=False
    )
    nomor_sk = forms.CharField(label=gettext_lazy("Decree number"), max_length=100, required=False)
    tanggal_sk = forms.DateField(label=gettext_lazy("Decree date"), widget=DateInput, required=False)
    mulai = forms.DateField(label=gettext_lazy("In force from"), widget=DateInput, required=False)
    sampai = forms.DateField(
        label=gettext_lazy("In force until"),
        widget=DateInput,
        required=False,
        help_text=gettext_lazy(
            "Leave empty to use the punishment's duration: the allowance cuts 6, 9 or 12 months, the changes of "
            "position 12 months; a reprimand is served on its first day; a dismissal has no end."
        ),
    )
    uraian = forms.CharField(
        label=gettext_lazy("Violation"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("What the decree names as the violation. Optional."),
    )
    berkas = forms.FileField(
        label=gettext_lazy("Scan of the signed decree (PDF or photo)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("nip", "tingkat", "nomor_sk", "tanggal_sk", "mulai", "berkas"):
            self.fields[
                name
            ].required_for_choice = True  # marked as required; the service says what is missing


class CancelForm(forms.Form):
    reason = ReasonField(label=gettext_lazy("Why is this decision cancelled?"))


def _instansi(request):
    instansi = current_instansi(request)
    if not permissions.can_record_sanctions(request.user, instansi.pk):
        raise PermissionDenied(_("Only the BKPSDM records and lists disciplinary decisions."))
    return instansi


def sanksi_list(request):
    instansi = _instansi(request)
    today = clock.today(instansi)
    berlaku = request.GET.get("berlaku") == "1"
    q = (request.GET.get("q") or "").strip()[:100]
    rows = selectors.sanctions_of_instansi(instansi.pk, today, berlaku=berlaku, query=q)
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "today": today,
        "berlaku": berlaku,
        "q": q,
        "query": urlencode({k: v for k, v in (("q", q), ("berlaku", "1" if berlaku else "")) if v}),
    }
    return render(request, "monitoring/sanksi_list.html", context)


def sanksi_create(request):
    instansi = _instansi(request)
    chosen = selectors.pegawai_of_instansi(instansi.pk, parse_int(request.GET.get("pegawai")))
    form = SanksiForm(
        request.POST or None, request.FILES or None, initial={"nip": chosen.nip if chosen else ""}
    )
    done = submitted(
        request,
        form,
        lambda d: services.sanksi_create(actor=request.user, instansi=instansi, **d),
        success=lambda s: (
            _("The decision about %(name)s is on record; they were notified.")
            % {"name": s.pegawai.nama_lengkap}
        ),
        then=lambda s: reverse("monitoring:sanksi_detail", args=[s.pk]),
    )
    if done:
        return done
    return form_page(
        request,
        form,
        title=_("Record a disciplinary decision"),
        cancel_url=reverse("monitoring:sanksi_list"),
        intro=_(
            "Copy the decision from the signed decree of the competent official (PP 94/2021) and attach its "
            "scan. The employee is notified; a decision recorded by mistake is cancelled with a reason, never "
            "deleted."
        ),
    )


def _visible(request, pk):
    sanksi = selectors.sanksi_or_none(pk)
    if sanksi is None or not permissions.can_see_discipline(request.user, sanksi.pegawai):
        raise Http404
    return sanksi


def sanksi_detail(request, pk):
    sanksi = _visible(request, pk)
    today = clock.today(sanksi.instansi)
    context = {
        "sanksi": sanksi,
        "berlaku": sanksi.in_force(today),
        "menghalangi": sanksi.pegawai_id
        in selectors.promotion_barred(sanksi.instansi_id, [sanksi.pegawai_id], today),
        "can_cancel": sanksi.batal_at is None
        and permissions.can_record_sanctions(request.user, sanksi.instansi_id),
    }
    return render(request, "monitoring/sanksi_detail.html", context)


def sanksi_document(request, pk):
    return attachment(_visible(request, pk))


def sanksi_cancel(request, pk):
    sanksi = _visible(request, pk)
    if not permissions.can_record_sanctions(request.user, sanksi.instansi_id):
        raise PermissionDenied(_("Only the BKPSDM cancels a disciplinary decision."))
    detail = reverse("monitoring:sanksi_detail", args=[sanksi.pk])
    form = CancelForm(request.POST or None)
    done = submitted(
        request,
        form,
        lambda d: services.sanksi_cancel(actor=request.user, sanksi=sanksi, reason=d["reason"]),
        success=_("The decision was cancelled; it stays on record, marked cancelled."),
        then=detail,
    )
    if done:
        return done
    return form_page(
        request,
        form,
        title=_("Cancel the decision %(number)s") % {"number": sanksi.nomor_sk},
        cancel_url=detail,
        submit_label=_("Cancel the decision"),
        intro=_(
            "Cancel only a decision recorded by mistake or annulled by a later decree. It stays in the history "
            "with your reason and no longer counts for promotion or the evaluation."
        ),
    )


urlpatterns: list = [
    path("sanksi/", sanksi_list, name="sanksi_list"),
    path("sanksi/baru/", sanksi_create, name="sanksi_create"),
    path("sanksi/<int:pk>/", sanksi_detail, name="sanksi_detail"),
    path("sanksi/<int:pk>/dokumen/", sanksi_document, name="sanksi_document"),
    path("sanksi/<int:pk>/batal/", sanksi_cancel, name="sanksi_cancel"),
]
