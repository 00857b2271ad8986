"""Every write of 360 feedback (issue 16): the BKPSDM opens a round over a unit subtree or the whole instansi,
reminds the raters and closes it; a rater saves their form as they go and submits it once; the participant
nominates peers and the penilai approves or changes them; the penilai sets the competency profile. Each checks
the actor and the state, writes in one transaction, and is audited without a single answer in its details."""

import datetime
import secrets
from collections.abc import Mapping

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.accounts.models import User
from kinerja.accounts.permissions import access_of
from kinerja.accounts.selectors import active_users_of
from kinerja.core import audit, clock
from kinerja.core.errors import ApplicationError, ConflictError
from kinerja.core.formats import tanggal
from kinerja.core.notifications import notify, notify_many
from kinerja.core.services import ADMIN_BKPSDM_ONLY, deny_unless, full_clean
from kinerja.criteria import selectors as criteria_selectors
from kinerja.feedback360 import permissions, rules, selectors
from kinerja.feedback360.models import (
    Formulir,
    Jawaban,
    Kelompok,
    Peserta,
    ProfilKompetensi,
    Ronde,
    StatusRekan,
)
from kinerja.org import selectors as org_selectors
from kinerja.org.models import Instansi, Pegawai, UnitKerja
from kinerja.planning.models import Periode

COMMENT_LIMIT = 2000
BATCH = 2000


def _users(pegawai_ids) -> list[User]:
    return list(active_users_of(pegawai_ids).values())


def _today(ronde: Ronde) -> datetime.date:
    return clock.today(ronde.instansi)


def _must_be_open(ronde: Ronde) -> None:
    if ronde.closed(_today(ronde)):
        raise ApplicationError(
            _("The round “%(name)s” closed on %(date)s; nothing can be changed.")
            % {"name": ronde.nama, "date": tanggal(ronde.tanggal_tutup)}
        )


# Rounds --------------------------------------------------------------------------------------------------------


