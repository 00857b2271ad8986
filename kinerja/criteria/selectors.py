"""Reading the assessment framework: the rule set in force at a date, versions, and their comparison."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.db.models import QuerySet

from kinerja.criteria import rules
from kinerja.criteria.models import (
    SETTING_FIELDS,
    Bagian,
    Kerangka,
    Pengakuan,
    StandarKompetensi,
    StatusKerangka,
)
from kinerja.org.models import Pegawai


@dataclass(frozen=True)
class RuleSet:
    """Everything a capability needs from one published version, as plain data (safe to cache)."""

    kerangka_id: int
    instansi_id: int
    tahun: int
    versi: int
    berlaku_mulai: datetime.date | None
    settings: dict
    nilai_perilaku: list[dict]
    kompetensi: list[dict]
    kriteria_lokal: list[dict]
    aturan: dict[str, list[dict]] = field(default_factory=dict)

    def suggest_rating(self, capaian_persen) -> str:
        return rules.suggest_rating(capaian_persen, self.aturan[Bagian.RATING])

    def predikat(self, hasil: str, perilaku: str) -> str:
        return rules.predikat_of(hasil, perilaku, self.aturan[Bagian.PREDIKAT])

    def angka_kredit(self, *, predikat: str, jenjang: str, bulan: int = 12) -> Decimal:
        return rules.angka_kredit(
            predikat=predikat,
            jenjang=jenjang,
            bulan=bulan,
            persen=self.aturan[Bagian.AK_PERSEN],
            koefisien=self.aturan[Bagian.AK_KOEFISIEN],
        )

    def sanksi_disiplin(self, hari: int) -> dict | None:
        return rules.sanksi_for(hari, self.aturan[Bagian.DISIPLIN])

    def pendekatan(self, jenis_jabatan: str) -> str:
        """The SKP approach of a position type; a type the framework leaves out is planned quantitatively (the
        regulation's approach for every type but the JPT)."""
        return next(
            (r["pendekatan"] for r in self.aturan[Bagian.PENDEKATAN] if r["jenis_jabatan"] == jenis_jabatan),
            "kuantitatif",
        )


def section_rows(kerangka: Kerangka, bagian: str) -> list[dict]:
    """The rows of one rule section, in their stored order."""
    return [a.data for a in kerangka.aturan.filter(bagian=bagian).order_by("urutan")]


def _build(kerangka: Kerangka) -> RuleSet:
    aturan: dict[str, list[dict]] = {b: [] for b in Bagian.values}
    for a in kerangka.aturan.order_by("bagian", "urutan"):
        aturan[a.bagian].append(a.data)
    return RuleSet(
        kerangka_id=kerangka.pk,
        instansi_id=kerangka.instansi_id,
        tahun=kerangka.tahun,
        versi=kerangka.versi,
        berlaku_mulai=kerangka.berlaku_mulai,
        settings={name: getattr(kerangka, name) for name in SETTING_FIELDS},
        nilai_perilaku=[
            dict(r) for r in kerangka.nilai_perilaku.values("kode", "nama", "indikator", "panduan")
        ],
        kompetensi=[dict(r) for r in kerangka.kompetensi.values("pk", "kode", "nama", "jenis", "level")],
        kriteria_lokal=[
            dict(r)
            for r in kerangka.kriteria_lokal.values("kode", "nama", "deskripsi", "indikator", "panduan_skor")
        ],
        aturan=aturan,
    )


def in_force(instansi_id: int, at: datetime.date) -> Kerangka | None:
    """The published version in force for the instansi at a date (the latest one that has started)."""
    return (
        Kerangka.objects.filter(
            instansi_id=instansi_id, tahun=at.year, status=StatusKerangka.PUBLISHED, berlaku_mulai__lte=at
        )
        .order_by("-berlaku_mulai", "-versi")
        .first()
    )


def rules_in_force(instansi_id: int, at: datetime.date) -> RuleSet | None:
    """The rule set in force at a date: one indexed query, then the version's content from the cache.

    Published versions never change, so their content is cached without expiry under a key that names the
    version and its publication instant."""
    head = (
        Kerangka.objects.filter(
            instansi_id=instansi_id, tahun=at.year, status=StatusKerangka.PUBLISHED, berlaku_mulai__lte=at
        )
        .order_by("-berlaku_mulai", "-versi")
        .values("pk", "published_at")
        .first()
    )
    if head is None:
        return None
    published_at = head["published_at"]
    key = f"kinerja:ruleset:{head['pk']}:{published_at.timestamp() if published_at else 0}"
    ruleset = cache.get(key)
    if ruleset is None:
        ruleset = _build(Kerangka.objects.get(pk=head["pk"]))
        cache.set(key, ruleset, timeout=None)
    return ruleset


def versions(qs: QuerySet[Kerangka]) -> QuerySet[Kerangka]:
    return qs.select_related("published_by", "asal").order_by("-tahun", "-versi")


def standar_for_jabatan(kerangka: Kerangka | int, jabatan_id: int) -> list[StandarKompetensi]:
    """The competencies a position requires in a version (given or by id), with their levels."""
    return list(
        StandarKompetensi.objects.filter(kerangka=kerangka, jabatan_id=jabatan_id)
        .select_related("kompetensi")
        .order_by("kompetensi__jenis", "kompetensi__nama")
    )


def acknowledgement_of(kerangka: Kerangka, pegawai_id: int | None) -> Pengakuan | None:
    if pegawai_id is None:
        return None
    return Pengakuan.objects.filter(kerangka=kerangka, pegawai_id=pegawai_id).first()


def has_acknowledged(kerangka: Kerangka, pegawai_id: int | None) -> bool:
    return acknowledgement_of(kerangka, pegawai_id) is not None


def acknowledgement_counts(kerangka: Kerangka) -> tuple[int, int]:
    """(pegawai who acknowledged this version, active pegawai of the instansi)."""
    active = Pegawai.objects.filter(instansi_id=kerangka.instansi_id, aktif=True).count()
    return kerangka.pengakuan.count(), active


def has_published_version(instansi_id: int, tahun: int) -> bool:
    return Kerangka.objects.filter(
        instansi_id=instansi_id, tahun=tahun, status=StatusKerangka.PUBLISHED
    ).exists()


def standar_levels(kerangka: Kerangka, jabatan_ids: list[int]) -> dict[tuple[int, int], int]:
    """Required levels of the given positions, keyed by (jabatan id, kompetensi id)."""
    rows = kerangka.standar_kompetensi.filter(jabatan_id__in=jabatan_ids)
    return {(s.jabatan_id, s.kompetensi_id): s.level for s in rows}


# Comparison -------------------------------------------------------------------------------------------------


@dataclass
class SectionDiff:
    name: str
    added: list[tuple[str, object]] = field(default_factory=list)
    removed: list[tuple[str, object]] = field(default_factory=list)
    changed: list[tuple[str, object, object]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def _content(kerangka: Kerangka) -> dict[str, dict[str, object]]:
    sections: dict[str, dict[str, object]] = {
        "pengaturan": {name: getattr(kerangka, name) for name in SETTING_FIELDS},
        "perilaku": {
            n.kode: {"nama": n.nama, "indikator": n.indikator, "panduan": n.panduan}
            for n in kerangka.nilai_perilaku.all()
        },
        "kompetensi": {
            k.kode: {"nama": k.nama, "jenis": k.jenis, "deskripsi": k.deskripsi, "level": k.level}
            for k in kerangka.kompetensi.all()
        },
        "standar": {
            # Position names repeat across units (Kepala Subbagian Umum ...): the id keeps the key unique.
            f"{s.jabatan.nama} (#{s.jabatan_id}) · {s.kompetensi.nama}": s.level
            for s in kerangka.standar_kompetensi.select_related("jabatan", "kompetensi")
        },
        "kriteria_lokal": {
            k.kode: {
                "nama": k.nama,
                "deskripsi": k.deskripsi,
                "indikator": k.indikator,
                "panduan_skor": k.panduan_skor,
            }
            for k in kerangka.kriteria_lokal.all()
        },
    }
    for bagian in Bagian.values:
        sections[bagian] = {}
    for a in kerangka.aturan.all():
        sections[a.bagian][a.kunci] = a.data
    return sections


def compare(old: Kerangka, new: Kerangka) -> list[SectionDiff]:
    """What was added, removed and changed from one version to another, section by section."""
    a, b = _content(old), _content(new)
    result = []
    for name in a:
        diff = SectionDiff(name=name)
        for key in b[name]:
            if key not in a[name]:
                diff.added.append((key, b[name][key]))
            elif a[name][key] != b[name][key]:
                diff.changed.append((key, a[name][key], b[name][key]))
        diff.removed = [(key, value) for key, value in a[name].items() if key not in b[name]]
        result.append(diff)
    return result
