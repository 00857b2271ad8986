"""Every write of calibration (issue 17): open a session, propose a change, accept or reject it, close the
session (which applies the accepted changes through the evaluation service). Each checks the actor and the
state, writes in one transaction, is audited and tells the people concerned; a refusal changes nothing."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.accounts.models import User
from kinerja.accounts.permissions import access_of
from kinerja.calibration import permissions, workflow
from kinerja.calibration.models import OPEN_USULAN, SesiKalibrasi, StatusUsulan, Usulan
from kinerja.calibration.selectors import sesi as selectors
from kinerja.core import audit, clock
from kinerja.core.errors import ApplicationError
from kinerja.core.formats import tanggal
from kinerja.core.notifications import notify
from kinerja.core.services import deny_unless, require_reason
from kinerja.evaluation import rules as evaluation_rules
from kinerja.evaluation import services as evaluation_services
from kinerja.evaluation.models import Evaluasi
from kinerja.evaluation.selectors import page as evaluation_page
from kinerja.evaluation.selectors import period_end
from kinerja.monitoring.services import common
from kinerja.org.models import Instansi, UnitKerja
from kinerja.planning.models import Periode

TEXT_LIMIT = 4000


def _url(sesi: SesiKalibrasi) -> str:
    return reverse("calibration:sesi", args=[sesi.pk])


def _locked_sesi(sesi: SesiKalibrasi) -> SesiKalibrasi:
    return (
        SesiKalibrasi.objects.select_for_update(of=("self",))
        .select_related("instansi", "periode")
        .get(pk=sesi.pk)
    )


def _text(value: str, message: str, field: str = "alasan") -> str:
    value = require_reason(value, message)
    if len(value) > TEXT_LIMIT:
        raise ApplicationError({field: _("At most %(n)s characters.") % {"n": TEXT_LIMIT}})
    return value


def _check_opening(instansi: Instansi, tahun: int, periode, units, ketua, anggota) -> None:
    errors = {}
    if periode is not None and periode.tahun_kinerja.tahun != tahun:
        errors["periode"] = _("The period does not belong to %(year)s.") % {"year": tahun}
    if not units:
        errors["units"] = _("Choose at least one unit.")
    elif any(u.instansi_id != instansi.pk for u in units):
        errors["units"] = _("Choose units of your own agency.")
    today = clock.today(instansi)
    if ketua is None or not selectors.chair_choices(instansi.pk).filter(pk=ketua.pk).exists():
        errors["ketua"] = _("The chair is a member of the evaluation team or the BKPSDM of the agency.")
    allowed = set(selectors.member_choices(instansi.pk, today).values_list("pk", flat=True))
    if any(u.pk not in allowed for u in anggota):
        errors["anggota"] = _(
            "Members are the evaluation team, the BKPSDM and the heads of the departments of the agency."
        )
    if errors:
        raise ApplicationError(errors)


@transaction.atomic
def sesi_buka(
    *,
    actor,
    instansi: Instansi,
    nama: str,
    tahun: int,
    periode: Periode | None,
    units: list[UnitKerja],
    ketua: User | None,
    anggota: list[User],
    catatan: str = "",
) -> SesiKalibrasi:
    """Open a session over the units (each with the units below it) for a period (None: the annual results)."""
    deny_unless(permissions.can_open_session(actor, instansi.pk))
    nama = (nama or "").strip()
    if not nama:
        raise ApplicationError({"nama": _("Name the session.")})
    _check_opening(instansi, tahun, periode, units, ketua, anggota)
    assert ketua is not None  # checked above
    try:
        with transaction.atomic():
            sesi = SesiKalibrasi.objects.create(
                instansi=instansi,
                nama=nama[:150],
                tahun=tahun,
                periode=periode,
                ketua=ketua,
                dibuka_oleh=actor,
                catatan=catatan or "",
            )
    except IntegrityError:
        raise ApplicationError(
            {"nama": _("The agency already has a session of this name in that year.")}
        ) from None
    sesi.units.set(units)
    members = [u for u in anggota if u.pk != ketua.pk]
    sesi.anggota.set(members)
    audit.record(
        actor=actor,
        action="calibration.sesi.buka",
        obj=sesi,
        instansi=instansi,
        changes={
            "periode": [None, periode.nama if periode else _("Annual")],
            "units": [None, ", ".join(u.nama for u in units)],
            "ketua": [None, ketua.nama],
            "anggota": [None, ", ".join(u.nama for u in members)],
        },
    )
    notify(
        [ketua, *members],
        judul=_("You sit in the calibration session “%(name)s”") % {"name": sesi.nama},
        url=_url(sesi),
    )
    return sesi


@transaction.atomic
def usulan_ajukan(
    *,
    actor,
    sesi: SesiKalibrasi,
    evaluasi: Evaluasi,
    rating_hasil_kerja: str,
    rating_perilaku: str,
    alasan: str,
) -> Usulan:
    """A member proposes another result for one evaluation of the session, with reasons."""
    sesi = _locked_sesi(sesi)
    deny_unless(permissions.is_member(actor, sesi))
    if not sesi.terbuka:
        raise ApplicationError(_("The session is closed; nothing can be proposed any more."))
    found = selectors.evaluations_of(sesi).filter(pk=evaluasi.pk).first()
    if found is None:
        raise ApplicationError(_("This evaluation is not among the session's results."))
    if access_of(actor).pegawai_id == found.pegawai_id:
        raise PermissionDenied(_("Nobody proposes a change to their own result."))
    evaluation_services.check_calibratable(found)
    evaluation_services.check_ratings(rating_hasil_kerja=rating_hasil_kerja, rating_perilaku=rating_perilaku)
    evaluation_services.check_head_rating(found, rating_hasil_kerja)
    alasan = _text(alasan, _("Write why the result should change."))
    matrix = evaluation_page.matrix_on(sesi.instansi_id, period_end(found.skp, found.periode))
    predikat = evaluation_rules.predikat(rating_hasil_kerja, rating_perilaku, matrix)
    if (rating_hasil_kerja, rating_perilaku) == (found.rating_hasil_kerja, found.rating_perilaku):
        raise ApplicationError(_("These are the ratings the result already has; propose a change."))
    if sesi.usulan.filter(evaluasi=found, status__in=OPEN_USULAN).exists():
        raise ApplicationError(
            _("A proposal for %(name)s is already open in this session; the chair decides it first.")
            % {"name": found.pegawai.nama_lengkap}
        )
    usulan = Usulan.objects.create(
        sesi=sesi,
        evaluasi=found,
        diusulkan_oleh=actor,
        rating_hasil_kerja=rating_hasil_kerja,
        rating_perilaku=rating_perilaku,
        predikat=predikat,
        semula={
            "rating_hasil_kerja": found.rating_hasil_kerja,
            "rating_perilaku": found.rating_perilaku,
            "predikat": found.predikat,
        },
        alasan=alasan,
    )
    audit.record(
        actor=actor,
        action="calibration.usulan.ajukan",
        obj=usulan,
        reason=alasan,
        changes={"predikat": [found.predikat, predikat]},
        **common.about(found, f"{_('Calibration')} {sesi.nama}"),
    )
    if sesi.ketua_id != actor.pk:
        notify(
            [sesi.ketua],
            judul=_("New calibration proposal for %(name)s") % {"name": found.pegawai.nama_lengkap},
            isi=alasan[:300],
            url=_url(sesi),
        )
    return usulan


def _decide(actor, usulan: Usulan, action: str, reason: str = "") -> Usulan:
    usulan = (
        Usulan.objects.select_for_update(of=("self",))
        .select_related("sesi", "sesi__instansi", "evaluasi", "evaluasi__pegawai", "diusulkan_oleh")
        .get(pk=usulan.pk)
    )
    permissions.USULAN.check(actor=actor, obj=usulan, action=action)
    if not usulan.sesi.terbuka:
        raise ApplicationError(_("The session is closed; its proposals are no longer decided."))
    if access_of(actor).pegawai_id == usulan.evaluasi.pegawai_id:
        raise PermissionDenied(_("Nobody decides a change to their own result; another chair decides it."))
    usulan.diputus_oleh = actor
    usulan.diputus_at = timezone.now()
    usulan.catatan_ketua = reason
    permissions.USULAN.transition(
        actor=actor,
        obj=usulan,
        action=action,
        reason=reason,
        save=lambda o: o.save(
            update_fields=["status", "diputus_oleh", "diputus_at", "catatan_ketua", "updated_at"]
        ),
        **common.about(usulan.evaluasi, f"{_('Calibration')} {usulan.sesi.nama}"),
    )
    return usulan


@transaction.atomic
def usulan_terima(*, actor, usulan: Usulan) -> Usulan:
    """The chair accepts a proposal: it is applied when the session closes; the pegawai's penilai is told now."""
    usulan = _decide(actor, usulan, workflow.TERIMA)
    evaluasi = usulan.evaluasi
    notify(
        [common.user_of(evaluasi.penilai_id), usulan.diusulkan_oleh],
        judul=_("Calibration: the predikat of %(name)s for %(periode)s is to become %(predikat)s")
        % {
            "name": evaluasi.pegawai.nama_lengkap,
            "periode": evaluasi.nama_periode,
            "predikat": usulan.get_predikat_display(),
        },
        isi=usulan.alasan[:300],
        url=_url(usulan.sesi),
    )
    return usulan


