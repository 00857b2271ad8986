"""Every write of performance planning: opening a year, the SKP and its content, its workflow.

Each function is keyword-only, runs in one transaction, checks permission and state, writes an audit event and
either changes everything it should or nothing. Content writes take `kunci`, the SKP's change counter the user
saw: when someone else changed the SKP meanwhile the write is refused with a ConflictError.
"""

import datetime
from collections.abc import Mapping, Sequence
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.accounts.models import User
from kinerja.core import audit, clock, notifications
from kinerja.core.errors import ApplicationError, ConflictError
from kinerja.core.services import deny_unless, full_clean, require_reason
from kinerja.core.templatetags.kinerja import tanggal
from kinerja.criteria import selectors as criteria_selectors
from kinerja.org import selectors as org_selectors
from kinerja.org.models import Instansi, Pegawai
from kinerja.planning import permissions, rules, selectors
from kinerja.planning.models import (
    RHK,
    SKP,
    Arah,
    Aspek,
    Indikator,
    JenisRHK,
    JenisTarget,
    PerilakuSKP,
    Periode,
    TahunKinerja,
    VersiSKP,
)

SKP_FIELDS = ["status", "versi", "penilai", "atasan_penilai", "mulai", "selesai", "berakhir", "tenggat"]
RHK_FIELDS = ["jenis", "uraian", "rhk_atasan", "perspektif", "urutan"]
INDIKATOR_FIELDS = [
    "uraian",
    "aspek",
    "jenis_target",
    "target_angka",
    "satuan",
    "arah",
    "target_teks",
    "target_periode",
]
LAMPIRAN_FIELDS = ["dukungan_sumber_daya", "skema_pertanggungjawaban", "konsekuensi"]


def _record(actor, skp: SKP, action: str, changes: dict | None = None, reason: str = "", obj=None) -> None:
    audit.record(
        actor=actor,
        action=f"planning.{action}",
        obj=skp,
        object_repr=str(skp) if obj is None else f"{skp} · {str(obj)[:100]}",
        instansi=skp.instansi,
        pegawai=skp.pegawai,
        changes=changes or {},
        reason=reason,
    )


def _locked(skp: SKP, kunci: int | None) -> SKP:
    """Lock the SKP row, refuse when it changed since the user saw it (kunci), and return it fresh."""
    fresh = (
        SKP.objects.select_for_update(of=("self",))
        .select_related("pegawai", "jabatan", "jabatan__unit", "tahun_kinerja", "instansi")
        .get(pk=skp.pk)
    )
    if kunci is not None and fresh.kunci != kunci:
        raise ConflictError(
            _(
                "This SKP was changed by someone else after you opened it. Reload the page to see the "
                "current version; nothing was saved."
            )
        )
    return fresh


def _bump(skp: SKP, *fields: str) -> None:
    skp.kunci += 1
    skp.save(update_fields=["kunci", "updated_at", *fields])


def _check_deadline(skp: SKP) -> None:
    """The pegawai drafts and submits until the SKP's deadline; a revision until the SKP's last day (each
    closing at midnight where the instansi is)."""
    today = clock.today(skp.instansi)
    if skp.versi > 0:
        if today > skp.selesai:
            raise ApplicationError(_("This SKP has ended; it can no longer be revised."))
        return
    deadline = selectors.deadline_of(skp)
    if today > deadline:
        raise ApplicationError(
            _(
                "The deadline for this SKP was %(date)s. Ask the BKPSDM to extend it for you; nothing was "
                "saved."
            )
            % {"date": tanggal(deadline)}
        )


def _editable(actor, skp: SKP, kunci: int | None) -> SKP:
    """Lock the SKP and refuse unless its pegawai may change it now (state, end, deadline)."""
    skp = _locked(skp, kunci)
    if not permissions.is_owner(actor, skp):
        raise PermissionDenied(_("Only the employee can change their own SKP."))
    if skp.berakhir:
        raise ApplicationError(_("This SKP has ended; it can no longer change."))
    if not permissions.can_edit(actor, skp):
        raise ApplicationError(
            _(
                "The SKP can only be changed while it is a draft, returned or under revision (now: %(status)s)."
            )
            % {"status": skp.get_status_display()}
        )
    _check_deadline(skp)
    return skp


def _user_of(pegawai_id: int | None):
    if pegawai_id is None:
        return None
    return User.objects.filter(pegawai_id=pegawai_id, is_active=True).first()


def _notify(pegawai_id: int | None, skp: SKP, judul: str, isi: str = "") -> None:
    user = _user_of(pegawai_id)
    if user is not None:
        notifications.notify([user], judul=judul, isi=isi, url=reverse("planning:skp_detail", args=[skp.pk]))


