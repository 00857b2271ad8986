"""Routes of calibration, for every role.

The distribution curve is read by those who read the evaluation recap (the BKPSDM, the tim penilai, auditors, a
department administrator for their units; the other instansi's administrator reads their own).

The demo's open session (over the Dinas Kesehatan) is chaired by the tim penilai, with the admin BKPSDM and the
Kepala Dinas Kesehatan as members; it has a proposal waiting for the chair, so the chair's closing is refused
(302 with the message, nothing changed). Auditors and the superuser read every session but are no members; the
other instansi's administrator may open sessions in their own agency only."""

from kinerja.calibration.models import SesiKalibrasi, StatusSesi, StatusUsulan, Usulan
from kinerja.calibration.selectors import sesi as selectors
from kinerja.core.testing.harness import LOGIN, OK, Route, Writes, demo_object, expect, expect_roles
from kinerja.evaluation.models import Evaluasi, StatusEvaluasi
from kinerja.org.tests.routes import page_for, seen_by

READERS = ("admin_bkpsdm", "tim_penilai", "auditor", "admin_pd", "outsider")
SESI_READERS = ("admin_bkpsdm", "tim_penilai", "auditor", "kepala_dinas", "superuser")
MEMBERS = ("admin_bkpsdm", "tim_penilai", "kepala_dinas")
CHAIR = ("tim_penilai",)
POST_ONLY = expect(405, anon=LOGIN)


def _only(allowed, refused, ok=OK, *, api=False) -> dict:
    """`allowed` get `ok`, the other readers of the session 403, everyone else 404."""
    return expect_roles(
        404, {403: tuple(r for r in refused if r not in allowed), ok: allowed}, anon=401 if api else LOGIN
    )


@demo_object
def sesi_open(objs):
    return SesiKalibrasi.objects.get(status=StatusSesi.DIBUKA, instansi=objs.cast.instansi())


@demo_object
def usulan_waiting(objs):
    return Usulan.objects.filter(sesi=objs.sesi_open, status=StatusUsulan.DIAJUKAN).first()


@demo_object
def evaluasi_free(objs):
    """A result of the open session without an open proposal, that could be calibrated."""
    taken = Usulan.objects.filter(sesi=objs.sesi_open).values("evaluasi_id")
    return (
        selectors.evaluations_of(objs.sesi_open)
        .filter(
            predikat="baik",
            status__in=[StatusEvaluasi.FINAL, StatusEvaluasi.DITERIMA],
            predikat_organisasi="",
        )
        .exclude(pk__in=taken)
        .exclude(pegawai__user__in=[objs.cast.admin_bkpsdm, objs.cast.tim_penilai, objs.cast.kepala_dinas])
        .first()
    )


def _state(o):
    return (
        list(SesiKalibrasi.objects.order_by("pk").values()),
        list(Usulan.objects.order_by("pk").values()),
        list(
            Evaluasi.objects.filter(status__in=["final", "diterima"]).order_by("pk").values("pk", "predikat")
        ),
    )


SESI = lambda o: {"pk": o.sesi_open.pk}  # noqa: E731
USULAN = lambda o: {"pk": o.usulan_waiting.pk}  # noqa: E731
OPENING = lambda o: {  # noqa: E731
    "nama": "Kalibrasi harness",
    "tahun": o.sesi_open.tahun,
    "periode": o.sesi_open.periode_id,
    "units": [o.cast.unit("DINKES").pk],
    "ketua": o.cast.tim_penilai.pk,
}
PROPOSAL = {"rating_hasil_kerja": "di_atas", "rating_perilaku": "di_atas", "alasan": "Bukti dukung lengkap."}

