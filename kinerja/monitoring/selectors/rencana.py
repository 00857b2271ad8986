"""Reads of the rencana aksi: the page to write one (the RHK with its indikator and the period's targets), and
what the partial shown on the realisasi page may offer the user."""

import datetime
from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import get_object_or_404

from kinerja.core import clock
from kinerja.monitoring import permissions
from kinerja.monitoring.models import RencanaAksi
from kinerja.monitoring.selectors.plan import PeriodPlan, input_until, is_open, plans
from kinerja.planning.models import SKP


@dataclass
class RencanaPage:
    skp: SKP
    plan: PeriodPlan
    rhk: dict
    rencana: RencanaAksi | None
    open: bool
    until: datetime.date
    started: bool  # the period has begun

    @property
    def periode(self):
        return self.plan.periode

    def targets(self) -> list[tuple[dict, str]]:
        """Each indikator of the RHK with its target for the period (as the SKP gives it), or ""."""
        nomor = str(self.plan.periode.nomor)
        return [(i, (i.get("target_periode") or {}).get(nomor) or "") for i in self.rhk.get("indikator", [])]


def rencana_page(skp: SKP, periode_nomor: int, rhk_id: int) -> RencanaPage:
    """The RHK `rhk_id` of the version in force for the period `periode_nomor` of the SKP, or 404."""
    plan = next((p for p in plans(skp) if p.periode.nomor == periode_nomor and p.versi), None)
    rhk = next((r for r in plan.rhk() if r.get("id") == rhk_id), None) if plan else None
    if plan is None or rhk is None:
        raise Http404
    rencana = RencanaAksi.objects.filter(skp=skp, periode=plan.periode, rhk_id=rhk_id).first()
    today = clock.today(skp.instansi)
    return RencanaPage(
        skp=skp,
        plan=plan,
        rhk=rhk,
        rencana=rencana,
        open=is_open(skp, plan.periode, today),
        until=input_until(skp, plan.periode),
        started=plan.periode.mulai <= today,
    )


def get_rencana_for_user_or_404(user, pk) -> RencanaAksi:
    return get_object_or_404(
        RencanaAksi.objects.filter(skp__in=permissions.skp_visible_to(user)).select_related(
            "skp", "skp__instansi", "skp__pegawai", "skp__jabatan__unit", "periode", "komentar_oleh"
        ),
        pk=pk,
    )


def rhk_of(rencana: RencanaAksi) -> dict:
    """The RHK (as the version in force for the rencana's period recorded it) the rencana aksi is for."""
    plan = next((p for p in plans(rencana.skp) if p.periode.pk == rencana.periode_id), None)
    return next((r for r in plan.rhk() if r.get("id") == rencana.rhk_id), {}) if plan else {}


def partial_access(user, skp: SKP, periode) -> dict:
    """What the rencana aksi partial offers the user on one period of the SKP: `tulis` (the pegawai, while the
    period takes input) and `komentar` (the penilai of that period)."""
    today = clock.today(skp.instansi)
    owner = permissions.can_record(user, skp)
    return {
        "tulis": owner and periode.mulai <= today and is_open(skp, periode, today),
        "komentar": not owner and permissions.is_penilai_of_period(user, skp, periode),
    }


__all__ = ["RencanaPage", "get_rencana_for_user_or_404", "partial_access", "rencana_page", "rhk_of"]
