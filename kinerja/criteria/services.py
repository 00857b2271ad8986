"""Every write to the assessment framework. Only drafts change; publishing freezes a version for good."""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.db import connection, models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.core import audit, hooks
from kinerja.core.errors import ApplicationError
from kinerja.core.formats import tanggal
from kinerja.core.services import deny_unless, full_clean
from kinerja.criteria import defaults, permissions, rules
from kinerja.criteria.models import (
    SETTING_FIELDS,
    Aturan,
    Bagian,
    JenisKompetensi,
    Kerangka,
    Kompetensi,
    KriteriaLokal,
    NilaiPerilaku,
    Pengakuan,
    StandarKompetensi,
    StatusKerangka,
)


def _editable(actor, kerangka: Kerangka) -> Kerangka:
    """Lock the version and refuse unless it is a draft the actor may edit."""
    kerangka = Kerangka.objects.select_for_update(of=("self",)).select_related("instansi").get(pk=kerangka.pk)
    deny_unless(permissions.can_manage_kerangka(actor, kerangka.instansi_id))
    if not kerangka.is_draft:
        raise ApplicationError(_("A published version cannot be changed. Start a new version instead."))
    return kerangka


def _record(actor, kerangka: Kerangka, action: str, changes: dict, reason: str = "", obj=None) -> None:
    audit.record(
        actor=actor,
        action=f"criteria.{action}",
        obj=obj or kerangka,
        object_repr=f"{kerangka} · {obj}" if obj is not None else "",
        instansi=kerangka.instansi,
        changes=changes,
        reason=reason,
    )


# Starting a version -----------------------------------------------------------------------------------------


def _seed(kerangka: Kerangka) -> None:
    NilaiPerilaku.objects.bulk_create(
        NilaiPerilaku(
            kerangka=kerangka, kode=kode, nama=nama, urutan=i, indikator=indikator, sumber=defaults.SE_20_2021
        )
        for i, (kode, nama, indikator) in enumerate(defaults.BERAKHLAK)
    )
    Kompetensi.objects.bulk_create(
        Kompetensi(
            kerangka=kerangka,
            kode=kode,
            nama=nama,
            jenis=jenis,
            level={str(i): text for i, text in enumerate(levels, start=1)},
            sumber=defaults.PERMEN_38_2017,
        )
        for kode, nama, jenis, levels in defaults.KOMPETENSI
    )
    KriteriaLokal.objects.bulk_create(
        KriteriaLokal(
            kerangka=kerangka,
            kode=kode,
            nama=nama,
            deskripsi=deskripsi,
            indikator=indikator,
            panduan_skor=defaults.PANDUAN_SKOR,
            urutan=i,
            sumber=defaults.KINERJA_DEFAULT,
        )
        for i, (kode, nama, deskripsi, indikator) in enumerate(defaults.KRITERIA_LOKAL)
    )
    Aturan.objects.bulk_create(
        Aturan(kerangka=kerangka, bagian=bagian, kunci=kunci, data=data, urutan=i, sumber=sumber)
        for bagian, rows in defaults.ATURAN.items()
        for i, (kunci, data, sumber) in enumerate(rows)
    )


def _copies(model: type[models.Model], rows: Iterable[models.Model], target: Kerangka) -> list:
    """Copies of a version's `rows` into `target`: every field but the key."""
    names = [f.attname for f in model._meta.concrete_fields if f.attname not in ("id", "kerangka_id")]
    return model._default_manager.bulk_create(
        model(**{n: getattr(row, n) for n in names}, kerangka=target) for row in rows
    )


def _copy_standards(source: Kerangka, target: Kerangka) -> None:
    """The required levels of every position, in one statement inside the database: a standard per position and
    competency (thousands of rows in a large agency) need not pass through Python. Each points at the target's
    competency of the same code (unique in a version)."""
    standar, kompetensi = StandarKompetensi._meta.db_table, Kompetensi._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {standar} (kerangka_id, jabatan_id, kompetensi_id, level) "  # noqa: S608 (table names)
            f"SELECT %s, s.jabatan_id, nk.id, s.level FROM {standar} s "
            f"JOIN {kompetensi} ok ON ok.id = s.kompetensi_id "
            f"JOIN {kompetensi} nk ON nk.kerangka_id = %s AND nk.kode = ok.kode "
            "WHERE s.kerangka_id = %s",
            [target.pk, target.pk, source.pk],
        )


