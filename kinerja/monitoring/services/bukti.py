"""Bukti dukung: a file checked by its content (not its name) and stored under a name that reveals nothing, or
an http(s) link; withdrawn only while the period is open, and then kept, marked withdrawn (never deleted).

A file is written to storage only after every check passed, and removed again when the database write that
follows fails or is rolled back: a refused upload leaves nothing in storage."""

import hashlib
import uuid
import zipfile
from collections.abc import Callable

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.core import audit, clock
from kinerja.core.errors import ApplicationError
from kinerja.core.formats import angka
from kinerja.core.services import require_reason
from kinerja.monitoring import rules
from kinerja.monitoring.models import BuktiDukung, JenisBukti, Realisasi
from kinerja.monitoring.services import common

# What the audit event of a new evidence records (the SHA-256 stays in the row: 64 characters that do not wrap
# would widen the audit trail's page on a phone).
FIELDS = ["jenis", "judul", "nama_asli", "tipe", "ukuran", "tautan"]
HEAD = 64
ZIP_MAX_MEMBERS = 5000


def _zip_facts(berkas) -> tuple[list[str], str]:
    """The member names of a zip and its `mimetype` member (OpenDocument), read without unpacking anything
    else; ([], "") for a damaged zip."""
    berkas.seek(0)
    try:
        with zipfile.ZipFile(berkas) as archive:
            infos = archive.infolist()
            if len(infos) > ZIP_MAX_MEMBERS:
                return [], ""
            names = [info.filename for info in infos]
            mimetype = ""
            info = next((i for i in infos if i.filename == "mimetype"), None)
            if info is not None and info.file_size <= 200:
                mimetype = archive.read(info).decode("ascii", "replace").strip()
            return names, mimetype
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
        # NotImplementedError: an unsupported compression method; RuntimeError: an encrypted member.
        return [], ""
    finally:
        berkas.seek(0)


def file_kind(berkas) -> str | None:
    """What the uploaded file is by its bytes (rules.sniff), or None."""
    berkas.seek(0)
    head = berkas.read(HEAD)
    berkas.seek(0)
    if head.startswith(b"PK\x03\x04"):
        names, mimetype = _zip_facts(berkas)
        return rules.sniff(head, names, mimetype)
    return rules.sniff(head)


def max_bytes() -> int:
    return int(getattr(settings, "BUKTI_MAX_BYTES", 10 * 1024 * 1024))


