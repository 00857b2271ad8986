"""The parts of official PDFs: the page, tables that break across pages, identity and signature blocks.

Built with fpdf2, which is pure Python: the servers need no system libraries (docs/decisions/0006). The fonts
(DejaVu Sans) are vendored next to this module, so a document looks the same on every machine and prints any
character a user may type (curly quotes, dashes, accented names). Everything printed is in Indonesian, whatever
the language of the interface: these are official documents. An app's `documents.py` lays out its own document
with these parts (docs/decisions/0009).
"""

import datetime
import io
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import cast

import segno
from fpdf import FPDF
from fpdf.enums import Align, CellBordersLayout, MethodReturnValue, TextEmphasis, VAlign, XPos, YPos
from fpdf.fonts import FontFace

from kinerja.core.formats import tanggal

FONTS = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVu"

# The page: A4, with room for the note above and the page number below.
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

PAD_X = 1.2
PAD_Y = 1
JOINED_PAD = 0.3
TITLE_SPACE = (3, 6, 1)  # space above a section title, its height, space below
SIDES = CellBordersLayout.LEFT | CellBordersLayout.RIGHT
# A logical row at least this tall (about a quarter of a landscape page) is cut at a page break when the page
# still has room for SPLIT_MIN of it, rather than moved whole to the next page; shorter rows move whole.
SPLIT_ROW = 45
SPLIT_MIN = 4 * LINE + 2 * PAD_Y


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
# A table heading: its text, the columns it spans, its alignment.
Heading = tuple[str, int, Align]


@dataclass
class Group:
    """Table rows that stay on one page (a rowspan), with their height."""

    height: float
    rows: list[Cells]


@dataclass
class Item:
    groups: list[Group]
    label: bool = False  # a heading row (a group's name) that must not end a page
    columns: Block | None = None  # a logical row's parts, kept to cut it at a page break

    @property
    def splittable(self) -> bool:
        """A long logical row: at a page break it is cut, not moved whole."""
        return self.columns is not None and sum(g.height for g in self.groups) >= SPLIT_ROW

    @property
    def first_height(self) -> float:
        """The least of the item that must start on a page: a long row may start with a few lines."""
        return min(self.groups[0].height, SPLIT_MIN) if self.splittable else self.groups[0].height


@dataclass(frozen=True)
class Stamp:
    """What makes a printed official document verifiable (docs/decisions/0015): its number, version, approval
    date and verification code, and the address of its verification page (held by the QR code)."""

    nomor: str
    versi: int
    tanggal: datetime.date
    kode: str
    url: str

    @property
    def kode_text(self) -> str:
        """The code in groups of four, as printed."""
        return " ".join(self.kode[i : i + 4] for i in range(0, len(self.kode), 4))


QR_SIZE = 22  # mm: about 0.5 mm a module for an address of 100 characters, which phones read from paper
STAMP_BOTTOM = QR_SIZE + 8  # the bottom margin of a stamped page: the QR code and the page number below it


