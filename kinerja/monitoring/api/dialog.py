"""Monitoring over the JSON API: the feedback thread of a realisasi, and dialog kinerja (my dialogues, recording
one, confirming it, marking an agreed action done), through the same services as the screens."""

import datetime

from ninja import Router, Schema, Status
from ninja.pagination import paginate

from kinerja.accounts.permissions import access_of
from kinerja.core import clock
from kinerja.core.api import Counter, Id, errors
from kinerja.monitoring import permissions, selectors, services

router = Router()


class UmpanBalikOut(Schema):
    id: int
    realisasi_id: int
    penulis_id: int
    penulis: str
    peran: str
    isi: str
    created_at: datetime.datetime

    @staticmethod
    def resolve_penulis(obj):
        return obj.penulis.nama_lengkap


class ThreadOut(Schema):
    realisasi_id: int
    # What the caller may write now: "penilai" (a comment), "pegawai" (a reply) or "" (nothing).
    boleh_menulis: str
    pesan: list[UmpanBalikOut]


class UmpanBalikIn(Schema):
    isi: str


class TindakLanjutOut(Schema):
    id: int
    uraian: str
    pemilik_id: int
    tenggat: datetime.date
    selesai_at: datetime.datetime | None


class DialogOut(Schema):
    id: int
    skp_id: int
    pegawai_id: int
    penilai_id: int
    jenis: str
    tanggal: datetime.date
    topik: str
    catatan: str
    dicatat_oleh_id: int
    dikonfirmasi_pegawai_at: datetime.datetime | None
    dikonfirmasi_penilai_at: datetime.datetime | None
    tindak_lanjut: list[TindakLanjutOut]

    @staticmethod
    def resolve_pegawai_id(obj):
        return obj.skp.pegawai_id

    @staticmethod
    def resolve_tindak_lanjut(obj):
        return list(obj.tindak_lanjut.all())


class TindakLanjutIn(Schema):
    uraian: str
    # "pegawai" or "penilai": which party owns the action.
    pemilik: str = "pegawai"
    tenggat: datetime.date


class DialogIn(Schema):
    skp_id: Id
    jenis: str
    tanggal: datetime.date
    topik: str
    catatan: str
    tindak_lanjut: list[TindakLanjutIn] = []


def _thread(request, realisasi) -> dict:
    messages = selectors.feedback.thread(realisasi)
    return {
        "realisasi_id": realisasi.pk,
        "boleh_menulis": selectors.feedback.writer_role(request.user, realisasi, messages),
        "pesan": messages,
    }


@router.get("/realisasi/{realisasi_id}/umpan-balik", response={200: ThreadOut, **errors(404)})
def get_thread(request, realisasi_id: Id):
    """The feedback thread of a realisasi, oldest first."""
    return _thread(request, permissions.get_realisasi_for_user_or_404(request.user, realisasi_id))


@router.post("/realisasi/{realisasi_id}/umpan-balik", response={201: UmpanBalikOut, **errors(400, 403, 404)})
def post_message(request, realisasi_id: Id, payload: UmpanBalikIn):
    """A comment (the penilai of the realisation's period) or a reply (its pegawai, after a comment)."""
    realisasi = permissions.get_realisasi_for_user_or_404(request.user, realisasi_id)
    return Status(201, services.umpan_balik_add(actor=request.user, realisasi=realisasi, isi=payload.isi))


@router.get("/dialog", response={200: list[DialogOut], **errors()})
@paginate
def list_dialogs(request):
    """My dialogues, as pegawai and as penilai, newest first."""
    user = request.user
    today = clock.today(user.instansi) if user.instansi_id else clock.today()
    return selectors.dialog.dialogs_of(access_of(user).pegawai_id, today).prefetch_related("tindak_lanjut")


def _dialog(request, dialog_id: int):
    return permissions.get_dialog_for_user_or_404(request.user, dialog_id)


@router.get("/dialog/{dialog_id}", response={200: DialogOut, **errors(404)})
def get_dialog(request, dialog_id: Id):
    return _dialog(request, dialog_id)


@router.post("/dialog", response={201: DialogOut, **errors(400, 403, 404)})
def create_dialog(request, payload: DialogIn):
    """Record a dialogue on an SKP (its pegawai or its penilai in force); the other party confirms it."""
    skp = permissions.get_skp_for_user_or_404(request.user, payload.skp_id)
    dialog = services.dialog_create(
        actor=request.user,
        skp=skp,
        jenis=payload.jenis,
        tanggal=payload.tanggal,
        topik=payload.topik,
        catatan=payload.catatan,
        tindak_lanjut=[row.dict() for row in payload.tindak_lanjut],
    )
    return Status(201, _dialog(request, dialog.pk))


class DialogUbahIn(Schema):
    kunci: Counter
    jenis: str
    tanggal: datetime.date
    topik: str
    catatan: str


@router.put("/dialog/{dialog_id}", response={200: DialogOut, **errors(400, 403, 404)})
def update_dialog(request, dialog_id: Id, payload: DialogUbahIn):
    """Correct the record before both parties confirmed it; the other party is asked to confirm it again."""
    services.dialog_update(actor=request.user, dialog=_dialog(request, dialog_id), **payload.dict())
    return _dialog(request, dialog_id)


@router.post("/dialog/{dialog_id}/konfirmasi", response={200: DialogOut, **errors(400, 403, 404)})
def confirm_dialog(request, dialog_id: Id):
    """The other party confirms the record (its author confirmed it by recording it)."""
    services.dialog_confirm(actor=request.user, dialog=_dialog(request, dialog_id))
    return _dialog(request, dialog_id)


@router.post(
    "/tindak-lanjut/{tindak_lanjut_id}/selesai", response={200: TindakLanjutOut, **errors(400, 403, 404)}
)
def action_done(request, tindak_lanjut_id: Id):
    """Mark an agreed action done (either party of its dialogue)."""
    action = selectors.dialog.get_action_for_user_or_404(request.user, tindak_lanjut_id)
    return services.tindak_lanjut_done(actor=request.user, tindak_lanjut=action)
