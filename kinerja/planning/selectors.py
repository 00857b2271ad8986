"""Reads of performance planning: SKP with their content, who assesses an SKP, the supervisor's inbox, the
cascade (matriks peran hasil) and the content of a version."""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet

from kinerja.core import clock
from kinerja.core.models import AuditEvent
from kinerja.org import selectors as org_selectors
from kinerja.org.models import Jabatan, JenisJabatan, JenisPenugasan, Pegawai
from kinerja.planning import rules
from kinerja.planning.models import (
    RHK,
    SKP,
    Arah,
    Aspek,
    Indikator,
    JenisRHK,
    JenisTarget,
    Periode,
    StatusSKP,
    TahunKinerja,
)

JPT = {JenisJabatan.JPT_UTAMA, JenisJabatan.JPT_MADYA, JenisJabatan.JPT_PRATAMA}

# An RHK of the penilai may be supported once the penilai has submitted it (DOMAIN 2.1), or approved it before.
CASCADABLE = Q(skp__status__in=[StatusSKP.DIAJUKAN, StatusSKP.DISETUJUI]) | Q(skp__versi__gt=0)

# The server's day, for core's home page and menu, which still ask planning for it (until the portal owns them);
# planning itself asks the clock with the SKP's instansi.
today = clock.today


# Years and periods ------------------------------------------------------------------------------------------


def tahun_of(instansi_id: int, tahun: int) -> TahunKinerja | None:
    return TahunKinerja.objects.filter(instansi_id=instansi_id, tahun=tahun).first()


def years(instansi_id: int) -> QuerySet[TahunKinerja]:
    return TahunKinerja.objects.filter(instansi_id=instansi_id).prefetch_related("periode").order_by("-tahun")


def periods_of(tahun_kinerja: TahunKinerja) -> QuerySet[Periode]:
    return tahun_kinerja.periode.order_by("nomor")


# Identity snapshots -----------------------------------------------------------------------------------------

ACTING_PREFIX = {JenisPenugasan.PLT: "Plt. ", JenisPenugasan.PLH: "Plh. "}


def identitas(pegawai: Pegawai, jabatan: Jabatan | None, jenis: str = JenisPenugasan.DEFINITIF) -> dict:
    """Nama, NIP, pangkat/golongan, jabatan and unit of a person as the SKP prints them."""
    return {
        "pegawai_id": pegawai.pk,
        "nama": pegawai.nama_lengkap,
        "nip": pegawai.nip,
        "pangkat_golongan": pegawai.pangkat_golongan,
        "jabatan": f"{ACTING_PREFIX.get(jenis, '')}{jabatan.nama}" if jabatan else "",
        "unit_kerja": jabatan.unit.nama if jabatan else "",
    }


def identitas_pejabat(pejabat: org_selectors.Pejabat | None) -> dict:
    return identitas(pejabat.pegawai, pejabat.jabatan, pejabat.jenis) if pejabat else {}


def identitas_ppk(instansi) -> dict:
    """The penilai of the top official: the PPK (e.g. the mayor), who is not a pegawai in the system."""
    return {
        "pegawai_id": None,
        "nama": "",
        "nip": "",
        "pangkat_golongan": "",
        "jabatan": instansi.jabatan_ppk,
        "unit_kerja": instansi.nama,
    }


def chain_date(skp: SKP, at: datetime.date | None = None) -> datetime.date:
    """The date at which the SKP's assessors are read: today where the instansi is, kept inside the SKP's span."""
    at = at or clock.today(skp.instansi)
    return min(max(at, skp.mulai), skp.selesai)


def chain_of(skp: SKP, at: datetime.date | None = None) -> org_selectors.RantaiPenilai:
    return org_selectors.penilai_chain(skp.pegawai, chain_date(skp, at))


def effective_penilai_id(skp: SKP, at: datetime.date | None = None) -> int | None:
    """Who assesses the SKP now: the person the BKPSDM set, else the penilai the organisation gives."""
    if skp.penilai_ditetapkan:
        return skp.penilai_id
    chain = chain_of(skp, at)
    return chain.penilai.pegawai.pk if chain.penilai else None


def ruleset_of(skp: SKP):
    """The assessment framework in force for the SKP: at its start, or (for a version published later in the
    year) at its end."""
    from kinerja.criteria import selectors as criteria_selectors

    return criteria_selectors.rules_in_force(skp.instansi_id, skp.mulai) or criteria_selectors.rules_in_force(
        skp.instansi_id, skp.selesai
    )


def perspective_choices(skp: SKP) -> list[tuple[str, str]]:
    """The JPT perspectives of the framework in force for the SKP, as (code, name), in their order."""
    from kinerja.criteria.models import Bagian

    ruleset = ruleset_of(skp)
    return [(r["kode"], r["nama"]) for r in (ruleset.aturan.get(Bagian.PERSPEKTIF, []) if ruleset else [])]


