"""The parts of official PDFs: the page, tables that break across pages, identity and signature blocks.

Built with fpdf2, which is pure Python: the servers need no system libraries (docs/decisions/0006). The fonts
(DejaVu Sans) are vendored next to this module, so a document looks the same on every machine and prints any
character a user may type (curly quotes, dashes, accented names). Everything printed is in Indonesian, whatever
the language of the interface: these are official documents. An app's `documents.py` lays out its own document
with these parts (docs/decisions/0009).
"""

import datetime
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import cast

from fpdf import FPDF
from fpdf.enums import Align, CellBordersLayout, MethodReturnValue, TextEmphasis, VAlign, XPos, YPos
from fpdf.fonts import FontFace

from kinerja.core.formats import nip_or_text, tanggal

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


class Document(FPDF):
    """An A4 official document: DejaVu fonts, `note` (e.g. a draft mark) atop every page, numbered pages."""

    def __init__(self, *, title: str, subject: str = "", note: str = "", orientation: str = "L"):
        super().__init__(orientation=orientation, unit="mm", format="A4")
        self.note = note
        self.add_font(FONT, "", FONTS / "DejaVuSans.ttf")
        self.add_font(FONT, "B", FONTS / "DejaVuSans-Bold.ttf")
        self.set_margins(MARGIN, TOP, MARGIN)
        self.set_auto_page_break(True, margin=BOTTOM)
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
        self.set_y(-10)
        self.set_font(FONT, "", 7)
        self.set_text_color(90)
        self.cell(0, 5, f"Halaman {self.page_no()} dari {{nb}}", align=Align.R)
        self.set_text_color(0)

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
    then ended there and taken up again, with its headings, on the next page."""

    def __init__(
        self,
        pdf: Document,
        widths: Sequence[float],
        headings: Sequence[Heading] = (),
        *,
        title: str = "",
    ):
        self.pdf = pdf
        self.title = title
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
        self.items.append(Item(self._layout(columns)))

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
                        cells.append((column[0], {"rowspan": count}))
                    continue
                cells.append(_stacked(column[r], column[r + 1] if r + 1 < count else None))
            rows.append(cells)
        return [Group(total, rows)]

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


# Identity and signatures ------------------------------------------------------------------------------------


def identity(
    pdf: Document,
    people: Sequence[tuple[str, Sequence[tuple[str, object]]]],
    widths: tuple[float, float, float] = (8, 38, 92.5),
) -> None:
    """People side by side, each under a heading: numbered label/value rows (NAMA, NIP, ...).

    Each person is (heading, [(label, value)]) with the same labels; a value prints as `printable` does, a
    missing one as a dash. `widths` (relative) are those of one person's number, label and value."""
    table_headings: list[Heading] = []
    for heading, _rows in people:
        table_headings += [("NO", 1, Align.C), (heading, 2, Align.L)]
    with Table(pdf, widths * len(people), table_headings) as table:
        for n, row in enumerate(zip(*(rows for _heading, rows in people), strict=True), start=1):
            columns = []
            for label, value in row:
                columns += [[Part(str(n), align=Align.C)], [Part(label)], [Part(printable(value) or "-")]]
            table.block(columns)


@dataclass(frozen=True)
class Signatory:
    """Who signs: the role above the room to sign, the name under it (bold, underlined), then the NIP."""

    role: str
    name: str
    nip: str


def signatures(pdf: Document, signatories: Sequence[Signatory], *, place: str, date: datetime.date) -> None:
    """The signature blocks side by side, the place and date above the last one, always together on one page.

    One signatory signs on the right; with more, the first signs on the left and the last on the right."""
    # 105 mm each on a landscape page; narrower when that many do not fit side by side (a portrait page).
    width = min(105, (pdf.epw - 16) / len(signatories))
    line = 5
    room = 23  # to sign
    left_x = MARGIN + 8
    right_x = pdf.w - MARGIN - 8 - width
    last = len(signatories) - 1
    blocks = []
    for k, signatory in enumerate(signatories):
        x = right_x if k == last else left_x + k * (right_x - left_x) / last
        nip = f"NIP. {nip_text(signatory.nip) or '-'}"
        blocks.append((x, signatory.role, clean(signatory.name), nip))
    # The names and NIP may wrap: measure them, so the whole block moves to a new page when it does not fit.
    lines = 0
    for _x, _role, name, nip in blocks:
        pdf.set_font(FONT, "B", 9)
        count = pdf.line_count(width, line, name or "-")
        pdf.set_font(FONT, "", 9)
        lines = max(lines, count + pdf.line_count(width, line, nip))
    needed = 2 * line + room + lines * line
    if pdf.will_page_break(needed + 6):
        pdf.add_page()
    else:
        pdf.ln(6)
    top = pdf.get_y()
    place = clean(place)
    date_line = f"{place}, {tanggal(date, 'id')}" if place else tanggal(date, "id")
    pdf.set_font(FONT, "", 9)
    pdf.set_xy(right_x, top)
    pdf.cell(width, line, date_line, align=Align.C)
    roles_y = top + line
    bottom = roles_y
    for x, role, name, nip in blocks:
        pdf.set_xy(x, roles_y)
        pdf.set_font(FONT, "", 9)
        pdf.cell(width, line, role, align=Align.C)
        pdf.set_xy(x, roles_y + line + room)
        pdf.set_font(FONT, "BU" if name else "", 9)
        pdf.multi_cell(width, line, name or "(.......................................)", align=Align.C)
        pdf.set_x(x)
        pdf.set_font(FONT, "", 9)
        pdf.multi_cell(width, line, nip, align=Align.C)
        bottom = max(bottom, pdf.get_y())
    pdf.set_xy(MARGIN, bottom)


# Text -------------------------------------------------------------------------------------------------------


def printable(value) -> str:
    """A value as a document prints it: a date in Indonesian ("2 Januari 2026"), anything else cleaned."""
    if isinstance(value, datetime.date):
        return tanggal(value, "id")
    return clean(value)


def nip_text(value) -> str:
    """A NIP as a document prints it: grouped 8-6-1-3 when it is one, else the text as given."""
    return nip_or_text(clean(value))


def clean(value) -> str:
    """Text as the PDF can print it: line breaks normalised, tabs as spaces, other control characters gone."""
    if value is None:
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    text = "".join(ch for ch in text if ch == "\n" or unicodedata.category(ch) not in ("Cc", "Cs"))
    return text.strip()
