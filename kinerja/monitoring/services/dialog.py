"""Dialog kinerja: a coaching, mentoring or counselling conversation recorded by either party (the pegawai of the
SKP or its penilai in force), with the actions agreed; the other party confirms it; each action is marked done
by its owner (or the other party). Once both confirmed, the record no longer changes."""

import datetime
from collections.abc import Mapping, Sequence

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.accounts.permissions import access_of
from kinerja.core import clock
from kinerja.core.errors import ApplicationError
from kinerja.core.formats import tanggal as tanggal_text
from kinerja.core.formats import waktu
from kinerja.core.notifications import notify
from kinerja.monitoring import permissions
from kinerja.monitoring.models import DialogKinerja, JenisDialog, TindakLanjut
from kinerja.monitoring.services import common
from kinerja.org.models import Pegawai
from kinerja.planning import selectors as planning_selectors
from kinerja.planning.models import SKP

MAX_TINDAK_LANJUT = 10
PEGAWAI, PENILAI = "pegawai", "penilai"


def _parties(actor, skp: SKP) -> tuple[int, int]:
    """(author, other party) of a new dialog on the SKP: its pegawai and the penilai in force today."""
    me = access_of(actor).pegawai_id
    penilai_id = planning_selectors.effective_penilai_id(skp)
    if me is not None and me == skp.pegawai_id:
        if penilai_id is None:
            raise ApplicationError(
                _("This SKP has no assessing official today; a dialogue needs one. Ask the BKPSDM.")
            )
        return me, penilai_id
    if me is not None and me == penilai_id:
        return me, skp.pegawai_id
    raise PermissionDenied(_("Only the employee and their assessing official record a performance dialogue."))


def _owner_id(pemilik, pegawai_id: int, penilai_id: int) -> int | None:
    if pemilik == PEGAWAI:
        return pegawai_id
    if pemilik == PENILAI:
        return penilai_id
    if isinstance(pemilik, Pegawai) and pemilik.pk in (pegawai_id, penilai_id):
        return pemilik.pk
    return None


def _check_header(jenis: str, tanggal, topik: str, catatan: str, skp: SKP) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if jenis not in JenisDialog.values:
        errors["jenis"] = [_("Choose the kind of dialogue.")]
    if not (topik or "").strip():
        errors["topik"] = [_("Write the topic.")]
    elif len(topik.strip()) > 200:
        errors["topik"] = [_("The topic is too long: at most 200 characters.")]
    if not (catatan or "").strip():
        errors["catatan"] = [_("Write what was discussed.")]
    today = clock.today(skp.instansi)
    if not isinstance(tanggal, datetime.date):
        errors["tanggal"] = [_("Give the date of the dialogue.")]
    elif tanggal > today:
        errors["tanggal"] = [_("The dialogue's date cannot be in the future.")]
    elif tanggal < skp.mulai:
        errors["tanggal"] = [
            _("The dialogue's date is before this SKP starts (%(date)s).") % {"date": tanggal_text(skp.mulai)}
        ]
    return errors


def _actions(rows: Sequence[Mapping], tanggal, pegawai_id: int, penilai_id: int) -> tuple[list, list[str]]:
    """The agreed actions as (uraian, owner id, due date), and the problems, each naming its row."""
    found, problems = [], []
    if len(rows) > MAX_TINDAK_LANJUT:
        problems.append(_("At most %(n)s agreed actions per dialogue.") % {"n": MAX_TINDAK_LANJUT})
    for n, row in enumerate(rows, start=1):
        uraian = (row.get("uraian") or "").strip()
        owner = _owner_id(row.get("pemilik"), pegawai_id, penilai_id)
        tenggat = row.get("tenggat")
        if not uraian:
            problems.append(_("Action %(n)s: describe what will be done.") % {"n": n})
        if owner is None:
            problems.append(
                _("Action %(n)s: the owner is the employee or the assessing official.") % {"n": n}
            )
        if not isinstance(tenggat, datetime.date):
            problems.append(_("Action %(n)s: give a due date.") % {"n": n})
        elif isinstance(tanggal, datetime.date) and tenggat < tanggal:
            problems.append(_("Action %(n)s: the due date is before the dialogue's date.") % {"n": n})
        found.append((uraian, owner, tenggat))
    return found, problems


