"""Pure rules of performance planning (PermenPANRB 6/2022, SKP): no database, no I/O.

- the workflow of an SKP as a table of allowed transitions, who may take them and which need a reason;
- the evaluation periods of a year for a period scheme;
- the span of an SKP inside the year and its deadline;
- reading and writing numbers the Indonesian way ("1.250,5");
- what must hold before an SKP can be submitted;
- the difference between two approved versions.
"""

import calendar
import datetime
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.core import workflow
from kinerja.core.formats import angka
from kinerja.core.workflow import Transition
from kinerja.org.rules import BULAN

# Workflow ---------------------------------------------------------------------------------------------------

DRAFT, DIAJUKAN, DIKEMBALIKAN, DISETUJUI, REVISI = "draft", "diajukan", "dikembalikan", "disetujui", "revisi"
PEGAWAI, PENILAI = "pegawai", "penilai"

AJUKAN, TARIK, SETUJUI, KEMBALIKAN, USUL_REVISI = "ajukan", "tarik", "setujui", "kembalikan", "usul_revisi"


def withdrawn_target(versi: int) -> str:
    """Withdrawing a submission goes back to a draft, or to the revision of an SKP approved before."""
    return REVISI if versi > 0 else DRAFT


def _withdrawn(skp) -> str:
    return withdrawn_target(skp.versi)


# Who acts is named here (the permission layer resolves the names): the pegawai on their own SKP, the penilai
# in force (or the admin BKPSDM for the PPK) on a submitted one.
WORKFLOW = workflow.Workflow(
    name="planning.skp",
    transitions=(
        Transition(AJUKAN, DRAFT, DIAJUKAN, PEGAWAI),
        Transition(AJUKAN, DIKEMBALIKAN, DIAJUKAN, PEGAWAI),
        Transition(AJUKAN, REVISI, DIAJUKAN, PEGAWAI),
        Transition(TARIK, DIAJUKAN, _withdrawn, PEGAWAI),
        Transition(SETUJUI, DIAJUKAN, DISETUJUI, PENILAI),
        Transition(KEMBALIKAN, DIAJUKAN, DIKEMBALIKAN, PENILAI, needs_reason=True),
        Transition(USUL_REVISI, DISETUJUI, REVISI, PEGAWAI, needs_reason=True),
    ),
    not_now=gettext_lazy("This cannot be done while the SKP is %(status)s."),
)

# States in which the pegawai edits the content: those they may submit it from.
EDITABLE = WORKFLOW.sources(AJUKAN)


# Periods ----------------------------------------------------------------------------------------------------

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
MONTHS_PER_PERIOD = {"bulanan": 1, "triwulanan": 3, "semesteran": 6}
PERIOD_WORD = {"bulanan": "Bulan", "triwulanan": "Triwulan", "semesteran": "Semester"}


@dataclass(frozen=True)
class PeriodSpan:
    nomor: int
    nama: str
    mulai: datetime.date
    selesai: datetime.date

    def tenggat(self, days_after: int) -> datetime.date:
        return self.selesai + datetime.timedelta(days=days_after)


def periods(year: int, skema: str) -> list[PeriodSpan]:
    """The evaluation periods of a year: 12 months, 4 quarters or 2 semesters, the last one called "Akhir"."""
    try:
        step = MONTHS_PER_PERIOD[skema]
    except KeyError:
        raise ValueError(f"unknown period scheme {skema!r}") from None
    result = []
    count = 12 // step
    for index in range(count):
        first_month = index * step + 1
        last_month = first_month + step - 1
        last_day = calendar.monthrange(year, last_month)[1]
        nama = BULAN[index] if skema == "bulanan" else f"{PERIOD_WORD[skema]} {ROMAN[index]}"
        if index == count - 1:
            nama = f"{nama} (Akhir)"
        result.append(
            PeriodSpan(
                nomor=index + 1,
                nama=nama,
                mulai=datetime.date(year, first_month, 1),
                selesai=datetime.date(year, last_month, last_day),
            )
        )
    return result


def default_skp_deadline(year: int) -> datetime.date:
    """Kinerja's default: SKP of the year agreed by the end of January."""
    return datetime.date(year, 1, 31)


