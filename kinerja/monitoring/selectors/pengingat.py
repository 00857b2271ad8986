"""Who is due a reminder before a period's input deadline (kinerja.monitoring.services.pengingat sends them).

Everything is read per period in a fixed number of queries, whatever the number of pegawai: the SKP covering
the period, their approved versions (to know the indikator of the plan in force, as selectors.plan does for one
SKP), the realisations of the period, and those waiting for the penilai's feedback.

The penilai reminded is the one the SKP records (`SKP.penilai`: set when it was submitted and approved, or by the
BKPSDM when it reassigned the assessor), not `penilai_of_period`, which walks the organisation chart for each SKP
(several queries per pegawai). A penilai who changed since the approval is therefore not reminded until the
SKP's next revision; the feedback queue itself (the realisasi area) follows the chart.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Q

from kinerja.core import clock
from kinerja.monitoring import rules
from kinerja.monitoring.models import Pengingat, Realisasi
from kinerja.monitoring.selectors.waiting import waiting as waiting_only
from kinerja.planning.models import SKP, Periode, VersiSKP

REALISASI, UMPAN_BALIK = "realisasi", "umpan_balik"  # the kinds of Pengingat.jenis


@dataclass
class Due:
    """One period whose input deadline is near, and who should hear of it."""

    periode: Periode
    # pegawai id -> the SKP to open (the latest covering the period) of those who have not filled every indikator
    belum_lengkap: dict[int, int] = field(default_factory=dict)
    # penilai pegawai id -> how many realisations of the period wait for their feedback
    menunggu_umpan_balik: dict[int, int] = field(default_factory=dict)


def periods_due(*, today: datetime.date | None, days_before: int) -> list[Periode]:
    """The periods whose input deadline falls from today to `days_before` days later (inclusive), today being
    each instansi's own day unless given. A deadline in January for the last period of the year before counts."""
    first = today or clock.today() - datetime.timedelta(days=1)  # the earliest day of any time zone
    last = (today or clock.today() + datetime.timedelta(days=1)) + datetime.timedelta(days=days_before)
    candidates = (
        Periode.objects.filter(tenggat_input__gte=first, tenggat_input__lte=last)
        .select_related("tahun_kinerja", "tahun_kinerja__instansi")
        .order_by("tenggat_input", "tahun_kinerja__instansi_id", "nomor")
    )
    result = []
    for periode in candidates:
        day = today or clock.today(periode.tahun_kinerja.instansi)
        if day <= periode.tenggat_input <= day + datetime.timedelta(days=days_before):
            result.append(periode)
    return result


def _covering(periode: Periode, prefix: str = "") -> Q:
    """The approved SKP of the period's year that overlap the period (an SKP under revision keeps its version)."""
    return Q(
        **{
            f"{prefix}tahun_kinerja_id": periode.tahun_kinerja_id,
            f"{prefix}versi__gt": 0,
            f"{prefix}mulai__lte": periode.selesai,
            f"{prefix}selesai__gte": periode.mulai,
        }
    )


def _plan_ids(periode: Periode) -> dict[int, set[int]]:
    """For each approved SKP covering the period, the ids of the indikator of the version in force for it."""
    versions: dict[int, list[tuple[int, datetime.date, dict]]] = {}
    instansi = periode.tahun_kinerja.instansi
    rows = VersiSKP.objects.filter(_covering(periode, "skp__")).values_list(
        "skp_id", "nomor", "disetujui_at", "konten"
    )
    for skp_id, nomor, disetujui_at, konten in rows.iterator(chunk_size=500):
        versions.setdefault(skp_id, []).append((nomor, clock.local_date(disetujui_at, instansi), konten))
    result = {}
    for skp_id, items in versions.items():
        in_force = rules.version_for_period([(n, day) for n, day, _k in items], periode.mulai)
        konten = next((k for n, _d, k in items if n == in_force), {})
        result[skp_id] = {
            i["id"] for r in konten.get("rhk", []) for i in r.get("indikator", []) if i.get("id") is not None
        }
    return result


def due(periode: Periode) -> Due:
    """Who has not filled the period, and which penilai have realisations of it waiting (five queries)."""
    result = Due(periode=periode)
    skps = list(
        SKP.objects.filter(_covering(periode))
        .order_by("mulai", "pk")
        .values_list("pk", "pegawai_id", "penilai_id")
    )
    plan = _plan_ids(periode)
    filled: dict[int, set[int]] = {}
    for skp_id, indikator_id in Realisasi.objects.filter(
        _covering(periode, "skp__"), periode=periode
    ).values_list("skp_id", "indikator_id"):
        filled.setdefault(skp_id, set()).add(indikator_id)
    penilai_of = {}
    for skp_id, pegawai_id, penilai_id in skps:  # the latest SKP of a pegawai last: the one to open
        penilai_of[skp_id] = penilai_id
        if plan.get(skp_id, set()) - filled.get(skp_id, set()):
            result.belum_lengkap[pegawai_id] = skp_id
    waiting = waiting_only(
        Realisasi.objects.filter(_covering(periode, "skp__"), periode=periode)
    ).values_list("skp_id", flat=True)
    counts = Counter(penilai_of.get(skp_id) for skp_id in waiting)
    result.menunggu_umpan_balik = {pid: n for pid, n in counts.items() if pid is not None}
    return result


def already_sent(periode: Periode, jenis: str) -> set[int]:
    """The user ids reminded before of this period for this reason."""
    return set(Pengingat.objects.filter(periode=periode, jenis=jenis).values_list("penerima_id", flat=True))