def _detail_url(dialog: DialogKinerja) -> str:
    return reverse("monitoring:dialog_detail", args=[dialog.pk])


def _user_of_other(actor, dialog: DialogKinerja):
    me = access_of(actor).pegawai_id
    other = dialog.penilai_id if me == dialog.skp.pegawai_id else dialog.skp.pegawai_id
    return common.user_of(other)


def _name(actor) -> str:
    return actor.pegawai.nama_lengkap if actor.pegawai_id else actor.username


@transaction.atomic
def dialog_create(
    *,
    actor,
    skp: SKP,
    jenis: str,
    tanggal: datetime.date,
    topik: str,
    catatan: str,
    tindak_lanjut: Sequence[Mapping] = (),
) -> DialogKinerja:
    """Record a dialog kinerja on the SKP, confirmed by its author; the other party is asked to confirm.
    `tindak_lanjut`: rows {uraian, pemilik ("pegawai", "penilai" or one of the two Pegawai), tenggat}."""
    skp = common.locked_skp(skp)
    author_id, other_id = _parties(actor, skp)
    pegawai_id = skp.pegawai_id
    penilai_id = other_id if author_id == pegawai_id else author_id
    errors = _check_header(jenis, tanggal, topik, catatan, skp)
    actions, problems = _actions(tindak_lanjut, tanggal, pegawai_id, penilai_id)
    if problems:
        errors["tindak_lanjut"] = problems
    if errors:
        raise ApplicationError(errors)
    now = timezone.now()
    dialog = DialogKinerja.objects.create(
        skp=skp,
        penilai_id=penilai_id,
        jenis=jenis,
        tanggal=tanggal,
        topik=topik.strip(),
        catatan=catatan.strip(),
        dicatat_oleh_id=author_id,
        dikonfirmasi_pegawai_at=now if author_id == pegawai_id else None,
        dikonfirmasi_penilai_at=now if author_id == penilai_id else None,
    )
    TindakLanjut.objects.bulk_create(
        [TindakLanjut(dialog=dialog, uraian=u, pemilik_id=o, tenggat=t) for u, o, t in actions]
    )
    notify(
        [common.user_of(other_id)],
        judul=_("%(name)s recorded a performance dialogue; please confirm it") % {"name": _name(actor)},
        isi=f"{dialog.topik} ({tanggal_text(tanggal)})",
        url=_detail_url(dialog),
    )
    changes = {
        "jenis": jenis,
        "tanggal": tanggal.isoformat(),
        "topik": dialog.topik,
        "catatan": dialog.catatan,
    }
    common.record(actor, skp, "dialog.create", changes, obj=dialog)
    return dialog


def _locked_dialog(dialog: DialogKinerja) -> DialogKinerja:
    return (
        DialogKinerja.objects.select_for_update(of=("self",))
        .select_related("skp", "skp__instansi", "skp__pegawai")
        .get(pk=dialog.pk)
    )


@transaction.atomic
def dialog_confirm(*, actor, dialog: DialogKinerja) -> DialogKinerja:
    """The other party confirms the record of the dialogue (its author confirmed it by recording it)."""
    dialog = _locked_dialog(dialog)
    me = access_of(actor).pegawai_id
    if not permissions.is_dialog_party(actor, dialog):
        raise PermissionDenied(_("Only the employee and the assessing official of this dialogue confirm it."))
    if me == dialog.dicatat_oleh_id:
        raise ApplicationError(
            _("You recorded this dialogue, which confirmed it; the other party confirms it now.")
        )
    field = "dikonfirmasi_pegawai_at" if me == dialog.skp.pegawai_id else "dikonfirmasi_penilai_at"
    done = getattr(dialog, field)
    if done is not None:
        raise ApplicationError(
            _("You already confirmed this dialogue on %(when)s; nothing more to do.") % {"when": waktu(done)}
        )
    setattr(dialog, field, timezone.now())
    dialog.kunci += 1
    dialog.save(update_fields=[field, "kunci"])
    notify(
        [_user_of_other(actor, dialog)],
        judul=_("%(name)s confirmed the performance dialogue") % {"name": _name(actor)},
        isi=dialog.topik,
        url=_detail_url(dialog),
    )
    common.record(
        actor, dialog.skp, "dialog.confirm", {field: getattr(dialog, field).isoformat()}, obj=dialog
    )
    return dialog


