"""The supervisor's inbox, the one the admin BKPSDM keeps on the PPK's behalf, and the menu's counts."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from kinerja.core import clock
from kinerja.org import selectors as org_selectors
from kinerja.org.models import Pegawai, Penugasan
from kinerja.planning.models import SKP, StatusSKP
from kinerja.planning.selectors.skp import with_content

WAITING = Q(status=StatusSKP.DIAJUKAN, berakhir=False)
# SKP of people the organisation gives no penilai (the top official, assessed by the PPK outside the system).
WITHOUT_PENILAI = Q(penilai__isnull=True, penilai_ditetapkan=False)


@dataclass
class Inbox:
    tahun: int
    menunggu: list[SKP] = field(default_factory=list)  # submitted, waiting for my decision
    belum_mulai: list[org_selectors.Dinilai] = field(default_factory=list)  # no SKP this year yet
    lainnya: list[SKP] = field(default_factory=list)  # my people's SKP in other states


def inbox(pegawai: Pegawai, tahun: int, at: datetime.date | None = None) -> Inbox:
    """The SKP waiting for the pegawai's decision, the people they assess who have not started, and the rest.

    The number of queries does not grow with the number of people assessed."""
    at = at or clock.today(pegawai.instansi)
    dinilai = org_selectors.assessed_by(pegawai, at)
    ids = [d.pegawai.pk for d in dinilai]
    # Reassigned SKP follow the person the BKPSDM set; the others follow the organisation chart.
    skp = list(
        with_content(
            SKP.objects.filter(tahun_kinerja__tahun=tahun, berakhir=False).filter(
                Q(pegawai_id__in=ids, penilai_ditetapkan=False) | Q(penilai=pegawai, penilai_ditetapkan=True)
            )
        ).order_by("pegawai__nama")
    )
    started = {s.pegawai_id for s in skp} | set(
        SKP.objects.filter(tahun_kinerja__tahun=tahun, pegawai_id__in=ids).values_list(
            "pegawai_id", flat=True
        )
    )
    result = Inbox(tahun=tahun)
    for s in skp:
        (result.menunggu if s.status == StatusSKP.DIAJUKAN else result.lainnya).append(s)
    result.belum_mulai = [d for d in dinilai if d.pegawai.pk not in started]
    return result


def ppk_inbox(instansi_id: int, tahun: int) -> Inbox:
    """The SKP the admin BKPSDM decides on the PPK's behalf: those of people without a penilai."""
    result = Inbox(tahun=tahun)
    qs = with_content(
        SKP.objects.filter(
            WITHOUT_PENILAI, instansi_id=instansi_id, tahun_kinerja__tahun=tahun, berakhir=False
        )
    ).order_by("pegawai__nama")
    for skp in qs:
        (result.menunggu if skp.status == StatusSKP.DIAJUKAN else result.lainnya).append(skp)
    return result


def waiting_counts(
    *, pegawai_id: int | None, ppk_instansi_id: int | None, tahun: int, at: datetime.date | None = None
) -> dict:
    """For the menu, in one query each: whether the pegawai leads a position, how many SKP wait for them,
    and how many wait for the admin BKPSDM on the PPK's behalf. Without `at`, the server's day: the menu has
    no instansi at hand, and a position starting or ending that night is all it could miss."""
    at = at or clock.today()
    counts = {"memimpin": False, "menunggu": 0, "menunggu_ppk": 0}
    waiting = SKP.objects.filter(WAITING, tahun_kinerja__tahun=tahun)
    if pegawai_id is not None:
        row = (
            Pegawai.objects.filter(pk=pegawai_id)
            .annotate(
                memimpin=Exists(
                    Penugasan.objects.active_at(at).filter(
                        pegawai_id=OuterRef("pk"), jabatan__bawahan__isnull=False
                    )
                ),
                menunggu=Coalesce(
                    Subquery(
                        waiting.filter(penilai_id=OuterRef("pk"))
                        .order_by()
                        .values("penilai_id")
                        .annotate(n=Count("pk"))
                        .values("n")[:1]
                    ),
                    0,
                ),
            )
            .values("memimpin", "menunggu")
            .first()
        )
        if row:
            counts.update(row)
    if ppk_instansi_id is not None:
        counts["menunggu_ppk"] = waiting.filter(WITHOUT_PENILAI, instansi_id=ppk_instansi_id).count()
    return counts
