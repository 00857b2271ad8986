"""Who does what in calibration.

- The distribution curve is read by those who read the instansi's evaluations as a whole (the BKPSDM, the tim
  penilai kinerja, auditors, the superuser) and by department administrators for their subtree, as the
  evaluation recap.
- A calibration session is opened by the tim penilai kinerja or the admin BKPSDM of the instansi, who name its
  chair (one of them: the chair's closing applies the changes through evaluation, which accepts them from those
  roles) and its members (them, and the heads of the perangkat daerah when the instansi has its leaders sit in).
- Members read the session's pegawai and propose changes while it is open; the chair accepts or rejects them and
  closes the session. The instansi-wide readers (the BKPSDM, the tim, auditors) read every session; others only
  their own."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from kinerja.accounts.models import Role
from kinerja.accounts.permissions import access_of, in_own_instansi
from kinerja.calibration import workflow
from kinerja.calibration.models import SesiKalibrasi, Usulan
from kinerja.evaluation.permissions import can_read_recap, evaluasi_visible_to, recap_paths


def can_read_curve(user, instansi_id: int | None) -> bool:
    return instansi_id is not None and can_read_recap(user, instansi_id)


# The unit subtrees the user's curve covers (None: the whole instansi): those of their recap.
curve_paths = recap_paths

OPENERS = (Role.TIM_PENILAI, Role.ADMIN_BKPSDM)


def can_open_session(user, instansi_id: int | None) -> bool:
    access = access_of(user)
    return instansi_id is not None and access.instansi_id == instansi_id and access.has(*OPENERS)


def sessions_visible_to(user) -> QuerySet[SesiKalibrasi]:
    access = access_of(user)
    found = in_own_instansi(user, SesiKalibrasi) if access.authenticated else SesiKalibrasi.objects.none()
    if access.superuser or access.reads_whole_instansi:
        return found
    return found.filter(pk__in=SesiKalibrasi.objects.filter(Q(ketua=user) | Q(anggota=user)).values("pk"))


def get_sesi_for_user_or_404(user, pk) -> SesiKalibrasi:
    return get_object_or_404(sessions_visible_to(user).select_related("periode", "ketua", "instansi"), pk=pk)


def get_usulan_for_user_or_404(user, pk) -> Usulan:
    return get_object_or_404(
        Usulan.objects.filter(sesi__in=sessions_visible_to(user)).select_related(
            "sesi", "sesi__instansi", "evaluasi", "evaluasi__pegawai"
        ),
        pk=pk,
    )


def is_ketua(user, sesi: SesiKalibrasi) -> bool:
    return access_of(user).authenticated and user.pk == sesi.ketua_id


def is_member(user, sesi: SesiKalibrasi) -> bool:
    """The chair or a member (asked once per session and user)."""
    if is_ketua(user, sesi):
        return True
    if not access_of(user).authenticated:
        return False
    known = sesi.__dict__.setdefault("_members", {})
    if user.pk not in known:
        known[user.pk] = sesi.anggota.filter(pk=user.pk).exists()
    return known[user.pk]


def can_propose(user, sesi: SesiKalibrasi) -> bool:
    return sesi.terbuka and is_member(user, sesi)


SESI = workflow.SESI.with_roles({workflow.KETUA: is_ketua})
USULAN = workflow.USULAN.with_roles({workflow.KETUA: lambda user, usulan: is_ketua(user, usulan.sesi)})


def usulan_actions(user, usulan: Usulan) -> list[str]:
    """The chair's buttons on a proposal while the session is open (applying is the closing's)."""
    if not usulan.sesi.terbuka:
        return []
    return [a for a in USULAN.actions_for(user, usulan) if a in (workflow.TERIMA, workflow.TOLAK)]


def readable_evaluations(user, ids: list[int]) -> set[int]:
    """Which of these evaluations (of a session the user reads: their own instansi's) the user may open, to link
    them from the session's table. The instansi-wide readers open every finalised one without asking the
    database (the general question costs a third of a second at 20,000 pegawai on SQLite)."""
    access = access_of(user)
    if access.superuser or access.reads_whole_instansi:
        return set(ids)
    return set(evaluasi_visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))


# Rater-bias analytics: the overview is the tim penilai's and the admin BKPSDM's; a rater's own page is theirs too.


def can_read_bias(user, instansi_id: int | None) -> bool:
    access = access_of(user)
    return access.superuser or (access.in_instansi(instansi_id) and access.has(*OPENERS))


def can_read_rater(user, rater) -> bool:
    """The rater themselves, the tim penilai and the admin BKPSDM of their instansi, the superuser."""
    access = access_of(user)
    return access.pegawai_id == rater.pk or can_read_bias(user, rater.instansi_id)