class Document(FPDF):
    """An A4 official document: DejaVu fonts, `note` (e.g. a draft mark) atop every page, numbered pages, and
    on every page of an approved document its `stamp` (number, version, date, code and QR code)."""

    def __init__(
        self,
        *,
        title: str,
        subject: str = "",
        note: str = "",
        orientation: str = "L",
        stamp: Stamp | None = None,
    ):
        super().__init__(orientation=orientation, unit="mm", format="A4")
        self.note = note
        self.stamp = stamp
        self.add_font(FONT, "", FONTS / "DejaVuSans.ttf")
        self.add_font(FONT, "B", FONTS / "DejaVuSans-Bold.ttf")
        self.set_margins(MARGIN, TOP, MARGIN)
        self.set_auto_page_break(True, margin=STAMP_BOTTOM if stamp else BOTTOM)
        self.set_font(FONT, "", BODY)
        self.c_margin = PAD_X
        self.set_title(title)
        self.set_subject(subject)
        self.set_creator("Kinerja")
        self.set_lang("id")

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
        if self.stamp:
            self._stamp(self.stamp)
        self.set_y(-10)
        self.set_font(FONT, "", 7)
        self.set_text_color(90)
        self.cell(0, 5, f"Halaman {self.page_no()} dari {{nb}}", align=Align.R)
        self.set_text_color(0)

    def _stamp(self, stamp: Stamp) -> None:
        """The QR code at the foot of the page, with the number, version, date and code beside it."""
        top = self.h - 5 - QR_SIZE
        self.image(qr_png(stamp.url), x=MARGIN, y=top, w=QR_SIZE, h=QR_SIZE)
        x = MARGIN + QR_SIZE + 2
        width = self.w - MARGIN - x - 30
        self.set_xy(x, top + 3)
        self.set_text_color(0)
        self.set_font(FONT, "B", 7.5)
        self.cell(width, 3.6, f"Nomor dokumen: {stamp.nomor}", new_x=XPos.LEFT, new_y=YPos.NEXT)
        self.set_font(FONT, "", 7)
        lines = (
            f"Versi {stamp.versi}, disetujui {tanggal(stamp.tanggal)}",
            f"Kode verifikasi: {stamp.kode_text}",
            "Pindai kode QR, atau buka halaman verifikasi dan ketik nomor dan kode di atas, untuk memeriksa"
            " keaslian dokumen ini dan apakah versi ini masih berlaku:",
            stamp.url.split("?", 1)[0],
        )
        for line in lines:
            self.multi_cell(width, 3.3, line, new_x=XPos.LEFT, new_y=YPos.NEXT)
        self.set_font(FONT, "", BODY)

    def title_lines(self, text: str) -> None:
        """The document's title, bold and centred (one line per line of `text`)."""
        self.set_font(FONT, "B", 13)
        self.multi_cell(0, 6.5, text, align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def subtitle(self, text: str) -> None:
        """A bold centred line under the title."""
        self.set_font(FONT, "B", 9)
        self.cell(0, 5.5, text, align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def left_right(self, left: str, right: str) -> None:
        """Two bold texts on one line, one each side (e.g. the instansi and the period)."""
        self.set_font(FONT, "B", 9)
        half = self.epw / 2
        y = self.get_y()
        self.multi_cell(half, 5, left, align=Align.L)
        after_left = self.get_y()
        self.set_xy(MARGIN + half, y)
        self.multi_cell(half, 5, right, align=Align.R)
        self.set_xy(MARGIN, max(after_left, self.get_y()) + 1.5)

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
        return cast(list[str], lines)  # output=LINES gives the lines alone

    def height(self, width: float, part: Part, padding: float = 2 * PAD_Y) -> float:
        return max(1, len(self.text_lines(width, part))) * LINE + padding

    def line_count(self, width: float, height: float, text: str) -> int:
        """The lines `multi_cell` prints the text in, in the current font."""
        lines = self.multi_cell(width, height, text, dry_run=True, output=MethodReturnValue.LINES)
        return len(cast(list[str], lines))


class Table:
    """A table built item by item and printed at the end (`with Table(...) as table:`).

    Column widths are relative: the table fills the page's width. The headings repeat on every page. A label
    row (a group's name) is never left at the foot of a page without the rows it introduces: the table is
    then ended there and taken up again, with its headings, on the next page. A long logical row is cut at a
    page break (SPLIT_ROW) and goes on under the headings of the next page. `keep_with_next`: the height of
    what follows the table (a signature block), kept on one page with the table's last row."""

    def __init__(
        self,
        pdf: Document,
        widths: Sequence[float],
        headings: Sequence[Heading] = (),
        *,
        title: str = "",
        keep_with_next: float = 0,
    ):
        self.pdf = pdf
        self.title = title
        self.keep_with_next = keep_with_next
        self.relative = tuple(widths)
        self.widths = [w * pdf.epw / sum(widths) for w in widths]
        self.headings = list(headings)
        self.items: list[Item] = []

    def __enter__(self) -> "Table":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.render()

    def label(self, text: str, style: FontFace = GROUP) -> None:
        """A row across all columns that introduces the rows after it."""
        part = Part(text, style=style)
        cells: Cells = [(part, {"colspan": len(self.widths)})]
        self.items.append(Item([Group(self.pdf.height(self.pdf.epw, part), [cells])], label=True))

    def block(self, columns: Block) -> None:
        self.items.append(Item(self._layout(columns), columns=columns))

    def dashes(self) -> None:
        """A row of dashes, for a table with nothing in it."""
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
        # Follow the page breaks the table will make, to find labels that would end a page, long rows to cut
        # and the last rows to keep with what follows the table.
        y = pdf.get_y()
        first = self.items[0].first_height if self.items else 0
        if y + head + first > trigger:
            y = pdf.t_margin
        y += head
        tail = self._tail()
        segments: list[list[Item]] = [[]]
        for k, item in enumerate(self.items):
            if k == tail and segments[-1]:
                needed = sum(g.height for i in self.items[k:] for g in i.groups) + self.keep_with_next
                if y + needed > trigger and head + needed <= pdf.eph:
                    segments.append([])
                    y = pdf.t_margin + head
            if item.label and segments[-1]:
                keep = self._keep(k)
                if y + keep > trigger and y + item.groups[0].height <= trigger and head + keep <= pdf.eph:
                    segments.append([])
                    y = pdf.t_margin + head
            if item.splittable and y + item.groups[0].height > trigger and trigger - y >= SPLIT_MIN:
                assert item.columns is not None
                item.groups = self._split(item.columns, trigger - y) or item.groups
            for group in item.groups:
                if y + group.height > trigger:
                    y = pdf.t_margin + head
                y += group.height
            segments[-1].append(item)
        for n, items in enumerate(segments):
            if n:
                pdf.add_page()
            self._table(items)

    def _tail(self) -> int | None:
        """Where the rows kept with what follows the table start: its last item, with the labels before it."""
        if not self.keep_with_next or not self.items:
            return None
        k = len(self.items) - 1
        while k > 0 and self.items[k - 1].label:
            k -= 1
        return k

    def _keep(self, k: int) -> float:
        """The height of the labels from item k on and the first rows after them."""
        height = 0.0
        for item in self.items[k:]:
            height += item.first_height
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

    def _layout(self, columns: Block) -> list[Group]:
        """The table rows of one logical row: one group with the spanning cells, if it fits on a page.

        When it does not (a very long text, many indikator), the rows are printed without spanning and long
        texts are cut into pieces, without rules between the pieces, so that a page break can fall between
        them."""
        pdf, widths = self.pdf, self.widths
        count = max(len(column) for column in columns)
        spanning = [count > 1 and len(column) == 1 for column in columns]
        heights = [
            max(
                (
                    pdf.height(w, c[r], sum(_padding(c[r], c[r + 1] if r + 1 < count else None)))
                    for c, w, s in zip(columns, widths, spanning, strict=True)
                    if not s
                ),
                default=0,
            )
            for r in range(count)
        ]
        span = max(
            (pdf.height(w, c[0]) for c, w, s in zip(columns, widths, spanning, strict=True) if s), default=0
        )
        total = max(sum(heights), span)
        if total > pdf.row_limit:
            return self._pieces(columns, spanning)
        rows = []
        for r in range(count):
            cells: Cells = []
            for column, is_span in zip(columns, spanning, strict=True):
                if is_span:
                    if r == 0:
                        part, kwargs = _stacked(column[0], None)
                        cells.append((part, {**kwargs, "rowspan": count}))
                    continue
                cells.append(_stacked(column[r], column[r + 1] if r + 1 < count else None))
            rows.append(cells)
        return [Group(total, rows)]

    def _split(self, columns: Block, room: float) -> list[Group] | None:
        """A logical row cut in two at a page break: what fits in `room` (less a line, for safety), the rest
        under the next page's headings. Whole indikator rows stay together where they can; the texts that span
        them (the RHK) are cut by lines. None when nothing sensible fits."""
        pdf, widths = self.pdf, self.widths
        budget = room - LINE
        lines_fit = int((budget - 2 * PAD_Y) // LINE)
        if lines_fit < 2:
            return None
        count = max(len(column) for column in columns)
        spanning = [count > 1 and len(column) == 1 for column in columns]

        def row_height(r: int) -> float:
            return max(
                (
                    pdf.height(w, c[r], sum(_padding(c[r], c[r + 1] if r + 1 < count else None)))
                    for c, w, s in zip(columns, widths, spanning, strict=True)
                    if not s
                ),
                default=0,
            )

        whole, used = 0, 0.0
        while whole < count and used + row_height(whole) <= budget:
            used += row_height(whole)
            whole += 1

        def cut(width: float, part: Part, keep: int) -> tuple[Part, Part | None]:
            lines = pdf.text_lines(width, part)
            if len(lines) <= keep:
                return part, None
            return (
                replace(part, text="\n".join(lines[:keep])),
                replace(part, text="\n".join(lines[keep:]), joined=True),
            )

        top: Block = []
        rest: Block = []
        for column, w, is_span in zip(columns, widths, spanning, strict=True):
            if is_span:
                head, tail = cut(w, column[0], lines_fit)
                top.append([head])
                rest.append([tail or Part("", joined=True)])
            elif whole:
                top.append(column[:whole])
                rest.append(column[whole:])
            else:  # the first row alone is taller than the room: cut it by lines too
                head, tail = cut(w, column[0], lines_fit)
                top.append([head])
                rest.append([tail or Part("", joined=True), *column[1:]])
        if all(not parts or all(not p.text for p in parts) for parts in rest):
            return None
        # The rest has as many rows as its longest column; spanning columns keep spanning them.
        depth = max(len(parts) for parts in rest)
        rest = [parts if parts else [Part("", joined=True)] * depth for parts in rest]
        return self._layout(top) + self._layout(rest)

    def _pieces(self, columns: Block, spanning: list[bool]) -> list[Group]:
        pdf, widths = self.pdf, self.widths
        fit = max(1, int((pdf.row_limit - 2 * PAD_Y) // LINE))

        def cut(width: float, part: Part) -> list[Part]:
            lines = pdf.text_lines(width, part)
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
                height = max(height, pdf.height(w, parts[r], sum(_padding(parts[r], below))))
            groups.append(Group(height, [cells]))
        return groups


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


def headings(*texts: str) -> list[Heading]:
    """Centred headings of one column each."""
    return [(text, 1, Align.C) for text in texts]


def qr_png(text: str) -> io.BytesIO:
    """A QR code of the text as a black-and-white PNG (segno, pure Python), 8 pixels per module with the
    standard quiet zone, medium error correction: readable by phones from paper and by decoders in tests."""
    out = io.BytesIO()
    segno.make(text, error="m", micro=False).save(out, kind="png", scale=8, border=4)
    out.seek(0)
    return out