@transaction.atomic
def ronde_buka(
    *,
    actor,
    instansi: Instansi,
    nama: str,
    tanggal_tutup: datetime.date,
    unit: UnitKerja | None = None,
    periode: Periode | None = None,
) -> Ronde:
    """Open a round: everyone holding a position in the unit subtree (or the instansi) takes part, with forms for
    themselves, their pejabat penilai, their direct subordinates and suggested peers, in a fixed number of
    queries."""
    if not permissions.can_open_round(actor, instansi.pk):
        raise PermissionDenied(ADMIN_BKPSDM_ONLY)
    today = clock.today(instansi)
    errors: dict[str, list[str]] = {}
    if not (nama or "").strip():
        errors["nama"] = [_("Give the round a name.")]
    if tanggal_tutup < today:
        errors["tanggal_tutup"] = [_("The closing date cannot be in the past.")]
    if unit is not None and unit.instansi_id != instansi.pk:
        errors["unit"] = [_("The unit is not of this agency.")]
    if periode is not None and periode.tahun_kinerja.tahun != today.year:
        errors["periode"] = [_("The period is not of this year.")]
    kerangka = criteria_selectors.in_force(instansi.pk, today)
    if kerangka is None:
        errors.setdefault("__all__", []).append(
            _("No framework is in force for this year: publish one before opening a 360 round.")
        )
    if errors:
        raise ApplicationError(errors)
    assert kerangka is not None
    ronde = Ronde(
        instansi=instansi,
        kerangka=kerangka,
        nama=nama.strip(),
        tahun=today.year,
        periode=periode,
        unit=unit,
        tanggal_tutup=tanggal_tutup,
        ambang=rules.check_threshold(kerangka.ambang_anonim_360),
        rekan_min=kerangka.jumlah_rekan_min,
        rekan_maks=kerangka.jumlah_rekan_maks,
        rahasia=secrets.token_hex(16),
        dibuka_oleh=actor if getattr(actor, "is_authenticated", False) else None,
    )
    full_clean(ronde, exclude=["dibuka_oleh"])
    plan = selectors.plan_round(
        instansi,
        unit,
        today,
        peers=rules.suggested_peer_count(ronde.ambang, ronde.rekan_min, ronde.rekan_maks),
    )
    if not plan.participants:
        raise ApplicationError(_("Nobody holds a position in this unit today: there is nobody to ask."))
    try:
        with transaction.atomic():
            ronde.save()
    except IntegrityError:
        raise ConflictError(_("A round with this name already exists this year.")) from None
    Peserta.objects.bulk_create(
        [
            Peserta(
                ronde=ronde,
                pegawai_id=p.pegawai_id,
                jabatan_id=p.jabatan_id,
                unit_id=p.unit_id,
                penilai_id=p.penilai_id,
            )
            for p in plan.participants
        ],
        batch_size=BATCH,
    )
    ids = dict(Peserta.objects.filter(ronde=ronde).values_list("pegawai_id", "pk"))
    forms = []
    for p in plan.participants:
        peserta_id = ids[p.pegawai_id]
        forms.append(Formulir(peserta_id=peserta_id, pengisi_id=p.pegawai_id, kelompok=Kelompok.DIRI))
        if p.penilai_id:
            forms.append(Formulir(peserta_id=peserta_id, pengisi_id=p.penilai_id, kelompok=Kelompok.PENILAI))
        forms += [
            Formulir(peserta_id=peserta_id, pengisi_id=s, kelompok=Kelompok.BAWAHAN) for s in p.subordinates
        ]
        forms += [Formulir(peserta_id=peserta_id, pengisi_id=r, kelompok=Kelompok.REKAN) for r in p.peers]
    Formulir.objects.bulk_create(forms, batch_size=BATCH)
    audit.record(
        actor=actor,
        action="feedback360.ronde.buka",
        obj=ronde,
        instansi=instansi,
        changes={
            "unit": [None, unit.nama if unit else _("The whole agency")],
            "tanggal_tutup": [None, ronde.tanggal_tutup],
            "peserta": [None, len(plan.participants)],
            "formulir": [None, len(forms)],
        },
    )
    url = reverse("feedback360:index")
    judul = _("360 feedback: %(name)s") % {"name": ronde.nama}
    isi = _("You are asked to give feedback to your colleagues by %(date)s.") % {
        "date": tanggal(tanggal_tutup)
    }
    notify_many(((u, judul, isi, url) for u in _users({f.pengisi_id for f in forms})), batch_size=BATCH)
    return ronde


@transaction.atomic
def ronde_tutup(*, actor, ronde: Ronde) -> Ronde:
    """Close a round before its date: the reports open, forms not yet submitted lose their drafts."""
    if not permissions.can_open_round(actor, ronde.instansi_id):
        raise PermissionDenied(ADMIN_BKPSDM_ONLY)
    ronde = Ronde.objects.select_for_update().select_related("instansi").get(pk=ronde.pk)
    _must_be_open(ronde)
    ronde.ditutup_pada = timezone.now()
    ronde.save(update_fields=["ditutup_pada", "updated_at"])
    Formulir.objects.filter(peserta__ronde=ronde, selesai=False).exclude(draf={}).update(draf={})
    audit.record(
        actor=actor,
        action="feedback360.ronde.tutup",
        obj=ronde,
        instansi=ronde.instansi,
        changes={"ditutup_pada": [None, ronde.ditutup_pada]},
    )
    people = Peserta.objects.filter(ronde=ronde).values_list("pegawai_id", flat=True)
    notify(
        _users(people),
        judul=_("360 feedback: %(name)s has closed") % {"name": ronde.nama},
        isi=_("Your 360 report is ready."),
        url=reverse("feedback360:index"),
    )
    return ronde


