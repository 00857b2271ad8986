"""Reads of the organisation: the unit tree, holders of positions, and who assesses whom at a date.

The pejabat penilai of a pegawai at a date is the holder of the nearest position above the pegawai's own
position that has a holder other than the pegawai: the definitive holder, else the Plt, else the Plh. The atasan
pejabat penilai is found the same way above the penilai's position.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from kinerja.accounts.permissions import under_unit_paths
from kinerja.core import clock
from kinerja.org.models import ImportRecord, Instansi, Jabatan, JenisPenugasan, Pegawai, Penugasan, UnitKerja

_RANK: dict[str, int] = {JenisPenugasan.DEFINITIF: 0, JenisPenugasan.PLT: 1, JenisPenugasan.PLH: 2}


@dataclass(frozen=True)
class Pejabat:
    """A person acting in a position at a date, and how (definitif, Plt or Plh)."""

    pegawai: Pegawai
    jabatan: Jabatan
    jenis: str

    @property
    def is_acting(self) -> bool:
        return self.jenis != JenisPenugasan.DEFINITIF

    @property
    def jenis_label(self) -> str:
        return str(JenisPenugasan(self.jenis).label)


@dataclass(frozen=True)
class RantaiPenilai:
    """The assessment chain of one pegawai at a date."""

    pegawai: Pegawai
    tanggal: datetime.date
    penugasan: Penugasan | None
    penilai: Pejabat | None
    atasan_penilai: Pejabat | None


def _rank(p: Penugasan) -> tuple[int, int, int]:
    """Definitive before Plt before Plh; among equals the most recent start."""
    return (_RANK[p.jenis], -p.mulai.toordinal(), -p.pk)


def _best(assignments: Iterable[Penugasan]) -> Penugasan | None:
    return min(assignments, key=_rank, default=None)


def primary_assignment(pegawai: Pegawai, at: datetime.date | None = None) -> Penugasan | None:
    """The position a pegawai is assessed through: their definitive one, else their acting one."""
    at = at or clock.today()
    return _best(
        Penugasan.objects.active_at(at).filter(pegawai=pegawai).select_related("jabatan", "jabatan__unit")
    )


def _holders(assignments: Iterable[Penugasan]) -> dict[int, Penugasan]:
    by_jabatan: dict[int, list[Penugasan]] = {}
    for p in assignments:
        by_jabatan.setdefault(p.jabatan_id, []).append(p)
    return {jabatan_id: min(items, key=_rank) for jabatan_id, items in by_jabatan.items()}


def holders_of(
    jabatan_ids: Iterable[int] | QuerySet, at: datetime.date | None = None
) -> dict[int, Penugasan]:
    """The effective holder of each given position at a date (positions without one are absent).

    A queryset of ids is used as a subquery, so a large set of positions is never sent back and forth."""
    at = at or clock.today()
    ids = jabatan_ids if isinstance(jabatan_ids, QuerySet) else list(jabatan_ids)
    if not isinstance(ids, QuerySet) and not ids:
        return {}
    qs = Penugasan.objects.active_at(at).filter(jabatan_id__in=ids).select_related("pegawai", "jabatan")
    return _holders(qs)


def _pejabat(p: Penugasan) -> Pejabat:
    return Pejabat(pegawai=p.pegawai, jabatan=p.jabatan, jenis=p.jenis)


def _walk_up(ancestor_ids: list[int], holders: dict[int, Penugasan], skip: set[int]) -> Pejabat | None:
    for jabatan_id in ancestor_ids:
        holder = holders.get(jabatan_id)
        if holder is not None and holder.pegawai_id not in skip:
            return _pejabat(holder)
    return None


def _chain(
    pegawai: Pegawai, primary: Penugasan, holders: dict[int, Penugasan], at: datetime.date
) -> RantaiPenilai:
    ancestors = primary.jabatan.ancestor_ids
    penilai = _walk_up(ancestors, holders, skip={pegawai.pk})
    atasan = None
    if penilai is not None:
        above = ancestors[ancestors.index(penilai.jabatan.pk) + 1 :]
        atasan = _walk_up(above, holders, skip={pegawai.pk, penilai.pegawai.pk})
    return RantaiPenilai(
        pegawai=pegawai, tanggal=at, penugasan=primary, penilai=penilai, atasan_penilai=atasan
    )


def penilai_chain(pegawai: Pegawai, at: datetime.date | None = None) -> RantaiPenilai:
    """Pejabat penilai and atasan pejabat penilai of one pegawai at a date, in two queries."""
    at = at or clock.today()
    primary = primary_assignment(pegawai, at)
    if primary is None:
        return RantaiPenilai(pegawai=pegawai, tanggal=at, penugasan=None, penilai=None, atasan_penilai=None)
    return _chain(pegawai, primary, holders_of(primary.jabatan.ancestor_ids, at), at)


def chains_at(instansi: Instansi, at: datetime.date) -> dict[int, RantaiPenilai]:
    """The assessment chain of everyone holding a position in the instansi at a date, by pegawai id, in one
    query (the rule of `penilai_chain`, for bulk work such as seeding a year's SKP)."""
    rows = list(
        Penugasan.objects.active_at(at)
        .filter(jabatan__instansi=instansi)
        .select_related("pegawai", "jabatan", "jabatan__unit")
    )
    holders = _holders(rows)
    by_pegawai: dict[int, list[Penugasan]] = {}
    for p in rows:
        by_pegawai.setdefault(p.pegawai_id, []).append(p)
    result = {}
    for items in by_pegawai.values():
        primary = min(items, key=_rank)
        result[primary.pegawai_id] = _chain(primary.pegawai, primary, holders, at)
    return result


@dataclass(frozen=True)
class Dinilai:
    """A pegawai assessed by someone at a date, through which of the assessor's positions."""

    pegawai: Pegawai
    penugasan: Penugasan
    melalui: Jabatan


def held_positions(pegawai: Pegawai, at: datetime.date | None = None) -> list[Jabatan]:
    """Positions of which the pegawai is the effective holder at a date."""
    at = at or clock.today()
    own = list(Penugasan.objects.active_at(at).filter(pegawai=pegawai).values_list("jabatan_id", flat=True))
    return [p.jabatan for p in holders_of(own, at).values() if p.pegawai_id == pegawai.pk]


def headed_unit_paths(pegawai_id: int, at: datetime.date) -> list[str]:
    """The paths of the units whose head position the pegawai holds at a date, definitively or acting (Plt/Plh):
    one query. A unit inside another they head is left out (its subtree is already read)."""
    paths = sorted(
        UnitKerja.objects.filter(
            aktif=True,
            jabatan__kepala_unit=True,
            jabatan__aktif=True,
            jabatan__penugasan__in=Penugasan.objects.active_at(at).filter(pegawai_id=pegawai_id),
        )
        .values_list("path", flat=True)
        .distinct()
    )
    return [p for p in paths if not any(p != q and p.startswith(q) for q in paths)]


def assessed_by(pegawai: Pegawai, at: datetime.date | None = None) -> list[Dinilai]:
    """Everyone the pegawai assesses at a date.

    Walks down from the positions they hold one level at a time, passing through vacant seats and stopping at
    seats someone else holds (whoever is below those is assessed by that holder). The number of queries grows
    with the depth of the hierarchy, never with the number of people in it.
    """
    at = at or clock.today()
    mine = held_positions(pegawai, at)
    if not mine:
        return []
    mine_ids = {j.pk for j in mine}
    active = Penugasan.objects.active_at(at)
    reached: set[int] = set()
    frontier = set(mine_ids)
    seen = set(mine_ids)
    while frontier:
        children = set(Jabatan.objects.filter(atasan_id__in=frontier).values_list("pk", flat=True)) - seen
        seen |= children
        reached |= children
        holders = holders_of(children, at)
        frontier = {j for j in children if j not in holders or holders[j].pegawai_id == pegawai.pk}
    # People with any assignment on a reached seat, with all their current assignments (their primary one
    # may lie elsewhere, even below a seat they act in).
    candidates = list(
        active.filter(pegawai_id__in=active.filter(jabatan_id__in=reached).values("pegawai_id"))
        .exclude(pegawai_id=pegawai.pk)
        .select_related("pegawai", "jabatan", "jabatan__unit")
    )
    by_pegawai: dict[int, list[Penugasan]] = {}
    for p in candidates:
        by_pegawai.setdefault(p.pegawai_id, []).append(p)
    primaries = {pid: min(items, key=_rank) for pid, items in by_pegawai.items()}
    ancestors = {a for p in primaries.values() for a in p.jabatan.ancestor_ids}
    holders = holders_of(ancestors - mine_ids, at)
    result = []
    for pegawai_id, primary in primaries.items():
        for jabatan_id in primary.jabatan.ancestor_ids:
            if jabatan_id in mine_ids:
                result.append(
                    Dinilai(pegawai=primary.pegawai, penugasan=primary, melalui=_find(mine, jabatan_id))
                )
                break
            holder = holders.get(jabatan_id)
            if holder is not None and holder.pegawai_id != pegawai_id:
                break
    result.sort(key=lambda d: (d.penugasan.jabatan.path, d.pegawai.nama))
    return result


def holds_position_above(pegawai: Pegawai, jabatan: Jabatan, at: datetime.date | None = None) -> bool:
    """Whether the pegawai holds (definitively or acting) a position above `jabatan` in its line at a date."""
    above = jabatan.ancestor_ids
    return bool(above) and (
        Penugasan.objects.active_at(at or clock.today())
        .filter(pegawai=pegawai, jabatan_id__in=above)
        .exists()
    )


def assesses_anyone(pegawai: Pegawai, at: datetime.date | None = None) -> bool:
    """Whether `assessed_by` would list someone, in three queries whatever the size of the line of command (for
    the menu): someone else holds a position below those the pegawai holds, and the highest such holder on each
    branch has the pegawai as penilai."""
    at = at or clock.today()
    mine = held_positions(pegawai, at)
    if not mine:
        return False
    below = Jabatan.objects.filter(under_unit_paths([j.path for j in mine]))
    return Penugasan.objects.active_at(at).filter(jabatan__in=below).exclude(pegawai_id=pegawai.pk).exists()


def _find(jabatan: list[Jabatan], pk: int) -> Jabatan:
    return next(j for j in jabatan if j.pk == pk)


def subordinate_positions(pegawai: Pegawai, at: datetime.date | None = None) -> QuerySet[Jabatan]:
    """All positions below those the pegawai holds at a date (their whole line of command)."""
    mine = held_positions(pegawai, at)
    if not mine:
        return Jabatan.objects.none()
    return Jabatan.objects.filter(under_unit_paths([j.path for j in mine])).exclude(
        pk__in=[j.pk for j in mine]
    )


def units_for_tree(instansi: Instansi) -> list[UnitKerja]:
    return list(UnitKerja.objects.filter(instansi=instansi, aktif=True).order_by("path"))


@dataclass
class UnitNode:
    unit: UnitKerja
    children: list["UnitNode"]
    kepala: Pejabat | None = None
    # Plt or Plh standing in beside the effective head (e.g. a Plh while the definitive head is away): shown
    # as the tree shows a Plt of a vacant head.
    pengganti: list[Pejabat] = field(default_factory=list)
    jumlah_jabatan: int = 0
    jumlah_kosong: int = 0
    jumlah_anak: int = 0  # active sub-units, loaded or not


def unit_tree(units: QuerySet[UnitKerja], at: datetime.date | None = None) -> list[UnitNode]:
    """The given units as a forest, with each unit's head and its count of positions and vacancies.

    Counts are aggregated in the database and only the heads' holders are loaded, so the cost follows the
    number of units, not of positions or people."""
    at = at or clock.today()
    unit_list = list(units.order_by("pk"))
    in_units = Jabatan.objects.filter(unit__in=units, aktif=True)
    held = Penugasan.objects.active_at(at).values("jabatan_id")
    totals = dict(in_units.values("unit_id").annotate(n=Count("pk")).values_list("unit_id", "n"))
    vacant = dict(
        in_units.exclude(pk__in=held).values("unit_id").annotate(n=Count("pk")).values_list("unit_id", "n")
    )
    on_heads = Penugasan.objects.active_at(at).filter(
        jabatan__in=in_units.filter(kepala_unit=True).values("pk")
    )
    by_head: dict[int, list[Penugasan]] = {}
    for p in on_heads.select_related("pegawai", "jabatan"):
        by_head.setdefault(p.jabatan_id, []).append(p)
    children = dict(
        UnitKerja.objects.filter(parent__in=units, aktif=True)
        .values("parent_id")
        .annotate(n=Count("pk"))
        .values_list("parent_id", "n")
    )
    nodes = {
        u.pk: UnitNode(
            unit=u,
            children=[],
            jumlah_jabatan=totals.get(u.pk, 0),
            jumlah_kosong=vacant.get(u.pk, 0),
            jumlah_anak=children.get(u.pk, 0),
        )
        for u in unit_list
    }
    for items in by_head.values():
        node = nodes[items[0].jabatan.unit_id]
        holder = min(items, key=_rank)
        node.kepala = _pejabat(holder)
        node.pengganti = [
            _pejabat(p)
            for p in sorted(items, key=_rank)
            if p is not holder and p.jenis != JenisPenugasan.DEFINITIF
        ]
    roots: list = []
    for u in unit_list:  # creation order; `path` would sort "/10/" before "/2/"
        parent = nodes.get(u.parent_id) if u.parent_id else None
        (parent.children if parent else roots).append(nodes[u.pk])
    return roots


@dataclass(frozen=True)
class JabatanRow:
    jabatan: Jabatan
    holders: list[Penugasan]

    @property
    def effective(self) -> Penugasan | None:
        return _best(self.holders)

    @property
    def vacant_definitive(self) -> bool:
        return not any(p.jenis == JenisPenugasan.DEFINITIF for p in self.holders)


def unit_positions(unit: UnitKerja, at: datetime.date | None = None) -> list[JabatanRow]:
    """Positions of a unit with everyone holding them at a date (definitive and acting)."""
    at = at or clock.today()
    active = Penugasan.objects.active_at(at).select_related("pegawai")
    jabatan = (
        Jabatan.objects.filter(unit=unit, aktif=True)
        .select_related("atasan")
        .prefetch_related(Prefetch("penugasan", queryset=active, to_attr="active_holders"))
        .order_by("-kepala_unit", "path")
    )
    return [JabatanRow(jabatan=j, holders=j.active_holders) for j in jabatan]


def jabatan_history(jabatan: Jabatan) -> list[Penugasan]:
    """Everyone who held a position, newest first (a list: the page reads it twice)."""
    return list(jabatan.penugasan.select_related("pegawai").order_by("-mulai", "-id"))


def pegawai_assignments(pegawai: Pegawai) -> QuerySet[Penugasan]:
    return pegawai.penugasan.select_related("jabatan", "jabatan__unit").order_by("-mulai", "-id")


def pegawai_matching(term: str, prefix: str = "") -> Q:
    """The condition "the pegawai (through `prefix`, e.g. "pegawai__") has this name or NIP": digits (spaces
    ignored, as a NIP is often written in groups) are the start of a NIP, anything else a part of the name."""
    term = term.strip()
    digits = "".join(term.split())
    if digits.isdigit():
        return Q(**{f"{prefix}nip__startswith": digits})
    return Q(**{f"{prefix}nama__icontains": term})


def search_pegawai(qs: QuerySet[Pegawai], term: str) -> QuerySet[Pegawai]:
    if not term.strip():
        return qs.none()
    return qs.filter(pegawai_matching(term))


def with_current_position(qs: QuerySet[Pegawai], at: datetime.date | None = None) -> QuerySet[Pegawai]:
    at = at or clock.today()
    active = Penugasan.objects.active_at(at).select_related("jabatan", "jabatan__unit")
    return qs.prefetch_related(Prefetch("penugasan", queryset=active, to_attr="current_assignments"))


def current_of(pegawai: Pegawai) -> Penugasan | None:
    """The primary assignment among those prefetched by `with_current_position`."""
    return _best(getattr(pegawai, "current_assignments", []))


@dataclass(frozen=True)
class OrgAttention:
    kosong: int
    dijabat_plt_plh: int
    belum_ditempatkan: int


def org_attention(instansi_id: int, unit_paths: list[str] | None = None) -> OrgAttention:
    """Counts an administrator should act on: vacant positions, acting officials, pegawai without a post."""
    jabatan = Jabatan.objects.filter(instansi_id=instansi_id)
    if unit_paths:
        jabatan = jabatan.filter(under_unit_paths(unit_paths, "unit__"))
    pegawai = Pegawai.objects.filter(instansi_id=instansi_id)
    return OrgAttention(
        kosong=vacant_positions(jabatan).count(),
        dijabat_plt_plh=vacant_positions(jabatan, acting_only=True).count(),
        belum_ditempatkan=0 if unit_paths else unplaced_pegawai(pegawai).count(),
    )


def vacant_positions(
    jabatan: QuerySet[Jabatan], at: datetime.date | None = None, *, acting_only: bool = False
) -> QuerySet[Jabatan]:
    """Active positions without a definitive holder; `acting_only` keeps those a Plt or Plh holds."""
    active = Penugasan.objects.active_at(at or clock.today())
    definitif = active.filter(jenis=JenisPenugasan.DEFINITIF)
    rows = jabatan.filter(aktif=True).exclude(pk__in=definitif.values("jabatan_id"))
    if acting_only:
        rows = rows.filter(pk__in=active.exclude(jenis=JenisPenugasan.DEFINITIF).values("jabatan_id"))
    return rows.select_related("unit")


def unplaced_pegawai(pegawai: QuerySet[Pegawai], at: datetime.date | None = None) -> QuerySet[Pegawai]:
    return pegawai.filter(aktif=True).exclude(
        pk__in=Penugasan.objects.active_at(at or clock.today()).values("pegawai_id")
    )


def import_records(instansi: Instansi) -> QuerySet[ImportRecord]:
    return (
        ImportRecord.objects.filter(instansi=instansi).select_related("actor").order_by("-created_at", "-pk")
    )


def pegawai_by_nip(instansi: Instansi, nips) -> QuerySet[Pegawai]:
    return Pegawai.objects.filter(instansi=instansi, nip__in=list(nips)).order_by("nama")
