"""Starting an SKP for the position the pegawai holds, optionally from an earlier one of theirs."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from kinerja.core import clock
from kinerja.core.errors import ApplicationError
from kinerja.core.templatetags.kinerja import tanggal
from kinerja.org import selectors as org_selectors
from kinerja.org.models import Pegawai
from kinerja.planning import permissions, rules, selectors
from kinerja.planning.models import RHK, SKP, Indikator, PerilakuSKP, TahunKinerja
from kinerja.planning.services import base


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
    # The year first: only an opened one goes on to dates (year 0 has none, and was a 500).
    tahun_kinerja = (
        TahunKinerja.objects.select_for_update().filter(instansi_id=pegawai.instansi_id, tahun=tahun).first()
        if 1 <= tahun <= 9999
        else None
    )
    if tahun_kinerja is None:
        raise ApplicationError(
            _("The performance year %(year)s has not been opened by the BKPSDM yet.") % {"year": tahun}
        )
    at = at or clock.today(pegawai.instansi)
    if at.year != tahun:
        at = datetime.date(tahun, 1, 1) if tahun > at.year else datetime.date(tahun, 12, 31)
    existing = selectors.open_skp(pegawai.pk, tahun_kinerja.pk)
    if existing is not None and existing.selesai < at:
        # Its position ended before today (a transfer dated ahead): it is over now.
        base.end(actor, existing, existing.selesai, existing.alasan_berakhir)
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
    base.check_deadline(skp)
    base.refresh_assessors(skp)
    skp.save()
    PerilakuSKP.objects.bulk_create(
        PerilakuSKP(skp=skp, kode=n["kode"], nama=n["nama"], indikator=n["indikator"], urutan=i)
        for i, n in enumerate(ruleset.nilai_perilaku)
    )
    copied = 0
    if salin_dari is not None:
        copied = _copy_content(salin_dari, skp)
    base.record(
        actor,
        skp,
        "skp.start",
        {
            "mulai": [None, skp.mulai],
            "selesai": [None, skp.selesai],
            "jabatan": [None, jabatan.nama],
            "penilai": [None, skp.penilai_id],
            **({"salin_dari": [None, str(salin_dari)], "rhk_disalin": [None, copied]} if salin_dari else {}),
        },
    )
    return skp


def _copy_content(source: SKP, target: SKP) -> int:
    """Copy RHK, indikator and lampiran (not the links to last year's supervisor RHK, nor expectations)."""
    for name in base.LAMPIRAN_FIELDS:
        setattr(target, name, getattr(source, name))
    target.save(update_fields=base.LAMPIRAN_FIELDS)
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
                akumulasi=i.akumulasi,
            )
            for i in r.indikator.all()
        )
        count += 1
    return count
