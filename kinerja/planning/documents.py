"""The printable SKP (Sasaran Kinerja Pegawai) as a PDF in the official layout (PermenPANRB 6/2022).

Built with fpdf2, which is pure Python: the servers need no system libraries. The fonts (DejaVu Sans) are
vendored next to this module, so the document looks the same on every machine and prints any character a
user may type (curly quotes, dashes, accented names). Everything printed is in Indonesian, whatever the
language of the interface: the SKP is an official document.
"""

import datetime
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils import timezone
from fpdf import FPDF
from fpdf.enums import Align, CellBordersLayout, MethodReturnValue, TextEmphasis, VAlign, XPos, YPos
from fpdf.fonts import FontFace

from kinerja.core import clock
from kinerja.core.templatetags.kinerja import tanggal as format_tanggal
from kinerja.org.rules import format_nip
from kinerja.planning import rules, selectors
from kinerja.planning.models import SKP, JenisRHK, JenisTarget, StatusSKP

FONTS = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVu"

# The page: A4 landscape, so that the six columns of the Hasil Kerja table stay readable.
MARGIN = 12
TOP = 16
BOTTOM = 14
BODY = 8  # point size of table text
LINE = 4.2  # mm per line of table text

HEAD_FILL = (225, 225, 225)
GROUP_FILL = (242, 242, 242)
RED = (180, 0, 0)

HEADING = FontFace(family=FONT, emphasis="B", size_pt=BODY, fill_color=HEAD_FILL)
GROUP = FontFace(family=FONT, emphasis="B", size_pt=BODY, fill_color=GROUP_FILL)
BOLD = FontFace(family=FONT, emphasis="B", size_pt=BODY)

ASPEK = {"kuantitas": "Kuantitas", "kualitas": "Kualitas", "waktu": "Waktu", "biaya": "Biaya"}
PENDEKATAN = {"kuantitatif": "KUANTITATIF", "kualitatif": "KUALITATIF"}
STATUS = {
    StatusSKP.DRAFT: "Draf",
    StatusSKP.DIAJUKAN: "Diajukan",
    StatusSKP.DIKEMBALIKAN: "Dikembalikan",
    StatusSKP.DISETUJUI: "Disetujui",
    StatusSKP.REVISI: "Sedang direvisi",
}

IDENTITY_ROWS = [
    ("NAMA", "nama"),
    ("NIP", "nip"),
    ("PANGKAT/GOL RUANG", "pangkat_golongan"),
    ("JABATAN", "jabatan"),
    ("UNIT KERJA", "unit_kerja"),
]
LAMPIRAN = [
    ("DUKUNGAN SUMBER DAYA", "dukungan_sumber_daya"),
    ("SKEMA PERTANGGUNGJAWABAN", "skema_pertanggungjawaban"),
    ("KONSEKUENSI", "konsekuensi"),
]