# Performance years ------------------------------------------------------------------------------------------


@transaction.atomic
def tahun_open(
    *,
    actor,
    instansi: Instansi,
    tahun: int,
    skema_periode: str | None = None,
    tenggat_skp: datetime.date | None = None,
    hari_tenggat_skp_baru: int = 30,
) -> TahunKinerja:
    """Open a performance year with its evaluation periods. The framework of the year must be published:
    it gives the period scheme (unless another is chosen) and the days after a period to record results."""
    deny_unless(permissions.can_manage_years(actor, instansi.pk))
    if TahunKinerja.objects.filter(instansi=instansi, tahun=tahun).exists():
        raise ApplicationError(
            {"tahun": _("The performance year %(year)s is already open.") % {"year": tahun}}
        )
    kerangka = criteria_selectors.in_force(instansi.pk, datetime.date(tahun, 12, 31))
    if kerangka is None:
        raise ApplicationError(
            {
                "tahun": _(
                    "No assessment framework is published for %(year)s. Publish it under Criteria first."
                )
                % {"year": tahun}
            }
        )
    skema = skema_periode or kerangka.skema_periode or instansi.skema_periode
    deadline = tenggat_skp or kerangka.tenggat_skp or rules.default_skp_deadline(tahun)
    if deadline.year != tahun:
        raise ApplicationError({"tenggat_skp": _("The deadline must fall in the performance year.")})
    obj = TahunKinerja(
        instansi=instansi,
        tahun=tahun,
        skema_periode=skema,
        tenggat_skp=deadline,
        hari_tenggat_skp_baru=hari_tenggat_skp_baru,
    )
    full_clean(obj)
    obj.save()
    days = kerangka.hari_tenggat_realisasi
    Periode.objects.bulk_create(
        Periode(
            tahun_kinerja=obj,
            nomor=p.nomor,
            nama=p.nama,
            mulai=p.mulai,
            selesai=p.selesai,
            tenggat_input=p.tenggat(days),
        )
        for p in rules.periods(tahun, skema)
    )
    audit.record(
        actor=actor,
        action="planning.tahun.open",
        obj=obj,
        instansi=instansi,
        changes=audit.created(obj, ["tahun", "skema_periode", "tenggat_skp", "hari_tenggat_skp_baru"]),
    )
    return obj


@transaction.atomic
def tahun_update(
    *, actor, tahun_kinerja: TahunKinerja, tenggat_skp: datetime.date, hari_tenggat_skp_baru: int, reason: str
) -> TahunKinerja:
    deny_unless(permissions.can_manage_years(actor, tahun_kinerja.instansi_id))
    obj = TahunKinerja.objects.select_for_update().select_related("instansi").get(pk=tahun_kinerja.pk)
    if tenggat_skp.year != obj.tahun:
        raise ApplicationError({"tenggat_skp": _("The deadline must fall in the performance year.")})
    require_reason(reason)
    before = audit.snapshot(obj, ["tenggat_skp", "hari_tenggat_skp_baru"])
    obj.tenggat_skp, obj.hari_tenggat_skp_baru = tenggat_skp, hari_tenggat_skp_baru
    full_clean(obj)
    obj.save()
    audit.record(
        actor=actor,
        action="planning.tahun.update",
        obj=obj,
        instansi=obj.instansi,
        changes=audit.diff(before, audit.snapshot(obj, ["tenggat_skp", "hari_tenggat_skp_baru"])),
        reason=reason,
    )
    return obj


@transaction.atomic
def periode_update(*, actor, periode: Periode, tenggat_input: datetime.date, reason: str) -> Periode:
    obj = Periode.objects.select_for_update().select_related("tahun_kinerja__instansi").get(pk=periode.pk)
    deny_unless(permissions.can_manage_years(actor, obj.tahun_kinerja.instansi_id))
    if tenggat_input < obj.selesai:
        raise ApplicationError({"tenggat_input": _("The input deadline cannot be before the period ends.")})
    require_reason(reason)
    before = obj.tenggat_input
    obj.tenggat_input = tenggat_input
    obj.save(update_fields=["tenggat_input"])
    audit.record(
        actor=actor,
        action="planning.periode.update",
        obj=obj,
        object_repr=f"{obj.tahun_kinerja} {obj.nama}",
        instansi=obj.tahun_kinerja.instansi,
        changes={"tenggat_input": [before, tenggat_input]},
        reason=reason,
    )
    return obj


# Starting an SKP --------------------------------------------------------------------------------------------


