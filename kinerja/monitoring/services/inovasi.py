"""The innovation log: a pegawai writes an innovation (the problem, what changed, the measured effect, the
evidence) and submits it to their pejabat penilai, who verifies it or returns it with a reason
(monitoring.innovation's table says who moves it where). Every write is audited; the other party is told."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.accounts.permissions import access_of
from kinerja.core import audit, clock
from kinerja.core.errors import ApplicationError, ConflictError
from kinerja.core.notifications import notify
from kinerja.monitoring import innovation, permissions, rules
from kinerja.monitoring.models import Inovasi
from kinerja.monitoring.services import common
from kinerja.monitoring.services.bukti import check_file_among, file_facts, save_with_file
from kinerja.org import selectors as org_selectors
from kinerja.org.models import Pegawai

FIELDS = ["tahun", "judul", "masalah", "perubahan", "dampak", "tautan", "nama_asli"]
LIMITS = {"judul": 200, "masalah": 4000, "perubahan": 4000, "dampak": 4000}


def _record(actor, inovasi: Inovasi, action: str, changes: dict, reason: str = "") -> None:
    common.record_about(actor, inovasi, f"inovasi.{action}", changes, reason, label=inovasi.judul)


def _url(inovasi: Inovasi) -> str:
    return reverse("monitoring:inovasi_detail", args=[inovasi.pk])


def _values(pegawai: Pegawai, tahun, texts: dict, tautan: str, berkas) -> tuple[dict, str | None]:
    """The cleaned fields and the file's kind, or every problem at once on its field. A draft needs only its
    name; what a submission needs more is innovation.missing's."""
    errors: dict[str, str] = {}
    values = {name: (texts.get(name) or "").replace("\x00", "").strip() for name in LIMITS}
    for name, limit in LIMITS.items():
        if len(values[name]) > limit:
            errors[name] = _("At most %(n)s characters.") % {"n": limit}
    if not values["judul"]:
        errors["judul"] = _("Give the innovation a short name.")
    this_year = clock.today(pegawai.instansi).year
    if tahun not in (this_year, this_year - 1):
        errors["tahun"] = _("An innovation is recorded for this year or the year before.")
    tautan = (tautan or "").strip()
    if tautan and not rules.is_web_link(tautan):
        errors["tautan"] = _(
            "Give a web address that starts with http:// or https://, e.g. https://drive.example.id/..."
        )
    elif len(tautan) > 500:
        errors["tautan"] = _("The link is too long (at most 500 characters).")
    kind = None
    if berkas is not None:
        kind = check_file_among(berkas, errors)
    if errors:
        raise ApplicationError(errors)
    return {**values, "tahun": tahun, "tautan": tautan}, kind


def _save(inovasi: Inovasi, berkas, kind: str | None, write) -> None:
    if berkas is None:
        write()
        return
    for name, value in file_facts(berkas, kind or "").items():
        setattr(inovasi, name, value)
    save_with_file(inovasi, berkas, f"inovasi/{inovasi.tahun}", write)


@transaction.atomic
def inovasi_create(
    *, actor, tahun: int, judul: str, masalah="", perubahan="", dampak="", tautan="", berkas=None
):
    """A new innovation of the signed-in pegawai, as a draft."""
    pegawai_id = access_of(actor).pegawai_id
    if pegawai_id is None:
        raise PermissionDenied(_("Only an employee records an innovation of their own."))
    pegawai = Pegawai.objects.select_related("instansi").get(pk=pegawai_id)
    texts = {"judul": judul, "masalah": masalah, "perubahan": perubahan, "dampak": dampak}
    values, kind = _values(pegawai, tahun, texts, tautan, berkas)
    inovasi = Inovasi(instansi=pegawai.instansi, pegawai=pegawai, **values)

    def write():
        inovasi.save()
        _record(actor, inovasi, "create", audit.created(inovasi, FIELDS))

    _save(inovasi, berkas, kind, write)
    return inovasi


def _locked(inovasi: Inovasi) -> Inovasi:
    return (
        Inovasi.objects.select_for_update(of=("self",))
        .select_related("pegawai", "pegawai__instansi", "instansi")
        .get(pk=inovasi.pk)
    )