def deadline_of(skp: SKP) -> datetime.date:
    tahun = skp.tahun_kinerja
    return rules.skp_deadline(
        year_deadline=tahun.tenggat_skp,
        mulai=skp.mulai,
        days_for_late_start=tahun.hari_tenggat_skp_baru,
        extension=skp.tenggat,
    )


# One SKP ----------------------------------------------------------------------------------------------------


def with_content(qs: QuerySet[SKP]) -> QuerySet[SKP]:
    """SKP with everything a page or document shows, in a fixed number of queries."""
    return qs.select_related(
        "pegawai", "jabatan", "jabatan__unit", "tahun_kinerja", "instansi", "penilai"
    ).prefetch_related(
        Prefetch(
            "rhk",
            queryset=RHK.objects.select_related("rhk_atasan").order_by("jenis", "urutan", "pk"),
        ),
        Prefetch("rhk__indikator", queryset=Indikator.objects.order_by("urutan", "pk")),
        "perilaku",
    )


def rhk_rows(skp: SKP) -> list[tuple[str, RHK]]:
    """The SKP's RHK with their printed numbers (U1, U2 ..., T1 ...), Utama first."""
    items = sorted(skp.rhk.all(), key=lambda r: (r.jenis != JenisRHK.UTAMA, r.urutan, r.pk))
    return list(zip(rules.rhk_numbers([r.jenis for r in items]), items, strict=True))


def target_text(i: Indikator) -> str:
    if i.jenis_target == JenisTarget.KUALITATIF:
        return i.target_teks
    return f"{rules.format_angka(i.target_angka)} {i.satuan}".strip()


def content_of(skp: SKP) -> dict:
    """The whole content of an SKP as plain data: what a version stores, what a diff compares (the SKP comes
    from `with_content`)."""
    return content_from(
        skp,
        rhk=[
            (r, list(r.indikator.all()), r.rhk_atasan.uraian if r.rhk_atasan_id else "")
            for r in skp.rhk.all()
        ],
        perilaku=list(skp.perilaku.all()),
    )


def content_from(skp: SKP, *, rhk: list[tuple[RHK, list[Indikator], str]], perilaku: list) -> dict:
    """`content_of` from rows at hand: (RHK, its indikator, the text of the RHK it supports), the perilaku."""
    ordered = sorted(rhk, key=lambda item: (item[0].jenis != JenisRHK.UTAMA, item[0].urutan, item[0].pk))
    rows = []
    for nomor, (r, indikator, atasan) in zip(
        rules.rhk_numbers([r.jenis for r, _i, _a in ordered]), ordered, strict=True
    ):
        rows.append(
            {
                "id": r.pk,
                "nomor": nomor,
                "jenis": r.jenis,
                "uraian": r.uraian,
                "perspektif": r.perspektif,
                "rhk_atasan_id": r.rhk_atasan_id,
                "rhk_atasan": atasan,
                "indikator": [
                    {
                        "id": i.pk,
                        "uraian": i.uraian,
                        "aspek": i.aspek,
                        "jenis_target": i.jenis_target,
                        "target_angka": None if i.target_angka is None else str(i.target_angka),
                        "satuan": i.satuan,
                        "arah": i.arah,
                        "target_teks": i.target_teks,
                        "target": target_text(i),
                        "target_periode": i.target_periode,
                    }
                    for i in indikator
                ],
            }
        )
    return {
        "identitas": {
            "pegawai": skp.identitas_pegawai,
            "penilai": skp.identitas_penilai,
            "atasan_penilai": skp.identitas_atasan_penilai,
        },
        "pendekatan": skp.pendekatan,
        "mulai": skp.mulai.isoformat(),
        "selesai": skp.selesai.isoformat(),
        "rhk": rows,
        "perilaku": [
            {"kode": p.kode, "nama": p.nama, "indikator": p.indikator, "ekspektasi": p.ekspektasi}
            for p in perilaku
        ],
        "lampiran": {
            "dukungan_sumber_daya": skp.dukungan_sumber_daya,
            "skema_pertanggungjawaban": skp.skema_pertanggungjawaban,
            "konsekuensi": skp.konsekuensi,
        },
    }


