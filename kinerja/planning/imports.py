"""Importing RHK and their indikator into a draft SKP from an .xlsx or .csv, checked as a whole first.

One row per indikator. Rows with the same "No" form one RHK (its text may be repeated or left empty on the
following rows). Columns, matched forgivingly (case, spaces): No, Jenis (Utama/Tambahan, default Utama),
Rencana Hasil Kerja, RHK Pimpinan yang Diintervensi (the supervisor's RHK text, or its number such as U1),
Perspektif (JPT), Indikator Kinerja Individu, Aspek, Target, Satuan, Arah (naik/turun), Akumulasi (jumlah, nilai
terakhir or rata-rata; empty: the default of rules.default_akumulasi). A target that is not a number is read as a
qualitative statement only when no Satuan is given.

Every problem is reported with its row and column; nothing is written until the whole file is clean. The
checked rows wait server-side for the apply step (kinerja.core.imports), where services.rhk_import checks them
again and adds them all in one transaction.
"""

import json
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from kinerja.core import imports as pipeline
from kinerja.core import tabular
from kinerja.core.errors import ApplicationError
from kinerja.planning import rules, selectors
from kinerja.planning.models import RHK, SKP, Arah, Aspek, JenisRHK, JenisTarget

MAX_ROWS = 500

COLUMNS = {
    "no": ("nomor", "no."),
    "jenis": ("jenis rhk",),
    "rhk": ("rencana hasil kerja", "rencana hasil kerja (rhk)", "uraian rhk"),
    "rhk_atasan": (
        "rhk pimpinan yang diintervensi",
        "rhk atasan",
        "rhk pimpinan",
        "rencana hasil kerja pimpinan yang diintervensi",
    ),
    "perspektif": (),
    "indikator": ("indikator kinerja individu", "indikator", "iki"),
    "aspek": (),
    "target": (),
    "satuan": ("satuan target",),
    "arah": (),
    "akumulasi": ("akumulasi realisasi", "cara akumulasi"),
}
REQUIRED = ("no", "rhk", "indikator", "target")
HEADER = [
    "No",
    "Jenis",
    "Rencana Hasil Kerja",
    "RHK Pimpinan yang Diintervensi",
    "Perspektif",
    "Indikator Kinerja Individu",
    "Aspek",
    "Target",
    "Satuan",
    "Arah",
    "Akumulasi",
]
LABELS = {
    "no": "No",
    "jenis": "Jenis",
    "rhk": "Rencana Hasil Kerja",
    "rhk_atasan": "RHK Pimpinan yang Diintervensi",
    "perspektif": "Perspektif",
    "indikator": "Indikator Kinerja Individu",
    "aspek": "Aspek",
    "target": "Target",
    "satuan": "Satuan",
    "arah": "Arah",
    "akumulasi": "Akumulasi",
}
EXAMPLES = [
    [
        1,
        "Utama",
        "Meningkatnya cakupan imunisasi dasar lengkap",
        "U1",
        "",
        "Persentase cakupan imunisasi",
        "Kuantitas",
        "95",
        "%",
        "naik",
        "nilai terakhir",
    ],
    [1, "", "", "", "", "Laporan cakupan disampaikan tepat waktu", "Waktu", "12", "bulan", "naik", "jumlah"],
    [
        2,
        "Tambahan",
        "Terlaksananya tugas tambahan dari pimpinan",
        "",
        "",
        "Tugas tambahan yang diselesaikan",
        "Kuantitas",
        "2",
        "kegiatan",
        "naik",
        "",
    ],
]


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip().casefold()


