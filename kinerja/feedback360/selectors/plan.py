"""Who a new round asks: the participants of a unit subtree (or the whole instansi) at a date, and for each their
pejabat penilai, their direct subordinates (those whose penilai they are) and suggested peers, in a few queries
whatever the size of the instansi (the organisation's `chains_at`)."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q

from kinerja.feedback360 import rules
from kinerja.feedback360.models import Formulir, Kelompok, Peserta
from kinerja.org import selectors as org_selectors
from kinerja.org.models import Instansi, Pegawai, Penugasan, UnitKerja


@dataclass
class PlannedParticipant:
    pegawai_id: int
    jabatan_id: int
    unit_id: int
    penilai_id: int | None
    subordinates: list[int] = field(default_factory=list)
    peers: list[int] = field(default_factory=list)


@dataclass
class RoundPlan:
    participants: list[PlannedParticipant]


def plan_round(instansi: Instansi, unit: UnitKerja | None, at: datetime.date, *, peers: int) -> RoundPlan:
    chains = org_selectors.chains_at(instansi, at)
    subordinates: dict[int, list[int]] = {}
    for chain in chains.values():
        if chain.penilai is not None:
            subordinates.setdefault(chain.penilai.pegawai.pk, []).append(chain.pegawai.pk)
    # Peers come from the pegawai's own unit, then the units beside it (the same parent unit).
    by_unit: dict[int, list[rules.Candidate]] = {}
    by_parent: dict[int | None, set[int]] = {}
    candidates: dict[int, rules.Candidate] = {}
    for pegawai_id, chain in chains.items():
        jabatan = chain.penugasan.jabatan  # type: ignore[union-attr]
        candidates[pegawai_id] = rules.Candidate(pegawai_id, jabatan.unit_id, -len(jabatan.ancestor_ids))
        by_unit.setdefault(jabatan.unit_id, []).append(candidates[pegawai_id])
        by_parent.setdefault(jabatan.unit.parent_id, set()).add(jabatan.unit_id)
    found = []
    for pegawai_id in sorted(chains):
        chain = chains[pegawai_id]
        jabatan = chain.penugasan.jabatan  # type: ignore[union-attr]
        if unit is not None and not jabatan.unit.path.startswith(unit.path):
            continue
        penilai_id = chain.penilai.pegawai.pk if chain.penilai else None
        below = sorted(subordinates.get(pegawai_id, []))
        taken = {pegawai_id, penilai_id, *below}
        nearby = [c for c in by_unit[jabatan.unit_id] if c.pegawai_id not in taken]
        if len(nearby) < peers:  # a small unit: widen to the units beside it
            nearby += [
                c
                for unit_id in sorted(by_parent[jabatan.unit.parent_id] - {jabatan.unit_id})
                for c in by_unit[unit_id]
                if c.pegawai_id not in taken
            ]
        found.append(
            PlannedParticipant(
                pegawai_id=pegawai_id,
                jabatan_id=jabatan.pk,
                unit_id=jabatan.unit_id,
                penilai_id=penilai_id,
                subordinates=below,
                peers=rules.suggest_peers(candidates[pegawai_id], nearby, peers),
            )
        )
    return RoundPlan(found)


def peer_candidates(peserta: Peserta, at: datetime.date) -> list[Pegawai]:
    """Whom a participant may tick as peers on the form: the people of their unit and of the units beside it,
    and whoever is nominated already (others are given by NIP); not those asked in another group."""
    nearby = Penugasan.objects.active_at(at).filter(
        jabatan__instansi_id=peserta.ronde.instansi_id, jabatan__unit__parent_id=peserta.unit.parent_id
    )
    nominated = Formulir.objects.filter(peserta=peserta, kelompok=Kelompok.REKAN).values("pengisi_id")
    others = Formulir.objects.filter(peserta=peserta).exclude(kelompok=Kelompok.REKAN).values("pengisi_id")
    return list(
        Pegawai.objects.filter(Q(pk__in=nearby.values("pegawai_id")) | Q(pk__in=nominated))
        .exclude(pk__in=others)
        .exclude(pk=peserta.pegawai_id)
        .order_by("nama")
    )