def _copy(source: Kerangka, target: Kerangka) -> None:
    for name in SETTING_FIELDS:
        setattr(target, name, getattr(source, name))
    if target.tenggat_skp and target.tenggat_skp.year != target.tahun:  # a new year: same day, new year
        day = min(target.tenggat_skp.day, 28) if target.tenggat_skp.month == 2 else target.tenggat_skp.day
        target.tenggat_skp = target.tenggat_skp.replace(year=target.tahun, day=day)
    target.save()
    _copies(NilaiPerilaku, source.nilai_perilaku.all(), target)
    _copies(Kompetensi, source.kompetensi.all(), target)
    _copy_standards(source, target)
    _copies(KriteriaLokal, source.kriteria_lokal.all(), target)
    _copies(Aturan, source.aturan.all(), target)


@transaction.atomic
def kerangka_start(*, actor, instansi, tahun: int) -> Kerangka:
    """A new draft: a copy of this year's latest version, else of the last published year, else the defaults."""
    deny_unless(permissions.can_manage_kerangka(actor, instansi.pk))
    if not 2000 <= tahun <= 2100:
        raise ApplicationError({"tahun": _("The year must be between 2000 and 2100.")})
    existing = Kerangka.objects.select_for_update().filter(instansi=instansi)
    if existing.filter(tahun=tahun, status=StatusKerangka.DRAFT).exists():
        raise ApplicationError(
            {"tahun": _("There is already a draft for %(year)s; edit or discard it.") % {"year": tahun}}
        )
    versi = (existing.filter(tahun=tahun).aggregate(m=Max("versi"))["m"] or 0) + 1
    source = (
        existing.filter(tahun=tahun).order_by("-versi").first()
        or existing.filter(status=StatusKerangka.PUBLISHED, tahun__lt=tahun)
        .order_by("-tahun", "-versi")
        .first()
    )
    kerangka = Kerangka.objects.create(
        instansi=instansi,
        tahun=tahun,
        versi=versi,
        asal=source,
        skema_periode=instansi.skema_periode,
        tenggat_skp=datetime.date(tahun, 1, 31),
    )
    if source is None:
        _seed(kerangka)
    else:
        _copy(source, kerangka)
    _record(
        actor,
        kerangka,
        "kerangka.start",
        {"tahun": [None, tahun], "versi": [None, versi], "asal": [None, str(source) if source else "bawaan"]},
    )
    return kerangka


@transaction.atomic
def kerangka_discard(*, actor, kerangka: Kerangka) -> None:
    kerangka = _editable(actor, kerangka)
    _record(actor, kerangka, "kerangka.discard", {"status": [kerangka.status, None]})
    kerangka.delete()


# Editing a draft --------------------------------------------------------------------------------------------


@transaction.atomic
def kerangka_update_settings(*, actor, kerangka: Kerangka, **values) -> Kerangka:
    kerangka = _editable(actor, kerangka)
    before = audit.snapshot(kerangka, SETTING_FIELDS)
    for name, value in values.items():
        if name not in SETTING_FIELDS:
            raise TypeError(name)
        setattr(kerangka, name, value)
    errors = {}
    if kerangka.tenggat_skp and kerangka.tenggat_skp.year != kerangka.tahun:
        errors["tenggat_skp"] = _("The SKP deadline must fall within %(year)s.") % {"year": kerangka.tahun}
    if kerangka.jumlah_rekan_min > kerangka.jumlah_rekan_maks:
        errors["jumlah_rekan_min"] = _("The minimum number of peers cannot exceed the maximum.")
    if kerangka.ambang_anonim_360 < 2:
        errors["ambang_anonim_360"] = _("Anonymity needs at least 2 answers before feedback is shown.")
    if kerangka.disiplin_hari_berturut < 2:
        errors["disiplin_hari_berturut"] = _("The consecutive-days rule needs at least 2 days.")
    if kerangka.hari_keberatan < 1:
        errors["hari_keberatan"] = _("An employee needs at least 1 day to object to an evaluation.")
    if kerangka.promosi_predikat_minimal not in rules.PREDIKAT:
        errors["promosi_predikat_minimal"] = _("Unknown predikat.")
    if errors:
        raise ApplicationError(errors)
    full_clean(kerangka)
    kerangka.save()
    _record(
        actor, kerangka, "kerangka.settings", audit.diff(before, audit.snapshot(kerangka, SETTING_FIELDS))
    )
    return kerangka


