"""Every write of evaluation (issue 15): the penilai saves the draft and finalises it, the pegawai acknowledges it
or objects within the framework's days, the atasan penilai decides the objection; the leader above records a
unit's organisation result. Each checks the actor and the state, writes in one transaction, is audited and tells
the other party."""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.accounts.models import User
from kinerja.accounts.permissions import access_of
from kinerja.core import audit, clock, verification
from kinerja.core.errors import ApplicationError, ConflictError
from kinerja.core.formats import tanggal
from kinerja.core.notifications import notify
from kinerja.core.services import deny_unless, full_clean, require_reason
from kinerja.criteria.rules import RATING_LABELS
from kinerja.evaluation import documents, permissions, rules, selectors, workflow
from kinerja.evaluation.models import Evaluasi, HasilOrganisasi, JenisEvaluasi, StatusEvaluasi
from kinerja.evaluation.rules import ORGANISASI_ID
from kinerja.monitoring.services import common
from kinerja.org import selectors as org_selectors
from kinerja.org.models import UnitKerja
from kinerja.planning.models import SKP, Periode

TEXT_LIMIT = 4000
RESULT = ["rating_hasil_kerja", "rating_perilaku", "predikat"]
FIELDS = [
    "rating_rhk",
    "rating_nilai",
    "saran_hasil_kerja",
    *RESULT,
    "alasan_hasil_kerja",
    "catatan",
    "rekomendasi",
    "penilai",
    "atasan_penilai",
]


def _user_of(pegawai_id: int | None) -> list[User]:
    """The pegawai's active account as a list to notify (none without one)."""
    user = common.user_of(pegawai_id)
    return [user] if user is not None else []


def _about(evaluasi: Evaluasi) -> dict:
    return common.about(evaluasi, f"{_('Evaluation')} {evaluasi.nama_periode}")


def _url(evaluasi: Evaluasi) -> str:
    return reverse("evaluation:detail", args=[evaluasi.pk])


def _locked(evaluasi: Evaluasi) -> Evaluasi:
    return (
        Evaluasi.objects.select_for_update(of=("self",))
        .select_related(
            "skp", "skp__jabatan", "skp__jabatan__unit", "skp__instansi", "pegawai", "instansi", "periode"
        )
        .get(pk=evaluasi.pk)
    )


def _ratings(values: dict | None, wanted: list[str], what: str) -> dict[str, str]:
    """Only known keys with a valid rating (a blank choice is "not rated yet"); an unknown rating is refused."""
    result = {}
    for key, value in (values or {}).items():
        key = str(key)
        if key not in wanted or not value:
            continue
        if value not in rules.RATINGS:
            raise ApplicationError(
                _("Unknown rating for %(what)s: %(value)s.") % {"what": what, "value": value}
            )
        result[key] = value
    return result


def _check_span(actor, skp: SKP, periode: Periode | None) -> tuple[int, int | None]:
    """Refuse unless the actor is the penilai at the end of the span, the SKP was approved and covers it, and
    the span has ended; return the penilai and atasan penilai."""
    if periode is not None and periode.tahun_kinerja_id != skp.tahun_kinerja_id:
        raise ApplicationError(_("The period does not belong to this SKP's year."))
    penilai_id, atasan_id = selectors.assessors_of(skp, periode)
    if not permissions.may_evaluate(actor, penilai_id, skp):
        raise PermissionDenied(
            _("Only the assessing official of %(name)s at the end of the period evaluates it.")
            % {"name": skp.pegawai.nama_lengkap}
        )
    if skp.versi == 0:
        raise ApplicationError(_("This SKP was never approved; there is nothing to evaluate."))
    if periode is not None and (periode.selesai < skp.mulai or periode.mulai > skp.selesai):
        raise ApplicationError(
            _("The period %(periode)s is outside this SKP's span (%(mulai)s to %(selesai)s).")
            % {"periode": periode.nama, "mulai": tanggal(skp.mulai), "selesai": tanggal(skp.selesai)}
        )
    end = selectors.period_end(skp, periode)
    if clock.today(skp.instansi) <= end:
        raise ApplicationError(
            _("The evaluated span ends on %(date)s; it can be evaluated from the day after.")
            % {"date": tanggal(end)}
        )
    return penilai_id, atasan_id  # type: ignore[return-value]