@transaction.atomic
def skp_start(
    *, actor, pegawai: Pegawai, tahun: int, salin_dari: SKP | None = None, at: datetime.date | None = None
) -> SKP:
    """Start the pegawai's SKP for the year in the position they hold (at `at`, default today), optionally
    copying the RHK, indikator and lampiran of an earlier SKP of theirs."""
    if not permissions.can_start_for(actor, pegawai):
        raise PermissionDenied(_("Only the employee can start their own SKP."))
    if salin_dari is not None and salin_dari.pegawai_id != pegawai.pk:
        raise PermissionDenied(_("You can only copy your own SKP."))
    at = at or clock.today(pegawai.instansi)
    if at.year != tahun:
        at = datetime.date(tahun, 1, 1) if tahun > at.year else datetime.date(tahun, 12, 31)
    tahun_kinerja = (
        TahunKinerja.objects.select_for_update().filter(instansi_id=pegawai.instansi_id, tahun=tahun).first()
    )
    if tahun_kinerja is None:
        raise ApplicationError(
            _("The performance year %(year)s has not been opened by the BKPSDM yet.") % {"year": tahun}
        )
    existing = selectors.open_skp(pegawai.pk, tahun_kinerja.pk)
    if existing is not None and existing.selesai < at:
        # Its position ended before today (a transfer dated ahead): it is over now.
        _end(actor, existing, existing.selesai, existing.alasan_berakhir)
    elif existing is not None:
        raise ApplicationError(_("You already have an SKP for %(year)s.") % {"year": tahun})
    primary = org_selectors.primary_assignment(pegawai, at)
    if primary is None:
        raise ApplicationError(
            _("You hold no position on %(date)s, so there is nothing to plan.") % {"date": tanggal(at)}
        )
    span = rules.skp_span(tahun, primary.mulai, primary.selesai)
    previous_end = SKP.objects.filter(pegawai=pegawai, tahun_kinerja=tahun_kinerja).aggregate(
        last=Max("selesai")
    )["last"]
    if previous_end is not None and span is not None and span[0] <= previous_end:
        span = (previous_end + datetime.timedelta(days=1), span[1])
    if span is None or span[0] > span[1]:
        raise ApplicationError(_("Your position does not cover any part of %(year)s.") % {"year": tahun})
    jabatan = primary.jabatan
    skp = SKP(
        instansi=pegawai.instansi,
        tahun_kinerja=tahun_kinerja,
        pegawai=pegawai,
        jabatan=jabatan,
        mulai=span[0],
        selesai=span[1],
        jpt=selectors.is_jpt(jabatan),
        identitas_pegawai=selectors.identitas(pegawai, jabatan, primary.jenis),
        asal=salin_dari,
    )
    ruleset = selectors.ruleset_of(skp)
    if ruleset is None:
        raise ApplicationError(_("No assessment framework is in force for %(year)s.") % {"year": tahun})
    skp.pendekatan = ruleset.pendekatan(jabatan.jenis)
    _check_deadline(skp)
    _refresh_assessors(skp)
    skp.save()
    PerilakuSKP.objects.bulk_create(
        PerilakuSKP(skp=skp, kode=n["kode"], nama=n["nama"], indikator=n["indikator"], urutan=i)
        for i, n in enumerate(ruleset.nilai_perilaku)
    )
    copied = 0
    if salin_dari is not None:
        copied = _copy_content(salin_dari, skp)
    _record(
        actor,
        skp,
        "skp.start",
        {
            "mulai": [None, skp.mulai],
            "selesai": [None, skp.selesai],
            "jabatan": [None, jabatan.nama],
            "penilai": [None, skp.penilai_id],
            **({"salin_dari": [None, salin_dari.pk], "rhk_disalin": [None, copied]} if salin_dari else {}),
        },
    )
    return skp


def _refresh_assessors(skp: SKP, at: datetime.date | None = None) -> None:
    """Snapshot the penilai and atasan penilai the organisation gives (unless the BKPSDM set them)."""
    if skp.penilai_ditetapkan:
        return
    chain = org_selectors.penilai_chain(skp.pegawai, selectors.chain_date(skp, at))
    skp.penilai = chain.penilai.pegawai if chain.penilai else None
    skp.atasan_penilai = chain.atasan_penilai.pegawai if chain.atasan_penilai else None
    skp.identitas_penilai = selectors.identitas_pejabat(chain.penilai) or selectors.identitas_ppk(
        skp.instansi
    )
    skp.identitas_atasan_penilai = selectors.identitas_pejabat(chain.atasan_penilai)


