"""Verifiable official documents: the number, the content hash and the QR code that a printed page carries, and
the check the public verification page makes (docs/decisions/0015).

An app issues a document when it prints an approved version (`issue`): the kernel keeps what was signed (owner,
penilai, version, date, the SHA-256 of the approved content) under a random number. The page prints the number,
the first characters of the hash (the verification code) and a QR code of the verification address; anyone
holding the paper opens it and sees whether the number and code match, and whether that version is still the one
in force. Without both a known number and its code the page says only "tidak cocok": it is no oracle for names.
"""

import datetime
import hashlib
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.urls import reverse

from kinerja.core import audit
from kinerja.core.documents import Stamp
from kinerja.core.models import DokumenResmi

# Crockford's base32: no I, L, O, U, so a number read aloud or typed from paper is not misread.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RANDOM_CHARS = 12  # 60 bits: unguessable, and still short enough to type
CODE_CHARS = 20  # of the hash, in the QR address and on paper: 80 bits
MIN_CODE_CHARS = 16  # a code typed from paper may stop here


class ContentChanged(Exception):
    """A version already issued was issued again with other content: an approved version must never change."""


@dataclass(frozen=True)
class Signed:
    """What an app says it signed: the subject and version, who, when, and the approved content."""

    jenis: str  # e.g. "planning.skp"
    prefix: str  # printed at the start of the number, e.g. "SKP"
    subjek: str  # the id of what the versions are of
    versi: int
    judul: str  # e.g. "Sasaran Kinerja Pegawai 1 Januari 2026 s.d. 31 Desember 2026"
    pemilik: str
    penilai: str
    disetujui_pada: datetime.date
    content: object  # plain data (JSON types, dates); hashed canonically
    instansi: object | None = None


def content_hash(content: object) -> str:
    """The SHA-256 (hex) of content as canonical JSON: sorted keys, no spaces, UTF-8, dates as ISO text."""
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def code_of(document: DokumenResmi) -> str:
    """The verification code: the first characters of the content hash, upper case."""
    return document.hash[:CODE_CHARS].upper()


def new_number(prefix: str, year: int) -> str:
    random = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_CHARS))
    groups = "-".join(random[i : i + 4] for i in range(0, RANDOM_CHARS, 4))
    return f"{prefix}-{year}-{groups}"


def issue(actor, signed: Signed) -> DokumenResmi:
    """The document record of that version, written (and audited) the first time it is printed.

    The caller has checked that the actor may see the document. Issuing again gives the same record; issuing
    a version again with other content raises ContentChanged (its number would vouch for the wrong text)."""
    digest = content_hash(signed.content)
    existing = DokumenResmi.objects.filter(
        jenis=signed.jenis, subjek=signed.subjek, versi=signed.versi
    ).first()
    if existing is not None:
        if existing.hash != digest:
            raise ContentChanged(f"{existing.nomor}: the content of an issued version changed")
        return existing
    for _attempt in range(5):
        document = DokumenResmi(
            nomor=new_number(signed.prefix, signed.disetujui_pada.year),
            instansi=signed.instansi,
            jenis=signed.jenis,
            subjek=signed.subjek,
            versi=signed.versi,
            judul=signed.judul[:300],
            pemilik=signed.pemilik[:200],
            penilai=signed.penilai[:200],
            disetujui_pada=signed.disetujui_pada,
            hash=digest,
        )
        try:
            with transaction.atomic():
                document.save()
                audit.record(
                    actor=actor,
                    action="core.dokumen.issue",
                    obj=document,
                    object_repr=f"{document.nomor} · {document.judul}"[:300],
                    changes={"jenis": [None, signed.jenis], "subjek": [None, signed.subjek]},
                    instansi=signed.instansi,
                )
            return document
        except IntegrityError:
            # Another request issued this version at the same moment (or, once in 2^60, the number was taken).
            existing = DokumenResmi.objects.filter(
                jenis=signed.jenis, subjek=signed.subjek, versi=signed.versi
            ).first()
            if existing is not None:
                return issue(actor, signed)
    raise RuntimeError("could not draw an unused document number")


# Checking ---------------------------------------------------------------------------------------------------