def _predikat(evaluasi: Evaluasi, end: datetime.date) -> str:
    if evaluasi.rating_hasil_kerja and evaluasi.rating_perilaku:
        matrix = selectors.page.matrix_on(evaluasi.instansi_id, end)
        return rules.predikat(evaluasi.rating_hasil_kerja, evaluasi.rating_perilaku, matrix)
    return ""


@transaction.atomic
def evaluasi_simpan(
    *,
    actor,
    skp: SKP,
    periode: Periode | None,
    kunci: int | None = None,
    rating_rhk: dict | None = None,
    rating_nilai: dict | None = None,
    rating_hasil_kerja: str = "",
    alasan_hasil_kerja: str = "",
    rating_perilaku: str = "",
    catatan: str = "",
    rekomendasi: str = "",
    finalkan: bool = False,
) -> Evaluasi:
    """Save the penilai's draft of the SKP's evaluation for the period (None: the annual one), creating it on the
    first save; with `finalkan`, finalise it in the same step (every RHK and value rated, a departure from the
    suggested rating hasil kerja explained)."""
    skp = common.locked_skp(skp)
    penilai_id, atasan_id = _check_span(actor, skp, periode)
    evaluasi = Evaluasi.objects.filter(skp=skp, periode=periode).first()
    if evaluasi is not None:
        evaluasi = _locked(evaluasi)
        if evaluasi.status not in workflow.EDITABLE:
            raise ApplicationError(
                _("This evaluation was finalised (%(status)s); it can no longer be changed.")
                % {"status": evaluasi.get_status_display().lower()}
            )
        # A form opened before the evaluation existed carries no kunci: someone else started it meanwhile.
        if kunci is None or kunci != evaluasi.kunci:
            raise ConflictError(
                _("Someone else saved this evaluation meanwhile; open it again to see their changes.")
            )
    page = selectors.evaluation_page(skp, periode, evaluasi)
    wanted_rhk = [r.key for r in page.rhk]
    wanted_nilai = [n.kode for n in page.nilai]
    errors: dict[str, str] = {}
    texts = {"alasan_hasil_kerja": alasan_hasil_kerja, "catatan": catatan, "rekomendasi": rekomendasi}
    texts = {k: (v or "").replace("\x00", "").strip() for k, v in texts.items()}
    for name, value in texts.items():
        if len(value) > TEXT_LIMIT:
            errors[name] = _("At most %(n)s characters.") % {"n": TEXT_LIMIT}
    for name, value in (("rating_hasil_kerja", rating_hasil_kerja), ("rating_perilaku", rating_perilaku)):
        if value and value not in rules.RATINGS:
            errors[name] = _("Choose one of the three ratings.")
    if errors:
        raise ApplicationError(errors)
    given_rhk = _ratings(rating_rhk, wanted_rhk, _("a work result"))
    given_nilai = _ratings(rating_nilai, wanted_nilai, _("a core value"))
    if evaluasi is None:
        evaluasi = Evaluasi(
            instansi=skp.instansi,
            skp=skp,
            pegawai=skp.pegawai,
            periode=periode,
            jenis=JenisEvaluasi.PERIODIK if periode else JenisEvaluasi.TAHUNAN,
            tahun=skp.tahun,
            penilai_id=penilai_id,
        )
        before = {}
    else:
        before = audit.snapshot(evaluasi, FIELDS)
    for row in page.rhk:
        row.given = given_rhk.get(row.key)
    saran = selectors.page.hasil_saran(page.rhk, page.organisasi, page.unit_dipimpin)
    evaluasi.penilai_id, evaluasi.atasan_penilai_id = penilai_id, atasan_id
    evaluasi.versi_skp = page.saran.versi
    evaluasi.rating_rhk, evaluasi.rating_nilai = given_rhk, given_nilai
    evaluasi.saran_hasil_kerja = saran.rating or ""
    # A unit head's rating hasil kerja is their unit's organisation result, whatever was sent.
    evaluasi.rating_hasil_kerja = (
        (saran.rating or "") if page.unit_dipimpin is not None else rating_hasil_kerja or ""
    )
    evaluasi.rating_perilaku = rating_perilaku or ""
    evaluasi.alasan_hasil_kerja = texts["alasan_hasil_kerja"]
    evaluasi.catatan, evaluasi.rekomendasi = texts["catatan"], texts["rekomendasi"]
    if page.organisasi is not None:
        evaluasi.predikat_organisasi = page.organisasi.predikat
        evaluasi.capaian_organisasi = page.organisasi.capaian
    evaluasi.predikat = _predikat(evaluasi, page.end or skp.selesai)
    evaluasi.diubah_oleh = actor
    evaluasi.kunci += 1
    full_clean(evaluasi, exclude=["skp", "periode"])
    try:
        with transaction.atomic():
            evaluasi.save()
    except IntegrityError:
        raise ConflictError(
            _("Someone else started this evaluation meanwhile; open it again to see their changes.")
        ) from None
    action = "evaluation.evaluasi.simpan" if before else "evaluation.evaluasi.create"
    changes = (
        audit.diff(before, audit.snapshot(evaluasi, FIELDS)) if before else audit.created(evaluasi, FIELDS)
    )
    # A draft is the penilai's work in progress: its events are not the pegawai's to read in their audit trail
    # (the finalisation, which they are told of, is).
    audit.record(
        actor=actor, action=action, obj=evaluasi, changes=changes, **{**_about(evaluasi), "pegawai": None}
    )
    if finalkan:
        _finalise(actor, evaluasi, page, wanted_rhk, wanted_nilai)
    return evaluasi