KEYS = rules.SECTION_KEYS  # the kunci of a rule row, by section: derived where the defaults derive theirs


@transaction.atomic
def aturan_replace(
    *, actor, kerangka: Kerangka, bagian: str, rows: list[dict], reason: str = ""
) -> list[Aturan]:
    """Replace all rows of one rule section after checking them as a whole."""
    kerangka = _editable(actor, kerangka)
    if bagian not in Bagian.values:
        raise ApplicationError({"bagian": _("Unknown section.")})
    rows = [dict(r) for r in rows]
    errors = rules.SECTION_CHECKS[bagian](rows)
    keys = [KEYS[bagian](r) for r in rows]
    if len(set(keys)) != len(keys):
        errors.append(_("Two rows describe the same thing."))
    if errors:
        raise ApplicationError({"rows": errors})
    old = {a.kunci: a for a in kerangka.aturan.filter(bagian=bagian)}
    kerangka.aturan.filter(bagian=bagian).delete()
    created = Aturan.objects.bulk_create(
        Aturan(
            kerangka=kerangka,
            bagian=bagian,
            kunci=k,
            data=r,
            urutan=i,
            sumber=old[k].sumber if k in old and old[k].data == r else _("changed by the agency"),
        )
        for i, (k, r) in enumerate(zip(keys, rows, strict=True))
    )
    changes = {
        k: [old[k].data if k in old else None, r]
        for k, r in zip(keys, rows, strict=True)
        if k not in old or old[k].data != r
    }
    changes.update({k: [a.data, None] for k, a in old.items() if k not in keys})
    _record(actor, kerangka, f"aturan.{bagian}", changes, reason)
    return created


@transaction.atomic
def nilai_perilaku_set_guidance(*, actor, kerangka: Kerangka, guidance: dict[str, str]) -> Kerangka:
    """An instansi adds guidance to the national values; it cannot remove or rename them."""
    kerangka = _editable(actor, kerangka)
    changes = {}
    for nilai in kerangka.nilai_perilaku.all():
        text = guidance.get(nilai.kode, nilai.panduan).strip()
        if text != nilai.panduan:
            changes[nilai.kode] = [nilai.panduan, text]
            nilai.panduan = text
            nilai.save(update_fields=["panduan"])
    _record(actor, kerangka, "perilaku.guidance", changes)
    return kerangka


# The dictionaries of a draft (competencies, agency criteria): entries matched by code, added by the agency.


def _check_entry(kode: str, errors: dict[str, object]) -> None:
    """Refuse an entry without a code or with `errors` in its values."""
    if not kode:
        errors = {"kode": _("A code is required."), **errors}
    if errors:
        raise ApplicationError(errors)


def _entry(entries, kerangka: Kerangka, kode: str):
    """The version's entry with this code among `entries`, else a new one."""
    return entries.filter(kode=kode).first() or entries.model(
        kerangka=kerangka, kode=kode, sumber=_("added by the agency")
    )


def _save_entry(actor, kerangka: Kerangka, entry, action: str, **values):
    """Give a new or existing entry its `values`, save it and audit what changed."""
    before = audit.snapshot(entry, values) if entry.pk else {}
    for name, value in values.items():
        setattr(entry, name, value)
    full_clean(entry)
    entry.save()
    _record(actor, kerangka, action, audit.diff(before, audit.snapshot(entry, values)), obj=entry)
    return entry


def _own_entry(actor, kerangka: Kerangka, entry, elsewhere: str) -> Kerangka:
    """Lock the draft as `_editable` does, and refuse an entry of another version with `elsewhere`."""
    kerangka = _editable(actor, kerangka)
    if entry.kerangka_id != kerangka.pk:
        raise ApplicationError(elsewhere)
    return kerangka


def _delete_entry(actor, kerangka: Kerangka, entry, action: str) -> None:
    _record(actor, kerangka, action, {"kode": [entry.kode, None]}, obj=entry)
    entry.delete()


