"""The cascade (matriks peran hasil) below a leader, and whose cascade to show by default."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Length, Replace

from kinerja.core import clock
from kinerja.org import selectors as org_selectors
from kinerja.org.models import Pegawai, Penugasan
from kinerja.planning import rules
from kinerja.planning.models import RHK, SKP, JenisRHK, StatusSKP


@dataclass(frozen=True)
class CascadeSKP:
    """What the cascade shows of an SKP (plain values: a whole instansi's SKP are read at once)."""

    pk: int
    pegawai_id: int
    penilai_id: int | None
    status: str
    identitas_pegawai: dict

    def get_status_display(self) -> str:
        return str(StatusSKP(self.status).label)


@dataclass(frozen=True)
class CascadeRHK:
    pk: int
    jenis: str
    urutan: int
    uraian: str
    rhk_atasan_id: int | None


@dataclass
class CascadeNode:
    rhk: CascadeRHK
    nomor: str
    pemilik: CascadeSKP
    children: list["CascadeNode"] = field(default_factory=list)
    # RHK of someone who has people with an SKP below them, that none of those people support.
    tidak_didukung: bool = False
    # An Utama RHK of someone below the leader that names no RHK of their penilai.
    yatim: bool = False


@dataclass
class Cascade:
    leader: Pegawai
    tahun: int
    roots: list[CascadeNode]
    yatim: list[CascadeNode]  # subordinate Utama RHK that support nothing
    tidak_didukung: int = 0
    jumlah_skp: int = 0


def cascade(leader: Pegawai, tahun: int, at: datetime.date | None = None) -> Cascade:
    """The tree from the leader's RHK down through the RHK of everyone below them, in a fixed number of queries.

    Flags the leader's (and each middle manager's) RHK that nobody supports, and Utama RHK below the leader
    that support nothing. Rows are read as plain values: the Sekda's cascade is the whole instansi."""
    at = at or clock.today(leader.instansi)
    held = org_selectors.held_positions(leader, at)
    below = org_selectors.subordinate_positions(leader, at)
    skp_qs = SKP.objects.filter(tahun_kinerja__tahun=tahun, berakhir=False).filter(
        Q(pegawai=leader) | Q(jabatan__in=below) | Q(jabatan__in=[j.pk for j in held])
    )
    owners = {
        row[0]: CascadeSKP(*row)
        for row in skp_qs.values_list("pk", "pegawai_id", "penilai_id", "status", "identitas_pegawai")
    }
    by_skp: dict[int, list[CascadeRHK]] = {}
    for skp_id, pk, jenis, urutan, uraian, rhk_atasan_id in RHK.objects.filter(skp__in=skp_qs).values_list(
        "skp_id", "pk", "jenis", "urutan", "uraian", "rhk_atasan_id"
    ):
        by_skp.setdefault(skp_id, []).append(CascadeRHK(pk, jenis, urutan, uraian, rhk_atasan_id))
    nodes: dict[int, CascadeNode] = {}
    for skp_id, items in by_skp.items():
        items.sort(key=lambda r: (r.jenis != JenisRHK.UTAMA, r.urutan, r.pk))
        for nomor, r in zip(rules.rhk_numbers([r.jenis for r in items]), items, strict=True):
            nodes[r.pk] = CascadeNode(rhk=r, nomor=nomor, pemilik=owners[skp_id])
    roots, yatim = [], []
    owners_with_children: set[int] = set()
    for node in nodes.values():
        parent = nodes.get(node.rhk.rhk_atasan_id) if node.rhk.rhk_atasan_id else None
        if parent is not None:
            parent.children.append(node)
            owners_with_children.add(parent.pemilik.pegawai_id)
        elif node.pemilik.pegawai_id == leader.pk:
            roots.append(node)
        elif node.rhk.jenis == JenisRHK.UTAMA and node.rhk.rhk_atasan_id is None:
            node.yatim = True
            yatim.append(node)
    # A person "has people below" when an SKP below names one of their RHK, or when they assess someone here.
    penilai_ids = {s.penilai_id for s in owners.values() if s.penilai_id}
    count = 0
    for node in nodes.values():
        owner = node.pemilik.pegawai_id
        if (
            node.rhk.jenis == JenisRHK.UTAMA
            and not node.children
            and (owner in owners_with_children or owner in penilai_ids)
        ):
            node.tidak_didukung = True
            count += 1
        node.children.sort(key=lambda n: (n.pemilik.identitas_pegawai.get("nama", ""), n.nomor))
    roots.sort(key=lambda n: (n.rhk.jenis != JenisRHK.UTAMA, n.nomor))
    return Cascade(
        leader=leader,
        tahun=tahun,
        roots=roots,
        yatim=sorted(yatim, key=lambda n: (n.pemilik.identitas_pegawai.get("nama", ""), n.nomor)),
        tidak_didukung=count,
        jumlah_skp=len(owners),
    )


def highest_leader(pegawai: QuerySet[Pegawai], at: datetime.date | None = None) -> Pegawai | None:
    """The pegawai (among the given ones) in the highest position today: the default leader of the cascade
    for someone who holds no position (the Sekda for the BKPSDM, a department head for its administrator)."""
    at = at or clock.today()
    first = (
        Penugasan.objects.active_at(at)
        .filter(pegawai__in=pegawai, jabatan__bawahan__isnull=False)
        .select_related("pegawai")
        .annotate(depth=Length("jabatan__path") - Length(Replace("jabatan__path", Value("/"), Value(""))))
        .order_by("depth", "jabatan__path", "pk")
        .first()
    )
    return first.pegawai if first else None


def pegawai_by_nip(qs: QuerySet[Pegawai], nip: str) -> Pegawai | None:
    return qs.filter(nip=nip).first()