def normalize_number(value: str) -> str:
    """A number as typed from paper: upper case, spaces gone, O read as 0 and I or L as 1 (Crockford)."""
    text = "".join((value or "").split()).upper()
    parts = text.split("-")
    if len(parts) < 3:
        return text
    # Only the random groups are read leniently; the prefix and year are as printed.
    fixed = parts[:2] + [p.replace("O", "0").replace("I", "1").replace("L", "1") for p in parts[2:]]
    return "-".join(fixed)


def normalize_code(value: str) -> str:
    return "".join(ch for ch in (value or "") if ch.isalnum()).lower()


@dataclass(frozen=True)
class Verdict:
    """What the verification page says. `document` is set only when the number and the code both match.

    `versi_berlaku` is the version in force when it is another one (`latest`: its issued document, if it has
    been printed); `berakhir`: the subject has ended (an SKP ended by a transfer), so no version is in force."""

    cocok: bool
    document: DokumenResmi | None = None
    latest: DokumenResmi | None = None
    versi_berlaku: int | None = None
    berakhir: bool = False

    @property
    def berlaku(self) -> bool:
        return self.cocok and not self.berakhir and self.versi_berlaku is None


NO_MATCH = Verdict(cocok=False)

# Which version of a subject is in force, by kind of document: the issuing app knows (a revision approved and
# never printed is in force all the same); None when the subject has ended. Filled by the apps' AppConfig
# (`documents_in_force`).
_IN_FORCE: dict[str, Callable[[str], int | None]] = {}


def register_in_force(jenis: str, version_in_force: Callable[[str], int | None]) -> None:
    _IN_FORCE[jenis] = version_in_force


def verify(nomor: str, kode: str) -> Verdict:
    """Whether a printed number and verification code belong to an issued document, and whether it is in force.

    An unknown number, a code too short or one that differs all give the same answer, so the page tells a
    stranger nothing about whom a number belongs to."""
    code = normalize_code(kode)
    number = normalize_number(nomor)
    if len(code) < MIN_CODE_CHARS or not number:
        return NO_MATCH
    document = DokumenResmi.objects.filter(nomor=number).first()
    if document is None or not secrets.compare_digest(document.hash[: len(code)], code):
        return NO_MATCH
    issued = DokumenResmi.objects.filter(jenis=document.jenis, subjek=document.subjek)
    in_force = _IN_FORCE.get(document.jenis)
    if in_force is None:  # a kind nobody vouches for: the latest version issued is the one in force
        latest = issued.order_by("-versi").first()
        current = latest.versi if latest else document.versi
    else:
        current = in_force(document.subjek)
        if current is None:
            return Verdict(cocok=True, document=document, berakhir=True)
        latest = issued.filter(versi=current).first()
    if current == document.versi:
        return Verdict(cocok=True, document=document)
    return Verdict(cocok=True, document=document, latest=latest, versi_berlaku=current)


def address(document: DokumenResmi, base: str = "") -> str:
    """The verification page of the document, with its code: what the QR code holds.

    `base` is the site's address (SITE_URL, else the request's); without either the path alone."""
    path = reverse("core:verify_document", args=[document.nomor])
    root = (settings.SITE_URL or base).rstrip("/")
    return f"{root}{path}?{urlencode({'kode': code_of(document)})}"


def stamp_of(document: DokumenResmi, base: str = "") -> Stamp:
    """What the document prints on every page (kinerja.core.documents.Document's `stamp`)."""
    return Stamp(
        nomor=document.nomor,
        versi=document.versi,
        tanggal=document.disetujui_pada,
        kode=code_of(document),
        url=address(document, base),
    )


# Throttling -------------------------------------------------------------------------------------------------

FAILURES_ALLOWED = 20  # per client address per window: a person mistyping a code stays far below
LOOKUPS_ALLOWED = 120
WINDOW_SECONDS = 15 * 60


def _bump(key: str) -> int:
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        return 1


def throttled(ip: str | None) -> bool:
    """Whether the address has looked up too much lately (counts this lookup). Failures count on their own,
    in `failed`, so guessing numbers stops long before reading one's own documents does."""
    if not ip:
        return False
    if (cache.get(f"verify:fail:{ip}") or 0) >= FAILURES_ALLOWED:
        return True
    return _bump(f"verify:all:{ip}") > LOOKUPS_ALLOWED


def failed(ip: str | None) -> None:
    if ip:
        _bump(f"verify:fail:{ip}")
