"""Sanctions on record and innovations over the JSON API (read only), for the people who see them on screen:
a pegawai's decisions and verified innovations (monitoring.permissions.can_see_discipline; others get 404), my
innovations and those waiting for my verification, and one innovation with the actions I have on it."""

import datetime

from django.http import Http404
from ninja import Router, Schema

from kinerja.accounts.permissions import access_of
from kinerja.core import clock
from kinerja.core.api import Id, Year, errors
from kinerja.monitoring import permissions
from kinerja.monitoring.selectors import catatan as selectors
from kinerja.monitoring.selectors import kehadiran as kehadiran_selectors

router = Router()


class SanksiOut(Schema):
    id: int
    pegawai_id: int
    tingkat: str
    tingkat_label: str
    berat: str
    nomor_sk: str
    tanggal_sk: datetime.date
    mulai: datetime.date
    sampai: datetime.date | None
    berlaku: bool  # being served today (never when cancelled)
    dibatalkan: bool
    alasan_batal: str


class InovasiOut(Schema):
    id: int
    pegawai_id: int
    tahun: int
    judul: str
    masalah: str
    perubahan: str
    dampak: str
    tautan: str
    ada_berkas: bool
    status: str
    alasan_kembali: str
    diajukan_at: datetime.datetime | None
    diverifikasi_oleh_id: int | None
    diverifikasi_at: datetime.datetime | None
    aksi: list[str]


def _sanksi(row, today) -> dict:
    return {
        "id": row.pk,
        "pegawai_id": row.pegawai_id,
        "tingkat": row.tingkat,
        "tingkat_label": row.get_tingkat_display(),
        "berat": row.berat,
        "nomor_sk": row.nomor_sk,
        "tanggal_sk": row.tanggal_sk,
        "mulai": row.mulai,
        "sampai": row.sampai,
        "berlaku": row.in_force(today),
        "dibatalkan": row.batal_at is not None,
        "alasan_batal": row.alasan_batal,
    }


def _inovasi(request, row) -> dict:
    fields = ("tahun", "judul", "masalah", "perubahan", "dampak", "tautan", "status", "alasan_kembali")
    return {
        "id": row.pk,
        "pegawai_id": row.pegawai_id,
        **{name: getattr(row, name) for name in fields},
        "ada_berkas": bool(row.berkas),
        "diajukan_at": row.diajukan_at,
        "diverifikasi_oleh_id": row.diverifikasi_oleh_id,
        "diverifikasi_at": row.diverifikasi_at,
        "aksi": permissions.inovasi_actions(request.user, row),
    }


def _pegawai(request, pegawai_id):
    pegawai = kehadiran_selectors.pegawai_or_none(pegawai_id)
    if pegawai is None or not permissions.can_see_discipline(request.user, pegawai):
        raise Http404
    return pegawai


@router.get("/sanksi/pegawai/{pegawai_id}", response={200: list[SanksiOut], **errors(404)})
def list_sanctions(request, pegawai_id: Id):
    """A pegawai's disciplinary decisions on record, cancelled ones included, latest start first."""
    pegawai = _pegawai(request, pegawai_id)
    today = clock.today(pegawai.instansi)
    return [_sanksi(row, today) for row in selectors.sanctions_of(pegawai.pk)]


@router.get("/inovasi/pegawai/{pegawai_id}", response={200: list[InovasiOut], **errors(404)})
def verified_of(request, pegawai_id: Id, tahun: Year | None = None):
    """A pegawai's verified innovations of a year (default: this year)."""
    pegawai = _pegawai(request, pegawai_id)
    year = tahun or clock.today(pegawai.instansi).year
    return [
        _inovasi(request, row)
        for row in selectors.verified_innovations([pegawai.pk], year).get(pegawai.pk, [])
    ]


@router.get("/inovasi", response={200: list[InovasiOut]})
def list_mine(request, menunggu: bool = False):
    """My innovations, every state; with `menunggu=true`, those waiting for my verification instead."""
    access = access_of(request.user)
    if access.pegawai_id is None:
        return []
    if menunggu:
        penilai = kehadiran_selectors.pegawai_or_none(access.pegawai_id)
        assert penilai is not None
        rows = selectors.innovations_waiting_for(penilai, clock.today(penilai.instansi))
    else:
        rows = list(selectors.innovations_of(access.pegawai_id)[:500])
    return [_inovasi(request, row) for row in rows]


@router.get("/inovasi/{inovasi_id}", response={200: InovasiOut, **errors(404)})
def get_innovation(request, inovasi_id: Id):
    """One innovation with the workflow actions I have on it now."""
    row = selectors.inovasi_or_none(inovasi_id)
    if row is None or not permissions.can_see_innovation(request.user, row):
        raise Http404
    return _inovasi(request, row)
