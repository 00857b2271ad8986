"""The blocks of official PDFs around their tables: the identity of the people concerned and the signatures.

Split from `documents` (the page and its tables) to keep each module readable; both print in Indonesian.
"""

import datetime
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from fpdf.enums import Align

from kinerja.core.documents import BODY, FONT, MARGIN, Document, Heading, Part, Table
from kinerja.core.formats import nip_or_text, tanggal


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


SIGN_LINE = 5
SIGN_ROOM = 23  # to sign
SIGN_SPACE = 6  # above the block


def _signature_layout(pdf: Document, signatories: Sequence[Signatory]) -> tuple[float, list, float]:
    """The width of each block, the blocks (x, role, name, NIP) and the height they need, space above included."""
    # 105 mm each on a landscape page; narrower when that many do not fit side by side (a portrait page).
    width = min(105, (pdf.epw - 16) / len(signatories))
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
        count = pdf.line_count(width, SIGN_LINE, name or "-")
        pdf.set_font(FONT, "", 9)
        lines = max(lines, count + pdf.line_count(width, SIGN_LINE, nip))
    pdf.set_font(FONT, "", BODY)
    return width, blocks, SIGN_SPACE + 2 * SIGN_LINE + SIGN_ROOM + lines * SIGN_LINE


def signatures_height(pdf: Document, signatories: Sequence[Signatory]) -> float:
    """The height `signatures` needs: what the table before it keeps with its last rows (`keep_with_next`)."""
    return _signature_layout(pdf, signatories)[2]


def signatures(pdf: Document, signatories: Sequence[Signatory], *, place: str, date: datetime.date) -> None:
    """The signature blocks side by side, the place and date above the last one, always together on one page.

    One signatory signs on the right; with more, the first signs on the left and the last on the right."""
    width, blocks, needed = _signature_layout(pdf, signatories)
    line, room = SIGN_LINE, SIGN_ROOM
    right_x = blocks[-1][0]
    if pdf.will_page_break(needed):
        pdf.add_page()
    else:
        pdf.ln(SIGN_SPACE)
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
