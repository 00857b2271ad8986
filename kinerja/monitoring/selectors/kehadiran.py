"""Reads of attendance: whom an administrator may import for, the days of a month already recorded, and a
pegawai's record of the year."""

import datetime
from dataclasses import dataclass

from django.db.models import Q

from kinerja.accounts.permissions import access_of, is_admin_bkpsdm, under_unit_paths
from kinerja.core import clock
from kinerja.monitoring import discipline
from kinerja.monitoring.kehadiran import Catalogue
from kinerja.monitoring.models import ImporKehadiran, Kehadiran, StatusKehadiran
from kinerja.monitoring.selectors.disiplin import discipline_rules
from kinerja.monitoring.selectors.pembukaan import can_reopen_any
from kinerja.org.models import Instansi, Pegawai, Penugasan

# May import attendance: the same administrators as reopen a period (the admin BKPSDM, a department administrator).
can_import_any = can_reopen_any


def catalogue_for(user, instansi: Instansi) -> Catalogue:
    """The pegawai `user` may import attendance for: everyone of the instansi for its admin BKPSDM; for a
    department administrator, those placed today in the units they administer (the others of the instansi are
    named as out of scope)."""
    everyone, names = {}, {}
    for pk, nip, depan, nama, belakang in (
        Pegawai.objects.filter(instansi=instansi)
        .values_list("pk", "nip", "gelar_depan", "nama", "gelar_belakang")
        .order_by()
    ):
        everyone[nip] = pk
        names[pk] = Pegawai(gelar_depan=depan, nama=nama, gelar_belakang=belakang).nama_lengkap
    today = clock.today(instansi)
    if is_admin_bkpsdm(user, instansi.pk):
        allowed = set(everyone.values())
    else:
        paths = access_of(user).admin_unit_paths
        allowed = (
            set(
                Penugasan.objects.active_at(today)
                .filter(Q(under_unit_paths(paths, "jabatan__unit__")), pegawai__instansi=instansi)
                .values_list("pegawai_id", flat=True)
            )
            if paths
            else set()
        )
    return Catalogue(
        in_scope={nip: (pk, names[pk]) for nip, pk in everyone.items() if pk in allowed},
        out_of_scope=frozenset(nip for nip, pk in everyone.items() if pk not in allowed),
        today=today,
    )


def recorded_in_month(
    instansi: Instansi, pegawai_ids, bulan: datetime.date
) -> dict[tuple[int, datetime.date], str]:
    """{(pegawai id, date): status} of the month for these pegawai of the instansi (read by instansi and month,
    not by a list of ids: a month of 20,000 people is one indexed range)."""
    wanted = set(pegawai_ids)
    following = (bulan.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    rows = Kehadiran.objects.filter(
        pegawai__instansi=instansi, tanggal__gte=bulan, tanggal__lt=following
    ).values_list("pegawai_id", "tanggal", "status")
    return {(pegawai_id, day): status for pegawai_id, day, status in rows.order_by() if pegawai_id in wanted}


def days_of_year(pegawai_id: int, tahun: int) -> list[tuple[datetime.date, str]]:
    """The recorded days of one pegawai in a year, in order (what monitoring.discipline counts)."""
    return list(
        Kehadiran.objects.filter(pegawai_id=pegawai_id, tanggal__year=tahun)
        .order_by("tanggal")
        .values_list("tanggal", "status")
    )


def imports_of(instansi_id: int):
    """The applied attendance files of an instansi, newest first."""
    return ImporKehadiran.objects.filter(instansi_id=instansi_id).select_related(
        "dibuat_oleh", "dibuat_oleh__pegawai"
    )


def pegawai_or_none(pk: int) -> Pegawai | None:
    return Pegawai.objects.select_related("instansi").filter(pk=pk).first()


@dataclass(frozen=True)
class CatatanDisiplin:
    """A pegawai's attendance of one year and what the discipline rules make of it."""

    tahun: int
    hari: int  # working days recorded
    counts: dict[str, int]  # days per status
    tanpa_keterangan: int  # the running total
    berturut: int  # the longest run of unexcused days
    crossings: list[discipline.Crossing]  # each level reached, on its day

    @property
    def level(self) -> discipline.Crossing | None:
        return discipline.current_level(self.crossings)


def discipline_record(pegawai: Pegawai, tahun: int) -> CatatanDisiplin:
    """The record of the year by the framework's rules in force each day (three queries and one per version)."""
    days = days_of_year(pegawai.pk, tahun)
    counts = {status: 0 for status in StatusKehadiran.values}
    for _day, status in days:
        counts[status] += 1
    rules = discipline_rules(pegawai.instansi_id, tahun)
    return CatatanDisiplin(
        tahun=tahun,
        hari=len(days),
        counts=counts,
        tanpa_keterangan=counts[StatusKehadiran.TANPA_KETERANGAN],
        berturut=discipline.longest_run(days)[0],
        crossings=rules.crossings(days),
    )