def _pending_raters(ronde: Ronde) -> list[int]:
    return list(
        Formulir.objects.filter(peserta__ronde=ronde, aktif=True, selesai=False)
        .values_list("pengisi_id", flat=True)
        .distinct()
    )


@transaction.atomic
def pengingat_kirim(*, actor, ronde: Ronde) -> int:
    """Remind every rater with a form still to submit (once a day at most); returns how many were reminded."""
    if actor is not None and not permissions.can_open_round(actor, ronde.instansi_id):
        raise PermissionDenied(ADMIN_BKPSDM_ONLY)
    ronde = Ronde.objects.select_for_update().select_related("instansi").get(pk=ronde.pk)
    _must_be_open(ronde)
    today = _today(ronde)
    if ronde.pengingat_terakhir == today:
        raise ConflictError(_("The raters were already reminded today."))
    raters = _pending_raters(ronde)
    url = reverse("feedback360:index")
    judul = _("Reminder: 360 feedback closes on %(date)s") % {"date": tanggal(ronde.tanggal_tutup)}
    isi = _("You still have forms of “%(name)s” to fill in.") % {"name": ronde.nama}
    notify_many(((u, judul, isi, url) for u in _users(raters)), batch_size=BATCH)
    ronde.pengingat_terakhir = today
    ronde.save(update_fields=["pengingat_terakhir", "updated_at"])
    audit.record(
        actor=actor,
        action="feedback360.ronde.pengingat",
        obj=ronde,
        instansi=ronde.instansi,
        changes={"diingatkan": [None, len(raters)]},
    )
    return len(raters)


def pengingat_otomatis(today_of=clock.today, days_before: int = 3) -> dict[str, int]:
    """For a daily scheduler (`manage.py kirim_pengingat_360`): remind the raters of every open round that closes
    within `days_before` days and was not reminded today."""
    sent = {}
    for ronde in Ronde.objects.filter(ditutup_pada__isnull=True).select_related("instansi"):
        today = today_of(ronde.instansi)
        if ronde.closed(today) or (ronde.tanggal_tutup - today).days > days_before:
            continue
        if ronde.pengingat_terakhir == today:
            continue
        # Named with its agency: two agencies may each have a round of the same name.
        sent[f"{ronde.instansi.nama} · {ronde.nama}"] = pengingat_kirim(actor=None, ronde=ronde)
    return sent


# Forms ---------------------------------------------------------------------------------------------------------


def _levels(
    formulir: Formulir, nilai: Mapping[str, object]
) -> tuple[dict[str, object], list[selectors.Item]]:
    """The answers of a form, checked, and its questions: only the questionnaire's items, each a level 1 to 5,
    "x" (cannot judge) or blank (not answered yet)."""
    items = selectors.items_of(formulir.peserta)
    known = {item.key: item for item in items}
    found: dict[str, object] = {}
    errors = []
    for key, value in (nilai or {}).items():
        if key not in known:
            errors.append(_("“%(item)s” is not a question of this form.") % {"item": key})
            continue
        if value in (None, ""):
            continue
        if value == rules.CANNOT_JUDGE:
            found[key] = rules.CANNOT_JUDGE
            continue
        try:
            found[key] = rules.parse_level(value)
        except ValueError as exc:
            errors.append(f"{known[key].nama}: {exc.messages[0] if hasattr(exc, 'messages') else exc}")
    if errors:
        raise ApplicationError({"__all__": errors})
    return found, items


