"""Umpan balik berkelanjutan: the penilai of a period comments on a realisasi of that period, the pegawai
replies (only once the penilai has said something). Each message notifies the other party."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.core.errors import ApplicationError
from kinerja.core.formats import angka
from kinerja.core.notifications import notify
from kinerja.monitoring import permissions, selectors
from kinerja.monitoring.models import PeranUmpanBalik, Realisasi, UmpanBalik
from kinerja.monitoring.services import common

MAX_ISI = 4000  # characters: a few paragraphs; a longer text belongs in a dialog kinerja


def _role_of(actor, realisasi: Realisasi) -> str:
    """The actor's role in the thread, or a refusal: the penilai of the period comments, the pegawai replies."""
    if permissions.can_comment(actor, realisasi):
        return PeranUmpanBalik.PENILAI
    if permissions.can_reply(actor, realisasi):
        if not realisasi.umpan_balik.filter(peran=PeranUmpanBalik.PENILAI).exists():
            raise ApplicationError(
                {"isi": _("You can reply once your assessing official has commented on this realisation.")}
            )
        return PeranUmpanBalik.PEGAWAI
    raise PermissionDenied(
        _(
            "Only the assessing official of this period comments on a realisation, and only its employee "
            "replies."
        )
    )


def _clean_text(isi: str) -> str:
    text = (isi or "").strip()
    if not text:
        raise ApplicationError({"isi": _("Write a message first.")})
    if len(text) > MAX_ISI:
        raise ApplicationError(
            {"isi": _("The message is too long: at most %(max)s characters.") % {"max": angka(MAX_ISI)}}
        )
    return text


@transaction.atomic
def umpan_balik_add(*, actor, realisasi: Realisasi, isi: str) -> UmpanBalik:
    """A message in the thread of a realisasi: the comment of the penilai of its period, or the reply of its
    pegawai. Anyone else is refused; an empty or overlong text is refused; nothing is stored then."""
    skp = common.locked_skp(realisasi.skp)
    realisasi = Realisasi.objects.select_related("periode").get(pk=realisasi.pk)
    realisasi.skp = skp
    peran = _role_of(actor, realisasi)
    text = _clean_text(isi)
    message = UmpanBalik.objects.create(realisasi=realisasi, penulis=actor.pegawai, peran=peran, isi=text)
    url = reverse("monitoring:realisasi_detail", args=[realisasi.pk]) + "#umpan-balik"
    author = actor.pegawai.nama_lengkap if actor.pegawai_id else actor.username
    if peran == PeranUmpanBalik.PENILAI:
        recipient = common.user_of(skp.pegawai_id)
        judul = _("New feedback on your realisation for %(periode)s") % {"periode": realisasi.periode.nama}
        action = "umpan_balik.comment"
    else:
        recipient = common.user_of(selectors.penilai_of_period(skp, realisasi.periode))
        judul = _("%(name)s replied to your feedback (%(periode)s)") % {
            "name": author,
            "periode": realisasi.periode.nama,
        }
        action = "umpan_balik.reply"
    notify([recipient], judul=judul, isi=f"{author}: {text[:300]}", url=url)
    common.record(actor, skp, action, {"isi": text, "peran": peran}, obj=message)
    return message