@transaction.atomic
def kompetensi_save(
    *, actor, kerangka: Kerangka, kode: str, nama: str, jenis: str, level: dict, deskripsi: str = ""
) -> Kompetensi:
    """Create or update a competency of the dictionary (matched by code)."""
    kerangka = _editable(actor, kerangka)
    kode = kode.strip().lower()
    level = {str(k): str(v).strip() for k, v in level.items()}
    level_errors = rules.check_levels(level)
    _check_entry(kode, {"level": level_errors} if level_errors else {})
    kompetensi = _entry(kerangka.kompetensi, kerangka, kode)
    if kompetensi.pk and kompetensi.jenis != JenisKompetensi.TEKNIS and jenis != kompetensi.jenis:
        raise ApplicationError({"jenis": _("The type of a national competency cannot change.")})
    return _save_entry(
        actor,
        kerangka,
        kompetensi,
        "kompetensi.save",
        nama=nama.strip(),
        jenis=jenis,
        deskripsi=deskripsi,
        level=level,
    )


@transaction.atomic
def kompetensi_delete(*, actor, kerangka: Kerangka, kompetensi: Kompetensi) -> None:
    kerangka = _own_entry(actor, kerangka, kompetensi, _("This competency belongs to another version."))
    if kompetensi.jenis != JenisKompetensi.TEKNIS:
        raise ApplicationError(
            _("Managerial and socio-cultural competencies are national and cannot be removed.")
        )
    _delete_entry(actor, kerangka, kompetensi, "kompetensi.delete")


@transaction.atomic
def standar_set(*, actor, kerangka: Kerangka, items: Iterable[tuple], reason: str = "") -> int:
    """Set required levels: items of (jabatan, kompetensi, level); level None removes the requirement."""
    kerangka = _editable(actor, kerangka)
    items = list(items)
    errors = []
    for jabatan, kompetensi, level in items:
        if jabatan.instansi_id != kerangka.instansi_id:
            errors.append(_("The position %(name)s belongs to another agency.") % {"name": jabatan})
        if kompetensi.kerangka_id != kerangka.pk:
            errors.append(_("The competency %(name)s belongs to another version.") % {"name": kompetensi})
        if level is not None:
            errors.extend(rules.check_required_level(level))
    if errors:
        raise ApplicationError({"level": errors})
    # Checked above: a whole number from 1 to 5, perhaps written "3.0" (spreadsheets).
    items = [(j, k, None if lv is None else int(Decimal(str(lv)))) for j, k, lv in items]
    existing = {(s.jabatan_id, s.kompetensi_id): s for s in kerangka.standar_kompetensi.all()}
    changes = {}
    for jabatan, kompetensi, level in items:
        key = (jabatan.pk, kompetensi.pk)
        current = existing.get(key)
        label = f"{jabatan.pk}:{kompetensi.kode}"
        if level is None:
            if current is not None:
                current.delete()
                changes[label] = [current.level, None]
        elif current is None:
            StandarKompetensi.objects.create(
                kerangka=kerangka, jabatan=jabatan, kompetensi=kompetensi, level=int(level)
            )
            changes[label] = [None, int(level)]
        elif current.level != int(level):
            changes[label] = [current.level, int(level)]
            current.level = int(level)
            current.save(update_fields=["level"])
    _record(actor, kerangka, "standar.set", changes, reason)
    return len(changes)


@transaction.atomic
def kriteria_lokal_save(
    *,
    actor,
    kerangka: Kerangka,
    kode: str,
    nama: str,
    deskripsi: str = "",
    indikator: list[str],
    panduan_skor: dict,
    urutan: int = 0,
) -> KriteriaLokal:
    kerangka = _editable(actor, kerangka)
    kode = kode.strip().lower()
    indikator = [i.strip() for i in indikator if i.strip()]
    panduan_skor = {str(k): str(v).strip() for k, v in panduan_skor.items() if str(v).strip()}
    errors: dict[str, object] = {}
    if not indikator:
        errors["indikator"] = _("Give at least one indicator.")
    if not panduan_skor or any(not k.isdigit() for k in panduan_skor):
        errors["panduan_skor"] = _("The scoring guide describes numbered scores, e.g. 1 to 5.")
    _check_entry(kode, errors)
    return _save_entry(
        actor,
        kerangka,
        _entry(kerangka.kriteria_lokal, kerangka, kode),
        "kriteria.save",
        nama=nama.strip(),
        deskripsi=deskripsi.strip(),
        indikator=indikator,
        panduan_skor=panduan_skor,
        urutan=urutan,
    )


