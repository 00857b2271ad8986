"""The pegawai records what an indikator reached in a period: a number or a statement, and a narrative.

Every change keeps the earlier values (RiwayatRealisasi, with the evidence attached then) and counts itself in
`kunci`: a form that saw an older value is refused (two people editing one realisasi at once)."""

from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.core import audit
from kinerja.core.errors import ApplicationError, ConflictError
from kinerja.monitoring import rules
from kinerja.monitoring.models import Realisasi, RiwayatRealisasi
from kinerja.monitoring.selectors.realisasi import akumulasi_of
from kinerja.monitoring.services import common
from kinerja.planning import rules as planning_rules
from kinerja.planning.models import SKP, Periode

FIELDS = ["nilai_angka", "nilai_teks", "narasi"]
LIMIT = Decimal("1e14")


def realisasi_values(indikator: dict, nilai: str, nilai_teks: str, narasi: str) -> tuple[dict, dict]:
    """The realisasi's fields for this indikator, and every problem with them ({field: message}) at once."""
    errors: dict[str, str] = {}
    values: dict = {"nilai_angka": None, "nilai_teks": "", "narasi": (narasi or "").strip()}
    if indikator.get("jenis_target") == "angka":
        text = str(nilai or "").strip()
        if not text:
            errors["nilai"] = _("The realisation is required: a number in %(unit)s.") % {
                "unit": indikator.get("satuan") or "-"
            }
        else:
            try:
                number = planning_rules.parse_angka(text)
            except planning_rules.NotANumber:
                errors["nilai"] = _(
                    'The realisation must be a number, e.g. 100 or 92,5 (you wrote "%(value)s").'
                ) % {"value": text}
            else:
                if number < 0:
                    errors["nilai"] = _("The realisation cannot be negative.")
                elif number >= LIMIT:
                    errors["nilai"] = _("The realisation is too large.")
                else:
                    values["nilai_angka"] = number.quantize(Decimal("0.01"))
    else:
        values["nilai_teks"] = (nilai_teks or "").strip()
        if not values["nilai_teks"]:
            errors["nilai_teks"] = _("Describe what was achieved: this indicator is a qualitative statement.")
    if len(values["narasi"]) > 5000:
        errors["narasi"] = _("The narrative is too long (at most 5,000 characters).")
    return values, errors


def _conflict() -> ConflictError:
    return ConflictError(
        _(
            "This realisation was changed by someone else after you opened it. Reload the page to see the "
            "current values; nothing was saved."
        )
    )


def _keep_history(realisasi: Realisasi) -> None:
    """Copy the values being replaced, with the ids of the evidence attached now (withdrawn ones excluded)."""
    last = realisasi.riwayat.aggregate(m=Max("nomor"))["m"] or 0
    RiwayatRealisasi.objects.create(
        realisasi=realisasi,
        nomor=last + 1,
        nilai_angka=realisasi.nilai_angka,
        nilai_teks=realisasi.nilai_teks,
        narasi=realisasi.narasi,
        bukti=list(
            realisasi.bukti.filter(ditarik_at__isnull=True).order_by("pk").values_list("pk", flat=True)
        ),
        diisi_oleh_id=realisasi.diisi_oleh_id,
        berlaku_sampai=timezone.now(),
    )


@transaction.atomic
def realisasi_save(
    *,
    actor,
    skp: SKP,
    periode: Periode,
    indikator_id: int,
    nilai: str = "",
    nilai_teks: str = "",
    narasi: str = "",
    kunci: int | None = None,
) -> Realisasi:
    """Record (or change) the realisation of one indikator of the SKP in one period."""
    skp, plan = common.recordable(actor, skp, periode)
    assert plan.versi is not None  # recordable refuses a period without a version in force
    found = plan.indikator(indikator_id)
    if found is None:
        raise ApplicationError(
            _("This indicator is not part of the SKP in force for %(periode)s.") % {"periode": periode.nama}
        )
    _rhk, indikator = found
    values, errors = realisasi_values(indikator, nilai, nilai_teks, narasi)
    if errors:
        raise ApplicationError(errors)
    realisasi = (
        Realisasi.objects.select_for_update()
        .filter(skp=skp, periode=periode, indikator_id=indikator_id)
        .first()
    )
    if realisasi is None:
        if kunci not in (None, 0):
            raise _conflict()  # it was deleted or never existed for the form that claims a version of it
        realisasi = Realisasi(
            skp=skp, periode=periode, indikator_id=indikator_id, versi_skp=plan.versi.nomor, diisi_oleh=actor
        )
        before: dict = {}
        action = "realisasi.create"
    else:
        if kunci is None or realisasi.kunci != kunci:
            raise _conflict()
        before = audit.snapshot(realisasi, FIELDS)
        if audit.snapshot(Realisasi(**values), FIELDS) == before:
            return realisasi  # nothing changed: no history row, no event
        _keep_history(realisasi)
        realisasi.kunci += 1
        realisasi.diisi_oleh = actor
        action = "realisasi.update"
    for name, value in values.items():
        setattr(realisasi, name, value)
    # against the version in force for the period, which the realisation then belongs to (a revision approved by
    # the period's first day moves it there)
    realisasi.versi_skp = plan.versi.nomor
    _target, value = rules.period_numbers(
        indikator, periode.nomor, realisasi.nilai_angka, akumulasi_of(indikator)
    )
    realisasi.capaian = rules.stored(value)
    realisasi.save()
    common.record(actor, skp, action, audit.diff(before, audit.snapshot(realisasi, FIELDS)), obj=realisasi)
    return realisasi