def submission_problems(skp: SKP) -> list[str]:
    """Why the SKP cannot be submitted yet (empty when it can): rules.submission_problems on its content."""
    full = with_content(SKP.objects.filter(pk=skp.pk)).get()
    options = {r.pk for r in cascade_options(skp, skp.penilai_id)}
    return rules.submission_problems(
        [
            rules.RHKCheck(
                nomor=nomor,
                jenis=r.jenis,
                indikator=len(r.indikator.all()),
                rhk_atasan_id=r.rhk_atasan_id,
                perspektif=r.perspektif,
            )
            for nomor, r in rhk_rows(full)
        ],
        has_penilai=skp.penilai_id is not None,
        penilai_rhk_ids=options,
        jpt=skp.jpt,
        perspektif={kode for kode, _nama in perspective_choices(skp)} if skp.jpt else set(),
    )


def history(skp: SKP) -> QuerySet[AuditEvent]:
    """Everything recorded about the SKP, oldest first (the workflow's timeline)."""
    return AuditEvent.objects.filter(object_type="planning.skp", object_id=str(skp.pk)).order_by("seq")


def versions(skp: SKP) -> QuerySet:
    return skp.versi_set.select_related("disetujui_oleh").order_by("nomor")


def cascade_options(skp: SKP, penilai_id: int | None) -> list[RHK]:
    """RHK the SKP's RHK may support: those of the penilai's submitted or approved SKP of the same year."""
    if penilai_id is None:
        return []
    return list(
        RHK.objects.filter(
            CASCADABLE,
            skp__pegawai_id=penilai_id,
            skp__tahun_kinerja_id=skp.tahun_kinerja_id,
        )
        .filter(Q(skp__berakhir=False) | Q(skp__selesai__gte=skp.mulai))
        .select_related("skp")
        .order_by("skp__mulai", "jenis", "urutan", "pk")
    )


def cascade_choices(skp: SKP) -> list[tuple[str, RHK]]:
    """The RHK the SKP's RHK may support, with the numbers their own SKP prints (U1, T1 ...): the form lists
    them so and an imported file may name them so. A penilai with two SKP in the year (a transfer) has each
    numbered on its own."""
    by_skp: dict[int, list[RHK]] = {}
    options = cascade_options(skp, effective_penilai_id(skp))
    for r in sorted(options, key=lambda r: (r.skp.mulai, r.jenis != JenisRHK.UTAMA, r.urutan, r.pk)):
        by_skp.setdefault(r.skp_id, []).append(r)
    return [
        (nomor, r)
        for items in by_skp.values()
        for nomor, r in zip(rules.rhk_numbers([r.jenis for r in items]), items, strict=True)
    ]


def previous_skp(pegawai: Pegawai, tahun: int) -> SKP | None:
    """The pegawai's latest SKP of an earlier year (to copy as a start)."""
    return (
        SKP.objects.filter(pegawai=pegawai, tahun_kinerja__tahun__lt=tahun)
        .order_by("-tahun_kinerja__tahun", "-mulai")
        .first()
    )


def skp_of(pegawai: Pegawai, tahun: int) -> list[SKP]:
    return list(
        SKP.objects.filter(pegawai=pegawai, tahun_kinerja__tahun=tahun)
        .select_related("jabatan", "jabatan__unit", "tahun_kinerja")
        .order_by("-mulai")
    )


def open_skp(pegawai_id: int, tahun_kinerja_id: int) -> SKP | None:
    return SKP.objects.filter(
        pegawai_id=pegawai_id, tahun_kinerja_id=tahun_kinerja_id, berakhir=False
    ).first()


# The supervisor's inbox -------------------------------------------------------------------------------------


@dataclass
class Inbox:
    tahun: int
    menunggu: list[SKP] = field(default_factory=list)  # submitted, waiting for my decision
    belum_mulai: list[org_selectors.Dinilai] = field(default_factory=list)  # no SKP this year yet
    lainnya: list[SKP] = field(default_factory=list)  # my people's SKP in other states


def inbox(pegawai: Pegawai, tahun: int, at: datetime.date | None = None) -> Inbox:
    """The SKP waiting for the pegawai's decision, the people they assess who have not started, and the rest.

    The number of queries does not grow with the number of people assessed."""
    at = at or clock.today(pegawai.instansi)
    dinilai = org_selectors.assessed_by(pegawai, at)
    ids = [d.pegawai.pk for d in dinilai]
    # Reassigned SKP follow the person the BKPSDM set; the others follow the organisation chart.
    skp = list(
        with_content(
            SKP.objects.filter(tahun_kinerja__tahun=tahun, berakhir=False).filter(
                Q(pegawai_id__in=ids, penilai_ditetapkan=False) | Q(penilai=pegawai, penilai_ditetapkan=True)
            )
        ).order_by("pegawai__nama")
    )
    started = {s.pegawai_id for s in skp} | set(
        SKP.objects.filter(tahun_kinerja__tahun=tahun, pegawai_id__in=ids).values_list(
            "pegawai_id", flat=True
        )
    )
    result = Inbox(tahun=tahun)
    for s in skp:
        (result.menunggu if s.status == StatusSKP.DIAJUKAN else result.lainnya).append(s)
    result.belum_mulai = [d for d in dinilai if d.pegawai.pk not in started]
    return result


