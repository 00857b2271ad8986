"""Routes of monitoring: the feedback thread and dialog kinerja, for every role.

`pegawai` has an approved SKP (made here through planning's services) whose penilai is `atasan`; a realisasi of
the current period is recorded on it. The penilai comments and the pegawai replies (a reply before any comment is
refused, with the form again); either of them records a dialogue, the other confirms it, either marks an agreed
action done. The line above (kepala_dinas, sekda) and the instansi-wide roles read all of it but may not write
(403); admin_pd (Dinas Pendidikan) and the outsider do not see it (404).
"""

import datetime
from decimal import Decimal

from kinerja.core import clock
from kinerja.core.testing.harness import LOGIN, OK, Route, Writes, demo_object, expect, expect_roles
from kinerja.monitoring import services
from kinerja.monitoring.models import DialogKinerja, Realisasi, TindakLanjut, UmpanBalik
from kinerja.org.tests.routes import managed_by, seen_by
from kinerja.planning import services as planning_services
from kinerja.planning.models import SKP, Periode
from kinerja.testkit import cast as named
from kinerja.testkit.cast import YEAR

SEES_PEGAWAI = (
    "pegawai",
    "atasan",
    "kepala_dinas",
    "sekda",
    "admin_bkpsdm",
    "tim_penilai",
    "auditor",
    "superuser",
)
POST_ONLY = expect(405, anon=LOGIN)


# Fixtures (also used by the feedback and dialog tests) ---------------------------------------------------------


def approved_skp(pegawai_user, penilai_user) -> SKP:
    """The pegawai's approved SKP of YEAR (one RHK supporting the penilai's, one numeric indikator with a target
    of 12 laporan), approved by their penilai; an approved one already there is used as it is."""
    existing = SKP.objects.filter(
        pegawai=pegawai_user.pegawai, tahun_kinerja__tahun=YEAR, berakhir=False
    ).first()
    if existing is not None and existing.versi > 0:
        return existing
    skp = existing or planning_services.skp_start(
        actor=pegawai_user, pegawai=pegawai_user.pegawai, tahun=YEAR
    )
    atasan_rhk = named.current_skp(penilai_user).rhk.filter(jenis="utama").order_by("urutan").first()
    rhk = planning_services.rhk_save(
        actor=pegawai_user,
        skp=skp,
        kunci=SKP.objects.get(pk=skp.pk).kunci,
        uraian="Tersedianya laporan imunisasi bulanan",
        rhk_atasan=atasan_rhk,
    )
    # A draft begun elsewhere (the screens photograph it first) may hold an RHK without indikator yet.
    bare = list(skp.rhk.filter(indikator__isnull=True).exclude(pk=rhk.pk))
    targets = [(rhk, "Jumlah laporan imunisasi yang disampaikan", "12", "laporan")]
    targets += [(other, "Persentase data yang mutakhir", "100", "persen") for other in bare]
    for target_rhk, uraian, target, satuan in targets:
        planning_services.indikator_save(
            actor=pegawai_user,
            rhk=target_rhk,
            kunci=SKP.objects.get(pk=skp.pk).kunci,
            uraian=uraian,
            target=target,
            satuan=satuan,
        )
    skp = planning_services.skp_submit(actor=pegawai_user, skp=skp, kunci=SKP.objects.get(pk=skp.pk).kunci)
    return planning_services.skp_approve(actor=penilai_user, skp=skp, kunci=SKP.objects.get(pk=skp.pk).kunci)


def indikator_id(skp: SKP) -> int:
    return skp.versi_set.get(nomor=skp.versi).konten["rhk"][0]["indikator"][0]["id"]


def periode(skp: SKP, nomor: int) -> Periode:
    return Periode.objects.get(tahun_kinerja=skp.tahun_kinerja, nomor=nomor)


def current_periode(skp: SKP) -> Periode:
    today = clock.today(skp.instansi)
    return Periode.objects.get(tahun_kinerja=skp.tahun_kinerja, mulai__lte=today, selesai__gte=today)


def realisasi(skp: SKP, per: Periode, value="5", *, by=None, ind: int | None = None) -> Realisasi:
    """A realisasi recorded straight in the table (the realisasi area's service records it for real)."""
    return Realisasi.objects.create(
        skp=skp,
        periode=per,
        indikator_id=ind or indikator_id(skp),
        versi_skp=skp.versi,
        nilai_angka=Decimal(value),
        narasi="Laporan terkirim",
        diisi_oleh=by,
    )


