"""Reads of a calibration session: the evaluations it covers (with the evidence behind each), its proposals, and
the distribution before and after its changes.

The rows are the finalised results of the session's span in its units (each with the units below it), with the
mean capaian of the pegawai's realisations in the span and the count of their evidence, read as subqueries so a
page of rows costs a fixed number of queries."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Avg, Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Round
from django.shortcuts import get_object_or_404

from kinerja.accounts.models import Role, User
from kinerja.accounts.permissions import under_unit_paths
from kinerja.calibration.models import OPEN_USULAN, SesiKalibrasi, StatusSesi, StatusUsulan, Usulan
from kinerja.calibration.selectors.curve import Curve, Group, curve, span_filter
from kinerja.criteria.rules import PREDIKAT
from kinerja.evaluation.models import Evaluasi
from kinerja.evaluation.selectors.history import RESULT_STATUSES
from kinerja.feedback360.selectors import latest_report
from kinerja.monitoring.models import BuktiDukung, Realisasi
from kinerja.org.models import Penugasan, UnitKerja


def paths_of(sesi: SesiKalibrasi) -> list[str]:
    return [u.path for u in sesi.units.all()]


def _span(sesi: SesiKalibrasi, prefix: str = "") -> Q:
    if sesi.periode_id is not None:
        return Q(**{f"{prefix}periode_id": sesi.periode_id})
    return Q(**{f"{prefix}periode__tahun_kinerja__tahun": sesi.tahun})


def evaluations_of(sesi: SesiKalibrasi) -> QuerySet[Evaluasi]:
    """The finalised results of the session's span in its units, with `capaian` (the mean capaian of the
    pegawai's realisations in the span) and `bukti` (their evidence not withdrawn)."""
    realisasi = Realisasi.objects.filter(_span(sesi), skp=OuterRef("skp"))
    capaian = realisasi.order_by().values("skp").annotate(m=Round(Avg("capaian"), 1)).values("m")
    bukti = (
        BuktiDukung.objects.filter(
            _span(sesi, "realisasi__"), realisasi__skp=OuterRef("skp"), ditarik_at=None
        )
        .order_by()
        .values("realisasi__skp")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Evaluasi.objects.filter(
            span_filter(sesi.tahun, sesi.periode),
            under_unit_paths(paths_of(sesi), "skp__jabatan__unit__"),
            instansi_id=sesi.instansi_id,
            status__in=RESULT_STATUSES,
        )
        .exclude(predikat="")
        .select_related("pegawai", "penilai", "skp__jabatan__unit")
        .annotate(capaian=Subquery(capaian), bukti=Coalesce(Subquery(bukti), 0))
        .order_by("skp__jabatan__unit__path", "pegawai__nama")
    )


def get_evaluation_or_404(sesi: SesiKalibrasi, pk: int) -> Evaluasi:
    return get_object_or_404(evaluations_of(sesi).select_related("periode", "skp", "skp__instansi"), pk=pk)


def accepted_count(sesi: SesiKalibrasi) -> int:
    return sesi.usulan.filter(status=StatusUsulan.DITERIMA).count()


@dataclass
class Evidence:
    """What a member weighs beside one result: the 360 report of the span, the penilai's other results."""

    report: object | None
    penilai_predikat: list[tuple[str, int]]  # (predikat, count), best first
    penilai_total: int


def evidence_of(evaluasi: Evaluasi, today: datetime.date) -> Evidence:
    report = latest_report(evaluasi.pegawai_id, evaluasi.tahun, today, evaluasi.periode_id)
    same_span = Q(periode_id=evaluasi.periode_id) if evaluasi.periode_id else Q(periode__isnull=True)
    given = Counter(
        Evaluasi.objects.filter(
            same_span, penilai_id=evaluasi.penilai_id, tahun=evaluasi.tahun, status__in=RESULT_STATUSES
        )
        .exclude(predikat="")
        .values_list("predikat", flat=True)
    )
    return Evidence(report, [(p, given[p]) for p in PREDIKAT if given[p]], sum(given.values()))


def filtered(rows: QuerySet[Evaluasi], sesi: SesiKalibrasi, term: str, predikat: str, usulan: bool):
    if term:
        rows = rows.filter(Q(pegawai__nama__icontains=term) | Q(pegawai__nip__startswith=term))
    if predikat:
        rows = rows.filter(predikat=predikat)
    if usulan:
        rows = rows.filter(pk__in=Usulan.objects.filter(sesi=sesi).values("evaluasi_id"))
    return rows


def proposals_of(sesi: SesiKalibrasi) -> list[Usulan]:
    """The session's proposals, those waiting for the chair first."""
    found = list(
        sesi.usulan.select_related(
            "evaluasi", "evaluasi__pegawai", "diusulkan_oleh", "diputus_oleh"
        ).order_by("created_at", "pk")
    )
    return sorted(found, key=lambda u: u.status != StatusUsulan.DIAJUKAN)