ROUTES: list = [
    Route("calibration:kurva", read=page_for(READERS)),
    Route("GET /api/v1/kalibrasi/kurva", read=expect_roles(403, {200: READERS}, anon=401)),
    Route("calibration:daftar", read=page_for((*SESI_READERS, "outsider"))),
    Route(
        "calibration:sesi_baru",
        read=page_for(("admin_bkpsdm", "tim_penilai", "outsider")),
        data=OPENING,
        state=_state,
        # the outsider's form knows neither the unit nor the chair: it comes back with the errors
        write=expect_roles(403, {OK: ("admin_bkpsdm", "tim_penilai"), 200: ("outsider",)}, anon=LOGIN),
    ),
    Route("calibration:sesi", kwargs=SESI, read=seen_by(SESI_READERS)),
    Route(
        "calibration:usul",
        kwargs=lambda o: {"pk": o.sesi_open.pk, "evaluasi_pk": o.evaluasi_free.pk},
        read=_only(MEMBERS, SESI_READERS, 200),
        data=lambda o: PROPOSAL,
        state=_state,
        write=_only(MEMBERS, SESI_READERS),
    ),
    Route(
        "calibration:tutup",
        kwargs=SESI,
        read=_only(CHAIR, SESI_READERS, 200),
        data=lambda o: {"konfirmasi": "1"},
        state=_state,
        write=_only(CHAIR, SESI_READERS, 302),  # refused: a proposal waits for the chair
    ),
    Route(
        "calibration:ketua",
        kwargs=SESI,
        read=_only(("admin_bkpsdm", "tim_penilai"), SESI_READERS, 200),
        data=lambda o: {"ketua": o.cast.admin_bkpsdm.pk},
        state=_state,
        write=_only(("admin_bkpsdm", "tim_penilai"), SESI_READERS),
    ),
    Route(
        "calibration:terima",
        kwargs=USULAN,
        read=POST_ONLY,
        data=lambda o: {},
        state=_state,
        write=_only(CHAIR, SESI_READERS),
    ),
    Route(
        "calibration:tolak",
        kwargs=USULAN,
        read=_only(CHAIR, SESI_READERS, 200),
        data=lambda o: {"reason": "Belum ada bukti tambahan."},
        state=_state,
        write=_only(CHAIR, SESI_READERS),
    ),
    Route("calibration:penilai_ikhtisar", read=page_for(("admin_bkpsdm", "tim_penilai", "outsider"))),
    # the Kepala Seksi's own page; those above them see them in the organisation but not their analytics
    Route(
        "calibration:penilai",
        kwargs=lambda o: {"pegawai_pk": o.cast.atasan.pegawai_id},
        read=expect_roles(
            404,
            {
                200: ("atasan", "admin_bkpsdm", "tim_penilai", "superuser"),
                403: ("auditor", "kepala_dinas", "sekda"),
            },
            anon=LOGIN,
        ),
    ),
    # The API ---------------------------------------------------------------------------------------------
    Route("GET /api/v1/kalibrasi/sesi", read=expect(200, anon=401)),
    Route(
        "GET /api/v1/kalibrasi/penilai",
        read=expect_roles(403, {200: ("admin_bkpsdm", "tim_penilai", "outsider")}, anon=401),
    ),
    Route(
        "GET /api/v1/kalibrasi/penilai/{pegawai_id}",
        kwargs=lambda o: {"pegawai_id": o.cast.atasan.pegawai_id},
        read=expect_roles(
            404,
            {
                200: ("atasan", "admin_bkpsdm", "tim_penilai", "superuser"),
                403: ("auditor", "kepala_dinas", "sekda"),
            },
            anon=401,
        ),
    ),
    Route(
        "GET /api/v1/kalibrasi/sesi/{sesi_id}",
        kwargs=lambda o: {"sesi_id": o.sesi_open.pk},
        read=seen_by(SESI_READERS, api=True),
    ),
    Route(
        "POST /api/v1/kalibrasi/sesi",
        read=None,
        data=lambda o: {
            "nama": "Kalibrasi API",
            "tahun": o.sesi_open.tahun,
            "unit_ids": [o.cast.unit("DINKES").pk],
            "ketua_id": o.cast.tim_penilai.pk,
        },
        state=_state,
        # the outsider's agency has no such unit; the superuser belongs to no agency
        write=expect_roles(
            403,
            {Writes(201): ("admin_bkpsdm", "tim_penilai"), 400: ("outsider",), 404: ("superuser",)},
            anon=401,
        ),
    ),
    Route(
        "POST /api/v1/kalibrasi/sesi/{sesi_id}/usulan",
        read=None,
        kwargs=lambda o: {"sesi_id": o.sesi_open.pk},
        data=lambda o: {**PROPOSAL, "evaluasi_id": o.evaluasi_free.pk},
        state=_state,
        write=_only(MEMBERS, SESI_READERS, Writes(201), api=True),
    ),
    Route(
        "POST /api/v1/kalibrasi/usulan/{usulan_id}/terima",
        read=None,
        kwargs=lambda o: {"usulan_id": o.usulan_waiting.pk},
        data=lambda o: {},
        state=_state,
        write=_only(CHAIR, SESI_READERS, Writes(200), api=True),
    ),
    Route(
        "POST /api/v1/kalibrasi/usulan/{usulan_id}/tolak",
        read=None,
        kwargs=lambda o: {"usulan_id": o.usulan_waiting.pk},
        data=lambda o: {"alasan": "Belum ada bukti tambahan."},
        state=_state,
        write=_only(CHAIR, SESI_READERS, Writes(200), api=True),
    ),
    Route(
        "POST /api/v1/kalibrasi/sesi/{sesi_id}/tutup",
        read=None,
        kwargs=lambda o: {"sesi_id": o.sesi_open.pk},
        data=lambda o: {},
        state=_state,
        write=_only(CHAIR, SESI_READERS, 400, api=True),  # refused: a proposal waits for the chair
    ),
]