def _finalise(actor, evaluasi: Evaluasi, page, wanted_rhk: list[str], wanted_nilai: list[str]) -> None:
    permissions.WORKFLOW.check(actor=actor, obj=evaluasi, action=workflow.FINALKAN)
    errors: dict[str, str] = {}
    missing_rhk = rules.unrated(wanted_rhk, evaluasi.rating_rhk)
    if missing_rhk and page.unit_dipimpin is None:
        names = [r.rhk.get("uraian", "") for r in page.rhk if r.key in missing_rhk]
        errors["rating_rhk"] = _("Rate every work result before finalising; not rated yet: %(names)s.") % {
            "names": "; ".join(n[:80] for n in names)
        }
    missing_nilai = rules.unrated(wanted_nilai, evaluasi.rating_nilai)
    if missing_nilai:
        names = [n.nama for n in page.nilai if n.kode in missing_nilai]
        errors["rating_nilai"] = _("Rate every core value before finalising; not rated yet: %(names)s.") % {
            "names": ", ".join(names)
        }
    if page.unit_dipimpin is not None and page.organisasi is None:
        errors["rating_hasil_kerja"] = _(
            "%(unit)s has no organisation result for this period yet; for its head it is the work result "
            "rating. Ask the leader above to record it first."
        ) % {"unit": page.unit_dipimpin.nama}
    elif not evaluasi.rating_hasil_kerja:
        errors["rating_hasil_kerja"] = _("Give the work result rating.")
    elif (
        evaluasi.saran_hasil_kerja
        and evaluasi.rating_hasil_kerja != evaluasi.saran_hasil_kerja
        and not evaluasi.alasan_hasil_kerja
    ):
        errors["alasan_hasil_kerja"] = _(
            "The rating departs from the suggestion (%(saran)s): write why, for the employee and the auditors."
        ) % {"saran": RATING_LABELS[evaluasi.saran_hasil_kerja]}
    if not evaluasi.rating_perilaku:
        errors["rating_perilaku"] = _("Give the work behaviour rating.")
    if errors:
        raise ApplicationError(errors)
    today = clock.today(evaluasi.instansi)
    days = selectors.page.objection_days(evaluasi.instansi_id, today)
    evaluasi.final_at = timezone.now()
    evaluasi.batas_keberatan = rules.objection_deadline(today, days)
    evaluasi.identitas = selectors.page.identities(evaluasi.skp, evaluasi.periode)
    _move(actor, evaluasi, workflow.FINALKAN, fields=("final_at", "batas_keberatan", "identitas"))
    notify(
        _user_of(evaluasi.pegawai_id),
        judul=_("Your evaluation for %(periode)s is final: %(predikat)s")
        % {"periode": evaluasi.nama_periode, "predikat": evaluasi.get_predikat_display()},
        isi=_("Acknowledge it, or object with your reasons by %(date)s.")
        % {"date": tanggal(evaluasi.batas_keberatan)},
        url=_url(evaluasi),
    )