def _copy_content(source: SKP, target: SKP) -> int:
    """Copy RHK, indikator and lampiran (not the links to last year's supervisor RHK, nor expectations)."""
    for name in LAMPIRAN_FIELDS:
        setattr(target, name, getattr(source, name))
    target.save(update_fields=LAMPIRAN_FIELDS)
    count = 0
    for r in source.rhk.prefetch_related("indikator").order_by("jenis", "urutan", "pk"):
        new = RHK.objects.create(
            skp=target, jenis=r.jenis, urutan=r.urutan, uraian=r.uraian, perspektif=r.perspektif
        )
        Indikator.objects.bulk_create(
            Indikator(
                rhk=new,
                urutan=i.urutan,
                uraian=i.uraian,
                aspek=i.aspek,
                jenis_target=i.jenis_target,
                target_angka=i.target_angka,
                satuan=i.satuan,
                arah=i.arah,
                target_teks=i.target_teks,
            )
            for i in r.indikator.all()
        )
        count += 1
    return count


# Content ----------------------------------------------------------------------------------------------------


def _cascadable_ids(skp: SKP) -> set[int]:
    return {r.pk for r in selectors.cascade_options(skp, selectors.effective_penilai_id(skp))}


def _check_rhk_atasan(skp: SKP, rhk_atasan: RHK | None, allowed: set[int] | None = None) -> None:
    """The supported RHK must be one of the penilai's submitted or approved SKP of the same year."""
    if rhk_atasan is None:
        return
    if rhk_atasan.pk not in (_cascadable_ids(skp) if allowed is None else allowed):
        raise ApplicationError(
            {
                "rhk_atasan": _(
                    "You can only support an RHK of your assessing official's submitted or approved SKP of "
                    "the same year."
                )
            }
        )


@transaction.atomic
def rhk_save(
    *,
    actor,
    skp: SKP,
    kunci: int | None,
    uraian: str,
    jenis: str = JenisRHK.UTAMA,
    rhk_atasan: RHK | None = None,
    perspektif: str = "",
    rhk: RHK | None = None,
) -> RHK:
    """Add an RHK to the SKP, or change one of its RHK."""
    skp = _editable(actor, skp, kunci)
    deny_unless(rhk is None or rhk.skp_id == skp.pk)
    _check_rhk_atasan(skp, rhk_atasan)
    if perspektif and perspektif not in _perspectives(skp):
        raise ApplicationError({"perspektif": _("Choose one of the perspectives of the framework.")})
    creating = rhk is None
    if creating:
        last = skp.rhk.filter(jenis=jenis).aggregate(m=Max("urutan"))["m"]
        rhk = RHK(skp=skp, urutan=(last or 0) + 1)
        before = {}
    else:
        rhk = RHK.objects.get(pk=rhk.pk)
        before = audit.snapshot(rhk, RHK_FIELDS)
    rhk.uraian, rhk.jenis, rhk.rhk_atasan, rhk.perspektif = uraian.strip(), jenis, rhk_atasan, perspektif
    full_clean(rhk, exclude=["skp"])
    rhk.save()
    _bump(skp)
    _record(
        actor,
        skp,
        "rhk.create" if creating else "rhk.update",
        audit.diff(before, audit.snapshot(rhk, RHK_FIELDS)),
        obj=rhk,
    )
    return rhk


def _perspectives(skp: SKP) -> set[str]:
    return {kode for kode, _nama in selectors.perspective_choices(skp)}


@transaction.atomic
def rhk_delete(*, actor, rhk: RHK, kunci: int | None) -> None:
    skp = _editable(actor, rhk.skp, kunci)
    rhk = RHK.objects.get(pk=rhk.pk, skp=skp)
    supporters = rhk.didukung.count()
    if supporters:
        raise ApplicationError(
            _(
                "%(n)s RHK of your subordinates support this RHK. Change it instead of deleting it, or ask them "
                "to link another RHK first."
            )
            % {"n": supporters}
        )
    before = audit.snapshot(rhk, RHK_FIELDS)
    rhk.delete()
    _bump(skp)
    _record(actor, skp, "rhk.delete", audit.diff(before, {}), obj=rhk)


