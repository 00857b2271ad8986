"""The report of a participant and the competency profile.

Answers are read here and only here, and leave only through feedback360.rules: self and the pejabat penilai by
name (their one answer each), peers and subordinates as a group's aggregate at the round's threshold, comments of
a group only when it meets the threshold and in the order of rules.comment_order."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from kinerja.criteria import selectors as criteria_selectors
from kinerja.criteria.models import StandarKompetensi
from kinerja.feedback360 import rules
from kinerja.feedback360.models import Jawaban, Kelompok, Peserta, ProfilKompetensi
from kinerja.feedback360.selectors.questionnaire import KOMPETENSI, Item, items_of
from kinerja.org.models import Jabatan, Pegawai


@dataclass(frozen=True)
class Row:
    item: Item
    diri: int | None
    penilai: int | None
    rekan: rules.Aggregate | None
    bawahan: rules.Aggregate | None
    lain: Decimal | None  # everyone but self, over what may be shown


@dataclass
class Report:
    peserta: Peserta
    rows: list[Row]
    answered: dict[str, int]  # answers per group (how many answered is not secret)
    comments: dict[str, list[str]] = field(default_factory=dict)
    gaps: list[rules.Gap] = field(default_factory=list)

    @property
    def hidden_strengths(self) -> list[rules.Gap]:
        return rules.hidden_strengths(self.gaps)

    @property
    def blind_spots(self) -> list[rules.Gap]:
        return rules.blind_spots(self.gaps)

    def _named(self, gaps: list[rules.Gap]) -> list[tuple[str, rules.Gap]]:
        names = {row.item.key: row.item.nama for row in self.rows}
        return [(names[g.item], g) for g in gaps[:5]]

    @property
    def named_strengths(self) -> list[tuple[str, rules.Gap]]:
        return self._named(self.hidden_strengths)

    @property
    def named_blind_spots(self) -> list[tuple[str, rules.Gap]]:
        return self._named(self.blind_spots)

    @property
    def comment_groups(self) -> list[tuple[str, list[str]]]:
        return [(str(label), self.comments.get(value, [])) for value, label in Kelompok.choices]


def report_of(peserta: Peserta) -> Report:
    ronde = peserta.ronde
    answers: dict[str, list[Jawaban]] = {k: [] for k in (rules.SELF, rules.PENILAI, *rules.ANONYMOUS)}
    for jawaban in Jawaban.objects.filter(peserta=peserta).order_by("pk"):
        answers[jawaban.kelompok].append(jawaban)
    answered = {k: len(v) for k, v in answers.items()}
    named = {k: (answers[k][0].nilai if answers[k] else {}) for k in (rules.SELF, rules.PENILAI)}
    rows = []
    for item in items_of(peserta):
        groups = {}
        others: list[int] = []
        if named[rules.PENILAI].get(item.key) is not None:
            others.append(named[rules.PENILAI][item.key])
        for k in rules.ANONYMOUS:
            levels = [a.nilai.get(item.key) for a in answers[k]]
            groups[k] = rules.aggregate(levels, raters=answered[k], threshold=ronde.ambang)
            if groups[k] is not None:
                others += [level for level in levels if level is not None]
        rows.append(
            Row(
                item,
                named[rules.SELF].get(item.key),
                named[rules.PENILAI].get(item.key),
                groups[rules.PEER],
                groups[rules.SUBORDINATE],
                rules.mean(others) if others else None,
            )
        )
    comments = {
        k: [a.komentar.strip() for a in answers[k] if a.komentar.strip()] for k in (rules.SELF, rules.PENILAI)
    }
    for k in rules.ANONYMOUS:
        comments[k] = rules.comment_order(
            [a.komentar for a in answers[k]], ronde.rahasia, raters=answered[k], threshold=ronde.ambang
        )
    others_agg = {
        row.item.key: rules.Aggregate(1, row.lain) if row.lain is not None else None for row in rows
    }
    gaps = rules.gaps({row.item.key: row.diri for row in rows}, others_agg)
    return Report(peserta, rows, answered, comments, gaps)


def latest_report(
    pegawai_id: int, tahun: int, today: datetime.date, periode_id: int | None = None
) -> Report | None:
    """The report of the pegawai's closed round of the year: the one of the period when there is one, else the
    latest that closed."""
    closed = Q(ronde__ditutup_pada__isnull=False) | Q(ronde__tanggal_tutup__lt=today)
    found = list(
        Peserta.objects.filter(closed, pegawai_id=pegawai_id, ronde__tahun=tahun)
        .select_related("ronde", "pegawai", "jabatan", "penilai")
        .order_by("-ronde__tanggal_tutup", "-ronde_id")
    )
    if not found:
        return None
    chosen = next((p for p in found if periode_id and p.ronde.periode_id == periode_id), found[0])
    return report_of(chosen)


def profile_of(pegawai_id: int, tahun: int | None = None) -> list[ProfilKompetensi]:
    """The pegawai's competency profile of a year (their latest year when none is given)."""
    rows = ProfilKompetensi.objects.filter(pegawai_id=pegawai_id).select_related(
        "kompetensi", "ditetapkan_oleh"
    )
    if tahun is None:
        last = rows.order_by("-tahun").values_list("tahun", flat=True).first()
        if last is None:
            return []
        tahun = last
    return list(rows.filter(tahun=tahun))


@dataclass(frozen=True)
class ProfileRow:
    standar: StandarKompetensi
    saved: ProfilKompetensi | None
    dari_360: Decimal | None  # what the others saw (the latest report), to inform the penilai

    @property
    def key(self) -> str:
        return f"{KOMPETENSI}:{self.standar.kompetensi.kode}"


def profile_rows(
    pegawai: Pegawai, jabatan: Jabatan, kerangka_id: int, tahun: int, report: Report | None
) -> list[ProfileRow]:
    """The competencies the position requires, each with the profile's level so far and the 360's view."""
    saved = {p.kompetensi_id: p for p in profile_of(pegawai.pk, tahun)}
    seen = {row.item.key: row.lain for row in report.rows} if report else {}
    return [
        ProfileRow(s, saved.get(s.kompetensi_id), seen.get(f"{KOMPETENSI}:{s.kompetensi.kode}"))
        for s in criteria_selectors.standar_for_jabatan(kerangka_id, jabatan.pk)
    ]
