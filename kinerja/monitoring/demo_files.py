"""Small evidence files for the monitoring demo: a one-page PDF written by hand (no layout engine: thousands are
made in a demo load) and a little PNG chart or JPEG "photo" drawn with Pillow. Each file carries its own text or
pixels, so no two share a SHA-256, and each is stored under a name that reveals nothing, as the upload service
stores a real one."""

import hashlib
import io
import random
import uuid
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw


@dataclass(frozen=True)
class StoredFile:
    name: str  # the storage name, e.g. bukti/2026/3f2a...
    tipe: str
    ukuran: int
    sha256: str


def _pdf_text(text: str) -> str:
    """A line for a PDF string: Latin-1 only, with the delimiters escaped."""
    safe = text.encode("latin-1", "replace").decode("latin-1")
    return safe.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def tiny_pdf(lines: list[str]) -> bytes:
    """A valid one-page A4 PDF showing the lines in Helvetica (objects, xref table and trailer)."""
    ops = ["BT", "/F1 13 Tf", "56 780 Td", "16 TL"]
    for line in lines:
        ops.append(f"({_pdf_text(line)}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def tiny_chart_png(rng: random.Random) -> bytes:
    """A small bar chart (a screenshot of a monthly recap, say) as PNG."""
    image = Image.new("RGB", (96, 64), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    for n in range(6):
        height = rng.randint(8, 56)
        draw.rectangle((6 + n * 15, 62 - height, 16 + n * 15, 62), fill=(13, 110, 253 - rng.randint(0, 90)))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def tiny_photo_jpeg(rng: random.Random) -> bytes:
    """A small "photo" of an activity (sky, a floor, a few people-coloured blobs) as JPEG."""
    image = Image.new("RGB", (120, 90), (150 + rng.randint(0, 60), 190, 230))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 55, 120, 90), fill=(110 + rng.randint(0, 40), 90, 70))
    for _ in range(rng.randint(2, 5)):
        x, y = rng.randint(5, 105), rng.randint(30, 60)
        draw.ellipse((x, y, x + 12, y + 24), fill=(rng.randint(60, 220), rng.randint(60, 200), 90))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=70)
    return buffer.getvalue()


def store(data: bytes, *, year: int, rng: random.Random, tipe: str) -> StoredFile:
    """Write the bytes to the default storage under bukti/<year>/<random hex> (no extension, no user's name)."""
    wanted = f"bukti/{year}/{uuid.UUID(int=rng.getrandbits(128), version=4).hex}"
    name = default_storage.save(wanted, ContentFile(data))
    return StoredFile(name=name, tipe=tipe, ukuran=len(data), sha256=hashlib.sha256(data).hexdigest())