@transaction.atomic
def formulir_simpan(
    *, actor, formulir: Formulir, nilai: Mapping[str, object], komentar: str = "", kirim: bool = False
) -> Formulir:
    """Save a rater's answers as a draft, or submit them once: the answers then leave the form for an anonymous
    `Jawaban`, and the form keeps only that it was submitted."""
    found = (
        Formulir.objects.select_for_update(of=("self",))
        .select_related("peserta__ronde__instansi", "peserta__pegawai")
        .filter(pk=formulir.pk)
        .first()
    )
    if found is None or not permissions.can_fill(actor, found):
        raise PermissionDenied(_("This form is not yours to fill in."))
    formulir = found
    if formulir.selesai:
        raise ConflictError(_("This form was already submitted; it cannot be changed or sent again."))
    _must_be_open(formulir.peserta.ronde)
    komentar = (komentar or "").strip()
    if len(komentar) > COMMENT_LIMIT:
        raise ApplicationError(
            {"komentar": [_("A comment is at most %(n)s characters.") % {"n": COMMENT_LIMIT}]}
        )
    answers, items = _levels(formulir, nilai)
    if kirim:
        missing = [i.nama for i in items if i.key not in answers]
        if missing:
            raise ApplicationError(
                {
                    "__all__": [
                        _("Answer every question (or choose “cannot judge”): %(items)s.")
                        % {"items": ", ".join(missing)}
                    ]
                }
            )
        Jawaban.objects.create(
            peserta=formulir.peserta,
            kelompok=formulir.kelompok,
            nilai={k: (None if v == rules.CANNOT_JUDGE else v) for k, v in answers.items()},
            komentar=komentar,
        )
        formulir.draf = {}
        formulir.selesai = True
    else:
        formulir.draf = {"nilai": answers, "komentar": komentar}
    formulir.save(update_fields=["draf", "selesai"])
    peserta = formulir.peserta
    audit.record(
        actor=actor,
        action="feedback360.formulir.kirim" if kirim else "feedback360.formulir.simpan",
        obj=formulir,
        object_repr=f"{peserta.ronde.nama} · {formulir.get_kelompok_display()}"[:200],
        instansi=peserta.ronde.instansi,
        pegawai=actor.pegawai,
    )
    return formulir


# Peers ---------------------------------------------------------------------------------------------------------


def _replace_peers(
    peserta: Peserta, rekan: list[int], *, aktif: bool, nips: list[str] | None = None
) -> list[int]:
    ronde = peserta.ronde
    nips = list(nips or [])
    found = dict(org_selectors.pegawai_by_nip(ronde.instansi, nips).values_list("nip", "pk"))
    unknown = [n for n in nips if n not in found]
    rekan = list(dict.fromkeys([*rekan, *(found[n] for n in nips if n in found)]))
    others = set(
        Formulir.objects.filter(peserta=peserta)
        .exclude(kelompok=Kelompok.REKAN)
        .values_list("pengisi_id", flat=True)
    )
    in_instansi = set(
        Pegawai.objects.filter(pk__in=rekan, instansi_id=ronde.instansi_id).values_list("pk", flat=True)
    )
    errors = rules.nomination_errors(
        rekan,
        self_id=peserta.pegawai_id,
        in_instansi=in_instansi,
        minimum=ronde.rekan_min,
        maximum=ronde.rekan_maks,
    )
    doubled = [n for n in rekan if n in others and n != peserta.pegawai_id]
    if doubled:
        errors.append(
            _("Your assessing official and your subordinates already give feedback in their own group.")
        )
    if unknown:
        errors.append(_("No employee of the agency has the NIP %(nips)s.") % {"nips": ", ".join(unknown)})
    if errors:
        raise ApplicationError({"rekan": errors})
    current = Formulir.objects.filter(peserta=peserta, kelompok=Kelompok.REKAN)
    # Refusing only the removal of a peer who answered would tell, one removal at a time, who answered: once any
    # peer has answered, no peer is removed, whoever it is.
    if current.exclude(pengisi_id__in=rekan).exists() and current.filter(selesai=True).exists():
        raise ConflictError(
            _(
                "Peers can no longer be removed: answers have started to come in (who answered is never shown). "
                "Peers may still be added."
            )
        )
    current.exclude(pengisi_id__in=rekan).delete()
    kept = set(current.values_list("pengisi_id", flat=True))
    current.update(aktif=aktif)
    Formulir.objects.bulk_create(
        [
            Formulir(peserta=peserta, pengisi_id=r, kelompok=Kelompok.REKAN, aktif=aktif)
            for r in rekan
            if r not in kept
        ]
    )
    return rekan