def check_file(berkas) -> str:
    """The kind of an acceptable evidence file, or ApplicationError({"berkas": ...})."""
    name = getattr(berkas, "name", "") or ""
    size = getattr(berkas, "size", None) or 0
    if size <= 0:
        raise ApplicationError({"berkas": _("The file is empty.")})
    if size > max_bytes():
        raise ApplicationError(
            {
                "berkas": _("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
                % {"size": angka(round(size / 1048576, 1)), "limit": angka(round(max_bytes() / 1048576, 1))}
            }
        )
    kind = file_kind(berkas)
    if kind is None:
        raise ApplicationError(
            {
                "berkas": _(
                    "This kind of file is not accepted as evidence. Upload a PDF, a photo (JPEG, PNG, WebP, "
                    "HEIC) or an office document (Word, Excel, PowerPoint, OpenDocument)."
                )
            }
        )
    if not rules.extension_matches(kind, name):
        raise ApplicationError(
            {
                "berkas": _(
                    'The file "%(name)s" is named as one kind of file but its content is another (%(kind)s). '
                    "Rename it or upload the right file."
                )
                % {"name": name[-100:], "kind": kind.upper()}
            }
        )
    return kind


def check_file_among(berkas, errors: dict[str, str]) -> str | None:
    """The kind of an acceptable file, or None with its problem added to `errors` (a form naming every problem
    at once)."""
    try:
        return check_file(berkas)
    except ApplicationError as exc:
        errors.update({field: " ".join(messages) for field, messages in exc.message_dict.items()})
        return None


def _sha256(berkas) -> str:
    digest = hashlib.sha256()
    berkas.seek(0)
    for chunk in iter(lambda: berkas.read(1024 * 1024), b""):
        digest.update(chunk)
    berkas.seek(0)
    return digest.hexdigest()


def _clean(text: str, limit: int) -> str:
    """A short text as stored: no NUL (PostgreSQL refuses it), no surrounding spaces, at most `limit` long."""
    return (text or "").replace("\x00", "").strip()[:limit]


def _original_name(name: str) -> str:
    return _clean((name or "").replace("\\", "/").rsplit("/", 1)[-1], 255) or "berkas"


def _writable(actor, realisasi: Realisasi) -> Realisasi:
    """The realisasi, fresh, once its SKP is locked and its period takes input from this actor."""
    skp, _plan = common.recordable(actor, realisasi.skp, realisasi.periode)
    return Realisasi.objects.select_related("skp", "periode").get(pk=realisasi.pk, skp=skp)


@transaction.atomic
def bukti_upload(*, actor, realisasi: Realisasi, berkas, judul: str = "") -> BuktiDukung:
    """Attach a file to a realisasi (refused unless its content is an accepted kind that agrees with its
    name, and within the size limit)."""
    realisasi = _writable(actor, realisasi)
    kind = check_file(berkas)
    bukti = BuktiDukung(
        realisasi=realisasi,
        jenis=JenisBukti.BERKAS,
        judul=_clean(judul, 200),
        diunggah_oleh=actor,
        **file_facts(berkas, kind),
    )

    def write():
        bukti.save()
        common.record(actor, realisasi.skp, "bukti.upload", audit.created(bukti, FIELDS), obj=bukti)

    year = clock.today(realisasi.skp.instansi).year
    save_with_file(bukti, berkas, f"bukti/{year}", write)
    return bukti


def file_facts(berkas, kind: str) -> dict:
    """What a row keeps of a checked file besides the file: its original name, type, size and SHA-256."""
    return {
        "nama_asli": _original_name(berkas.name),
        "tipe": rules.CONTENT_TYPES[kind],
        "ukuran": berkas.size,
        "sha256": _sha256(berkas),
    }


def save_with_file(obj, berkas, folder: str, write: Callable[[], None]) -> None:
    """Store the file as `obj.berkas` under a name that reveals nothing, then run the database writes; when they
    fail (or the transaction they run in is rolled back by an exception) the stored file is removed again."""
    stored = default_storage.save(f"{folder}/{uuid.uuid4().hex}", berkas)
    try:
        obj.berkas.name = stored
        with transaction.atomic():
            write()
    except BaseException:
        default_storage.delete(stored)
        raise


@transaction.atomic
def bukti_link(*, actor, realisasi: Realisasi, tautan: str, judul: str = "") -> BuktiDukung:
    """Attach an http(s) link (a shared folder, a published report) to a realisasi."""
    realisasi = _writable(actor, realisasi)
    tautan = (tautan or "").strip()
    if not rules.is_web_link(tautan):
        raise ApplicationError(
            {
                "tautan": _(
                    "Give a web address that starts with http:// or https://, e.g. https://drive.example.id/..."
                )
            }
        )
    if len(tautan) > 500:
        raise ApplicationError({"tautan": _("The link is too long (at most 500 characters).")})
    bukti = BuktiDukung(
        realisasi=realisasi,
        jenis=JenisBukti.TAUTAN,
        judul=_clean(judul, 200),
        tautan=tautan,
        diunggah_oleh=actor,
    )
    bukti.save()
    common.record(actor, realisasi.skp, "bukti.link", audit.created(bukti, FIELDS), obj=bukti)
    return bukti


@transaction.atomic
def bukti_withdraw(*, actor, bukti: BuktiDukung, alasan: str) -> BuktiDukung:
    """Withdraw evidence while its period is open: it stays (history), marked withdrawn with the reason."""
    realisasi = _writable(actor, bukti.realisasi)
    bukti = BuktiDukung.objects.select_for_update().get(pk=bukti.pk, realisasi=realisasi)
    alasan = require_reason(alasan, _("Say why the evidence is withdrawn."))
    if bukti.ditarik_at is not None:
        raise ApplicationError(_("This evidence was already withdrawn."))
    bukti.ditarik_at = timezone.now()
    bukti.ditarik_oleh = actor
    bukti.alasan_tarik = alasan
    bukti.save(update_fields=["ditarik_at", "ditarik_oleh", "alasan_tarik"])
    common.record(
        actor, realisasi.skp, "bukti.withdraw", {"alasan_tarik": [None, alasan]}, reason=alasan, obj=bukti
    )
    return bukti