def skp_pdf(
    skp: SKP,
    *,
    content: dict | None = None,
    tanggal: datetime.date | None = None,
    draf: bool | None = None,
) -> bytes:
    """The SKP as a PDF document (A4 landscape).

    `skp` comes from `selectors.with_content(...)`. `content` defaults to the SKP's current content; pass a
    stored version's `konten` to print that (approved) version. `tanggal` is the date above the assessor's
    signature: by default the SKP's last approval, else today (for an older version, pass the day it was
    approved). `draf` prints "DRAF — BELUM DISETUJUI" on every page; by default when the current content of
    an SKP that is not approved is printed, never for a given `content` (a stored version was approved)."""
    if draf is None:
        draf = content is None and skp.status != StatusSKP.DISETUJUI
    if content is None:
        content = selectors.content_of(skp)
    if tanggal is None:
        tanggal = _approval_date(skp) or clock.today(skp.instansi)
    note = ""
    if draf:
        note = "DRAF — BELUM DISETUJUI"
        if skp.status in STATUS and skp.status != StatusSKP.DISETUJUI:
            note += f" (status: {STATUS[skp.status]})"
    identitas = content.get("identitas") or {}
    pegawai = identitas.get("pegawai") or {}
    penilai = identitas.get("penilai") or {}

    pdf = _Document(note)
    nama = _clean(pegawai.get("nama")) or "SKP"
    pdf.set_title(f"Sasaran Kinerja Pegawai {nama}")
    pdf.set_subject(f"SKP {_period(skp, content)}")
    pdf.set_creator("Kinerja")
    pdf.set_lang("id")
    pdf.add_page()

    _header(pdf, skp, content)
    _identity(pdf, pegawai, penilai)
    perspektif = dict(selectors.perspective_choices(skp)) if skp.jpt else {}
    _hasil_kerja(pdf, content.get("rhk") or [], jpt=skp.jpt, perspektif=perspektif)
    _perilaku(pdf, content.get("perilaku") or [])
    _lampiran(pdf, content.get("lampiran") or {})
    _signatures(pdf, skp, pegawai, penilai, tanggal)
    return bytes(pdf.output())


# The document -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """The text of one table cell. `joined`: no rule (and little space) between it and the cell above."""

    text: str
    style: FontFace | None = None
    align: Align | None = None
    joined: bool = False


# A logical row of a table: one list of parts per column. A column of one part spans the whole logical row;
# the other columns all have the same number of parts (e.g. one per indikator), one table row each.
Block = list[list[Part]]
# The cells of one table row, with their arguments to `Row.cell`.
Cells = list[tuple[Part, dict]]

PAD_X = 1.2
PAD_Y = 1
JOINED_PAD = 0.3
TITLE_SPACE = (3, 6, 1)  # space above a section title, its height, space below
SIDES = CellBordersLayout.LEFT | CellBordersLayout.RIGHT


@dataclass
class Group:
    """Table rows that stay on one page (a rowspan), with their height."""

    height: float
    rows: list[Cells]


@dataclass
class Item:
    groups: list[Group]
    label: bool = False  # a heading row ("A. UTAMA", a perspektif) that must not end a page