def dialog(cast, skp: SKP, *, by="pegawai", tenggat: datetime.date | None = None) -> DialogKinerja:
    today = clock.today(skp.instansi)
    return services.dialog_create(
        actor=getattr(cast, by),
        skp=skp,
        jenis="coaching",
        tanggal=today,
        topik="Ketepatan laporan imunisasi",
        catatan="Laporan bulan lalu terlambat dua hari.",
        tindak_lanjut=[
            {"uraian": "Kirim laporan sebelum tanggal 5", "pemilik": "pegawai", "tenggat": tenggat or today}
        ],
    )


# Demo objects ------------------------------------------------------------------------------------------------


@demo_object
def dlg_skp(objs):
    return approved_skp(objs.cast.pegawai, objs.cast.atasan)


@demo_object
def dlg_realisasi(objs):
    skp = objs.dlg_skp
    return realisasi(skp, current_periode(skp), by=objs.cast.pegawai)


@demo_object
def dlg_commented(objs):
    """A realisasi with the penilai's comment: the pegawai may reply."""
    found = objs.dlg_realisasi
    services.umpan_balik_add(actor=objs.cast.atasan, realisasi=found, isi="Bagus, pertahankan.")
    return found


@demo_object
def dlg_dialog(objs):
    """A dialogue recorded by the pegawai, waiting for the atasan's confirmation, with one open action."""
    return dialog(objs.cast, objs.dlg_skp)


@demo_object
def dlg_confirmed(objs):
    """A dialogue both parties confirmed: its record no longer changes."""
    found = dialog(objs.cast, objs.dlg_skp)
    return services.dialog_confirm(actor=objs.cast.atasan, dialog=found)


def _edit_form(o):
    return {
        "jenis": "konseling",
        "tanggal": clock.today(o.dlg_skp.instansi).isoformat(),
        "topik": "Ketepatan laporan (diperbaiki)",
        "catatan": "Laporan bulan lalu terlambat tiga hari.",
    }


def _thread_state(attr):
    return lambda o: list(
        UmpanBalik.objects.filter(realisasi=getattr(o, attr))
        .order_by("pk")
        .values_list("penulis_id", "peran", "isi")
    )


def _dialog_state(o):
    skp = o.dlg_skp
    return (
        list(DialogKinerja.objects.filter(skp=skp).order_by("pk").values()),
        list(TindakLanjut.objects.filter(dialog__skp=skp).order_by("pk").values()),
    )


def _dialog_form(o):
    today = clock.today(o.dlg_skp.instansi)
    return {
        "jenis": "mentoring",
        "tanggal": today.isoformat(),
        "topik": "Rencana pelatihan",
        "catatan": "Membahas pelatihan pengolahan data.",
        "tl_1_uraian": "Mendaftar pelatihan",
        "tl_1_pemilik": "pegawai",
        "tl_1_tenggat": today.isoformat(),
    }


def _dialog_json(o):
    today = clock.today(o.dlg_skp.instansi)
    return {
        "skp_id": o.dlg_skp.pk,
        "jenis": "konseling",
        "tanggal": today.isoformat(),
        "topik": "Beban kerja",
        "catatan": "Membahas pembagian tugas.",
        "tindak_lanjut": [
            {"uraian": "Membagi tugas ulang", "pemilik": "penilai", "tenggat": today.isoformat()}
        ],
    }


def api_write(writers: dict, visible, **overrides):
    return expect_roles(404, {403: visible, **writers}, anon=401, **overrides)


REALISASI = lambda o: {"pk": o.dlg_realisasi.pk}  # noqa: E731
COMMENTED = lambda o: {"pk": o.dlg_commented.pk}  # noqa: E731
SKP_ = lambda o: {"pk": o.dlg_skp.pk}  # noqa: E731
DIALOG = lambda o: {"pk": o.dlg_dialog.pk}  # noqa: E731
ACTION = lambda o: {"pk": o.dlg_dialog.tindak_lanjut.get().pk}  # noqa: E731
PARTIES = ("pegawai", "atasan")

