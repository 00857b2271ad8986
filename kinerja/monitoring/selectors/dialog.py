"""Reads of dialog kinerja: the dialogues of a person (as pegawai or as penilai), one dialogue with its agreed
actions, and what the home card shows (actions due or overdue, dialogues waiting for my confirmation)."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from kinerja.monitoring.models import DialogKinerja, TindakLanjut

SOON_DAYS = 14  # an open action due within this many days shows on the home card


def of_party(pegawai_id: int | None) -> Q:
    return Q(skp__pegawai_id=pegawai_id) | Q(penilai_id=pegawai_id)


def waiting_for(pegawai_id: int | None) -> Q:
    """Dialogues waiting for this person's confirmation."""
    return Q(skp__pegawai_id=pegawai_id, dikonfirmasi_pegawai_at__isnull=True) | Q(
        penilai_id=pegawai_id, dikonfirmasi_penilai_at__isnull=True
    )


def dialogs_of(pegawai_id: int | None, today: datetime.date) -> QuerySet[DialogKinerja]:
    """The dialogues of a person as pegawai or as penilai, newest first, with how many of their actions are
    open and how many of those are overdue (one query)."""
    if pegawai_id is None:
        return DialogKinerja.objects.none()
    return (
        DialogKinerja.objects.filter(of_party(pegawai_id))
        .select_related("skp", "skp__pegawai", "skp__tahun_kinerja", "penilai")
        .annotate(
            terbuka=Count("tindak_lanjut", filter=Q(tindak_lanjut__selesai_at__isnull=True)),
            terlambat=Count(
                "tindak_lanjut",
                filter=Q(tindak_lanjut__selesai_at__isnull=True, tindak_lanjut__tenggat__lt=today),
            ),
        )
        .order_by("-tanggal", "-pk")
    )


def actions_of(dialog: DialogKinerja) -> list[TindakLanjut]:
    return list(dialog.tindak_lanjut.select_related("pemilik").order_by("tenggat", "pk"))


@dataclass
class ActionsSummary:
    """The home card's content: open actions due soon or overdue, and dialogues waiting for my confirmation."""

    actions: list[TindakLanjut]
    waiting: list[DialogKinerja]
    today: datetime.date

    @property
    def overdue(self) -> list[TindakLanjut]:
        return [a for a in self.actions if a.tenggat < self.today]

    @property
    def upcoming(self) -> list[TindakLanjut]:
        return [a for a in self.actions if a.tenggat >= self.today]


CARD_ROWS = 8


def actions_summary(pegawai_id: int | None, today: datetime.date) -> ActionsSummary | None:
    """Open actions of my dialogues (mine or the other party's) due within SOON_DAYS or overdue, and dialogues
    waiting for my confirmation: two queries. None when there is nothing."""
    if pegawai_id is None:
        return None
    actions = list(
        TindakLanjut.objects.filter(
            Q(dialog__skp__pegawai_id=pegawai_id) | Q(dialog__penilai_id=pegawai_id),
            selesai_at__isnull=True,
            tenggat__lte=today + datetime.timedelta(days=SOON_DAYS),
        )
        .select_related("pemilik", "dialog")
        .order_by("tenggat", "pk")[:CARD_ROWS]
    )
    waiting = list(
        DialogKinerja.objects.filter(waiting_for(pegawai_id))
        .select_related("skp__pegawai", "penilai")
        .order_by("-tanggal", "-pk")[:CARD_ROWS]
    )
    if not actions and not waiting:
        return None
    return ActionsSummary(actions=actions, waiting=waiting, today=today)


def get_action_for_user_or_404(user, pk) -> TindakLanjut:
    """An agreed action of a dialogue the user sees (404 otherwise)."""
    from django.shortcuts import get_object_or_404

    from kinerja.monitoring import permissions  # permissions reads selectors

    return get_object_or_404(
        TindakLanjut.objects.select_related("dialog", "dialog__skp"),
        pk=pk,
        dialog__in=permissions.dialog_visible_to(user),
    )


def startable_skp(pegawai, today: datetime.date) -> list:
    """The SKP on which the pegawai may record a dialogue today: their own approved SKP of the year and those of
    the people they assess (penilai in force), not ended (queries grow with the depth of the hierarchy only)."""
    from kinerja.org import selectors as org_selectors
    from kinerja.planning.models import SKP

    if pegawai is None:
        return []
    assessed = {d.pegawai.pk for d in org_selectors.assessed_by(pegawai, today)}
    found = (
        SKP.objects.filter(
            Q(pegawai=pegawai) | Q(pegawai_id__in=assessed, penilai_ditetapkan=False) | Q(penilai=pegawai),
            tahun_kinerja__tahun=today.year,
            berakhir=False,
        )
        .select_related("pegawai", "instansi")
        .order_by("pegawai__nama", "pk")
    )
    return [skp for skp in found if skp.pegawai_id == pegawai.pk or _assesses(pegawai.pk, skp, assessed)]


def _assesses(pegawai_id: int, skp, assessed: set[int]) -> bool:
    """The pegawai is the SKP's penilai today: the BKPSDM's choice when it made one, else the organisation's."""
    return skp.penilai_id == pegawai_id if skp.penilai_ditetapkan else skp.pegawai_id in assessed