def _move(actor, evaluasi: Evaluasi, action: str, reason: str = "", fields=(), changes=None) -> None:
    permissions.WORKFLOW.transition(
        actor=actor,
        obj=evaluasi,
        action=action,
        reason=reason,
        changes=changes,
        save=lambda o: o.save(update_fields=["status", "updated_at", "kunci", *fields]),
        **_about(evaluasi),
    )


@transaction.atomic
def evaluasi_terima(*, actor, evaluasi: Evaluasi) -> Evaluasi:
    """The pegawai acknowledges the finalised result; the evaluation is locked."""
    evaluasi = _locked(evaluasi)
    evaluasi.diterima_at = timezone.now()
    evaluasi.kunci += 1
    _move(actor, evaluasi, workflow.TERIMA, fields=("diterima_at",))
    notify(
        _user_of(evaluasi.penilai_id),
        judul=_("%(name)s acknowledged the evaluation for %(periode)s")
        % {"name": evaluasi.pegawai.nama_lengkap, "periode": evaluasi.nama_periode},
        url=_url(evaluasi),
    )
    return evaluasi


@transaction.atomic
def evaluasi_keberatan(*, actor, evaluasi: Evaluasi, reason: str) -> Evaluasi:
    """The pegawai objects to the finalised result with reasons, by the deadline; the atasan penilai decides."""
    evaluasi = _locked(evaluasi)
    permissions.WORKFLOW.check(actor=actor, obj=evaluasi, action=workflow.KEBERATAN)
    reason = require_reason(reason, _("Write the reasons of your objection."))
    if len(reason) > TEXT_LIMIT:
        raise ApplicationError({"reason": _("At most %(n)s characters.") % {"n": TEXT_LIMIT}})
    today = clock.today(evaluasi.instansi)
    if evaluasi.batas_keberatan and today > evaluasi.batas_keberatan:
        raise ApplicationError(
            _("Objections to this evaluation were accepted until %(date)s; that time has passed.")
            % {"date": tanggal(evaluasi.batas_keberatan)}
        )
    if evaluasi.atasan_penilai_id is None:
        raise ApplicationError(
            _(
                "Your assessing official has no superior in the organisation chart to decide an objection; ask the "
                "BKPSDM to correct the chart."
            )
        )
    evaluasi.alasan_keberatan = reason
    evaluasi.keberatan_at = timezone.now()
    evaluasi.kunci += 1
    _move(actor, evaluasi, workflow.KEBERATAN, reason=reason, fields=("alasan_keberatan", "keberatan_at"))
    notify(
        _user_of(evaluasi.atasan_penilai_id) + _user_of(evaluasi.penilai_id),
        judul=_("%(name)s objects to the evaluation for %(periode)s")
        % {"name": evaluasi.pegawai.nama_lengkap, "periode": evaluasi.nama_periode},
        isi=reason[:300],
        url=_url(evaluasi),
    )
    return evaluasi