# The cascade (matriks peran hasil) --------------------------------------------------------------------------


@dataclass(frozen=True)
class CascadeSKP:
    """What the cascade shows of an SKP (plain values: a whole instansi's SKP are read at once)."""

    pk: int
    pegawai_id: int
    penilai_id: int | None
    status: str
    identitas_pegawai: dict

    def get_status_display(self) -> str:
        return StatusSKP(self.status).label


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
    for skp_id, *values in RHK.objects.filter(skp__in=skp_qs).values_list(
        "skp_id", "pk", "jenis", "urutan", "uraian", "rhk_atasan_id"
    ):
        by_skp.setdefault(skp_id, []).append(CascadeRHK(*values))
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


# Lists and exports ------------------------------------------------------------------------------------------


def skp_list(
    qs: QuerySet[SKP], *, tahun: int | None = None, status: str = "", unit_path: str = ""
) -> QuerySet[SKP]:
    if tahun:
        qs = qs.filter(tahun_kinerja__tahun=tahun)
    if status:
        qs = qs.filter(status=status)
    if unit_path:
        qs = qs.filter(jabatan__unit__path__startswith=unit_path)
    return qs.select_related("pegawai", "jabatan", "jabatan__unit", "penilai").order_by(
        "jabatan__unit__path", "pegawai__nama", "-mulai"
    )


def export_rows(qs: QuerySet[SKP], chunk: int = 1000) -> Iterator[list]:
    """One row per indikator (an RHK without indikator still gets a row) of the given SKP, for Excel.

    Read as plain values, a thousand SKP at a time: three queries per thousand, whatever the instansi's size."""
    status = dict(StatusSKP.choices)
    jenis = dict(JenisRHK.choices)
    aspek, arah = dict(Aspek.choices), dict(Arah.choices)
    ids = list(qs.order_by("jabatan__unit__path", "pegawai__nama", "-mulai").values_list("pk", flat=True))
    for start in range(0, len(ids), chunk):
        part = ids[start : start + chunk]
        skp = {
            row[0]: row
            for row in SKP.objects.filter(pk__in=part).values_list(
                "pk", "pegawai__nip", "identitas_pegawai", "status", "versi", "mulai", "selesai"
            )
        }
        rhk: dict[int, list[tuple]] = {}
        for row in RHK.objects.filter(skp_id__in=part).values_list(
            "skp_id", "pk", "jenis", "urutan", "uraian", "rhk_atasan__uraian"
        ):
            rhk.setdefault(row[0], []).append(row)
        indikator: dict[int, list[tuple]] = {}
        for row in (
            Indikator.objects.filter(rhk__skp_id__in=part)
            .order_by("urutan", "pk")
            .values_list(
                "rhk_id", "uraian", "aspek", "jenis_target", "target_angka", "satuan", "arah", "target_teks"
            )
        ):
            indikator.setdefault(row[0], []).append(row)
        for pk in part:
            _pk, nip, ident, state, versi, mulai, selesai = skp[pk]
            base = [
                ident.get("nip", nip),
                ident.get("nama", ""),
                ident.get("jabatan", ""),
                ident.get("unit_kerja", ""),
                str(status[state]),
                versi,
                mulai,
                selesai,
            ]
            items = sorted(rhk.get(pk, []), key=lambda r: (r[2] != JenisRHK.UTAMA, r[3], r[1]))
            for nomor, (_s, rhk_id, kind, _u, uraian, atasan) in zip(
                rules.rhk_numbers([r[2] for r in items]), items, strict=True
            ):
                head = [*base, nomor, str(jenis[kind]), uraian, atasan or ""]
                rows = indikator.get(rhk_id, [])
                if not rows:
                    yield [*head, "", "", "", "", ""]
                for _r, text, asp, kind_target, angka, satuan, direction, teks in rows:
                    target = teks if kind_target == JenisTarget.KUALITATIF else angka
                    yield [*head, text, str(aspek[asp]), target, satuan, str(arah[direction])]


EXPORT_HEADER = [
    "NIP",
    "Nama",
    "Jabatan",
    "Unit Kerja",
    "Status SKP",
    "Versi",
    "Mulai",
    "Selesai",
    "No",
    "Jenis RHK",
    "Rencana Hasil Kerja",
    "RHK Pimpinan yang Diintervensi",
    "Indikator Kinerja Individu",
    "Aspek",
    "Target",
    "Satuan",
    "Arah",
]


def is_jpt(jabatan: Jabatan) -> bool:
    return jabatan.jenis in JPT