def framework_skp_deadline(framework_deadline: datetime.date | None, year: int) -> datetime.date:
    """The SKP deadline a performance year gets when it is opened: the framework's, else Kinerja's default."""
    return framework_deadline or default_skp_deadline(year)


# The span and deadline of one SKP ---------------------------------------------------------------------------


def skp_span(
    year: int, assignment_start: datetime.date, assignment_end: datetime.date | None
) -> tuple[datetime.date, datetime.date] | None:
    """The part of the year an SKP covers for one assignment (None when the assignment misses the year)."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    mulai = max(first, assignment_start)
    selesai = min(last, assignment_end) if assignment_end else last
    return (mulai, selesai) if mulai <= selesai else None


def skp_deadline(
    *,
    year_deadline: datetime.date,
    mulai: datetime.date,
    days_for_late_start: int,
    extension: datetime.date | None = None,
) -> datetime.date:
    """The last day the pegawai may draft and submit: the year's deadline, or later for an SKP that starts
    later in the year (transfer, new appointment), or the date the BKPSDM extended it to."""
    deadline = max(year_deadline, mulai + datetime.timedelta(days=days_for_late_start))
    return max(deadline, extension) if extension else deadline


# Numbers the Indonesian way ---------------------------------------------------------------------------------

_NUMBER = re.compile(r"^[+-]?[\d.,]+$")
_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")


class NotANumber(ValueError):
    pass


def parse_angka(text: str | int | float | Decimal) -> Decimal:
    """A number typed by a person: "1.250" (Indonesian thousands), "85,5" or "1.250,75" (Indonesian decimal
    comma), "85.5" (a decimal point, as spreadsheets write), "90%" (the unit may follow). Spaces are ignored."""
    if isinstance(text, bool):
        raise NotANumber(str(text))
    if isinstance(text, int | Decimal):
        return Decimal(text)
    if isinstance(text, float):
        return Decimal(str(text))
    value = str(text).strip().replace(" ", "").replace("\u00a0", "").rstrip("%")
    if not value or not _NUMBER.match(value):
        raise NotANumber(str(text))
    sign = ""
    if value[0] in "+-":
        sign, value = ("-" if value[0] == "-" else ""), value[1:]
    if "," in value:
        if value.count(",") > 1:
            raise NotANumber(str(text))
        whole, frac = value.split(",")
        if "." in whole and not _THOUSANDS.match(whole):
            raise NotANumber(str(text))
        value = whole.replace(".", "") + "." + frac
    elif _THOUSANDS.match(value) and value.count(".") >= 1 and not value.startswith("0."):
        value = value.replace(".", "")
    elif value.count(".") > 1:
        raise NotANumber(str(text))
    try:
        number = Decimal(sign + value)
    except InvalidOperation:
        raise NotANumber(str(text)) from None
    if not number.is_finite():
        raise NotANumber(str(text))
    return number


ANGKA, KUALITATIF = "angka", "kualitatif"  # the values of models.JenisTarget


def target_values(
    jenis_target: str, target: str, satuan: str, target_teks: str
) -> tuple[dict, dict[str, str]]:
    """The fields of an indikator's target, and every problem with them ({field: message}) found in one go.

    Shared by the form (to show all its errors at once) and the service (which refuses what the form let by)."""
    errors: dict[str, str] = {}
    if jenis_target == ANGKA:
        number = None
        if not str(target).strip():
            errors["target"] = _("The target is required.")
        else:
            try:
                number = parse_angka(target)
            except NotANumber:
                errors["target"] = _(
                    'The target must be a number, e.g. 100 or 92,5 (you wrote "%(value)s").'
                ) % {"value": target}
            else:
                if number < 0:
                    errors["target"] = _("The target cannot be negative.")
                elif abs(number) >= Decimal("1e14"):
                    errors["target"] = _("The target is too large.")
        if not satuan.strip():
            errors["satuan"] = _("A numeric target needs a unit of measure, e.g. dokumen, %, hari.")
        if errors or number is None:
            return {}, errors
        return {
            "target_angka": number.quantize(Decimal("0.01")),
            "satuan": satuan.strip(),
            "target_teks": "",
        }, {}
    if jenis_target == KUALITATIF:
        if not target_teks.strip():
            return {}, {"target_teks": _("Describe the expected result.")}
        return {"target_angka": None, "satuan": satuan.strip(), "target_teks": target_teks.strip()}, {}
    return {}, {"jenis_target": _("Choose the kind of target.")}


def target_per_period(values: Mapping | None, jenis_target: str) -> tuple[dict, dict[str, str]]:
    """Targets per period, {period number: number (or text for a qualitative target)} with empty ones dropped,
    and the problems, {period number: message}."""
    result, errors = {}, {}
    for key, value in (values or {}).items():
        if value in (None, ""):
            continue
        if jenis_target == ANGKA:
            try:
                result[str(key)] = str(parse_angka(value))
            except NotANumber:
                errors[str(key)] = _(
                    'The target of period %(n)s must be a number (you wrote "%(value)s").'
                ) % {
                    "n": key,
                    "value": value,
                }
        else:
            result[str(key)] = str(value).strip()
    return result, errors


# How the periods of a numeric indikator add up to the year (kinerja.monitoring reads realisations so)
JUMLAH, TERAKHIR, RATA_RATA = "jumlah", "terakhir", "rata_rata"  # the values of models.Akumulasi
_LEVEL_UNITS = ("%", "persen", "indeks", "nilai", "skor", "poin")


def default_akumulasi(aspek: str, satuan: str) -> str:
    """The sensible default for an indikator: a level (a percentage, an index, a score) is read at its last
    period; time and cost are averaged; a count (documents, activities, people served) adds up."""
    unit = (satuan or "").strip().lower()
    if any(word in unit for word in _LEVEL_UNITS):
        return TERAKHIR
    if aspek in ("waktu", "biaya"):
        return RATA_RATA
    return JUMLAH


# How a document or a version's text names a mode: the words of the regulation's practice, the same in any language.
AKUMULASI_WORD = {JUMLAH: "jumlah", TERAKHIR: "nilai terakhir", RATA_RATA: "rata-rata"}


def akumulasi_in(indikator: Mapping) -> str:
    """The accumulation mode of an indikator as a version's content records it (the default rule for content
    recorded before the mode existed)."""
    return indikator.get("akumulasi") or default_akumulasi(
        indikator.get("aspek", ""), indikator.get("satuan", "")
    )


def format_angka(value: Decimal | int | float | None) -> str:
    """A number as Indonesian documents print it: thousands with dots, decimals with a comma, no trailing zeros
    (the kernel's formatter, in Indonesian whatever the page: a target is typed and parsed that way)."""
    return angka(value, "id")


# What must hold before submission ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RHKCheck:
    """What the submission check needs to know about one RHK."""

    nomor: str
    jenis: str
    indikator: int
    rhk_atasan_id: int | None
    perspektif: str = ""


def submission_problems(
    rhk: Sequence[RHKCheck],
    *,
    has_penilai: bool,
    penilai_rhk_ids: set[int],
    jpt: bool,
    perspektif: set[str],
) -> list[str]:
    """Every reason the SKP cannot be submitted yet (empty when it can), in the user's language.

    - at least one Utama RHK;
    - every RHK has at least one indikator;
    - with a penilai: every Utama RHK names an RHK of the penilai's submitted or approved SKP of the year;
    - a JPT SKP puts every Utama RHK under one of the instansi's perspectives.
    """
    problems = []
    if not any(r.jenis == "utama" for r in rhk):
        problems.append(_("An SKP needs at least one main Rencana Hasil Kerja (RHK)."))
    for r in rhk:
        if r.indikator == 0:
            problems.append(_("RHK %(n)s has no individual performance indicator yet.") % {"n": r.nomor})
        if r.jenis != "utama":
            continue
        if has_penilai:
            if r.rhk_atasan_id is None:
                problems.append(
                    _("Main RHK %(n)s does not name the leader's RHK it supports yet.") % {"n": r.nomor}
                )
            elif r.rhk_atasan_id not in penilai_rhk_ids:
                problems.append(
                    _(
                        "Main RHK %(n)s supports an RHK that is not in your pejabat penilai's SKP of this year."
                    )
                    % {"n": r.nomor}
                )
        if jpt and r.perspektif not in perspektif:
            problems.append(_("Main RHK %(n)s is not placed under a perspective yet.") % {"n": r.nomor})
    return problems


def rhk_numbers(jenis_list: Sequence[str]) -> list[str]:
    """Numbers as printed: Utama 1, 2, ...; Tambahan 1, 2, ... (in the order given)."""
    counters: dict[str, int] = {}
    result = []
    for jenis in jenis_list:
        counters[jenis] = counters.get(jenis, 0) + 1
        prefix = "U" if jenis == "utama" else "T"
        result.append(f"{prefix}{counters[jenis]}")
    return result


# Comparing two approved versions ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    bagian: str  # "rhk", "indikator", "perilaku", "lampiran"
    kunci: str  # which item, as a person reads it
    jenis: str  # "ditambah", "dihapus", "diubah"
    sebelum: str = ""
    sesudah: str = ""


def _indikator_text(i: Mapping) -> str:
    text = f"{i['uraian']} [{i['aspek']}] target {i['target']}"
    if i.get("jenis_target") == ANGKA:
        text += f" ({AKUMULASI_WORD.get(akumulasi_in(i), akumulasi_in(i))})"
    return text


def _rhk_text(r: Mapping) -> str:
    atasan = f" (mendukung: {r['rhk_atasan']})" if r.get("rhk_atasan") else ""
    return f"{r['uraian']}{atasan}"


def diff_versions(old: Mapping, new: Mapping) -> list[Change]:
    """What changed from one version's content (see planning.selectors.content_of) to another's.

    RHK and indikator are matched by their id, so an edited RHK shows as changed, not removed and added."""
    changes: list[Change] = []
    old_rhk = {r["id"]: r for r in old.get("rhk", [])}
    new_rhk = {r["id"]: r for r in new.get("rhk", [])}
    for rid, r in new_rhk.items():
        label = f"RHK {r['nomor']}"
        if rid not in old_rhk:
            changes.append(Change("rhk", label, "ditambah", sesudah=_rhk_text(r)))
            changes.extend(
                Change("indikator", f"{label} · {i['uraian'][:60]}", "ditambah", sesudah=_indikator_text(i))
                for i in r["indikator"]
            )
            continue
        before = old_rhk[rid]
        if _rhk_text(before) != _rhk_text(r) or before["jenis"] != r["jenis"]:
            changes.append(Change("rhk", label, "diubah", sebelum=_rhk_text(before), sesudah=_rhk_text(r)))
        old_ind = {i["id"]: i for i in before["indikator"]}
        new_ind = {i["id"]: i for i in r["indikator"]}
        for iid, i in new_ind.items():
            key = f"{label} · {i['uraian'][:60]}"
            if iid not in old_ind:
                changes.append(Change("indikator", key, "ditambah", sesudah=_indikator_text(i)))
            elif _indikator_text(old_ind[iid]) != _indikator_text(i):
                changes.append(
                    Change(
                        "indikator",
                        key,
                        "diubah",
                        sebelum=_indikator_text(old_ind[iid]),
                        sesudah=_indikator_text(i),
                    )
                )
        changes.extend(
            Change("indikator", f"{label} · {i['uraian'][:60]}", "dihapus", sebelum=_indikator_text(i))
            for iid, i in old_ind.items()
            if iid not in new_ind
        )
    changes.extend(
        Change("rhk", f"RHK {r['nomor']}", "dihapus", sebelum=_rhk_text(r))
        for rid, r in old_rhk.items()
        if rid not in new_rhk
    )
    old_p = {p["kode"]: p for p in old.get("perilaku", [])}
    for p in new.get("perilaku", []):
        before = old_p.get(p["kode"], {}).get("ekspektasi", "")
        if before != p["ekspektasi"]:
            changes.append(Change("perilaku", p["nama"], "diubah", sebelum=before, sesudah=p["ekspektasi"]))
    old_l, new_l = old.get("lampiran", {}), new.get("lampiran", {})
    for key, value in new_l.items():
        if old_l.get(key, "") != value:
            changes.append(Change("lampiran", key, "diubah", sebelum=old_l.get(key, ""), sesudah=value))
    return changes
