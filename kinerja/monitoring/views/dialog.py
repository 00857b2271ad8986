"""Screens of dialog kinerja: my dialogues (as pegawai and as penilai), recording one on an SKP with the actions
agreed, one dialogue with its confirmation and its actions' "done" buttons."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kinerja.accounts.permissions import access_of
from kinerja.core import clock
from kinerja.core.views_util import act, form_page, submitted
from kinerja.monitoring import permissions, selectors, services
from kinerja.monitoring.models import DialogKinerja, JenisDialog
from kinerja.org.forms import DateInput
from kinerja.planning import selectors as planning_selectors

ROWS = 5  # agreed actions on the form (plain inputs, no JavaScript needed)
OWNERS = [("pegawai", gettext_lazy("Employee")), ("penilai", gettext_lazy("Assessing official"))]


class DialogForm(forms.Form):
    jenis = forms.ChoiceField(label=gettext_lazy("Kind"), choices=JenisDialog.choices)
    tanggal = forms.DateField(label=gettext_lazy("Date of the dialogue"), widget=DateInput)
    topik = forms.CharField(label=gettext_lazy("Dialogue topic"), max_length=200)
    catatan = forms.CharField(
        label=gettext_lazy("What was discussed"), widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(1, ROWS + 1):
            self.fields[f"tl_{n}_uraian"] = forms.CharField(
                label=_("Agreed action %(n)s") % {"n": n}, required=False, max_length=1000
            )
            self.fields[f"tl_{n}_pemilik"] = forms.ChoiceField(
                label=_("Owner"), choices=OWNERS, required=False, initial="pegawai"
            )
            self.fields[f"tl_{n}_tenggat"] = forms.DateField(
                label=_("Due by"), required=False, widget=DateInput
            )

    def header_fields(self):
        return [self[name] for name in ("jenis", "tanggal", "topik", "catatan")]

    def action_rows(self):
        return [
            (n, self[f"tl_{n}_uraian"], self[f"tl_{n}_pemilik"], self[f"tl_{n}_tenggat"])
            for n in range(1, ROWS + 1)
        ]

    def actions(self) -> list[dict]:
        """The filled rows (a row with neither text nor date is left out)."""
        data = self.cleaned_data
        rows = []
        for n in range(1, ROWS + 1):
            uraian, tenggat = data.get(f"tl_{n}_uraian", ""), data.get(f"tl_{n}_tenggat")
            if uraian or tenggat:
                rows.append(
                    {
                        "uraian": uraian,
                        "pemilik": data.get(f"tl_{n}_pemilik") or "pegawai",
                        "tenggat": tenggat,
                    }
                )
        return rows


class DialogEditForm(forms.Form):
    kunci = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    jenis = forms.ChoiceField(label=gettext_lazy("Kind"), choices=JenisDialog.choices)
    tanggal = forms.DateField(label=gettext_lazy("Date of the dialogue"), widget=DateInput)
    topik = forms.CharField(label=gettext_lazy("Dialogue topic"), max_length=200)
    catatan = forms.CharField(
        label=gettext_lazy("What was discussed"), widget=forms.Textarea(attrs={"rows": 6})
    )


def dialog_list(request):
    """My dialogues, newest first, with the ones waiting for my confirmation and overdue actions marked; a
    chooser to record a new one on an SKP I am a party of."""
    chosen = request.GET.get("skp", "")
    if chosen.isdigit():
        return redirect("monitoring:dialog_create", pk=int(chosen))
    pegawai = request.user.pegawai
    today = clock.today(request.user.instansi) if request.user.instansi_id else clock.today()
    me = access_of(request.user).pegawai_id
    page = Paginator(selectors.dialog.dialogs_of(me, today), 25).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "query": "",
        "me": me,
        "startable": selectors.dialog.startable_skp(pegawai, today),
    }
    return render(request, "monitoring/dialog_list.html", context)


def _party_skp(request, pk):
    """The SKP a dialogue is recorded on: 404 when not visible, 403 unless the user is its pegawai or its
    penilai in force."""
    skp = permissions.get_skp_for_user_or_404(request.user, pk)
    me = access_of(request.user).pegawai_id
    if me is None or me not in (skp.pegawai_id, planning_selectors.effective_penilai_id(skp)):
        raise PermissionDenied(
            _("Only the employee and their assessing official record a performance dialogue.")
        )
    return skp


def dialog_create(request, pk):
    skp = _party_skp(request, pk)
    initial = {"tanggal": clock.today(skp.instansi)}
    # Opened from a flag of the leaders' early warning: the kind and topic come suggested (the user may change them).
    if request.GET.get("jenis") in JenisDialog.values:
        initial["jenis"] = request.GET["jenis"]
    if request.GET.get("topik"):
        initial["topik"] = request.GET["topik"].strip()[:200]
    form = DialogForm(request.POST or None, initial=initial)
    done = submitted(
        request,
        form,
        lambda d: services.dialog_create(
            actor=request.user,
            skp=skp,
            jenis=d["jenis"],
            tanggal=d["tanggal"],
            topik=d["topik"],
            catatan=d["catatan"],
            tindak_lanjut=form.actions(),
        ),
        success=_("The dialogue was recorded; the other party is asked to confirm it."),
        then=lambda dialog: reverse("monitoring:dialog_detail", args=[dialog.pk]),
    )
    if done:
        return done
    other = (
        skp.identitas_penilai.get("nama", "")
        if skp.pegawai_id == request.user.pegawai_id
        else skp.pegawai.nama_lengkap
    )
    return render(request, "monitoring/dialog_form.html", {"form": form, "skp": skp, "other": other})


def dialog_detail(request, pk):
    dialog = permissions.get_dialog_for_user_or_404(request.user, pk)
    me = access_of(request.user).pegawai_id
    party = permissions.is_dialog_party(request.user, dialog)
    mine = "dikonfirmasi_pegawai_at" if me == dialog.skp.pegawai_id else "dikonfirmasi_penilai_at"
    context = {
        "dialog": dialog,
        "actions": selectors.dialog.actions_of(dialog),
        "today": clock.today(dialog.skp.instansi),
        "party": party,
        "can_confirm": party and me != dialog.dicatat_oleh_id and getattr(dialog, mine) is None,
        "can_edit": party and not services.dialog.is_confirmed(dialog),
    }
    return render(request, "monitoring/dialog_detail.html", context)


def dialog_edit(request, pk):
    """Correct the record before both parties confirmed it (either party; the other confirms again)."""
    dialog = permissions.get_dialog_for_user_or_404(request.user, pk)
    if not permissions.is_dialog_party(request.user, dialog):
        raise PermissionDenied(_("Only the employee and the assessing official of this dialogue change it."))
    initial = {f: getattr(dialog, f) for f in ("kunci", "jenis", "tanggal", "topik", "catatan")}
    form = DialogEditForm(request.POST or None, initial=initial)
    detail = reverse("monitoring:dialog_detail", args=[dialog.pk])
    done = submitted(
        request,
        form,
        lambda d: services.dialog_update(actor=request.user, dialog=dialog, **d),
        success=_("The record was changed; the other party is asked to confirm it again."),
        then=detail,
    )
    if done:
        return done
    return form_page(
        request,
        form,
        title=_("Correct the record of the dialogue"),
        cancel_url=detail,
        intro=_("The agreed actions stay as they are. The other party is asked to confirm the record again."),
    )


@require_POST
def dialog_confirm(request, pk):
    dialog: DialogKinerja = permissions.get_dialog_for_user_or_404(request.user, pk)
    return act(
        request,
        lambda: services.dialog_confirm(actor=request.user, dialog=dialog),
        success=_("You confirmed the record of the dialogue."),
        then=reverse("monitoring:dialog_detail", args=[dialog.pk]),
    )


@require_POST
def action_done(request, pk):
    action = selectors.dialog.get_action_for_user_or_404(request.user, pk)
    return act(
        request,
        lambda: services.tindak_lanjut_done(actor=request.user, tindak_lanjut=action),
        success=_("The action is marked done."),
        then=reverse("monitoring:dialog_detail", args=[action.dialog_id]),
    )


urlpatterns: list = [
    path("dialog/", dialog_list, name="dialog_list"),
    path("skp/<int:pk>/dialog/baru/", dialog_create, name="dialog_create"),
    path("dialog/<int:pk>/", dialog_detail, name="dialog_detail"),
    path("dialog/<int:pk>/ubah/", dialog_edit, name="dialog_edit"),
    path("dialog/<int:pk>/konfirmasi/", dialog_confirm, name="dialog_confirm"),
    path("tindak-lanjut/<int:pk>/selesai/", action_done, name="action_done"),
]
