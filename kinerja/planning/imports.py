"""Importing RHK and their indikator into a draft SKP from an .xlsx or .csv, checked as a whole first.

One row per indikator. Rows with the same "No" form one RHK (its text may be repeated or left empty on the
following rows). Columns, matched forgivingly (case, spaces): No, Jenis (Utama/Tambahan, default Utama),
Rencana Hasil Kerja, RHK Pimpinan yang Diintervensi (the supervisor's RHK text, or its number such as U1),
Perspektif (JPT), Indikator Kinerja Individu, Aspek, Target, Satuan, Arah (naik/turun). A target that is not a
number is read as a qualitative statement only when no Satuan is given.

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
    ],
    [1, "", "", "", "", "Laporan cakupan disampaikan tepat waktu", "Waktu", "12", "bulan", "naik"],
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


def _options(skp: SKP) -> tuple[dict[str, RHK], dict[str, RHK]]:
    """The supervisor RHK this SKP may support, by their text and by their number (U1, T2 ...)."""
    by_text, by_number = {}, {}
    for nomor, r in selectors.cascade_choices(skp):
        by_text.setdefault(_key(r.uraian), r)
        by_number.setdefault(nomor.casefold(), r)
    return by_text, by_number


def _perspectives(skp: SKP) -> dict[str, str]:
    result = {}
    for kode, nama in selectors.perspective_choices(skp):
        result[_key(kode)] = kode
        result[_key(nama)] = kode
        result[_key(nama.replace("Perspektif ", ""))] = kode
    return result


def read(skp: SKP, *, name: str, data) -> RHKImport:
    """Read and check the whole file against the SKP (its supervisor's RHK, its perspectives)."""
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
    result = RHKImport(rows=len(rows) - 1)
    by_text, by_number = _options(skp)
    perspectives = _perspectives(skp)
    groups: dict[str, dict] = {}
    for number, values in rows[1:]:
        cells = tabular.cells_by_column(values, positions)
        errors = []

        def problem(kolom: str, pesan: str, number=number, errors=errors) -> None:
            errors.append(RowError(number, LABELS[kolom], pesan))

        no = cells["no"]
        if not no:
            problem("no", _("Empty required cell."))
            result.errors.extend(errors)
            continue
        group = groups.get(no)
        if group is None:
            group = {
                "nomor": no,
                "jenis": JenisRHK.UTAMA,
                "uraian": "",
                "rhk_atasan_id": None,
                "rhk_atasan_text": "",
                "perspektif": "",
                "indikator": [],
                "baris": number,
            }
            jenis = _key(cells.get("jenis", ""))
            if jenis:
                if jenis not in JENIS:
                    problem("jenis", _("Write Utama or Tambahan."))
                else:
                    group["jenis"] = JENIS[jenis]
            if not cells["rhk"]:
                problem("rhk", _("Empty required cell."))
            group["uraian"] = cells["rhk"]
            atasan = cells.get("rhk_atasan", "")
            if atasan:
                found = by_number.get(atasan.casefold()) or by_text.get(_key(atasan))
                if found is None:
                    problem(
                        "rhk_atasan",
                        _(
                            "Not an RHK of your assessing official's submitted or approved SKP of this year: %(value)s"
                        )
                        % {"value": atasan},
                    )
                else:
                    group["rhk_atasan_id"], group["rhk_atasan_text"] = found.pk, found.uraian
            persp = cells.get("perspektif", "")
            if persp:
                if _key(persp) not in perspectives:
                    problem("perspektif", _("Unknown perspective %(value)s.") % {"value": persp})
                else:
                    group["perspektif"] = perspectives[_key(persp)]
            groups[no] = group
        elif cells["rhk"] and _key(cells["rhk"]) != _key(group["uraian"]):
            problem(
                "rhk",
                _("Row %(row)s already gives RHK number %(no)s another text.")
                % {"row": group["baris"], "no": no},
            )
        indikator = {"uraian": cells["indikator"], "baris": number}
        if not cells["indikator"]:
            problem("indikator", _("Empty required cell."))
        aspek = _key(cells.get("aspek", "")) or Aspek.KUANTITAS
        if aspek not in ASPEK:
            problem("aspek", _("Write Kuantitas, Kualitas, Waktu or Biaya."))
        indikator["aspek"] = ASPEK.get(aspek, Aspek.KUANTITAS)
        arah = _key(cells.get("arah", ""))
        if arah not in ARAH:
            problem("arah", _("Write naik (higher is better) or turun (lower is better)."))
        indikator["arah"] = ARAH.get(arah, Arah.NAIK)
        target, satuan = cells["target"], cells.get("satuan", "")
        if not target:
            problem("target", _("Empty required cell."))
        else:
            try:
                number_value = rules.parse_angka(target)
            except rules.NotANumber:
                if satuan:
                    problem(
                        "target",
                        _('The target must be a number, e.g. 100 or 92,5 (you wrote "%(value)s").')
                        % {"value": target},
                    )
                indikator.update(
                    jenis_target=JenisTarget.KUALITATIF, target="", target_teks=target, satuan=""
                )
            else:
                if not satuan:
                    problem("satuan", _("A numeric target needs a unit of measure, e.g. dokumen, %, hari."))
                if number_value < 0:
                    problem("target", _("The target cannot be negative."))
                indikator.update(
                    jenis_target=JenisTarget.ANGKA, target=str(number_value), target_teks="", satuan=satuan
                )
        group["indikator"].append(indikator)
        result.errors.extend(errors)
    result.items = list(groups.values())
    if not result.items and not result.errors:
        raise tabular.refusal(_("The file has no rows below the header."))
    return result


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


def template_xlsx() -> bytes:
    return tabular.write_workbook(
        {"RHK": (HEADER, EXAMPLES)}, widths={"RHK": (6, 10, 45, 35, 18, 45, 12, 10, 12, 8)}
    )