def _target_values(jenis_target: str, target: str, satuan: str, target_teks: str) -> dict:
    if jenis_target == JenisTarget.ANGKA:
        errors = {}
        number = None
        try:
            number = rules.parse_angka(target)
        except rules.NotANumber:
            errors["target"] = _('The target must be a number, e.g. 100 or 92,5 (you wrote "%(value)s").') % {
                "value": target
            }
        else:
            if number < 0:
                errors["target"] = _("The target cannot be negative.")
            elif abs(number) >= Decimal("1e14"):
                errors["target"] = _("The target is too large.")
        if not satuan.strip():
            errors["satuan"] = _("A numeric target needs a unit of measure, e.g. dokumen, %, hari.")
        if errors:
            raise ApplicationError(errors)
        return {"target_angka": number.quantize(Decimal("0.01")), "satuan": satuan.strip(), "target_teks": ""}
    if jenis_target == JenisTarget.KUALITATIF:
        if not target_teks.strip():
            raise ApplicationError({"target_teks": _("Describe the expected result.")})
        return {"target_angka": None, "satuan": satuan.strip(), "target_teks": target_teks.strip()}
    raise ApplicationError({"jenis_target": _("Choose the kind of target.")})


def _target_periode(values: Mapping | None, jenis_target: str) -> dict:
    """Targets per period: {period number: number (or text for a qualitative target)}; empty ones dropped."""
    result = {}
    for key, value in (values or {}).items():
        if value in (None, ""):
            continue
        if jenis_target == JenisTarget.ANGKA:
            try:
                result[str(key)] = str(rules.parse_angka(value))
            except rules.NotANumber:
                raise ApplicationError(
                    {
                        "target_periode": _(
                            'The target of period %(n)s must be a number (you wrote "%(value)s").'
                        )
                        % {"n": key, "value": value}
                    }
                ) from None
        else:
            result[str(key)] = str(value).strip()
    return result


@transaction.atomic
def indikator_save(
    *,
    actor,
    rhk: RHK,
    kunci: int | None,
    uraian: str,
    aspek: str = Aspek.KUANTITAS,
    jenis_target: str = JenisTarget.ANGKA,
    target: str = "",
    satuan: str = "",
    arah: str = Arah.NAIK,
    target_teks: str = "",
    target_periode: Mapping | None = None,
    indikator: Indikator | None = None,
) -> Indikator:
    """Add an indikator to an RHK, or change one. A numeric target is read as Indonesians write numbers."""
    skp = _editable(actor, rhk.skp, kunci)
    rhk = RHK.objects.get(pk=rhk.pk, skp=skp)
    values = _target_values(jenis_target, str(target or ""), satuan or "", target_teks or "")
    periode = _target_periode(target_periode, jenis_target)
    creating = indikator is None
    if creating:
        last = rhk.indikator.aggregate(m=Max("urutan"))["m"]
        indikator = Indikator(rhk=rhk, urutan=(last or 0) + 1)
        before = {}
    else:
        indikator = Indikator.objects.get(pk=indikator.pk, rhk=rhk)
        before = audit.snapshot(indikator, INDIKATOR_FIELDS)
    indikator.uraian, indikator.aspek, indikator.jenis_target, indikator.arah = (
        uraian.strip(),
        aspek,
        jenis_target,
        arah,
    )
    for name, value in values.items():
        setattr(indikator, name, value)
    indikator.target_periode = periode
    full_clean(indikator, exclude=["rhk"])
    indikator.save()
    _bump(skp)
    _record(
        actor,
        skp,
        "indikator.create" if creating else "indikator.update",
        audit.diff(before, audit.snapshot(indikator, INDIKATOR_FIELDS)),
        obj=indikator,
    )
    return indikator


@transaction.atomic
def indikator_delete(*, actor, indikator: Indikator, kunci: int | None) -> None:
    skp = _editable(actor, indikator.rhk.skp, kunci)
    indikator = Indikator.objects.get(pk=indikator.pk, rhk__skp=skp)
    before = audit.snapshot(indikator, INDIKATOR_FIELDS)
    indikator.delete()
    _bump(skp)
    _record(actor, skp, "indikator.delete", audit.diff(before, {}), obj=indikator)


@transaction.atomic
def lampiran_save(
    *,
    actor,
    skp: SKP,
    kunci: int | None,
    dukungan_sumber_daya: str,
    skema_pertanggungjawaban: str,
    konsekuensi: str,
) -> SKP:
    skp = _editable(actor, skp, kunci)
    before = audit.snapshot(skp, LAMPIRAN_FIELDS)
    skp.dukungan_sumber_daya = dukungan_sumber_daya.strip()
    skp.skema_pertanggungjawaban = skema_pertanggungjawaban.strip()
    skp.konsekuensi = konsekuensi.strip()
    _bump(skp, *LAMPIRAN_FIELDS)
    _record(actor, skp, "lampiran.update", audit.diff(before, audit.snapshot(skp, LAMPIRAN_FIELDS)))
    return skp