JENIS = {"utama": JenisRHK.UTAMA, "u": JenisRHK.UTAMA, "tambahan": JenisRHK.TAMBAHAN, "t": JenisRHK.TAMBAHAN}
ASPEK = {value: value for value in Aspek.values} | {
    "quantity": Aspek.KUANTITAS,
    "quality": Aspek.KUALITAS,
    "time": Aspek.WAKTU,
    "cost": Aspek.BIAYA,
}
ARAH = {
    "": Arah.NAIK,
    "naik": Arah.NAIK,
    "makin tinggi makin baik": Arah.NAIK,
    "turun": Arah.TURUN,
    "makin rendah makin baik": Arah.TURUN,
}
AKUMULASI = {
    "": "",
    "jumlah": rules.JUMLAH,
    "terakhir": rules.TERAKHIR,
    "nilai terakhir": rules.TERAKHIR,
    "rata-rata": rules.RATA_RATA,
    "rata_rata": rules.RATA_RATA,
    "rata rata": rules.RATA_RATA,
}


@dataclass(frozen=True)
class RowError:
    baris: int
    kolom: str
    pesan: str


@dataclass
class RHKImport:
    items: list[dict] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.items)


@dataclass
class _Choices:
    """What the cells may name: the supervisor RHK this SKP may support, by their text and by their number (U1,
    T2 ...), and the SKP's perspectives by code or name."""

    by_text: dict[str, RHK] = field(default_factory=dict)
    by_number: dict[str, RHK] = field(default_factory=dict)
    perspectives: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, skp: SKP) -> "_Choices":
        choices = cls()
        for nomor, r in selectors.cascade_choices(skp):
            choices.by_text.setdefault(_key(r.uraian), r)
            choices.by_number.setdefault(nomor.casefold(), r)
        for kode, nama in selectors.perspective_choices(skp):
            for name in (kode, nama, nama.replace("Perspektif ", "")):
                choices.perspectives[_key(name)] = kode
        return choices


@dataclass
class _Row:
    """One row of the file being checked: its cells by column and the problems found in it so far."""

    number: int
    cells: dict[str, str]
    errors: list[RowError] = field(default_factory=list)

    def __getitem__(self, column: str) -> str:
        return self.cells.get(column, "")

    def problem(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.number, LABELS[column], message))


def read(skp: SKP, *, name: str, data) -> RHKImport:
    """Read and check the whole file against the SKP (its supervisor's RHK, its perspectives)."""
    positions, body = _table(name, data)
    result = RHKImport(rows=len(body))
    choices = _Choices.of(skp)
    groups: dict[str, dict] = {}
    for number, values in body:
        row = _Row(number, tabular.cells_by_column(values, positions))
        no = row["no"]
        if not no:
            row.problem("no", _("Empty required cell."))
        elif no not in groups:
            groups[no] = _group(row, choices)
        else:
            _check_same_rhk(row, groups[no])
        if no:
            groups[no]["indikator"].append(_indikator(row))
        result.errors.extend(row.errors)
    result.items = list(groups.values())
    if not result.items and not result.errors:
        raise tabular.refusal(_("The file has no rows below the header."))
    return result


def _table(name: str, data) -> tuple[dict[str, int], list]:
    """The columns found in the first row, and the rows below it; refused when the file is empty or lacks a
    required column."""
    rows = tabular.first_sheet(name, data, max_bytes=settings.IMPORT_MAX_BYTES, max_rows=MAX_ROWS)
    if not rows:
        raise tabular.refusal(_("The file is empty."))
    _number, header = rows[0]
    positions = tabular.match_columns(header, COLUMNS)
    missing = [LABELS[c] for c in REQUIRED if c not in positions]
    if missing:
        raise tabular.refusal(
            _("Columns missing from the first row: %(columns)s. Download the template to see them.")
            % {"columns": ", ".join(missing)}
        )
    return positions, rows[1:]