@transaction.atomic
def usulan_tolak(*, actor, usulan: Usulan, reason: str) -> Usulan:
    """The chair rejects a proposal, with reasons; the member who proposed it is told."""
    reason = _text(reason, _("Write why the proposal is rejected."), "reason")
    usulan = _decide(actor, usulan, workflow.TOLAK, reason)
    notify(
        [usulan.diusulkan_oleh],
        judul=_("Your calibration proposal for %(name)s was rejected")
        % {"name": usulan.evaluasi.pegawai.nama_lengkap},
        isi=reason[:300],
        url=_url(usulan.sesi),
    )
    return usulan


def _unchanged(usulan: Usulan) -> None:
    """Refuse applying a proposal to a result that changed since it was proposed (another session, an objection
    decided): the members weighed the result they saw."""
    evaluasi = usulan.evaluasi
    now = (evaluasi.rating_hasil_kerja, evaluasi.rating_perilaku, evaluasi.predikat)
    seen = tuple(usulan.semula.get(k) for k in ("rating_hasil_kerja", "rating_perilaku", "predikat"))
    if now != seen:
        raise ApplicationError(
            _("The result changed after the proposal was made; propose again on the new one.")
        )


def _apply(actor, sesi: SesiKalibrasi, usulan: Usulan) -> bool:
    """Apply one accepted proposal through the evaluation service; when the evaluation can no longer be
    calibrated (or changed since), the proposal lapses with the refusal as its reason. Whether it was applied."""
    try:
        _unchanged(usulan)
        evaluation_services.evaluasi_kalibrasi(
            actor=actor,
            evaluasi=usulan.evaluasi,
            rating_hasil_kerja=usulan.rating_hasil_kerja,
            rating_perilaku=usulan.rating_perilaku,
            reason=usulan.alasan,
            sesi=sesi.nama,
        )
    except ValidationError as exc:
        usulan.catatan_ketua = " ".join(exc.messages)
        action, fields = workflow.GUGUR, ["status", "catatan_ketua", "updated_at"]
    else:
        action, fields = workflow.TERAPKAN, ["status", "updated_at"]
    permissions.USULAN.transition(
        actor=actor,
        obj=usulan,
        action=action,
        reason=usulan.catatan_ketua if action == workflow.GUGUR else "",
        save=lambda o: o.save(update_fields=fields),
        **common.about(usulan.evaluasi, f"{_('Calibration')} {sesi.nama}"),
    )
    return action == workflow.TERAPKAN


