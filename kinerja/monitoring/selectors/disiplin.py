"""The discipline rules of a year as the framework states them, day by day (issue 13).

The pure rules (monitoring.discipline) take the bands and the consecutive-days limit as functions of the day; this
module reads them from the published versions of the instansi's framework: on each day, the version in force that
day (the latest that has started, as criteria.selectors.in_force), so that a changed threshold applies only from
its version's date. Before the first version takes effect nothing is counted as a crossing."""

import bisect
import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from kinerja.criteria.models import Bagian, Kerangka, StatusKerangka
from kinerja.criteria.selectors import section_rows
from kinerja.monitoring import discipline

# The dismissal's wording when a version has no open-ended band (PP 94/2021 art. 8(4)(c)).
PEMBERHENTIAN = "Pemberhentian dengan hormat tidak atas permintaan sendiri sebagai PNS"


@dataclass(frozen=True)
class VersiDisiplin:
    berlaku_mulai: datetime.date
    versi: int
    bands: list[dict]
    hari_berturut: int


@dataclass(frozen=True)
class DisciplineRules:
    """The discipline rules of one instansi and year: the published versions, in the order they took effect."""

    versions: tuple[VersiDisiplin, ...]

    def version_at(self, day: datetime.date) -> VersiDisiplin | None:
        starts = [v.berlaku_mulai for v in self.versions]
        place = bisect.bisect_right(starts, day)
        return self.versions[place - 1] if place else None

    def bands_at(self, day: datetime.date) -> list[dict]:
        version = self.version_at(day)
        return version.bands if version else []

    def consecutive_limit_at(self, day: datetime.date) -> int | None:
        version = self.version_at(day)
        return version.hari_berturut if version else None

    @property
    def dismissal(self) -> str:
        """The sanction the consecutive-days rule leads to: the open-ended band of the latest version."""
        for version in reversed(self.versions):
            for band in version.bands:
                if band.get("hari_maks") is None:
                    return band["sanksi"]
        return PEMBERHENTIAN

    def crossings(self, days: Iterable[tuple[datetime.date, str]]) -> list[discipline.Crossing]:
        """The levels a pegawai's attendance of the year reached, each on the day it did."""
        return discipline.crossings(days, self.bands_at, self.consecutive_limit_at, self.dismissal)


def discipline_rules(instansi_id: int, tahun: int) -> DisciplineRules:
    """The rules of every published version of the year (two queries per version: it and its rows)."""
    published = Kerangka.objects.filter(
        instansi_id=instansi_id, tahun=tahun, status=StatusKerangka.PUBLISHED, berlaku_mulai__isnull=False
    ).order_by("berlaku_mulai", "versi")
    versions: list[VersiDisiplin] = []
    for kerangka in published:
        assert kerangka.berlaku_mulai is not None  # filtered above
        version = VersiDisiplin(
            kerangka.berlaku_mulai,
            kerangka.versi,
            section_rows(kerangka, Bagian.DISIPLIN),
            kerangka.disiplin_hari_berturut,
        )
        if versions and versions[-1].berlaku_mulai == version.berlaku_mulai:
            versions[-1] = version  # the same day: the later version is the one in force (as in_force)
        else:
            versions.append(version)
    return DisciplineRules(tuple(versions))