def check_ratings(**ratings: str) -> None:
    """Refuse, naming each field, a rating that is not one of the three."""
    errors = {
        name: _("Choose one of the three ratings.")
        for name, value in ratings.items()
        if value not in rules.RATINGS
    }
    if errors:
        raise ApplicationError(errors)


def check_head_rating(evaluasi: Evaluasi, rating_hasil_kerja: str) -> None:
    """A unit head's rating hasil kerja is their unit's organisation result (DOMAIN 2.5): a calibration changes
    their work behaviour rating, or the leader above changes the organisation result."""
    if evaluasi.predikat_organisasi:
        follows = rules.hasil_kerja_of_organisasi(evaluasi.predikat_organisasi)
        if rating_hasil_kerja != follows:
            raise ApplicationError(
                {
                    "rating_hasil_kerja": _(
                        "The work result rating of a unit's head is their unit's organisation result (%(predikat)s): "
                        "%(rating)s."
                    )
                    % {
                        "predikat": evaluasi.get_predikat_organisasi_display(),
                        "rating": RATING_LABELS[follows],
                    }
                }
            )


def check_calibratable(evaluasi: Evaluasi) -> None:
    """Refuse calibrating a result under objection or whose objection was decided (the superior's is the formal
    decision); the workflow refuses the rest (a draft)."""
    if evaluasi.status == StatusEvaluasi.KEBERATAN:
        raise ApplicationError(
            _(
                "%(name)s's objection to this result is pending; the superior of the assessing official decides it."
            )
            % {"name": evaluasi.pegawai.nama_lengkap}
        )
    if evaluasi.status == StatusEvaluasi.DIPUTUS:
        raise ApplicationError(
            _("An objection to this result was decided by the superior of the assessing official; it stands.")
        )


@transaction.atomic
def evaluasi_putus(
    *, actor, evaluasi: Evaluasi, reason: str, rating_hasil_kerja: str, rating_perilaku: str
) -> Evaluasi:
    """The atasan penilai decides the objection with reasons: keeps the ratings or changes them (the predikat
    follows the matrix); the result before is kept; the evaluation is locked."""
    evaluasi = _locked(evaluasi)
    permissions.WORKFLOW.check(actor=actor, obj=evaluasi, action=workflow.PUTUS)
    reason = require_reason(reason, _("Write the reasons of your decision."))
    check_ratings(rating_hasil_kerja=rating_hasil_kerja, rating_perilaku=rating_perilaku)
    before = audit.snapshot(evaluasi, RESULT)
    evaluasi.hasil_awal = {name: getattr(evaluasi, name) for name in RESULT}
    evaluasi.rating_hasil_kerja, evaluasi.rating_perilaku = rating_hasil_kerja, rating_perilaku
    evaluasi.predikat = _predikat(evaluasi, selectors.period_end(evaluasi.skp, evaluasi.periode))
    evaluasi.alasan_keputusan = reason
    evaluasi.diputus_oleh_id = access_of(actor).pegawai_id
    evaluasi.diputus_at = timezone.now()
    evaluasi.kunci += 1
    _move(
        actor,
        evaluasi,
        workflow.PUTUS,
        reason=reason,
        fields=(*RESULT, "hasil_awal", "alasan_keputusan", "diputus_oleh", "diputus_at"),
        changes=audit.diff(before, audit.snapshot(evaluasi, RESULT)),
    )
    changed = evaluasi.hasil_awal["predikat"] != evaluasi.predikat
    notify(
        _user_of(evaluasi.pegawai_id) + _user_of(evaluasi.penilai_id),
        judul=(
            _("The objection was decided: the predikat is now %(predikat)s")
            if changed
            else _("The objection was decided: the predikat stays %(predikat)s")
        )
        % {"predikat": evaluasi.get_predikat_display()},
        isi=reason[:300],
        url=_url(evaluasi),
    )
    return evaluasi