@transaction.atomic
def rhk_import(*, actor, skp: SKP, kunci: int | None, rows: Sequence[Mapping]) -> int:
    """Add RHK with their indikator from validated import rows (planning.imports), all or nothing.

    Each row: {"jenis", "uraian", "rhk_atasan" (RHK or None), "perspektif", "indikator": [ {...}, ... ]}."""
    skp = _editable(actor, skp, kunci)
    perspectives = _perspectives(skp)
    count = 0
    next_order = {j: (skp.rhk.filter(jenis=j).aggregate(m=Max("urutan"))["m"] or 0) for j in JenisRHK.values}
    allowed = _cascadable_ids(skp)
    for row in rows:
        _check_rhk_atasan(skp, row.get("rhk_atasan"), allowed)
        if row.get("perspektif") and row["perspektif"] not in perspectives:
            raise ApplicationError(_("Unknown perspective %(value)s.") % {"value": row["perspektif"]})
        next_order[row["jenis"]] += 1
        rhk = RHK(
            skp=skp,
            jenis=row["jenis"],
            urutan=next_order[row["jenis"]],
            uraian=row["uraian"],
            rhk_atasan=row.get("rhk_atasan"),
            perspektif=row.get("perspektif", ""),
        )
        full_clean(rhk, exclude=["skp"])
        rhk.save()
        for n, item in enumerate(row["indikator"], start=1):
            values = _target_values(
                item["jenis_target"],
                item.get("target", ""),
                item.get("satuan", ""),
                item.get("target_teks", ""),
            )
            indikator = Indikator(
                rhk=rhk,
                urutan=n,
                uraian=item["uraian"],
                aspek=item["aspek"],
                jenis_target=item["jenis_target"],
                arah=item.get("arah", Arah.NAIK),
                **values,
            )
            full_clean(indikator, exclude=["rhk"])
            indikator.save()
        count += 1
    _bump(skp)
    _record(actor, skp, "rhk.import", {"rhk_ditambah": [None, count]})
    return count


# Workflow ---------------------------------------------------------------------------------------------------


def _transition(actor, skp: SKP, action: str, *, reason: str = "", extra: dict | None = None) -> SKP:
    """Move the (locked) SKP along the workflow table, with an audit event of from, to and reason."""
    permissions.SKP_WORKFLOW.transition(
        actor=actor,
        obj=skp,
        action=action,
        reason=reason,
        changes=extra,
        save=lambda obj: _bump(obj, "status"),
        instansi=skp.instansi,
        pegawai=skp.pegawai,
    )
    return skp


@transaction.atomic
def skp_submit(*, actor, skp: SKP, kunci: int | None) -> SKP:
    """Submit to the penilai. Refused with every problem listed when the content is not complete."""
    skp = _locked(skp, kunci)
    if not permissions.is_owner(actor, skp):
        raise PermissionDenied(_("Only the employee can submit their own SKP."))
    if skp.berakhir:
        raise ApplicationError(_("This SKP has ended; it can no longer change."))
    permissions.SKP_WORKFLOW.check(actor=actor, obj=skp, action=rules.AJUKAN)
    _check_deadline(skp)
    _refresh_assessors(skp)
    problems = selectors.submission_problems(skp)
    if problems:
        raise ApplicationError(problems)
    skp.diajukan_at = timezone.now()
    skp.save(
        update_fields=[
            "penilai",
            "atasan_penilai",
            "identitas_penilai",
            "identitas_atasan_penilai",
            "diajukan_at",
        ]
    )
    _transition(actor, skp, rules.AJUKAN)
    _notify(
        skp.penilai_id,
        skp,
        _("SKP submitted by %(name)s") % {"name": skp.identitas_pegawai.get("nama", "")},
        _("An SKP waits for your approval."),
    )
    return skp


@transaction.atomic
def skp_withdraw(*, actor, skp: SKP, kunci: int | None) -> SKP:
    """The pegawai takes a submitted SKP back to change it (before the penilai decides)."""
    return _transition(actor, _locked(skp, kunci), rules.TARIK)


def _decider(actor, skp: SKP, kunci: int | None) -> SKP:
    skp = _locked(skp, kunci)
    if permissions.is_owner(actor, skp):
        raise PermissionDenied(_("You cannot approve or return your own SKP."))
    if not permissions.is_penilai(actor, skp):
        raise PermissionDenied(_("Only the assessing official of this SKP can approve or return it."))
    if skp.berakhir:
        raise ApplicationError(_("This SKP has ended; it can no longer change."))
    return skp