def _peer_names(ids: list[int]) -> list[str]:
    names = dict(Pegawai.objects.filter(pk__in=ids).values_list("pk", "nama"))
    return [names.get(i, str(i)) for i in ids]


def _locked_peserta(peserta: Peserta) -> Peserta:
    return (
        Peserta.objects.select_for_update(of=("self",))
        .select_related("ronde__instansi", "pegawai", "penilai")
        .get(pk=peserta.pk)
    )


@transaction.atomic
def rekan_ajukan(*, actor, peserta: Peserta, rekan: list[int], nip_lain: list[str] | None = None) -> Peserta:
    """The participant nominates their peers; they wait for the penilai's approval."""
    deny_unless(permissions.is_participant(actor, peserta))
    peserta = _locked_peserta(peserta)
    _must_be_open(peserta.ronde)
    if peserta.status_rekan == StatusRekan.DISETUJUI:
        raise ConflictError(_("Your assessing official has already approved your peers."))
    before = peserta.status_rekan
    rekan = _replace_peers(peserta, rekan, aktif=False, nips=nip_lain)
    peserta.status_rekan = StatusRekan.DIAJUKAN if peserta.penilai_id else StatusRekan.DISETUJUI
    peserta.save(update_fields=["status_rekan"])
    audit.record(
        actor=actor,
        action="feedback360.rekan.ajukan",
        obj=peserta,
        instansi=peserta.ronde.instansi,
        pegawai=peserta.pegawai,
        changes={"status_rekan": [before, peserta.status_rekan], "rekan": [None, _peer_names(rekan)]},
    )
    if peserta.penilai_id:
        notify(
            _users([peserta.penilai_id]),
            judul=_("Peers nominated for 360 feedback: %(name)s") % {"name": peserta.pegawai.nama_lengkap},
            url=reverse("feedback360:rekan", args=[peserta.pk]),
        )
    else:
        Formulir.objects.filter(peserta=peserta, kelompok=Kelompok.REKAN).update(aktif=True)
    return peserta


@transaction.atomic
def rekan_setujui(
    *, actor, peserta: Peserta, rekan: list[int] | None = None, nip_lain: list[str] | None = None
) -> Peserta:
    """The round's penilai approves the peers, changed when `rekan` is given; their forms open."""
    deny_unless(permissions.can_approve(actor, peserta))
    peserta = _locked_peserta(peserta)
    _must_be_open(peserta.ronde)
    current = list(
        Formulir.objects.filter(peserta=peserta, kelompok=Kelompok.REKAN)
        .order_by("pk")
        .values_list("pengisi_id", flat=True)
    )
    chosen = _replace_peers(peserta, current if rekan is None else rekan, aktif=True, nips=nip_lain)
    before = peserta.status_rekan
    peserta.status_rekan = StatusRekan.DISETUJUI
    peserta.save(update_fields=["status_rekan"])
    audit.record(
        actor=actor,
        action="feedback360.rekan.setujui",
        obj=peserta,
        instansi=peserta.ronde.instansi,
        pegawai=peserta.pegawai,
        changes={
            "status_rekan": [before, peserta.status_rekan],
            "rekan": [_peer_names(current), _peer_names(chosen)],
        },
    )
    new = [r for r in chosen if r not in current]
    notify(
        _users(new),
        judul=_("360 feedback: %(name)s") % {"name": peserta.ronde.nama},
        isi=_("You are asked to give feedback to %(name)s.") % {"name": peserta.pegawai.nama_lengkap},
        url=reverse("feedback360:index"),
    )
    return peserta