def is_confirmed(dialog: DialogKinerja) -> bool:
    return dialog.dikonfirmasi_pegawai_at is not None and dialog.dikonfirmasi_penilai_at is not None


@transaction.atomic
def dialog_update(
    *,
    actor,
    dialog: DialogKinerja,
    kunci: int | None,
    jenis: str,
    tanggal: datetime.date,
    topik: str,
    catatan: str,
) -> DialogKinerja:
    """Correct the record of a dialogue that is not yet confirmed by both: by either party; the editor's
    confirmation stands, the other party's is asked again."""
    dialog = _locked_dialog(dialog)
    if not permissions.is_dialog_party(actor, dialog):
        raise PermissionDenied(_("Only the employee and the assessing official of this dialogue change it."))
    if is_confirmed(dialog):
        raise ApplicationError(_("Both parties confirmed this dialogue; its record no longer changes."))
    if kunci is not None and kunci != dialog.kunci:
        raise ApplicationError(
            _("This dialogue was changed meanwhile; open it again to see the latest record.")
        )
    errors = _check_header(jenis, tanggal, topik, catatan, dialog.skp)
    if errors:
        raise ApplicationError(errors)
    mine = (
        "dikonfirmasi_pegawai_at"
        if access_of(actor).pegawai_id == dialog.skp.pegawai_id
        else ("dikonfirmasi_penilai_at")
    )
    other = "dikonfirmasi_penilai_at" if mine == "dikonfirmasi_pegawai_at" else "dikonfirmasi_pegawai_at"
    changes = {
        key: value
        for key, value in {
            "jenis": jenis,
            "tanggal": tanggal,
            "topik": topik.strip(),
            "catatan": catatan.strip(),
        }.items()
        if getattr(dialog, key) != value
    }
    for key, value in changes.items():
        setattr(dialog, key, value)
    setattr(dialog, mine, timezone.now())
    setattr(dialog, other, None)
    dialog.kunci += 1
    dialog.save()
    notify(
        [_user_of_other(actor, dialog)],
        judul=_("%(name)s changed the performance dialogue; please confirm it again")
        % {"name": _name(actor)},
        isi=dialog.topik,
        url=_detail_url(dialog),
    )
    common.record(actor, dialog.skp, "dialog.update", {k: str(v) for k, v in changes.items()}, obj=dialog)
    return dialog


@transaction.atomic
def tindak_lanjut_done(*, actor, tindak_lanjut: TindakLanjut) -> TindakLanjut:
    """Mark an agreed action done: by its owner, or by the other party of the dialogue."""
    dialog = _locked_dialog(tindak_lanjut.dialog)
    action = TindakLanjut.objects.get(pk=tindak_lanjut.pk)
    if not permissions.is_dialog_party(actor, dialog):
        raise PermissionDenied(
            _("Only the employee and the assessing official of this dialogue mark its actions.")
        )
    if action.selesai_at is not None:
        raise ApplicationError(
            _("This action was already marked done on %(when)s.") % {"when": waktu(action.selesai_at)}
        )
    action.selesai_at = timezone.now()
    action.save(update_fields=["selesai_at"])
    common.record(
        actor, dialog.skp, "tindak_lanjut.done", {"selesai_at": action.selesai_at.isoformat()}, obj=action
    )
    return action