@transaction.atomic
def evaluasi_kalibrasi(
    *, actor, evaluasi: Evaluasi, rating_hasil_kerja: str, rating_perilaku: str, reason: str, sesi: str
) -> Evaluasi:
    """A calibration session (`sesi`, its name) changes a finalised or acknowledged result with reasons: the
    predikat follows the matrix, the result before is kept, and the result is finalised again with a new
    objection deadline, so the pegawai may acknowledge it or object to it like any result. Refused for a result
    under objection or whose objection was decided (evaluation.workflow)."""
    evaluasi = _locked(evaluasi)
    deny_unless(permissions.calibrates(actor, evaluasi))  # a stranger learns nothing of its state
    check_calibratable(evaluasi)
    permissions.WORKFLOW.check(actor=actor, obj=evaluasi, action=workflow.KALIBRASI)
    check_ratings(rating_hasil_kerja=rating_hasil_kerja, rating_perilaku=rating_perilaku)
    check_head_rating(evaluasi, rating_hasil_kerja)
    before = audit.snapshot(evaluasi, RESULT)
    evaluasi.hasil_sebelum_kalibrasi = {name: getattr(evaluasi, name) for name in RESULT}
    evaluasi.rating_hasil_kerja, evaluasi.rating_perilaku = rating_hasil_kerja, rating_perilaku
    evaluasi.predikat = _predikat(evaluasi, selectors.period_end(evaluasi.skp, evaluasi.periode))
    today = clock.today(evaluasi.instansi)
    evaluasi.alasan_kalibrasi = require_reason(reason)
    evaluasi.sesi_kalibrasi = sesi[:150]
    evaluasi.predikat_kalibrasi = evaluasi.predikat
    evaluasi.kali_kalibrasi += 1
    evaluasi.dikalibrasi_at = timezone.now()
    evaluasi.diterima_at = None
    evaluasi.batas_keberatan = rules.objection_deadline(
        today, selectors.page.objection_days(evaluasi.instansi_id, today)
    )
    evaluasi.kunci += 1
    fields = (
        "hasil_sebelum_kalibrasi",
        "alasan_kalibrasi",
        "sesi_kalibrasi",
        "predikat_kalibrasi",
        "kali_kalibrasi",
        "dikalibrasi_at",
    )
    _move(
        actor,
        evaluasi,
        workflow.KALIBRASI,
        reason=evaluasi.alasan_kalibrasi,
        fields=(*RESULT, *fields, "diterima_at", "batas_keberatan"),
        changes=audit.diff(before, audit.snapshot(evaluasi, RESULT)),
    )
    notify(
        _user_of(evaluasi.pegawai_id) + _user_of(evaluasi.penilai_id),
        judul=_("Calibration changed the predikat of %(periode)s to %(predikat)s")
        % {"periode": evaluasi.nama_periode, "predikat": evaluasi.get_predikat_display()},
        isi=evaluasi.alasan_kalibrasi[:300],
        url=_url(evaluasi),
    )
    return evaluasi


@transaction.atomic
def evaluasi_issue_document(*, actor, evaluasi: Evaluasi):
    """The document number and content hash of the result as it stands (version 1 as finalised, 2 once an
    objection was decided): written (and audited) at its first print by anyone who reads the evaluation, the same
    record every time after."""
    deny_unless(
        evaluasi.status not in workflow.EDITABLE
        and permissions.evaluasi_visible_to(actor).filter(pk=evaluasi.pk).exists()
    )
    return verification.issue(actor, documents.signed(evaluasi))


# Organisation results ------------------------------------------------------------------------------------------

