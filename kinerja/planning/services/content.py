"""The content the pegawai writes while the SKP is editable: RHK, indikator and targets, lampiran, imports."""

from collections.abc import Mapping, Sequence

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from kinerja.core import audit
from kinerja.core.errors import ApplicationError
from kinerja.core.services import deny_unless, full_clean
from kinerja.planning import rules, selectors
from kinerja.planning.models import RHK, SKP, Akumulasi, Arah, Aspek, Indikator, JenisRHK, JenisTarget
from kinerja.planning.services import base

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
    "akumulasi",
]


def _cascadable_ids(skp: SKP) -> set[int]:
    return {r.pk for r in selectors.cascade_options(skp, selectors.effective_penilai_id(skp))}


def rhk_atasan_refused() -> ApplicationError:
    """The refusal of a supported RHK that may not be named: another's, or one that does not exist (the API
    answers both alike, so that ids of other instansi cannot be probed)."""
    return ApplicationError(
        {
            "rhk_atasan": _(
                "You can only support an RHK of your assessing official's submitted or approved SKP of "
                "the same year."
            )
        }
    )


def _check_rhk_atasan(skp: SKP, rhk_atasan: RHK | None, allowed: set[int] | None = None) -> None:
    """The supported RHK must be one of the penilai's submitted or approved SKP of the same year."""
    if rhk_atasan is None:
        return
    if rhk_atasan.pk not in (_cascadable_ids(skp) if allowed is None else allowed):
        raise rhk_atasan_refused()


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
    skp = base.editable(actor, skp, kunci)
    deny_unless(rhk is None or rhk.skp_id == skp.pk)
    _check_rhk_atasan(skp, rhk_atasan)
    if perspektif and perspektif not in _perspectives(skp):
        raise ApplicationError({"perspektif": _("Choose one of the perspectives of the framework.")})
    if rhk is None:
        last = skp.rhk.filter(jenis=jenis).aggregate(m=Max("urutan"))["m"]
        rhk = RHK(skp=skp, urutan=(last or 0) + 1)
        before = None
    else:
        rhk = RHK.objects.get(pk=rhk.pk)
        before = audit.snapshot(rhk, RHK_FIELDS)
    rhk.uraian, rhk.jenis, rhk.rhk_atasan, rhk.perspektif = uraian.strip(), jenis, rhk_atasan, perspektif
    _save(actor, skp, rhk, before)
    return rhk


def _save(actor, skp: SKP, obj: RHK | Indikator, before: dict | None) -> None:
    """Check and save an RHK or indikator of the SKP (`before` None: a new one), count the change, audit it."""
    kind, parent, fields = (
        ("rhk", "skp", RHK_FIELDS) if isinstance(obj, RHK) else ("indikator", "rhk", INDIKATOR_FIELDS)
    )
    full_clean(obj, exclude=[parent])
    obj.save()
    base.bump(skp)
    action = f"{kind}.create" if before is None else f"{kind}.update"
    base.record(actor, skp, action, audit.diff(before or {}, audit.snapshot(obj, fields)), obj=obj)


def _perspectives(skp: SKP) -> set[str]:
    return {kode for kode, _nama in selectors.perspective_choices(skp)}


@transaction.atomic
def rhk_delete(*, actor, rhk: RHK, kunci: int | None) -> None:
    skp = base.editable(actor, rhk.skp, kunci)
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
    base.bump(skp)
    base.record(actor, skp, "rhk.delete", audit.diff(before, {}), obj=rhk)


def _target_values(
    jenis_target: str, target: str, satuan: str, target_teks: str, periode
) -> tuple[dict, dict]:
    """The target's fields and its targets per period, or ApplicationError with every problem at once."""
    values, errors = rules.target_values(jenis_target, target, satuan, target_teks)
    per_period, period_errors = rules.target_per_period(periode, jenis_target)
    if period_errors:
        errors["target_periode"] = " ".join(period_errors.values())
    if errors:
        raise ApplicationError(errors)
    return values, per_period


def akumulasi_of(akumulasi: str, aspek: str, satuan: str) -> str:
    """The accumulation mode to store: the one chosen, or the rule's default when none was (a qualitative
    target stores the default too, never shown); an unknown value is refused."""
    value = (akumulasi or "").strip()
    if not value:
        return rules.default_akumulasi(aspek, satuan)
    if value not in Akumulasi.values:
        raise ApplicationError(
            {"akumulasi": _("Choose how the periods add up: jumlah, nilai terakhir or rata-rata.")}
        )
    return value


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
    akumulasi: str = "",
    indikator: Indikator | None = None,
) -> Indikator:
    """Add an indikator to an RHK, or change one. A numeric target is read as Indonesians write numbers.

    `akumulasi`: how its periods add up to the year (models.Akumulasi); empty picks rules.default_akumulasi."""
    skp = base.editable(actor, rhk.skp, kunci)
    rhk = RHK.objects.get(pk=rhk.pk, skp=skp)
    values, periode = _target_values(
        jenis_target, str(target or ""), satuan or "", target_teks or "", target_periode
    )
    mode = akumulasi_of(akumulasi, aspek, values.get("satuan", satuan or ""))
    if indikator is None:
        last = rhk.indikator.aggregate(m=Max("urutan"))["m"]
        indikator = Indikator(rhk=rhk, urutan=(last or 0) + 1)
        before = None
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
    indikator.akumulasi = mode
    _save(actor, skp, indikator, before)
    return indikator


@transaction.atomic
def indikator_delete(*, actor, indikator: Indikator, kunci: int | None) -> None:
    skp = base.editable(actor, indikator.rhk.skp, kunci)
    indikator = Indikator.objects.get(pk=indikator.pk, rhk__skp=skp)
    before = audit.snapshot(indikator, INDIKATOR_FIELDS)
    indikator.delete()
    base.bump(skp)
    base.record(actor, skp, "indikator.delete", audit.diff(before, {}), obj=indikator)


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
    skp = base.editable(actor, skp, kunci)
    before = audit.snapshot(skp, base.LAMPIRAN_FIELDS)
    skp.dukungan_sumber_daya = dukungan_sumber_daya.strip()
    skp.skema_pertanggungjawaban = skema_pertanggungjawaban.strip()
    skp.konsekuensi = konsekuensi.strip()
    base.bump(skp, *base.LAMPIRAN_FIELDS)
    base.record(actor, skp, "lampiran.update", audit.diff(before, audit.snapshot(skp, base.LAMPIRAN_FIELDS)))
    return skp


@transaction.atomic
def rhk_import(*, actor, skp: SKP, kunci: int | None, rows: Sequence[Mapping]) -> int:
    """Add RHK with their indikator from validated import rows (planning.imports), all or nothing.

    Each row: {"jenis", "uraian", "rhk_atasan" (RHK or None), "perspektif", "indikator": [ {...}, ... ]}."""
    skp = base.editable(actor, skp, kunci)
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
            values, _periods = _target_values(
                item["jenis_target"],
                item.get("target", ""),
                item.get("satuan", ""),
                item.get("target_teks", ""),
                None,
            )
            indikator = Indikator(
                rhk=rhk,
                urutan=n,
                uraian=item["uraian"],
                aspek=item["aspek"],
                jenis_target=item["jenis_target"],
                arah=item.get("arah", Arah.NAIK),
                akumulasi=akumulasi_of(item.get("akumulasi", ""), item["aspek"], values.get("satuan", "")),
                **values,
            )
            full_clean(indikator, exclude=["rhk"])
            indikator.save()
        count += 1
    base.bump(skp)
    base.record(actor, skp, "rhk.import", {"rhk_ditambah": [None, count]})
    return count
