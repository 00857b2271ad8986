"""Read-only API of the assessment framework: versions, their content, and the rule set in force at a date."""

import datetime
from typing import Any

from django.http import Http404
from ninja import Field, Router, Schema

from kinerja.accounts.permissions import access_of
from kinerja.core import clock
from kinerja.core.api import Id, errors
from kinerja.criteria import permissions, selectors
from kinerja.criteria.models import SETTING_FIELDS
from kinerja.org import permissions as org_permissions

router = Router(tags=["kriteria"])


class KerangkaOut(Schema):
    id: int
    instansi_id: int
    tahun: int
    versi: int
    status: str
    berlaku_mulai: datetime.date | None
    alasan: str
    asal_id: int | None
    published_at: datetime.datetime | None


class NilaiPerilakuOut(Schema):
    kode: str
    nama: str
    indikator: list[str]
    panduan: str
    sumber: str


class KompetensiOut(Schema):
    kode: str
    nama: str
    jenis: str
    deskripsi: str
    level: dict[str, str]
    sumber: str


class StandarOut(Schema):
    jabatan_id: int
    kompetensi: str = Field(..., alias="kompetensi.kode")
    level: int


class KriteriaLokalOut(Schema):
    kode: str
    nama: str
    deskripsi: str
    indikator: list[str]
    panduan_skor: dict[str, str]
    urutan: int
    sumber: str


class AturanOut(Schema):
    bagian: str
    kunci: str
    data: dict[str, Any]
    sumber: str


class KerangkaDetailOut(KerangkaOut):
    # Ninja lists a related manager (nilai_perilaku, kompetensi, ...) itself, in the model's order.
    pengaturan: dict[str, Any]
    nilai_perilaku: list[NilaiPerilakuOut]
    kompetensi: list[KompetensiOut]
    standar_kompetensi: list[StandarOut]
    kriteria_lokal: list[KriteriaLokalOut]
    aturan: list[AturanOut]

    @staticmethod
    def resolve_pengaturan(obj):
        return {name: getattr(obj, name) for name in SETTING_FIELDS}

    @staticmethod
    def resolve_standar_kompetensi(obj):
        return list(
            obj.standar_kompetensi.select_related("kompetensi").order_by("jabatan_id", "kompetensi__kode")
        )


class RuleSetOut(Schema):
    kerangka_id: int
    instansi_id: int
    tahun: int
    versi: int
    berlaku_mulai: datetime.date
    settings: dict[str, Any]
    nilai_perilaku: list[dict[str, Any]]
    kompetensi: list[dict[str, Any]]
    kriteria_lokal: list[dict[str, Any]]
    aturan: dict[str, list[dict[str, Any]]]


@router.get(
    "/kriteria",
    response={200: list[KerangkaOut], **errors()},
    summary="Versi kerangka penilaian yang dapat dilihat",
)
def list_kerangka(request):
    return list(selectors.versions(permissions.kerangka_visible_to(request.user)))


@router.get(
    "/kriteria/berlaku",
    response={200: RuleSetOut, **errors(404)},
    summary="Aturan yang berlaku bagi instansi saya pada suatu tanggal (404 bila tidak ada)",
)
def get_berlaku(request, tanggal: datetime.date | None = None, instansi_id: Id | None = None):
    wanted = instansi_id or access_of(request.user).instansi_id
    instansi = org_permissions.instansi_visible_to(request.user).filter(pk=wanted).first() if wanted else None
    if instansi is None:
        raise Http404
    ruleset = selectors.rules_in_force(wanted, tanggal or clock.today(instansi))
    if ruleset is None:
        raise Http404
    return ruleset


@router.get(
    "/kriteria/{kerangka_id}",
    response={200: KerangkaDetailOut, **errors(404)},
    summary="Isi lengkap satu versi",
)
def get_kerangka(request, kerangka_id: Id):
    return permissions.get_kerangka_for_user_or_404(request.user, kerangka_id)
