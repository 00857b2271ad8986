"""What the realisasi tests share: the atasan's approved SKP, a day when its last period is open and the one
before it closed, small genuine files of each kind, and the storage listing a refusal must leave unchanged."""

import datetime
import io
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.core.testing.helpers import db_state
from kinerja.monitoring import selectors
from kinerja.monitoring.models import BuktiDukung, Realisasi, RiwayatRealisasi
from kinerja.testkit import cast as named

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + b"\x00" * 500
PDF = b"%PDF-1.7\n" + b"1 0 obj\n<<>>\nendobj\n" * 20 + b"%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100
EXE = b"MZ\x90\x00" + b"\x00" * 200
HTML = b"<!doctype html><script>alert(1)</script>"


def zipped(members: dict[str, bytes]) -> bytes:
    """A zip of the members with a fixed timestamp: the same bytes in every process (pytest-xdist's workers
    collect parameters built from it and must agree)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), data)
    return buffer.getvalue()


DOCX = zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
ODT = zipped({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office/>"})
ZIP = zipped({"notes.txt": b"hello"})


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def stored_files(top: str = "bukti") -> list[str]:
    """Every file under a folder of the storage (the evidence's by default)."""
    found = []

    def walk(folder: str) -> None:
        if not default_storage.exists(folder):
            return
        dirs, files = default_storage.listdir(folder)
        found.extend(f"{folder}/{f}" for f in files)
        for d in dirs:
            walk(f"{folder}/{d}")

    walk(top)
    return sorted(found)


def state():
    """The monitoring rows of realisasi, the audit trail, and the storage: what a refusal leaves as it was."""
    return db_state([Realisasi, RiwayatRealisasi, BuktiDukung]), stored_files()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


class World:
    """The atasan's approved SKP, its last period (open on `day`) and the one before it (closed on `day`)."""

    def __init__(self, cast):
        self.user = cast.atasan
        self.skp = named.current_skp(cast.atasan)
        plans = selectors.plans(self.skp)
        self.open_plan, self.closed_plan = plans[-1], plans[-2]
        self.day = max(
            self.open_plan.periode.mulai, self.closed_plan.periode.tenggat_input
        ) + datetime.timedelta(days=1)

    def numeric(self, plan=None, n: int = 0) -> dict:
        rows = [
            i for r in (plan or self.open_plan).rhk() for i in r["indikator"] if i["jenis_target"] == "angka"
        ]
        return rows[n]

    def qualitative(self, plan=None) -> dict | None:
        rows = [
            i for r in (plan or self.open_plan).rhk() for i in r["indikator"] if i["jenis_target"] != "angka"
        ]
        return rows[0] if rows else None