def _group(row: _Row, choices: _Choices) -> dict:
    """A new RHK from the first row with its number: its kind, text, supported RHK and perspective."""
    group = {
        "nomor": row["no"],
        "jenis": JenisRHK.UTAMA,
        "uraian": row["rhk"],
        "rhk_atasan_id": None,
        "rhk_atasan_text": "",
        "perspektif": "",
        "indikator": [],
        "baris": row.number,
    }
    jenis = _key(row["jenis"])
    if jenis and jenis not in JENIS:
        row.problem("jenis", _("Write Utama or Tambahan."))
    elif jenis:
        group["jenis"] = JENIS[jenis]
    if not row["rhk"]:
        row.problem("rhk", _("Empty required cell."))
    _supported(row, choices, group)
    persp = row["perspektif"]
    if persp and _key(persp) not in choices.perspectives:
        row.problem("perspektif", _("Unknown perspective %(value)s.") % {"value": persp})
    elif persp:
        group["perspektif"] = choices.perspectives[_key(persp)]
    return group


def _supported(row: _Row, choices: _Choices, group: dict) -> None:
    """The supervisor's RHK the row names, by number or by text, into the group."""
    atasan = row["rhk_atasan"]
    if not atasan:
        return
    found = choices.by_number.get(atasan.casefold()) or choices.by_text.get(_key(atasan))
    if found is None:
        row.problem(
            "rhk_atasan",
            _("Not an RHK of your assessing official's submitted or approved SKP of this year: %(value)s")
            % {"value": atasan},
        )
    else:
        group["rhk_atasan_id"], group["rhk_atasan_text"] = found.pk, found.uraian


def _check_same_rhk(row: _Row, group: dict) -> None:
    """A following row of an RHK may leave its text empty or repeat it, but not give another."""
    if row["rhk"] and _key(row["rhk"]) != _key(group["uraian"]):
        row.problem(
            "rhk",
            _("Row %(row)s already gives RHK number %(no)s another text.")
            % {"row": group["baris"], "no": row["no"]},
        )


def _indikator(row: _Row) -> dict:
    """The row's indikator: its text, aspect, direction and target."""
    if not row["indikator"]:
        row.problem("indikator", _("Empty required cell."))
    aspek = _key(row["aspek"]) or Aspek.KUANTITAS
    if aspek not in ASPEK:
        row.problem("aspek", _("Write Kuantitas, Kualitas, Waktu or Biaya."))
    arah = _key(row["arah"])
    if arah not in ARAH:
        row.problem("arah", _("Write naik (higher is better) or turun (lower is better)."))
    akumulasi = _key(row["akumulasi"])
    if akumulasi not in AKUMULASI:
        row.problem("akumulasi", _("Write jumlah, nilai terakhir or rata-rata, or leave it empty."))
    target = _target(row)
    return {
        "uraian": row["indikator"],
        "baris": row.number,
        "aspek": ASPEK.get(aspek, Aspek.KUANTITAS),
        "arah": ARAH.get(arah, Arah.NAIK),
        # empty: the default for the aspect and unit, as the service would choose (the preview shows it)
        "akumulasi": AKUMULASI.get(akumulasi)
        or rules.default_akumulasi(ASPEK.get(aspek, Aspek.KUANTITAS), target.get("satuan", "")),
        **target,
    }


def _target(row: _Row) -> dict:
    """A number with its unit, or a qualitative statement when the target is not a number and has no unit."""
    target, satuan = row["target"], row["satuan"]
    if not target:
        row.problem("target", _("Empty required cell."))
        return {}
    try:
        number = rules.parse_angka(target)
    except rules.NotANumber:
        if satuan:
            row.problem(
                "target",
                _('The target must be a number, e.g. 100 or 92,5 (you wrote "%(value)s").')
                % {"value": target},
            )
        return {"jenis_target": JenisTarget.KUALITATIF, "target": "", "target_teks": target, "satuan": ""}
    if not satuan:
        row.problem("satuan", _("A numeric target needs a unit of measure, e.g. dokumen, %, hari."))
    if number < 0:
        row.problem("target", _("The target cannot be negative."))
    return {"jenis_target": JenisTarget.ANGKA, "target": str(number), "target_teks": "", "satuan": satuan}