@transaction.atomic
def inovasi_update(
    *,
    actor,
    inovasi: Inovasi,
    kunci: int | None,
    tahun: int,
    judul: str,
    masalah="",
    perubahan="",
    dampak="",
    tautan="",
    berkas=None,
    hapus_berkas: bool = False,
) -> Inovasi:
    """Change a draft or a returned innovation (its pegawai only). A new file replaces the old one; the old one
    is removed from storage once the change is committed."""
    inovasi = _locked(inovasi)
    permissions.INOVASI_WORKFLOW.check(actor=actor, obj=inovasi, action=innovation.AJUKAN)
    if kunci is not None and kunci != inovasi.kunci:
        raise ConflictError(
            _("This innovation was changed meanwhile; open it again to see the latest version.")
        )
    texts = {"judul": judul, "masalah": masalah, "perubahan": perubahan, "dampak": dampak}
    values, kind = _values(inovasi.pegawai, tahun, texts, tautan, berkas)
    before = audit.snapshot(inovasi, FIELDS)
    old_file = inovasi.berkas.name if inovasi.berkas and (berkas is not None or hapus_berkas) else ""
    for name, value in values.items():
        setattr(inovasi, name, value)
    if hapus_berkas and berkas is None:
        inovasi.berkas.name = ""
        for name, empty in (("nama_asli", ""), ("tipe", ""), ("ukuran", 0), ("sha256", "")):
            setattr(inovasi, name, empty)
    inovasi.kunci += 1

    def write():
        inovasi.save()
        changes = audit.diff(before, audit.snapshot(inovasi, FIELDS))
        _record(actor, inovasi, "update", changes)

    _save(inovasi, berkas, kind, write)
    if old_file:
        transaction.on_commit(lambda: inovasi.berkas.storage.delete(old_file))
    return inovasi


def _move(actor, inovasi: Inovasi, action: str, reason: str = "", fields=(), changes=None) -> Inovasi:
    permissions.INOVASI_WORKFLOW.transition(
        actor=actor,
        obj=inovasi,
        action=action,
        reason=reason,
        changes=changes,
        save=lambda o: o.save(update_fields=["status", "updated_at", *fields]),
        **common.about(inovasi, inovasi.judul),
    )
    return inovasi


@transaction.atomic
def inovasi_ajukan(*, actor, inovasi: Inovasi) -> Inovasi:
    """Submit to the pejabat penilai of today's organisation chart, once nothing a submission needs is missing."""
    inovasi = _locked(inovasi)
    permissions.INOVASI_WORKFLOW.check(actor=actor, obj=inovasi, action=innovation.AJUKAN)
    lacking = innovation.missing(inovasi)
    if lacking:
        labels = {
            "judul": _("name"),
            "masalah": _("the problem"),
            "perubahan": _("what changed"),
            "dampak": _("the measured effect"),
            "bukti": _("evidence (a file or a link)"),
        }
        raise ApplicationError(
            _("Complete the innovation before submitting it; still missing: %(fields)s.")
            % {"fields": ", ".join(str(labels[name]) for name in lacking)}
        )
    chain = org_selectors.penilai_chain(inovasi.pegawai, clock.today(inovasi.instansi))
    if chain.penilai is None:
        raise ApplicationError(
            _("The organisation chart gives you no assessing official today; ask the BKPSDM to correct it.")
        )
    penilai = chain.penilai.pegawai
    inovasi.penilai = penilai
    inovasi.diajukan_at = timezone.now()
    inovasi.alasan_kembali = ""
    _move(
        actor,
        inovasi,
        innovation.AJUKAN,
        fields=("penilai", "diajukan_at", "alasan_kembali"),
        changes={"penilai": [None, penilai.pk]},
    )
    notify(
        [common.user_of(penilai.pk)],
        judul=_("%(name)s submitted an innovation for your verification")
        % {"name": inovasi.pegawai.nama_lengkap},
        isi=inovasi.judul,
        url=_url(inovasi),
    )
    return inovasi


@transaction.atomic
def inovasi_tarik(*, actor, inovasi: Inovasi) -> Inovasi:
    """Withdraw a submission that waits, back to the draft."""
    return _move(actor, _locked(inovasi), innovation.TARIK)


@transaction.atomic
def inovasi_verifikasi(*, actor, inovasi: Inovasi) -> Inovasi:
    """The pejabat penilai of today confirms the innovation: it counts on the pegawai's record of its year."""
    inovasi = _locked(inovasi)
    permissions.INOVASI_WORKFLOW.check(actor=actor, obj=inovasi, action=innovation.VERIFIKASI)
    inovasi.diverifikasi_oleh_id = access_of(actor).pegawai_id
    inovasi.diverifikasi_at = timezone.now()
    _move(actor, inovasi, innovation.VERIFIKASI, fields=("diverifikasi_oleh", "diverifikasi_at"))
    notify(
        [common.user_of(inovasi.pegawai_id)],
        judul=_("Your innovation was verified"),
        isi=inovasi.judul,
        url=_url(inovasi),
    )
    return inovasi


@transaction.atomic
def inovasi_kembalikan(*, actor, inovasi: Inovasi, reason: str) -> Inovasi:
    """The pejabat penilai sends it back with a reason; the pegawai corrects it and submits it again."""
    inovasi = _locked(inovasi)
    inovasi.alasan_kembali = (reason or "").strip()
    _move(
        actor,
        inovasi,
        innovation.KEMBALIKAN,
        reason=reason,
        fields=("alasan_kembali",),
    )
    notify(
        [common.user_of(inovasi.pegawai_id)],
        judul=_("Your innovation was returned for correction"),
        isi=f"{inovasi.judul}: {inovasi.alasan_kembali}",
        url=_url(inovasi),
    )
    return inovasi