class _Document(FPDF):
    def __init__(self, note: str):
        super().__init__(orientation="L", unit="mm", format="A4")
        self.note = note
        self.add_font(FONT, "", FONTS / "DejaVuSans.ttf")
        self.add_font(FONT, "B", FONTS / "DejaVuSans-Bold.ttf")
        self.set_margins(MARGIN, TOP, MARGIN)
        self.set_auto_page_break(True, margin=BOTTOM)
        self.set_font(FONT, "", BODY)
        self.c_margin = PAD_X

    def header(self):
        if not self.note:
            return
        self.set_xy(MARGIN, 5)
        self.set_font(FONT, "B", 9)
        self.set_text_color(*RED)
        self.set_draw_color(*RED)
        self.set_line_width(0.4)
        self.cell(0, 7, self.note, border=1, align=Align.C)
        self.set_text_color(0)
        self.set_draw_color(0)
        self.set_line_width(0.2)
        self.set_font(FONT, "", BODY)
        self.set_xy(MARGIN, TOP)

    def footer(self):
        self.set_y(-10)
        self.set_font(FONT, "", 7)
        self.set_text_color(90)
        self.cell(0, 5, f"Halaman {self.page_no()} dari {{nb}}", align=Align.R)
        self.set_text_color(0)

    def section_title(self, text: str) -> None:
        """A bold section title (the table after it decides where it goes)."""
        self.ln(TITLE_SPACE[0])
        self.set_font(FONT, "B", 10)
        self.multi_cell(0, TITLE_SPACE[1], text, align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(TITLE_SPACE[2])
        self.set_font(FONT, "", BODY)

    # Measuring text -------------------------------------------------------------------------------------

    @property
    def row_limit(self) -> float:
        """The tallest group of rows a table may hold: a page, less repeated headings and some slack."""
        return self.eph - 25

    def text_lines(self, width: float, part: Part) -> list[str]:
        """The lines a cell of that width prints the text in."""
        if not part.text:
            return []
        bold = part.style is not None and TextEmphasis.B in (part.style.emphasis or TextEmphasis.NONE)
        self.set_font(FONT, "B" if bold else "", BODY)
        # As the table will: the column less its padding (multi_cell takes off its own c_margin), and a
        # little less, so that rounding never makes a line wrap in the table that did not here.
        lines = self.multi_cell(
            width - 2 * PAD_X + 2 * self.c_margin - 0.5,
            LINE,
            part.text,
            dry_run=True,
            output=MethodReturnValue.LINES,
        )
        self.set_font(FONT, "", BODY)
        return lines

    def height(self, width: float, part: Part, padding: float = 2 * PAD_Y) -> float:
        return max(1, len(self.text_lines(width, part))) * LINE + padding

    def layout(self, widths: Sequence[float], columns: Block) -> list[Group]:
        """The table rows of one logical row: one group with the spanning cells, if it fits on a page.

        When it does not (a very long text, many indikator), the rows are printed without spanning and long
        texts are cut into pieces, without rules between the pieces, so that a page break can fall between
        them."""
        count = max(len(column) for column in columns)
        spanning = [count > 1 and len(column) == 1 for column in columns]
        heights = [
            max(
                (
                    self.height(w, c[r], sum(_padding(c[r], c[r + 1] if r + 1 < count else None)))
                    for c, w, s in zip(columns, widths, spanning, strict=True)
                    if not s
                ),
                default=0,
            )
            for r in range(count)
        ]
        span = max(
            (self.height(w, c[0]) for c, w, s in zip(columns, widths, spanning, strict=True) if s), default=0
        )
        total = max(sum(heights), span)
        if total > self.row_limit:
            return self._pieces(widths, columns, spanning)
        rows = []
        for r in range(count):
            cells: Cells = []
            for column, is_span in zip(columns, spanning, strict=True):
                if is_span:
                    if r == 0:
                        cells.append((column[0], {"rowspan": count}))
                    continue
                cells.append(_stacked(column[r], column[r + 1] if r + 1 < count else None))
            rows.append(cells)
        return [Group(total, rows)]

    def _pieces(self, widths: Sequence[float], columns: Block, spanning: list[bool]) -> list[Group]:
        fit = max(1, int((self.row_limit - 2 * PAD_Y) // LINE))

        def cut(width: float, part: Part) -> list[Part]:
            lines = self.text_lines(width, part)
            chunks = ["\n".join(lines[i : i + fit]) for i in range(0, len(lines), fit)] or [""]
            return [replace(part, text=chunk, joined=part.joined or i > 0) for i, chunk in enumerate(chunks)]

        count = max(len(column) for column in columns)
        stacked: list[list[Part]] = [[] for _ in columns]
        for r in range(count):
            pieces = {
                i: cut(w, column[r])
                for i, (column, w, s) in enumerate(zip(columns, widths, spanning, strict=True))
                if not s
            }
            depth = max((len(parts) for parts in pieces.values()), default=0)
            for i, parts in pieces.items():
                stacked[i] += parts + [Part("", joined=True)] * (depth - len(parts))
        for i, (column, w, s) in enumerate(zip(columns, widths, spanning, strict=True)):
            if s:
                stacked[i] = cut(w, column[0])
        total = max(len(parts) for parts in stacked)
        for parts in stacked:
            parts += [Part("", joined=True)] * (total - len(parts))
        groups = []
        for r in range(total):
            cells = []
            height = 0.0
            for parts, w in zip(stacked, widths, strict=True):
                below = parts[r + 1] if r + 1 < total else None
                cells.append(_stacked(parts[r], below))
                height = max(height, self.height(w, parts[r], sum(_padding(parts[r], below))))
            groups.append(Group(height, [cells]))
        return groups


class _Grid:
    """A table built item by item and printed at the end (`with _Grid(...) as grid:`).

    Column widths are relative: the table fills the page's width. The headings repeat on every page. A label
    row (a group or a perspektif) is never left at the foot of a page without the rows it introduces: the
    table is then ended there and taken up again, with its headings, on the next page."""

    def __init__(
        self,
        pdf: _Document,
        widths: Sequence[float],
        headings: Sequence[tuple[str, int, Align]] = (),
        *,
        title: str = "",
    ):
        self.pdf = pdf
        self.title = title
        self.relative = tuple(widths)
        self.widths = [w * pdf.epw / sum(widths) for w in widths]
        self.headings = list(headings)
        self.items: list[Item] = []

    def __enter__(self) -> "_Grid":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.render()

    def label(self, text: str, style: FontFace = GROUP) -> None:
        part = Part(text, style=style)
        cells: Cells = [(part, {"colspan": len(self.widths)})]
        self.items.append(Item([Group(self.pdf.height(self.pdf.epw, part), [cells])], label=True))

    def block(self, columns: Block) -> None:
        self.items.append(Item(self.pdf.layout(self.widths, columns)))

    def dashes(self) -> None:
        self.block([[Part("-", align=Align.C)] for _ in self.widths])

    def render(self) -> None:
        pdf = self.pdf
        head = 0.0
        column = 0
        for text, colspan, _align in self.headings:
            width = sum(self.widths[column : column + colspan])
            head = max(head, pdf.height(width, Part(text, style=HEADING)))
            column += colspan
        # The title, the headings and the first rows (with the labels before them) start on one page.
        trigger = pdf.page_break_trigger
        title = sum(TITLE_SPACE) if self.title else 0
        start = title + head + (self._keep(0) if self.items else 0)
        if pdf.get_y() + start > trigger and start <= pdf.eph:
            pdf.add_page()
        if self.title:
            pdf.section_title(self.title)
        # Follow the page breaks the table will make, to find labels that would end a page.
        y = pdf.get_y()
        first = self.items[0].groups[0].height if self.items else 0
        if y + head + first > trigger:
            y = pdf.t_margin
        y += head
        segments: list[list[Item]] = [[]]
        for k, item in enumerate(self.items):
            if item.label and segments[-1]:
                keep = self._keep(k)
                if y + keep > trigger and y + item.groups[0].height <= trigger and head + keep <= pdf.eph:
                    segments.append([])
                    y = pdf.t_margin + head
            for group in item.groups:
                if y + group.height > trigger:
                    y = pdf.t_margin + head
                y += group.height
            segments[-1].append(item)
        for n, items in enumerate(segments):
            if n:
                pdf.add_page()
            self._table(items)

    def _keep(self, k: int) -> float:
        """The height of the labels from item k on and the first rows after them."""
        height = 0.0
        for item in self.items[k:]:
            height += item.groups[0].height
            if not item.label:
                break
        return height

    def _table(self, items: list[Item]) -> None:
        pdf = self.pdf
        pdf.set_font(FONT, "", BODY)
        with pdf.table(
            col_widths=self.relative,
            width=pdf.epw,
            line_height=LINE,
            text_align=Align.L,
            v_align=VAlign.T,
            headings_style=HEADING,
            padding=(PAD_Y, PAD_X),
            first_row_as_headings=bool(self.headings),
        ) as table:
            if self.headings:
                row = table.row()
                for text, colspan, align in self.headings:
                    row.cell(text, colspan=colspan, align=align, v_align=VAlign.M)
            for item in items:
                for group in item.groups:
                    for cells in group.rows:
                        row = table.row()
                        for part, kwargs in cells:
                            row.cell(part.text, style=part.style, align=part.align, **kwargs)


def _padding(part: Part, below: Part | None) -> tuple[float, float]:
    """Top and bottom padding of a stacked cell: little where it joins the cell above or below."""
    return (JOINED_PAD if part.joined else PAD_Y, JOINED_PAD if below is not None and below.joined else PAD_Y)


def _stacked(part: Part, below: Part | None) -> tuple[Part, dict]:
    """A stacked cell, without a rule where it joins the cell above or below in its column."""
    border = SIDES
    if not part.joined:
        border |= CellBordersLayout.TOP
    if below is None or not below.joined:
        border |= CellBordersLayout.BOTTOM
    if border == CellBordersLayout.ALL:
        return part, {}
    top, bottom = _padding(part, below)
    return part, {"border": border, "padding": (top, PAD_X, bottom, PAD_X)}


def _headings(*texts: str) -> list[tuple[str, int, Align]]:
    return [(text, 1, Align.C) for text in texts]


# Sections ---------------------------------------------------------------------------------------------------


def _header(pdf: _Document, skp: SKP, content: dict) -> None:
    title = "SASARAN KINERJA PEGAWAI"
    if skp.jpt:
        title += "\nPEJABAT PIMPINAN TINGGI"
    pdf.set_font(FONT, "B", 13)
    pdf.multi_cell(0, 6.5, title, align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pendekatan = content.get("pendekatan") or skp.pendekatan
    pdf.set_font(FONT, "B", 9)
    pdf.cell(
        0,
        5.5,
        f"PENDEKATAN: {PENDEKATAN.get(pendekatan, _clean(pendekatan).upper() or '-')}",
        align=Align.C,
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.ln(3)
    half = pdf.epw / 2
    y = pdf.get_y()
    pdf.multi_cell(half, 5, _clean(skp.instansi.nama).upper(), align=Align.L)
    after_left = pdf.get_y()
    pdf.set_xy(MARGIN + half, y)
    pdf.multi_cell(half, 5, f"PERIODE PENILAIAN: {_period(skp, content)}", align=Align.R)
    pdf.set_xy(MARGIN, max(after_left, pdf.get_y()) + 1.5)


def _identity(pdf: _Document, pegawai: dict, penilai: dict) -> None:
    headings = [
        ("NO", 1, Align.C),
        ("PEGAWAI YANG DINILAI", 2, Align.L),
        ("NO", 1, Align.C),
        ("PEJABAT PENILAI KINERJA", 2, Align.L),
    ]
    with _Grid(pdf, (8, 38, 92.5, 8, 38, 92.5), headings) as grid:
        for n, (label, key) in enumerate(IDENTITY_ROWS, start=1):
            columns = []
            for person in (pegawai, penilai):
                value = person.get(key)
                text = _nip(value) if key == "nip" else _clean(value)
                columns += [[Part(str(n), align=Align.C)], [Part(label)], [Part(text or "-")]]
            grid.block(columns)


def _hasil_kerja(pdf: _Document, rhk: list[dict], *, jpt: bool, perspektif: dict[str, str]) -> None:
    utama = [r for r in rhk if r.get("jenis") == JenisRHK.UTAMA]
    tambahan = [r for r in rhk if r.get("jenis") != JenisRHK.UTAMA]
    if jpt:
        widths = (10, 105, 112, 50)
        headings = _headings("NO", "RENCANA HASIL KERJA", "INDIKATOR KINERJA INDIVIDU", "TARGET")
    else:
        widths = (10, 62, 62, 22, 75, 46)
        headings = _headings(
            "NO",
            "RHK PIMPINAN YANG DIINTERVENSI",
            "RENCANA HASIL KERJA",
            "ASPEK",
            "INDIKATOR KINERJA INDIVIDU",
            "TARGET",
        )
    with _Grid(pdf, widths, headings, title="HASIL KERJA") as grid:
        for letter, label, items in (("A", "UTAMA", utama), ("B", "TAMBAHAN", tambahan)):
            grid.label(f"{letter}. {label}")
            if not items:
                grid.dashes()
                continue
            if jpt and letter == "A":
                nomor = 0
                for kode, group in _by_perspektif(items, list(perspektif)):
                    if kode is not None:
                        name = perspektif.get(kode, kode) if kode else "Tanpa perspektif"
                        grid.label(_clean(name), style=BOLD)
                    for r in group:
                        nomor += 1
                        grid.block(_rhk_block(nomor, r, jpt=True))
            else:
                for nomor, r in enumerate(items, start=1):
                    grid.block(_rhk_block(nomor, r, jpt=jpt))


def _rhk_block(nomor: int, rhk: dict, *, jpt: bool) -> Block:
    """One RHK: its number, text and supported RHK span its indikator, one row each."""
    indikator = rhk.get("indikator") or [{}]
    columns = [[Part(str(nomor), align=Align.C)]]
    if not jpt:
        columns.append([Part(_clean(rhk.get("rhk_atasan")) or "-")])
    columns.append([Part(_clean(rhk.get("uraian")) or "-")])
    if not jpt:
        columns.append([Part(_aspek(i.get("aspek"))) for i in indikator])
    columns.append([Part(_clean(i.get("uraian")) or "-") for i in indikator])
    columns.append([Part(_target(i) or "-") for i in indikator])
    return columns


def _target(indikator: dict) -> str:
    """The printed target; computed as `selectors.target_text` does for content stored without it."""
    if indikator.get("target"):
        return _clean(indikator["target"])
    if indikator.get("jenis_target") == JenisTarget.KUALITATIF:
        return _clean(indikator.get("target_teks"))
    if indikator.get("target_angka") in (None, ""):
        return ""
    try:
        angka = rules.format_angka(indikator["target_angka"])
    except (ArithmeticError, ValueError, TypeError):
        angka = str(indikator["target_angka"])
    return _clean(f"{angka} {indikator.get('satuan') or ''}")


def _aspek(value) -> str:
    return ASPEK.get(value) or _clean(value).capitalize() or "-"


def _by_perspektif(items: list[dict], order_of: list[str]) -> list[tuple[str | None, list[dict]]]:
    """Utama RHK of a JPT under their perspektif, in the order of the framework; those without one last.

    The key is None when no RHK has a perspektif (then no heading is printed)."""
    if not any(r.get("perspektif") for r in items):
        return [(None, items)]
    groups: dict[str, list[dict]] = {}
    for r in items:
        groups.setdefault(r.get("perspektif") or "", []).append(r)

    def order(kode: str) -> tuple[int, int]:
        if not kode:
            return (2, 0)
        if kode in order_of:
            return (0, order_of.index(kode))
        return (1, 0)

    return sorted(groups.items(), key=lambda item: order(item[0]))


def _perilaku(pdf: _Document, perilaku: list[dict]) -> None:
    headings = _headings("NO", "PERILAKU KERJA", "EKSPEKTASI KHUSUS PIMPINAN")
    with _Grid(pdf, (10, 160, 107), headings, title="PERILAKU KERJA") as grid:
        if not perilaku:
            grid.dashes()
        for n, p in enumerate(perilaku, start=1):
            indikator = [_clean(_indicator_text(i)) for i in p.get("indikator") or []]
            lines = "\n".join(f"- {text}" for text in indikator if text)
            # The name (bold) above its indicators, without a rule between them.
            nilai = [Part(_clean(p.get("nama")) or "-", style=BOLD)]
            if lines:
                nilai.append(Part(lines, joined=True))
            ekspektasi = Part(_clean(p.get("ekspektasi")) or "-")
            grid.block([[Part(str(n), align=Align.C)], nilai, [ekspektasi]])


def _lampiran(pdf: _Document, lampiran: dict) -> None:
    with _Grid(pdf, (10, 267), title="LAMPIRAN SASARAN KINERJA PEGAWAI") as grid:
        for label, key in LAMPIRAN:
            grid.label(label)
            items = [line.strip() for line in _clean(lampiran.get(key)).split("\n") if line.strip()]
            if not items:
                grid.block([[Part("-", align=Align.C)], [Part("-")]])
            for n, text in enumerate(items, start=1):
                grid.block([[Part(f"{n}.", align=Align.R)], [Part(text)]])


def _signatures(pdf: _Document, skp: SKP, pegawai: dict, penilai: dict, tanggal: datetime.date) -> None:
    """Both signature blocks, with the place and date, always together on one page."""
    width = 105
    line = 5
    room = 23  # to sign
    left_x = MARGIN + 8
    right_x = pdf.w - MARGIN - 8 - width
    blocks = []
    for x, title, person in (
        (left_x, "Pegawai yang Dinilai", pegawai),
        (right_x, "Pejabat Penilai Kinerja", penilai),
    ):
        name = _clean(person.get("nama"))
        blocks.append((x, title, name, f"NIP. {_nip(person.get('nip')) or '-'}"))
    # The names and NIP may wrap: measure them, so the whole block moves to a new page when it does not fit.
    lines = 0
    for _x, _title, name, nip in blocks:
        pdf.set_font(FONT, "B", 9)
        count = _lines(pdf, width, line, name or "-")
        pdf.set_font(FONT, "", 9)
        lines = max(lines, count + _lines(pdf, width, line, nip))
    needed = 2 * line + room + lines * line
    if pdf.will_page_break(needed + 6):
        pdf.add_page()
    else:
        pdf.ln(6)
    top = pdf.get_y()
    place = _clean(skp.instansi.tempat)
    date_line = f"{place}, {format_tanggal(tanggal)}" if place else format_tanggal(tanggal)
    pdf.set_font(FONT, "", 9)
    pdf.set_xy(right_x, top)
    pdf.cell(width, line, date_line, align=Align.C)
    titles_y = top + line
    bottom = titles_y
    for x, title, name, nip in blocks:
        pdf.set_xy(x, titles_y)
        pdf.set_font(FONT, "", 9)
        pdf.cell(width, line, title, align=Align.C)
        pdf.set_xy(x, titles_y + line + room)
        pdf.set_font(FONT, "BU" if name else "", 9)
        pdf.multi_cell(width, line, name or "(.......................................)", align=Align.C)
        pdf.set_x(x)
        pdf.set_font(FONT, "", 9)
        pdf.multi_cell(width, line, nip, align=Align.C)
        bottom = max(bottom, pdf.get_y())
    pdf.set_xy(MARGIN, bottom)


def _lines(pdf: _Document, width: float, height: float, text: str) -> int:
    return len(pdf.multi_cell(width, height, text, dry_run=True, output=MethodReturnValue.LINES))


# Helpers ----------------------------------------------------------------------------------------------------


def _period(skp: SKP, content: dict) -> str:
    mulai = _date(content.get("mulai")) or skp.mulai
    selesai = _date(content.get("selesai")) or skp.selesai
    return f"{format_tanggal(mulai)} s.d. {format_tanggal(selesai)}"


def _date(value) -> datetime.date | None:
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _approval_date(skp: SKP) -> datetime.date | None:
    if not skp.disetujui_at:
        return None
    try:
        zone = ZoneInfo(skp.instansi.zona_waktu)
    except (ZoneInfoNotFoundError, ValueError):
        zone = None
    return timezone.localdate(skp.disetujui_at, zone)


def _nip(value) -> str:
    text = _clean(value)
    try:
        return format_nip(text)
    except ValueError:
        return text


def _indicator_text(value) -> str:
    if isinstance(value, dict):
        return str(value.get("uraian") or value.get("nama") or value.get("teks") or "")
    return "" if value is None else str(value)


def _clean(value) -> str:
    """Text as the PDF can print it: line breaks normalised, tabs as spaces, other control characters gone."""
    if value is None:
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    text = "".join(ch for ch in text if ch == "\n" or unicodedata.category(ch) not in ("Cc", "Cs"))
    return text.strip()