# Carrying the checked rows from the preview to the apply step -----------------------------------------------

PURPOSE = "kinerja.planning.rhk-import"


def sign(skp: SKP, result: RHKImport, user_id: int | None = None) -> str:
    """Keep the checked rows server-side (kinerja.core.imports) and give the token naming them, for this SKP."""
    stored = pipeline.keep(json.dumps(result.items).encode(), name="", ext="json")
    return pipeline.sign_stored(PURPOSE, stored, target_id=skp.pk, user_id=user_id)


def unsign(skp: SKP, token: str, user_id: int | None = None) -> list[dict]:
    """The rows kept for this SKP within the hour, once, ready for services.rhk_import (supervisor RHK as
    objects)."""
    try:
        stored = pipeline.unsign_stored(PURPOSE, token, target_id=skp.pk, user_id=user_id)
        items = json.loads(pipeline.take(stored))
    except pipeline.PreviewRefused as exc:
        # Planning keeps its one message for every refused preview, as its screens said before the kernel.
        raise ApplicationError(_("The preview has expired or was altered. Upload the file again.")) from exc
    ids = {i["rhk_atasan_id"] for i in items if i.get("rhk_atasan_id")}
    atasan = RHK.objects.in_bulk(ids)
    return [
        {
            "jenis": i["jenis"],
            "uraian": i["uraian"],
            "perspektif": i.get("perspektif", ""),
            "rhk_atasan": atasan.get(i["rhk_atasan_id"]) if i.get("rhk_atasan_id") else None,
            "indikator": i["indikator"],
        }
        for i in items
    ]


INSTRUCTIONS = [
    ["No", "Wajib", "Nomor RHK. Baris dengan nomor yang sama adalah indikator dari satu RHK."],
    ["Jenis", "Boleh kosong", "Utama atau Tambahan; kosong: Utama."],
    ["Rencana Hasil Kerja", "Wajib", "Uraian RHK; boleh diulang atau dikosongkan pada baris berikutnya."],
    [
        "RHK Pimpinan yang Diintervensi",
        "Untuk RHK utama",
        "Teks RHK pejabat penilai, atau nomornya seperti U1.",
    ],
    ["Perspektif", "Untuk SKP JPT", "Perspektif RHK utama pada SKP pimpinan tinggi."],
    ["Indikator Kinerja Individu", "Wajib", "Uraian indikator."],
    ["Aspek", "Boleh kosong", "Kuantitas, Kualitas, Waktu atau Biaya; kosong: Kuantitas."],
    [
        "Target",
        "Wajib",
        "Angka (mis. 1.250 atau 92,5), atau pernyataan kualitatif bila kolom Satuan dikosongkan.",
    ],
    ["Satuan", "Untuk target angka", "Mis. dokumen, %, hari."],
    ["Arah", "Boleh kosong", "naik (makin tinggi makin baik) atau turun (makin rendah makin baik)."],
    [
        "Akumulasi",
        "Boleh kosong",
        "Cara realisasi per periode dijumlahkan menjadi capaian tahunan: jumlah (mis. dokumen dilayani), "
        "nilai terakhir (mis. cakupan %) atau rata-rata; kosong: jumlah, atau nilai terakhir untuk satuan "
        "%/persen/indeks/nilai/skor, atau rata-rata untuk aspek Waktu dan Biaya.",
    ],
]


def template_xlsx() -> bytes:
    """The RHK sheet with example rows, after the instructions (the reader skips "Petunjuk")."""
    return tabular.write_workbook(
        {
            tabular.INSTRUCTIONS_SHEET: (["Kolom", "Wajib?", "Isi yang diterima"], INSTRUCTIONS),
            "RHK": (HEADER, EXAMPLES),
        },
        widths={tabular.INSTRUCTIONS_SHEET: (30, 20, 90), "RHK": (6, 10, 45, 35, 18, 45, 12, 10, 12, 8, 16)},
    )