def _save_ekspektasi(skp: SKP, ekspektasi: Mapping[str, str] | None) -> dict:
    if ekspektasi is None:
        return {}
    changes = {}
    for p in skp.perilaku.all():
        if p.kode not in ekspektasi:
            continue
        value = (ekspektasi[p.kode] or "").strip()
        if value != p.ekspektasi:
            changes[f"ekspektasi.{p.kode}"] = [p.ekspektasi, value]
            p.ekspektasi = value
            p.save(update_fields=["ekspektasi"])
    unknown = set(ekspektasi) - {p.kode for p in skp.perilaku.all()}
    if unknown:
        raise ApplicationError(
            _("Unknown work behaviour: %(codes)s.") % {"codes": ", ".join(sorted(unknown))}
        )
    return changes


@transaction.atomic
def ekspektasi_save(*, actor, skp: SKP, kunci: int | None, ekspektasi: Mapping[str, str]) -> SKP:
    """The penilai writes the leader's specific expectations while deciding on the SKP."""
    skp = _decider(actor, skp, kunci)
    if skp.status not in rules.WORKFLOW.sources(rules.SETUJUI):
        raise ApplicationError(_("Expectations are written while the SKP waits for your decision."))
    changes = _save_ekspektasi(skp, ekspektasi)
    _bump(skp)
    _record(actor, skp, "ekspektasi.update", changes)
    return skp


@transaction.atomic
def skp_approve(*, actor, skp: SKP, kunci: int | None, ekspektasi: Mapping[str, str] | None = None) -> SKP:
    """Approve: the content (with the leader's expectations) becomes a new numbered version."""
    skp = _decider(actor, skp, kunci)
    permissions.SKP_WORKFLOW.check(actor=actor, obj=skp, action=rules.SETUJUI)
    changes = _save_ekspektasi(skp, ekspektasi)
    _refresh_assessors(skp)
    now = timezone.now()
    skp.versi += 1
    skp.disetujui_at = now
    skp.catatan_pengembalian = ""
    skp.save(
        update_fields=[
            "versi",
            "disetujui_at",
            "catatan_pengembalian",
            "penilai",
            "atasan_penilai",
            "identitas_penilai",
            "identitas_atasan_penilai",
        ]
    )
    VersiSKP.objects.create(
        skp=skp,
        nomor=skp.versi,
        konten=selectors.content_of(selectors.with_content(SKP.objects.filter(pk=skp.pk)).get()),
        alasan=skp.alasan_revisi,
        disetujui_oleh_id=actor.pegawai_id,
        disetujui_at=now,
    )
    _transition(actor, skp, rules.SETUJUI, extra={"versi": [skp.versi - 1, skp.versi]})
    if changes:
        _record(actor, skp, "ekspektasi.update", changes)
    _notify(
        skp.pegawai_id,
        skp,
        _("Your SKP was approved"),
        _("Version %(n)s is now in force.") % {"n": skp.versi},
    )
    return skp


@transaction.atomic
def skp_return(*, actor, skp: SKP, kunci: int | None, reason: str) -> SKP:
    """Return to the pegawai with a required reason; the pegawai fixes it and submits again."""
    skp = _decider(actor, skp, kunci)
    reason = require_reason(reason, _("Say what the employee must change."))
    skp.catatan_pengembalian = reason
    skp.save(update_fields=["catatan_pengembalian"])
    _transition(actor, skp, rules.KEMBALIKAN, reason=reason)
    _notify(skp.pegawai_id, skp, _("Your SKP was returned"), reason)
    return skp


@transaction.atomic
def skp_bulk_approve(*, actor, items: Sequence[tuple[SKP, int | None]]) -> list[SKP]:
    """Approve several SKP at once, all or none: one refusal leaves every SKP as it was."""
    if not items:
        raise ApplicationError(_("Choose at least one SKP."))
    approved = []
    for skp, kunci in items:
        try:
            approved.append(skp_approve(actor=actor, skp=skp, kunci=kunci))
        except ValidationError as exc:
            name = skp.identitas_pegawai.get("nama", "")
            raise ApplicationError(
                _("%(name)s: %(problem)s Nothing was approved.")
                % {"name": name, "problem": " ".join(exc.messages)}
            ) from exc
    return approved


@transaction.atomic
def skp_propose_revision(*, actor, skp: SKP, kunci: int | None, reason: str) -> SKP:
    """Reopen an approved SKP for changes; the approved version stays in force until the revision is approved."""
    skp = _locked(skp, kunci)
    if not permissions.is_owner(actor, skp):
        raise PermissionDenied(_("Only the employee can propose a revision of their SKP."))
    if skp.berakhir or clock.today(skp.instansi) > skp.selesai:
        raise ApplicationError(_("This SKP has ended; it can no longer be revised."))
    skp.alasan_revisi = reason.strip()
    skp.save(update_fields=["alasan_revisi"])
    _transition(actor, skp, rules.USUL_REVISI, reason=reason)
    _notify(
        skp.penilai_id,
        skp,
        _("%(name)s proposes a revision of their SKP") % {"name": skp.identitas_pegawai.get("nama", "")},
        reason.strip(),
    )
    return skp