@transaction.atomic
def kriteria_lokal_delete(*, actor, kerangka: Kerangka, kriteria: KriteriaLokal) -> None:
    kerangka = _own_entry(actor, kerangka, kriteria, _("This criterion belongs to another version."))
    _delete_entry(actor, kerangka, kriteria, "kriteria.delete")


# Publishing -------------------------------------------------------------------------------------------------


def validate_kerangka(kerangka: Kerangka) -> dict[str, list[str]]:
    """Everything that must hold before a version may be published, by section."""
    errors: dict[str, list[str]] = {}
    berakhlak = rules.check_berakhlak(kerangka.nilai_perilaku.values_list("kode", flat=True))
    if berakhlak:
        errors["perilaku"] = berakhlak
    for kompetensi in kerangka.kompetensi.all():
        problems = rules.check_levels(kompetensi.level)
        if problems:
            errors.setdefault("kompetensi", []).extend(f"{kompetensi.nama}: {p}" for p in problems)
    sections: dict[str, list[dict]] = {b: [] for b in Bagian.values}
    for aturan in kerangka.aturan.all():
        sections[aturan.bagian].append(aturan.data)
    for bagian, rows in sections.items():
        problems = rules.SECTION_CHECKS[bagian](rows)
        if problems:
            errors[bagian] = problems
    return errors


@transaction.atomic
def kerangka_publish(
    *, actor, kerangka: Kerangka, berlaku_mulai: datetime.date, alasan: str = ""
) -> Kerangka:
    kerangka = _editable(actor, kerangka)
    errors = validate_kerangka(kerangka)
    if errors:
        raise ApplicationError({"__all__": [f"{k}: {m}" for k, ms in errors.items() for m in ms]})
    if berlaku_mulai.year != kerangka.tahun:
        raise ApplicationError(
            {"berlaku_mulai": _("The date must fall within %(year)s.") % {"year": kerangka.tahun}}
        )
    previous = (
        Kerangka.objects.filter(
            instansi=kerangka.instansi, tahun=kerangka.tahun, status=StatusKerangka.PUBLISHED
        )
        .order_by("-berlaku_mulai", "-versi")
        .first()
    )
    if previous is not None:
        if not alasan.strip():
            raise ApplicationError({"alasan": _("A change to a published framework needs a reason.")})
        in_force_since = previous.berlaku_mulai or datetime.date(kerangka.tahun, 1, 1)  # set when published
        if berlaku_mulai < in_force_since:
            raise ApplicationError(
                {
                    "berlaku_mulai": _(
                        "The new version cannot take effect before the version in force (%(date)s)."
                    )
                    % {"date": tanggal(in_force_since)}
                }
            )
    kerangka.status = StatusKerangka.PUBLISHED
    kerangka.berlaku_mulai = berlaku_mulai
    kerangka.alasan = alasan.strip()
    kerangka.published_at = timezone.now()
    kerangka.published_by = actor if getattr(actor, "is_authenticated", False) else None
    kerangka.save()
    _record(
        actor,
        kerangka,
        "kerangka.publish",
        {"status": [StatusKerangka.DRAFT, StatusKerangka.PUBLISHED], "berlaku_mulai": [None, berlaku_mulai]},
        alasan,
    )
    hooks.announce(hooks.FRAMEWORK_PUBLISHED, actor=actor, kerangka=kerangka)
    return kerangka


@transaction.atomic
def kerangka_acknowledge(*, actor, kerangka: Kerangka) -> Pengakuan:
    """A pegawai confirms having read the framework in force (sosialisasi)."""
    deny_unless(permissions.can_acknowledge(actor, kerangka))
    pengakuan, created = Pengakuan.objects.get_or_create(kerangka=kerangka, pegawai_id=actor.pegawai_id)
    if not created:
        raise ApplicationError(_("You have already acknowledged this version."))
    audit.record(
        actor=actor,
        action="criteria.kerangka.acknowledge",
        obj=kerangka,
        instansi=kerangka.instansi,
        pegawai=actor.pegawai,
    )
    return pengakuan
