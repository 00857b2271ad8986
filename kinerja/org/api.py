import datetime

from ninja import Field, Router, Schema
from ninja.pagination import paginate

from kinerja.core.api import Id, errors
from kinerja.org import permissions, selectors

router = Router(tags=["organisasi"])


class InstansiOut(Schema):
    id: int
    kode: str
    nama: str
    zona_waktu: str
    skema_periode: str


class UnitOut(Schema):
    id: int
    instansi_id: int
    parent_id: int | None
    kode: str
    nama: str
    eselon: str
    depth: int
    aktif: bool


class JabatanOut(Schema):
    id: int
    instansi_id: int
    unit_id: int
    nama: str
    jenis: str
    jenjang: str
    eselon: str
    atasan_id: int | None
    kepala_unit: bool
    aktif: bool


class PegawaiOut(Schema):
    id: int
    instansi_id: int
    nip: str
    nama: str
    nama_lengkap: str
    gelar_depan: str
    gelar_belakang: str
    status: str
    golongan: str
    grade_pppk: str
    aktif: bool


class PenugasanOut(Schema):
    id: int
    jabatan_id: int
    jabatan: str = Field(..., alias="jabatan.nama")
    unit: str = Field(..., alias="jabatan.unit.nama")
    jenis: str
    mulai: datetime.date
    selesai: datetime.date | None


class PegawaiDetailOut(PegawaiOut):
    tanggal_lahir: datetime.date
    jenis_kelamin: str
    penugasan: list[PenugasanOut]

    @staticmethod
    def resolve_penugasan(obj):
        return list(selectors.pegawai_assignments(obj))


class PejabatOut(Schema):
    pegawai_id: int
    nip: str
    nama: str
    jabatan_id: int
    jabatan: str
    jenis: str


class RantaiOut(Schema):
    pegawai_id: int
    tanggal: datetime.date
    jabatan_id: int | None
    penilai: PejabatOut | None
    atasan_penilai: PejabatOut | None


class DinilaiOut(PejabatOut):
    melalui_jabatan_id: int


def _person(pegawai, jabatan, jenis: str) -> dict:
    """A pegawai in a position: the fields of PejabatOut (and so of DinilaiOut)."""
    return {
        "pegawai_id": pegawai.pk,
        "nip": pegawai.nip,
        "nama": pegawai.nama_lengkap,
        "jabatan_id": jabatan.pk,
        "jabatan": jabatan.nama,
        "jenis": jenis,
    }


def _pejabat(p) -> dict | None:
    return None if p is None else _person(p.pegawai, p.jabatan, p.jenis)


def _in_path_order(qs, **parent):
    """A list in tree order, narrowed to one parent when it is given (`parent_id=5`)."""
    qs = qs.order_by("path")
    return qs.filter(**parent) if any(parent.values()) else qs


@router.get("/instansi", response={200: list[InstansiOut], **errors()}, summary="Instansi yang dapat dilihat")
def list_instansi(request):
    return permissions.instansi_visible_to(request.user)


@router.get("/units", response={200: list[UnitOut], **errors()}, summary="Unit kerja")
@paginate
def list_units(request, parent_id: Id | None = None):
    return _in_path_order(permissions.units_visible_to(request.user), parent_id=parent_id)


@router.get("/units/{unit_id}", response={200: UnitOut, **errors(404)})
def get_unit(request, unit_id: Id):
    return permissions.get_unit_for_user_or_404(request.user, unit_id)


@router.get("/jabatan", response={200: list[JabatanOut], **errors()}, summary="Jabatan")
@paginate
def list_jabatan(request, unit_id: Id | None = None):
    return _in_path_order(permissions.jabatan_visible_to(request.user), unit_id=unit_id)


@router.get("/jabatan/{jabatan_id}", response={200: JabatanOut, **errors(404)})
def get_jabatan(request, jabatan_id: Id):
    return permissions.get_jabatan_for_user_or_404(request.user, jabatan_id)


@router.get(
    "/pegawai", response={200: list[PegawaiOut], **errors()}, summary="Pegawai (cari dengan q: NIP atau nama)"
)
@paginate
def list_pegawai(request, q: str = ""):
    qs = permissions.pegawai_visible_to(request.user).order_by("nama", "pk")
    return selectors.search_pegawai(qs, q) if q else qs


@router.get("/pegawai/{pegawai_id}", response={200: PegawaiDetailOut, **errors(404)})
def get_pegawai(request, pegawai_id: Id):
    return permissions.get_pegawai_for_user_or_404(request.user, pegawai_id)


@router.get(
    "/pegawai/{pegawai_id}/penilai",
    response={200: RantaiOut, **errors(404)},
    summary="Pejabat penilai pada suatu tanggal",
)
def get_penilai(request, pegawai_id: Id, tanggal: datetime.date | None = None):
    pegawai = permissions.get_pegawai_for_user_or_404(request.user, pegawai_id)
    rantai = selectors.penilai_chain(pegawai, tanggal)
    return {
        "pegawai_id": pegawai.pk,
        "tanggal": rantai.tanggal,
        "jabatan_id": rantai.penugasan.jabatan_id if rantai.penugasan else None,
        "penilai": _pejabat(rantai.penilai),
        "atasan_penilai": _pejabat(rantai.atasan_penilai),
    }


@router.get(
    "/pegawai/{pegawai_id}/dinilai",
    response={200: list[DinilaiOut], **errors(404)},
    summary="Pegawai yang dinilai pada suatu tanggal",
)
def get_dinilai(request, pegawai_id: Id, tanggal: datetime.date | None = None):
    pegawai = permissions.get_pegawai_for_user_or_404(request.user, pegawai_id)
    rows = selectors.assessed_by(pegawai, tanggal)
    allowed = permissions.visible_pegawai_ids(request.user, (d.pegawai.pk for d in rows))
    return [
        {**_person(d.pegawai, d.penugasan.jabatan, d.penugasan.jenis), "melalui_jabatan_id": d.melalui.pk}
        for d in rows
        if d.pegawai.pk in allowed
    ]