ROUTES = [
    # Feedback: the penilai comments; the pegawai's reply before a comment gets the form again (200) --------
    Route(
        "monitoring:feedback_add",
        case="comment",
        kwargs=REALISASI,
        read=POST_ONLY,
        data=lambda o: {"isi": "Tolong lampirkan bukti pengiriman."},
        state=_thread_state("dlg_realisasi"),
        write=expect_roles(404, {403: SEES_PEGAWAI}, atasan=OK, pegawai=200, anon=LOGIN),
    ),
    Route(
        "monitoring:feedback_add",
        case="reply",
        kwargs=COMMENTED,
        read=POST_ONLY,
        data=lambda o: {"isi": "Baik, terima kasih."},
        state=_thread_state("dlg_commented"),
        write=expect_roles(404, {403: SEES_PEGAWAI}, atasan=OK, pegawai=OK, anon=LOGIN),
    ),
    Route("monitoring:feedback_queue", read=expect(200, anon=LOGIN)),
    # Dialog kinerja ---------------------------------------------------------------------------------------
    Route("monitoring:dialog_list", read=expect(200, anon=LOGIN)),
    Route(
        "monitoring:dialog_create",
        kwargs=SKP_,
        read=managed_by(PARTIES, SEES_PEGAWAI),
        data=_dialog_form,
        state=_dialog_state,
        write=managed_by(PARTIES, SEES_PEGAWAI, ok=OK),
    ),
    Route("monitoring:dialog_detail", kwargs=DIALOG, read=seen_by(SEES_PEGAWAI)),
    Route(
        "monitoring:dialog_edit",
        kwargs=DIALOG,
        read=managed_by(PARTIES, SEES_PEGAWAI),
        data=lambda o: {**_edit_form(o), "kunci": o.dlg_dialog.kunci},
        state=_dialog_state,
        write=managed_by(PARTIES, SEES_PEGAWAI, ok=OK),
    ),
    Route(
        "monitoring:dialog_edit",
        case="confirmed",
        kwargs=lambda o: {"pk": o.dlg_confirmed.pk},
        read=managed_by(PARTIES, SEES_PEGAWAI),
        data=lambda o: {**_edit_form(o), "kunci": o.dlg_confirmed.kunci},
        state=_dialog_state,
        # refused by the service: the form again with the reason, nothing changed
        write=managed_by(PARTIES, SEES_PEGAWAI),
    ),
    Route(
        "monitoring:dialog_confirm",
        kwargs=DIALOG,
        read=POST_ONLY,
        data=lambda o: {},
        state=_dialog_state,
        # the author (pegawai) is told that their recording confirmed it: back to the page, nothing changed
        write=expect_roles(404, {403: SEES_PEGAWAI}, atasan=OK, pegawai=302, anon=LOGIN),
    ),
    Route(
        "monitoring:action_done",
        kwargs=ACTION,
        read=POST_ONLY,
        data=lambda o: {},
        state=_dialog_state,
        write=managed_by(PARTIES, SEES_PEGAWAI, ok=OK),
    ),
    # API --------------------------------------------------------------------------------------------------
    Route(
        "GET /api/v1/realisasi/{realisasi_id}/umpan-balik",
        kwargs=lambda o: {"realisasi_id": o.dlg_realisasi.pk},
        read=seen_by(SEES_PEGAWAI, api=True),
    ),
    Route(
        "POST /api/v1/realisasi/{realisasi_id}/umpan-balik",
        read=None,
        kwargs=lambda o: {"realisasi_id": o.dlg_realisasi.pk},
        data=lambda o: {"isi": "Mohon dilengkapi."},
        state=_thread_state("dlg_realisasi"),
        write=api_write({Writes(201): ("atasan",), 400: ("pegawai",)}, SEES_PEGAWAI),
    ),
    Route("GET /api/v1/dialog", read=expect(200, anon=401)),
    Route(
        "GET /api/v1/dialog/{dialog_id}",
        kwargs=lambda o: {"dialog_id": o.dlg_dialog.pk},
        read=seen_by(SEES_PEGAWAI, api=True),
    ),
    Route(
        "POST /api/v1/dialog",
        read=None,
        data=_dialog_json,
        state=_dialog_state,
        write=api_write({Writes(201): PARTIES}, SEES_PEGAWAI),
    ),
    Route(
        "PUT /api/v1/dialog/{dialog_id}",
        read=None,
        kwargs=lambda o: {"dialog_id": o.dlg_dialog.pk},
        data=lambda o: {**_edit_form(o), "kunci": o.dlg_dialog.kunci},
        state=_dialog_state,
        write=api_write({Writes(200): PARTIES}, SEES_PEGAWAI),
    ),
    Route(
        "POST /api/v1/dialog/{dialog_id}/konfirmasi",
        read=None,
        kwargs=lambda o: {"dialog_id": o.dlg_dialog.pk},
        data=lambda o: {},
        state=_dialog_state,
        write=api_write({Writes(200): ("atasan",), 400: ("pegawai",)}, SEES_PEGAWAI),
    ),
    Route(
        "POST /api/v1/tindak-lanjut/{tindak_lanjut_id}/selesai",
        read=None,
        kwargs=lambda o: {"tindak_lanjut_id": o.dlg_dialog.tindak_lanjut.get().pk},
        data=lambda o: {},
        state=_dialog_state,
        write=api_write({Writes(200): PARTIES}, SEES_PEGAWAI),
    ),
]