def open_proposals_by_evaluation(sesi: SesiKalibrasi, evaluation_ids: list[int]) -> dict[int, Usulan]:
    found = sesi.usulan.filter(evaluasi_id__in=evaluation_ids, status__in=OPEN_USULAN)
    return {u.evaluasi_id: u for u in found}


@dataclass
class UnitBeforeAfter:
    before: Group
    after: Group

    @property
    def cells(self) -> list[tuple[int, int]]:
        return list(zip(self.before.cells, self.after.cells, strict=True))


@dataclass
class BeforeAfter:
    before: Curve
    after: Curve
    changed: int  # how many results the session changes (or changed)

    @property
    def units(self) -> list[UnitBeforeAfter]:
        """Each unit whose organisation result governs people of the session, before and after (a change moves
        people between predikat, never between units)."""
        after = {g.path: g for g in self.after.units}
        return [UnitBeforeAfter(g, after.get(g.path, g)) for g in self.before.units]


def before_after(sesi: SesiKalibrasi, today: datetime.date) -> BeforeAfter:
    """The distribution of the session's units before its changes and after them: while it is open, the accepted
    proposals applied; once closed, the applied ones undone for the before."""
    paths = paths_of(sesi)
    if sesi.terbuka:
        accepted = sesi.usulan.filter(status=StatusUsulan.DITERIMA).values_list("evaluasi_id", "predikat")
        overrides = dict(accepted)
        before = curve(sesi.instansi_id, sesi.tahun, sesi.periode, today, paths)
        after = curve(sesi.instansi_id, sesi.tahun, sesi.periode, today, paths, overrides=overrides)
        return BeforeAfter(before, after, len(overrides))
    applied = list(sesi.usulan.filter(status=StatusUsulan.DITERAPKAN))
    # both as the session left them: what came after it (an objection decided) does not rewrite its record
    before = curve(
        sesi.instansi_id,
        sesi.tahun,
        sesi.periode,
        today,
        paths,
        overrides={u.evaluasi_id: u.predikat_semula for u in applied},
    )
    after = curve(
        sesi.instansi_id,
        sesi.tahun,
        sesi.periode,
        today,
        paths,
        overrides={u.evaluasi_id: u.predikat for u in applied},
    )
    return BeforeAfter(before, after, len(applied))


def open_sessions_of(user) -> list[SesiKalibrasi]:
    """The open sessions the user chairs or sits in (one query), each with `menunggu`: the proposals waiting for
    the chair."""
    mine = Q(ketua=user) | Q(
        pk__in=SesiKalibrasi.anggota.through.objects.filter(user=user).values("sesikalibrasi_id")
    )
    return list(
        SesiKalibrasi.objects.filter(mine, status=StatusSesi.DIBUKA)
        .annotate(menunggu=Count("usulan", filter=Q(usulan__status=StatusUsulan.DIAJUKAN)))
        .order_by("-created_at")[:5]
    )


def member_choices(instansi_id: int, today: datetime.date) -> QuerySet[User]:
    """Who may sit in a session: the accounts of the tim penilai kinerja and the BKPSDM, and the heads of the
    perangkat daerah (the leaders)."""
    leaders = Penugasan.objects.active_at(today).filter(
        jabatan__instansi_id=instansi_id, jabatan__kepala_unit=True, jabatan__unit__depth=0
    )
    return (
        User.objects.filter(instansi_id=instansi_id, is_active=True)
        .filter(
            Q(roles__role__in=[Role.TIM_PENILAI, Role.ADMIN_BKPSDM], roles__instansi_id=instansi_id)
            | Q(pegawai_id__in=leaders.values("pegawai_id"))
        )
        .distinct()
        .select_related("pegawai")
        .order_by("nama")
    )


def users_of(instansi_id: int, ids: list[int]) -> QuerySet[User]:
    return User.objects.filter(instansi_id=instansi_id, pk__in=ids)


def chair_choices(instansi_id: int) -> QuerySet[User]:
    """Who may chair: the accounts of the tim penilai kinerja and the BKPSDM (closing applies the changes)."""
    return (
        User.objects.filter(
            instansi_id=instansi_id,
            is_active=True,
            roles__role__in=[Role.TIM_PENILAI, Role.ADMIN_BKPSDM],
            roles__instansi_id=instansi_id,
        )
        .distinct()
        .select_related("pegawai")
        .order_by("nama")
    )


def unit_choices(instansi_id: int) -> QuerySet[UnitKerja]:
    """The units a session may cover: the perangkat daerah and the units one level below them."""
    return UnitKerja.objects.filter(instansi_id=instansi_id, aktif=True, depth__lte=1).order_by("path")
