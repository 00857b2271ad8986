"""The demo's calibration (issue 17), through the same services as the screens, by the cast's tim penilai:

- a closed session over the Dinas Kesehatan for the period before the last that ended: one proposal accepted and
  applied (a "Sangat Baik" whose evidence did not bear it out becomes "Baik", or when there is none, a "Baik"
  whose evidence shows more becomes "Sangat Baik"; the pegawai reads the reason and may object), one rejected
  with the chair's reason;
- an open session over the Dinas Kesehatan for the last period that ended, chaired by the tim penilai with the
  admin BKPSDM and the Kepala Dinas Kesehatan as members: one proposal accepted (applied when the chair closes
  it) and one waiting for the chair's decision.

Runs after evaluation's and 360's loaders, for the current year only (its framework is in force)."""

import datetime

from kinerja.accounts.models import User
from kinerja.calibration import services
from kinerja.calibration.models import SesiKalibrasi
from kinerja.calibration.selectors import sesi as selectors
from kinerja.core import clock
from kinerja.evaluation.models import StatusEvaluasi
from kinerja.evaluation.rules import DI_ATAS, SESUAI
from kinerja.evaluation.selectors.lookups import ended_periods
from kinerja.org import demo as org_demo
from kinerja.org.models import UnitKerja
from kinerja.planning.models import Periode

TURUN = (
    "Capaian realisasi rata-rata di bawah target dan bukti dukung untuk dua RHK utama belum lengkap; predikat "
    "Sangat Baik belum didukung bukti. Diselaraskan dengan pola distribusi Dinas Kesehatan."
)
NAIK = (
    "Seluruh target RHK utama terlampaui dengan bukti dukung lengkap dan umpan balik 360 rekan kerja tinggi; "
    "rating perilaku Sesuai Ekspektasi belum mencerminkan kontribusinya."
)
TOLAK = "Bukti tambahan belum ada; rating pejabat penilai dipertahankan."


def _candidates(sesi: SesiKalibrasi, predikat: str, skip: set[int]) -> list:
    return [
        e
        for e in selectors.evaluations_of(sesi).filter(
            predikat=predikat,
            status__in=[StatusEvaluasi.FINAL, StatusEvaluasi.DITERIMA],
            predikat_organisasi="",  # a head's rating hasil kerja is their unit's result
        )[:40]
        if e.pegawai.nip not in skip
    ]


def _propose(actor, sesi, evaluasi, hasil: str, perilaku: str, alasan: str):
    return services.usulan_ajukan(
        actor=actor,
        sesi=sesi,
        evaluasi=evaluasi,
        rating_hasil_kerja=hasil,
        rating_perilaku=perilaku,
        alasan=alasan,
    )


def _session(tim, admin, kadis, instansi, dinkes, periode: Periode, year: int) -> SesiKalibrasi:
    return services.sesi_buka(
        actor=tim,
        instansi=instansi,
        nama=f"Kalibrasi {periode.nama} {year} Dinas Kesehatan",
        tahun=year,
        periode=periode,
        units=[dinkes],
        ketua=tim,
        anggota=[u for u in (admin, kadis) if u is not None],
        catatan="Rapat tim penilai kinerja bersama Kepala Dinas Kesehatan.",
    )


def load_sessions(*, instansi, admin, today: datetime.date | None = None) -> dict:
    today = today or clock.today(instansi)
    tim = User.objects.filter(username="tim.penilai", instansi=instansi).first()
    dinkes = UnitKerja.objects.filter(instansi=instansi, kode="DINKES").first()
    ended = ended_periods(instansi.pk, today)
    if tim is None or dinkes is None or len(ended) < 2:
        return {}
    kadis = User.objects.filter(username=org_demo.NIP_KEPALA_DINKES).first()
    cast = {org_demo.NIP_PELAKSANA_IMUNISASI, org_demo.NIP_KASI_IMUNISASI, org_demo.NIP_KABID_KESMAS}
    cast.add(org_demo.NIP_KEPALA_DINKES)
    counts = {"sesi_kalibrasi": 0, "usulan_kalibrasi": 0}
    earlier = _session(tim, admin, kadis, instansi, dinkes, ended[-2], today.year)
    down = _candidates(earlier, "sangat_baik", cast)
    up = _candidates(earlier, "baik", cast)
    # applied: a Sangat Baik the evidence does not bear out (else a Baik it outgrows); rejected: a Baik
    applied = (
        _propose(admin, earlier, down[0], SESUAI, down[0].rating_perilaku, TURUN)
        if down
        else _propose(admin, earlier, up.pop(0), DI_ATAS, DI_ATAS, NAIK)
        if up
        else None
    )
    if applied is not None:
        services.usulan_terima(actor=tim, usulan=applied)
        counts["usulan_kalibrasi"] += 1
    if up:
        rejected = _propose(admin, earlier, up[0], DI_ATAS, DI_ATAS, NAIK)
        services.usulan_tolak(actor=tim, usulan=rejected, reason=TOLAK)
        counts["usulan_kalibrasi"] += 1
    services.sesi_tutup(actor=tim, sesi=earlier)
    current = _session(tim, admin, kadis, instansi, dinkes, ended[-1], today.year)
    down = _candidates(current, "sangat_baik", cast)
    up = _candidates(current, "baik", cast)
    if down:
        accepted = _propose(admin, current, down[0], SESUAI, down[0].rating_perilaku, TURUN)
        services.usulan_terima(actor=tim, usulan=accepted)
        counts["usulan_kalibrasi"] += 1
    if len(down) > 1:
        _propose(kadis or admin, current, down[1], SESUAI, down[1].rating_perilaku, TURUN)
        counts["usulan_kalibrasi"] += 1
    if up:
        _propose(admin, current, up[0], DI_ATAS, DI_ATAS, NAIK)
        counts["usulan_kalibrasi"] += 1
    counts["sesi_kalibrasi"] = 2
    return counts


def load(demo) -> None:
    if demo.year not in (None, clock.today(demo.instansi).year):
        return
    demo.counts.update(load_sessions(instansi=demo.instansi, admin=demo.admin))