@transaction.atomic
def sesi_tutup(*, actor, sesi: SesiKalibrasi) -> dict[str, int]:
    """The chair closes the session: every accepted proposal is applied (or lapses when its evaluation went under
    objection meanwhile). Refused while proposals wait for a decision. Returns the counts."""
    sesi = _locked_sesi(sesi)
    permissions.SESI.check(actor=actor, obj=sesi, action=workflow.TUTUP)
    if not selectors.chair_choices(sesi.instansi_id).filter(pk=actor.pk).exists():
        raise ApplicationError(
            _(
                "The chair no longer belongs to the evaluation team or the BKPSDM, who apply the changes; the "
                "BKPSDM names another chair first."
            )
        )
    waiting = sesi.usulan.filter(status=StatusUsulan.DIAJUKAN).count()
    if waiting:
        raise ApplicationError(
            _("%(n)s proposals wait for your decision; accept or reject them before closing.")
            % {"n": waiting}
        )
    accepted = list(
        sesi.usulan.filter(status=StatusUsulan.DITERIMA)
        .select_related("evaluasi", "evaluasi__pegawai", "diusulkan_oleh", "sesi")
        .order_by("pk")
    )
    applied = sum(_apply(actor, sesi, u) for u in accepted)
    sesi.ditutup_at = timezone.now()
    counts = {"diterapkan": applied, "gugur": len(accepted) - applied}
    permissions.SESI.transition(
        actor=actor,
        obj=sesi,
        action=workflow.TUTUP,
        save=lambda o: o.save(update_fields=["status", "ditutup_at", "updated_at"]),
        changes={"diterapkan": [None, counts["diterapkan"]], "gugur": [None, counts["gugur"]]},
        instansi=sesi.instansi,
    )
    notify(
        list(sesi.anggota.all()),
        judul=_("The calibration session “%(name)s” was closed on %(date)s")
        % {"name": sesi.nama, "date": tanggal(clock.today(sesi.instansi))},
        url=_url(sesi),
    )
    return counts


@transaction.atomic
def sesi_ganti_ketua(*, actor, sesi: SesiKalibrasi, ketua: User | None) -> SesiKalibrasi:
    """The BKPSDM or the tim penilai names another chair of an open session (the chair moved or left the team);
    the old chair stays a member. Both are told."""
    sesi = _locked_sesi(sesi)
    deny_unless(permissions.can_open_session(actor, sesi.instansi_id))
    if not sesi.terbuka:
        raise ApplicationError(_("The session is closed."))
    if ketua is None or not selectors.chair_choices(sesi.instansi_id).filter(pk=ketua.pk).exists():
        raise ApplicationError(
            {"ketua": _("The chair is a member of the evaluation team or the BKPSDM of the agency.")}
        )
    old = sesi.ketua
    if ketua.pk == old.pk:
        raise ApplicationError({"ketua": _("This is already the chair.")})
    sesi.ketua = ketua
    sesi.save(update_fields=["ketua", "updated_at"])
    sesi.anggota.add(old)
    sesi.anggota.remove(ketua)
    audit.record(
        actor=actor,
        action="calibration.sesi.ketua",
        obj=sesi,
        instansi=sesi.instansi,
        changes={"ketua": [old.nama, ketua.nama]},
    )
    notify(
        [ketua, old],
        judul=_("%(name)s now chairs the calibration session “%(session)s”")
        % {"name": ketua.nama, "session": sesi.nama},
        url=_url(sesi),
    )
    return sesi