# Administration ---------------------------------------------------------------------------------------------


@transaction.atomic
def skp_reassign_penilai(*, actor, skp: SKP, penilai: Pegawai, reason: str) -> SKP:
    """When the organisation data is wrong: the BKPSDM sets the penilai of one SKP, with a reason."""
    deny_unless(permissions.can_administer(actor, skp))
    skp = _locked(skp, None)
    require_reason(reason)
    if penilai.pk == skp.pegawai_id:
        raise ApplicationError({"penilai": _("An employee cannot assess their own SKP.")})
    if penilai.instansi_id != skp.instansi_id or not penilai.aktif:
        raise ApplicationError({"penilai": _("Choose an active employee of the same agency.")})
    position = org_selectors.primary_assignment(penilai, selectors.chain_date(skp))
    before = {"penilai": skp.penilai_id, "penilai_ditetapkan": skp.penilai_ditetapkan}
    skp.penilai = penilai
    skp.penilai_ditetapkan = True
    skp.identitas_penilai = selectors.identitas(
        penilai, position.jabatan if position else None, position.jenis if position else "definitif"
    )
    skp.atasan_penilai = None
    skp.identitas_atasan_penilai = {}
    if position is not None:
        chain = org_selectors.penilai_chain(penilai, selectors.chain_date(skp))
        if chain.penilai is not None and chain.penilai.pegawai.pk != skp.pegawai_id:
            skp.atasan_penilai = chain.penilai.pegawai
            skp.identitas_atasan_penilai = selectors.identitas_pejabat(chain.penilai)
    _bump(
        skp,
        "penilai",
        "penilai_ditetapkan",
        "identitas_penilai",
        "atasan_penilai",
        "identitas_atasan_penilai",
    )
    _record(
        actor,
        skp,
        "skp.reassign",
        audit.diff(before, {"penilai": penilai.pk, "penilai_ditetapkan": True}),
        reason=reason.strip(),
    )
    _notify(penilai.pk, skp, _("You were set as the assessor of an SKP"), reason.strip())
    return skp


@transaction.atomic
def skp_extend_deadline(*, actor, skp: SKP, tenggat: datetime.date, reason: str) -> SKP:
    deny_unless(permissions.can_administer(actor, skp))
    skp = _locked(skp, None)
    require_reason(reason)
    if tenggat < clock.today(skp.instansi):
        raise ApplicationError({"tenggat": _("The new deadline cannot be in the past.")})
    if tenggat > skp.selesai:
        raise ApplicationError({"tenggat": _("The new deadline cannot be after the SKP ends.")})
    before = skp.tenggat
    skp.tenggat = tenggat
    _bump(skp, "tenggat")
    _record(actor, skp, "skp.extend", {"tenggat": [before, tenggat]}, reason=reason.strip())
    _notify(skp.pegawai_id, skp, _("The deadline of your SKP was extended"), tanggal(tenggat))
    return skp


def _end(actor, skp: SKP, last_day: datetime.date, reason: str) -> SKP:
    """Cut the SKP at its last day; once that day is past it is ended for good (berakhir)."""
    before = audit.snapshot(skp, ["selesai", "berakhir"])
    skp.selesai = max(skp.mulai, min(skp.selesai, last_day))
    skp.berakhir = skp.selesai < clock.today(skp.instansi)
    skp.alasan_berakhir = reason
    _bump(skp, "selesai", "berakhir", "alasan_berakhir")
    _record(
        actor, skp, "skp.end", audit.diff(before, audit.snapshot(skp, ["selesai", "berakhir"])), reason=reason
    )
    return skp


@transaction.atomic
def skp_end_with_assignment(
    *, actor, pegawai: Pegawai, jabatan, last_day: datetime.date, reason: str
) -> list[SKP]:
    """The assignment an SKP plans for ends (a transfer, retirement, the end of an acting post): the SKP ends
    that day. Called by the organisation service that ended the assignment, which checked the actor's rights;
    after a transfer the pegawai starts a new SKP for the new position."""
    return [
        _end(actor, skp, last_day, reason)
        for skp in SKP.objects.select_for_update(of=("self",))
        .filter(pegawai=pegawai, jabatan=jabatan, berakhir=False, selesai__gt=last_day)
        .select_related("instansi", "pegawai", "tahun_kinerja")
    ]