def rekan_simpan(*, actor, peserta: Peserta, rekan: list[int], nip_lain: list[str] | None = None) -> Peserta:
    """The peers as the actor gives them: approved by the round's penilai, nominated by the participant."""
    if permissions.can_approve(actor, peserta):
        return rekan_setujui(actor=actor, peserta=peserta, rekan=rekan, nip_lain=nip_lain)
    return rekan_ajukan(actor=actor, peserta=peserta, rekan=rekan, nip_lain=nip_lain)


# Competency profile --------------------------------------------------------------------------------------------


@transaction.atomic
def profil_simpan(
    *,
    actor,
    pegawai: Pegawai,
    tahun: int,
    levels: Mapping[int, object],
    catatan: Mapping[int, str] | None = None,
) -> list[ProfilKompetensi]:
    """The penilai sets the levels of the pegawai's competencies for the year (those their position requires);
    a blank level leaves a competency unset."""
    deny_unless(permissions.can_set_profile(actor, pegawai))
    today = clock.today(pegawai.instansi)
    if tahun != today.year:
        raise ApplicationError(_("Only this year's competency profile can be set."))
    kerangka = criteria_selectors.in_force(pegawai.instansi_id, today)
    primary = org_selectors.primary_assignment(pegawai, today)
    if kerangka is None or primary is None:
        raise ApplicationError(_("The employee holds no position under a framework in force today."))
    standar = {
        s.kompetensi_id: s for s in criteria_selectors.standar_for_jabatan(kerangka, primary.jabatan_id)
    }
    catatan = catatan or {}
    errors = []
    wanted: dict[int, int] = {}
    for kompetensi_id, value in levels.items():
        s = standar.get(int(kompetensi_id))
        if s is None:
            errors.append(_("A competency that the position does not require cannot be set."))
            continue
        if value in (None, ""):
            continue
        try:
            wanted[s.kompetensi_id] = rules.parse_level(value)  # type: ignore[assignment]
        except ValueError:
            errors.append(_("%(name)s: a level is a whole number from 1 to 5.") % {"name": s.kompetensi.nama})
    too_long = [
        standar[k].kompetensi.nama
        for k, text in catatan.items()
        if int(k) in standar and len(text or "") > 500
    ]
    if too_long:
        errors.append(_("A note is at most 500 characters: %(items)s.") % {"items": ", ".join(too_long)})
    if errors:
        raise ApplicationError({"__all__": errors})
    saved = {
        p.kompetensi_id: p
        for p in ProfilKompetensi.objects.select_for_update().filter(pegawai=pegawai, tahun=tahun)
    }
    me = access_of(actor).pegawai_id
    changes = {}
    result = []
    for kompetensi_id, level in wanted.items():
        s = standar[kompetensi_id]
        note = (catatan.get(kompetensi_id) or "").strip()
        row = saved.get(kompetensi_id) or ProfilKompetensi(
            pegawai=pegawai, tahun=tahun, kompetensi_id=kompetensi_id
        )
        before = row.level if row.pk else None
        if row.pk and row.level == level and row.catatan == note and row.level_standar == s.level:
            result.append(row)
            continue
        row.level, row.level_standar, row.catatan = level, s.level, note
        row.jabatan_id, row.ditetapkan_oleh_id = primary.jabatan_id, me  # type: ignore[assignment]
        full_clean(row, exclude=["ditetapkan_oleh", "jabatan", "pegawai", "kompetensi"])
        row.save()
        changes[s.kompetensi.nama] = [before, level]
        result.append(row)
    if changes:
        audit.record(
            actor=actor,
            action="feedback360.profil.simpan",
            object_type="feedback360.profilkompetensi",
            object_id=f"{pegawai.pk}/{tahun}",
            object_repr=f"{pegawai.nama_lengkap} · {_('Competency profile')} {tahun}",
            instansi=pegawai.instansi,
            pegawai=pegawai,
            changes=changes,
        )
    return result
