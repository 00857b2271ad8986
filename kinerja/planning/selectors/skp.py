"""Reads of one SKP: who assesses it, its deadline and framework, its content and versions, what its RHK may
support, and the identity snapshots it prints."""

import datetime
from decimal import Decimal, InvalidOperation

from django.db.models import Prefetch, Q, QuerySet

from kinerja.core import clock
from kinerja.core.models import AuditEvent
from kinerja.org import selectors as org_selectors
from kinerja.org.models import Jabatan, JenisJabatan, JenisPenugasan, Pegawai
from kinerja.planning import rules
from kinerja.planning.models import RHK, SKP, Indikator, JenisRHK, JenisTarget, StatusSKP

JPT = {JenisJabatan.JPT_UTAMA, JenisJabatan.JPT_MADYA, JenisJabatan.JPT_PRATAMA}

# An RHK of the penilai may be supported once the penilai has submitted it (DOMAIN 2.1), or approved it before.
CASCADABLE = Q(skp__status__in=[StatusSKP.DIAJUKAN, StatusSKP.DISETUJUI]) | Q(skp__versi__gt=0)


ACTING_PREFIX: dict[str, str] = {JenisPenugasan.PLT: "Plt. ", JenisPenugasan.PLH: "Plh. "}


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


def skp_with_content(skp: SKP) -> SKP:
    """The SKP read again with its whole content (after a write, or for a page)."""
    return with_content(SKP.objects.filter(pk=skp.pk)).get()


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


def period_target_text(value, jenis_target: str) -> str:
    """A period's target as pages and documents print it: a number the Indonesian way, a statement as written."""
    if jenis_target != JenisTarget.ANGKA:
        return str(value)
    try:
        return rules.format_angka(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return str(value)


def content_of(skp: SKP) -> dict:
    """The whole content of an SKP as plain data: what a version stores, what a diff compares (the SKP comes
    from `with_content`)."""
    return content_from(
        skp,
        rhk=[
            (r, list(r.indikator.all()), r.rhk_atasan.uraian if r.rhk_atasan else "") for r in skp.rhk.all()
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
                        "akumulasi": i.akumulasi,
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


def skp_of_pegawai(qs: QuerySet[SKP], pegawai: Pegawai) -> QuerySet[SKP]:
    """The pegawai's SKP among `qs`, the latest year and the latest start first."""
    return (
        qs.filter(pegawai=pegawai)
        .select_related("jabatan", "jabatan__unit", "tahun_kinerja")
        .order_by("-tahun_kinerja__tahun", "-mulai")
    )


def open_skp(pegawai_id: int, tahun_kinerja_id: int) -> SKP | None:
    return SKP.objects.filter(
        pegawai_id=pegawai_id, tahun_kinerja_id=tahun_kinerja_id, berakhir=False
    ).first()


def is_jpt(jabatan: Jabatan) -> bool:
    return jabatan.jenis in JPT


def skp_by_id(qs: QuerySet[SKP], ids: list[int]) -> dict[int, SKP]:
    """The given SKP (among those of `qs`), by id, ready for the workflow services."""
    return qs.select_related("pegawai", "jabatan", "tahun_kinerja", "instansi").in_bulk(ids)


def version_in_force(subjek: str) -> int | None:
    """The approved version of an SKP in force, for the verification of its prints (kinerja.core.verification):
    the last approved one (a revision under way leaves it in force), none once the SKP has ended."""
    row = SKP.objects.filter(pk=int(subjek)).values("versi", "berakhir").first() if subjek.isdigit() else None
    if row is None or row["berakhir"] or not row["versi"]:
        return None
    return row["versi"]


def find_rhk_atasan(pk) -> RHK | None:
    """The leader's RHK an RHK says it supports, or None; the service checks it is the penilai's (rhk_save).

    No 404 for a missing one: the caller refuses it as the service refuses another instansi's RHK, so the
    answer does not tell which ids exist elsewhere."""
    return RHK.objects.filter(pk=pk).first()