ORG_FIELDS = ["capaian", "predikat", "bukti", "tautan"]


@transaction.atomic
def hasil_organisasi_simpan(
    *,
    actor,
    unit: UnitKerja,
    tahun: int,
    periode: Periode | None,
    capaian,
    predikat: str,
    bukti: str = "",
    tautan: str = "",
) -> HasilOrganisasi:
    """Record (or correct) a unit's organisation result for a period or (no period) the year. Refused once an
    evaluation of its head for that span is finalised: the result has become their rating."""
    if not permissions.can_record_organisation(actor, unit):
        raise PermissionDenied(
            _(
                "The organisation result of %(unit)s is recorded by the leader of a unit above it or the BKPSDM."
            )
            % {"unit": unit.nama}
        )
    errors: dict[str, str] = {}
    if periode is not None and (
        periode.tahun_kinerja.instansi_id != unit.instansi_id or periode.tahun_kinerja.tahun != tahun
    ):
        errors["periode"] = _("The period does not belong to %(year)s.") % {"year": tahun}
    try:
        value = Decimal(str(capaian).replace(",", ".")).quantize(Decimal("0.01"))
        if value < 0 or value > 1000:
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        errors["capaian"] = _("Give the achievement as a percentage between 0 and 1000, e.g. 97,5.")
        value = Decimal(0)
    if predikat not in ORGANISASI_ID:
        errors["predikat"] = _("Choose one of the five organisation predikat.")
    if errors:
        raise ApplicationError(errors)
    decided = Evaluasi.objects.filter(
        skp__jabatan__unit=unit, skp__jabatan__kepala_unit=True, periode=periode, tahun=tahun
    ).exclude(status=StatusEvaluasi.DRAF)
    if decided.exists():
        raise ApplicationError(
            _(
                "The evaluation of the head of %(unit)s for this period is final; its result can no longer change."
            )
            % {"unit": unit.nama}
        )
    found = (
        HasilOrganisasi.objects.select_for_update().filter(unit=unit, tahun=tahun, periode=periode).first()
    )
    before = audit.snapshot(found, ORG_FIELDS) if found else {}
    hasil = found or HasilOrganisasi(instansi_id=unit.instansi_id, unit=unit, tahun=tahun, periode=periode)
    hasil.capaian, hasil.predikat = value, predikat
    hasil.bukti, hasil.tautan = (bukti or "").strip()[:TEXT_LIMIT], (tautan or "").strip()
    hasil.dicatat_oleh = actor
    full_clean(hasil, exclude=["unit", "periode", "dicatat_oleh", "instansi"])
    try:
        with transaction.atomic():
            hasil.save()
    except IntegrityError:
        raise ConflictError(
            _("Someone else recorded this result meanwhile; open it again to see theirs.")
        ) from None
    changes = (
        audit.diff(before, audit.snapshot(hasil, ORG_FIELDS)) if found else audit.created(hasil, ORG_FIELDS)
    )
    span = periode.nama if periode else str(tahun)
    heads = org_selectors.holders_of(
        unit.jabatan.filter(kepala_unit=True, aktif=True).values("pk"), clock.today(unit.instansi)
    )
    notify(
        [u for p in heads.values() for u in _user_of(p.pegawai_id)],
        judul=_("The organisation result of %(unit)s for %(span)s: %(predikat)s")
        % {"unit": unit.nama, "span": span, "predikat": hasil.get_predikat_display()},
        isi=_("For the head of the unit it is the work result rating."),
        url=reverse("evaluation:organisasi")
        + f"?tahun={tahun}&periode={periode.nomor if periode else 'tahunan'}",
    )
    audit.record(
        actor=actor,
        action="evaluation.organisasi.simpan",
        obj=hasil,
        changes=changes,
        object_repr=f"{unit.nama} · {periode.nama if periode else tahun}",
        instansi=unit.instansi,
    )
    return hasil
