"""Attendance over the JSON API (read only): a pegawai's record of a year with the discipline level the framework's
rules give it, for those who may see it (monitoring.permissions.can_see_discipline; others get 404), and the
imported files of the instansi, for the administrators who import them."""

import datetime

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.pagination import paginate

from kinerja.accounts.permissions import access_of
from kinerja.core import clock
from kinerja.core.api import Id, Year, errors
from kinerja.monitoring import permissions
from kinerja.monitoring.selectors import kehadiran as selectors

router = Router()


class TingkatOut(Schema):
    tanggal: datetime.date
    sanksi: str
    total: int
    berturut: int
    karena_berturut: bool
    bulan: int | None


class CatatanOut(Schema):
    pegawai_id: int
    tahun: int
    hari: int
    per_status: dict[str, int]
    tanpa_keterangan: int
    berturut_terpanjang: int
    # Each level reached, in order; the last is the level now ("none" when empty).
    tingkat: list[TingkatOut]


class ImporOut(Schema):
    id: int
    bulan: datetime.date
    nama_berkas: str
    sha256: str
    counts: dict
    created_at: datetime.datetime


@router.get("/kehadiran/pegawai/{pegawai_id}", response={200: CatatanOut, **errors(404)})
def get_record(request, pegawai_id: Id, tahun: Year | None = None):
    """A pegawai's attendance of a year (default: this year) and the discipline levels it reached."""
    pegawai = selectors.pegawai_or_none(pegawai_id)
    if pegawai is None or not permissions.can_see_discipline(request.user, pegawai):
        raise Http404
    record = selectors.discipline_record(pegawai, tahun or clock.today(pegawai.instansi).year)
    return {
        "pegawai_id": pegawai.pk,
        "tahun": record.tahun,
        "hari": record.hari,
        "per_status": record.counts,
        "tanpa_keterangan": record.tanpa_keterangan,
        "berturut_terpanjang": record.berturut,
        "tingkat": record.crossings,
    }


@router.get("/kehadiran/impor", response={200: list[ImporOut], **errors(403)})
@paginate
def list_imports(request):
    """The attendance files applied in my instansi, newest first (the admin BKPSDM, department administrators)."""
    instansi_id = access_of(request.user).instansi_id
    if instansi_id is None or not selectors.can_import_any(request.user, instansi_id):
        raise PermissionDenied(_("Only the BKPSDM or a department administrator can import attendance."))
    return selectors.imports_of(instansi_id)
