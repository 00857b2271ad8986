"""Who may see and do what in 360 feedback.

The BKPSDM administrator opens, reminds and closes rounds and reads their response rates. A rater fills in only
their own form. The participant nominates their peers while the round is open; the pejabat penilai of the round
approves or changes them. The report is read by the participant and that penilai, once the round has closed;
nobody reads a single peer's or subordinate's answer, admins and superusers included (docs/360-anonymity.md).
The competency profile is set by the pegawai's current pejabat penilai and read by the pegawai, that penilai and
the instansi-wide roles."""

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from kinerja.accounts.permissions import access_of, in_own_instansi, is_admin_bkpsdm
from kinerja.core import clock
from kinerja.feedback360.models import Formulir, Peserta, Ronde, StatusRekan
from kinerja.org import selectors as org_selectors
from kinerja.org.models import Pegawai, UnitKerja


def _me(user) -> int | None:
    return access_of(user).pegawai_id


def can_open_round(user, instansi_id: int | None) -> bool:
    return instansi_id is not None and is_admin_bkpsdm(user, instansi_id)


def rounds_visible_to(user) -> QuerySet[Ronde]:
    """The rounds whose response rates a user reads: the BKPSDM administrator's (and a superuser's)."""
    access = access_of(user)
    if access.superuser:
        return Ronde.objects.all()
    if not can_open_round(user, access.instansi_id):
        return Ronde.objects.none()
    return in_own_instansi(user, Ronde)


def get_ronde_for_user_or_404(user, pk) -> Ronde:
    return get_object_or_404(rounds_visible_to(user).select_related("unit", "periode", "instansi"), pk=pk)


def can_fill(user, formulir: Formulir) -> bool:
    """A form is filled in only by its rater, while it is asked (a nominated peer's waits for the penilai)."""
    me = _me(user)
    return me is not None and formulir.pengisi_id == me and formulir.aktif


def get_formulir_for_user_or_404(user, pk) -> Formulir:
    """Only the rater's own form exists for them."""
    me = _me(user)
    return get_object_or_404(
        Formulir.objects.filter(pengisi_id=me, aktif=True).select_related(
            "peserta__ronde", "peserta__pegawai", "peserta__jabatan", "peserta__penilai"
        ),
        pk=pk,
    )


def peserta_visible_to(user) -> QuerySet[Peserta]:
    """The participations a user may open: their own and those they are the round's penilai of."""
    me = _me(user)
    if me is None:
        return Peserta.objects.none()
    return Peserta.objects.filter(Q(pegawai_id=me) | Q(penilai_id=me))


def get_peserta_for_user_or_404(user, pk) -> Peserta:
    return get_object_or_404(
        peserta_visible_to(user).select_related(
            "ronde", "ronde__instansi", "pegawai", "jabatan", "penilai", "unit"
        ),
        pk=pk,
    )


def can_open_report(user, peserta: Peserta) -> bool:
    """Whether the participation's pages (report, peers) open for the user: as `peserta_visible_to`."""
    me = _me(user)
    return me is not None and me in (peserta.pegawai_id, peserta.penilai_id)


def is_participant(user, peserta: Peserta) -> bool:
    me = _me(user)
    return me is not None and me == peserta.pegawai_id


def is_round_penilai(user, peserta: Peserta) -> bool:
    me = _me(user)
    return me is not None and me == peserta.penilai_id and me != peserta.pegawai_id


def can_nominate(user, peserta: Peserta) -> bool:
    """The participant changes their peers while the penilai has not approved them."""
    return is_participant(user, peserta) and peserta.status_rekan != StatusRekan.DISETUJUI


def can_approve(user, peserta: Peserta) -> bool:
    return is_round_penilai(user, peserta)


def can_edit_peers(user, peserta: Peserta, today) -> bool:
    """While the round is open: the penilai approving, or the participant nominating."""
    return not peserta.ronde.closed(today) and (can_approve(user, peserta) or can_nominate(user, peserta))


def current_penilai_id(pegawai: Pegawai) -> int | None:
    chain = org_selectors.penilai_chain(pegawai, clock.today(pegawai.instansi))
    return chain.penilai.pegawai.pk if chain.penilai else None


def can_set_profile(user, pegawai: Pegawai) -> bool:
    me = _me(user)
    return me is not None and me != pegawai.pk and me == current_penilai_id(pegawai)


def can_read_profile(user, pegawai: Pegawai) -> bool:
    access = access_of(user)
    if access.pegawai_id == pegawai.pk or access.superuser:
        return True
    if access.in_instansi(pegawai.instansi_id) and access.reads_whole_instansi:
        return True
    return can_set_profile(user, pegawai)


def pegawai_visible_to(user) -> QuerySet[Pegawai]:
    """The pegawai whose profile page of 360 a user may try (each is checked by `can_read_profile`)."""
    return in_own_instansi(user, Pegawai)


def get_pegawai_for_profile_or_404(user, pk) -> Pegawai:
    """A pegawai whose competency profile the user reads (`can_read_profile`); 404 for anyone else."""
    pegawai = get_object_or_404(pegawai_visible_to(user).select_related("instansi"), pk=pk)
    if not can_read_profile(user, pegawai):
        raise Http404
    return pegawai


def get_unit_or_404(user, pk) -> UnitKerja:
    """A unit of the user's own instansi (where a round may be opened)."""
    return get_object_or_404(in_own_instansi(user, UnitKerja), pk=pk)
