"""Routes of evaluation, for every role.

`atasan` (Kepala Seksi Imunisasi) evaluates a member of their team (an approved SKP of the demo; the cast's own
`pegawai` has none yet): only they open the form and save it; those who read that SKP (the line above, the
instansi-wide roles) are refused the form and read the result; nobody else learns it exists. `atasan`'s own
evaluation (by the Kepala Bidang, not in the cast, with the Kepala Dinas as atasan penilai) is acknowledged or
objected to by `atasan` only, and the objection is decided by `kepala_dinas` only. Organisation results are
recorded by the admin BKPSDM and by heads of units with units below (the Kepala Dinas for Seksi Imunisasi); the
recap is for those who read the instansi (and a department administrator's subtree)."""

from kinerja.core.testing.harness import LOGIN, OK, Route, Writes, demo_object, expect, expect_roles
from kinerja.evaluation import services
from kinerja.evaluation.models import Evaluasi, HasilOrganisasi
from kinerja.evaluation.tests.kit import World, everything
from kinerja.org.tests.routes import page_for, seen_by
from kinerja.planning.models import Periode
from kinerja.testkit import cast as named

WITH_PEGAWAI = ("pegawai", "atasan", "kepala_dinas", "sekda")
# Who reads the SKP of the atasan's team member (and so its evaluation).
READS_TEAM = ("atasan", "kepala_dinas", "sekda", "admin_bkpsdm", "tim_penilai", "auditor", "superuser")
# Who reads the atasan's own evaluation, and of them who may act on it.
READS_KASI = READS_TEAM
POST_ONLY = expect(405, anon=LOGIN)


def _refusing(actors: tuple[str, ...], readers: tuple[str, ...], ok=200) -> dict:
    """`actors` get `ok`, the other readers 403, everyone else 404 (anonymous: the login page)."""
    return expect_roles(404, {403: tuple(r for r in readers if r not in actors), ok: actors}, anon=LOGIN)


@demo_object
def ev_world(objs):
    return World(objs.cast)


@demo_object
def ev_final(objs):
    """The team member's evaluation of the period before the last ended one, finalised by `atasan`."""
    w = objs.ev_world
    before = Periode.objects.get(tahun_kinerja=w.periode.tahun_kinerja, nomor=w.periode.nomor - 1)
    values = everything(w.skp, before)
    return services.evaluasi_simpan(actor=w.penilai, skp=w.skp, periode=before, finalkan=True, **values)


@demo_object
def ev_kasi(objs):
    """`atasan`'s own evaluation for the last ended period, finalised by the Kepala Bidang after the BKPSDM
    recorded Seksi Imunisasi's organisation result."""
    w = objs.ev_world
    skp = named.current_skp(objs.cast.atasan)
    unit = skp.jabatan.unit
    services.hasil_organisasi_simpan(
        actor=objs.cast.admin_bkpsdm,
        unit=unit,
        tahun=skp.tahun,
        periode=w.periode,
        capaian="101",
        predikat="baik",
    )
    values = everything(skp, w.periode)
    return services.evaluasi_simpan(actor=w.kabid, skp=skp, periode=w.periode, finalkan=True, **values)


@demo_object
def ev_kasi_keberatan(objs):
    return services.evaluasi_keberatan(
        actor=objs.cast.atasan, evaluasi=objs.ev_kasi, reason="Capaian seksi saya di atas target."
    )


API_OK = Writes(200)


def _api(writers: tuple[str, ...], readers: tuple[str, ...], ok=API_OK) -> dict:
    """The API's answers: `writers` get `ok`, the other readers 403, everyone else 404, anonymous 401."""
    return expect_roles(404, {403: tuple(r for r in readers if r not in writers), ok: writers}, anon=401)


def _json(o) -> dict:
    w = o.ev_world
    values = everything(w.skp, w.periode)
    return {
        "rating_rhk": values["rating_rhk"],
        "rating_nilai": values["rating_nilai"],
        "catatan": "Lewat API",
    }


def _evaluations(o):
    return list(Evaluasi.objects.order_by("pk").values())


def _results(o):
    return list(HasilOrganisasi.objects.order_by("pk").values())


def _form(o) -> dict:
    w = o.ev_world
    values = everything(w.skp, w.periode)
    data = {f"rhk_{k}": v for k, v in values["rating_rhk"].items()}
    data.update({f"nilai_{k}": v for k, v in values["rating_nilai"].items()})
    data.update(rating_perilaku="sesuai", catatan="Draf penilaian", aksi="simpan")
    return data


SPAN = lambda o: {"skp_pk": o.ev_world.skp.pk, "nomor": o.ev_world.periode.nomor}  # noqa: E731
FINAL = lambda o: {"pk": o.ev_final.pk}  # noqa: E731
KASI = lambda o: {"pk": o.ev_kasi.pk}  # noqa: E731
UNIT = lambda o: {"unit_pk": named.current_skp(o.cast.atasan).jabatan.unit_id}  # noqa: E731
RECORDS = ("admin_bkpsdm", "kepala_dinas")
RECAP = ("admin_bkpsdm", "tim_penilai", "auditor", "admin_pd", "outsider")

ROUTES: list = [
    Route("evaluation:index", read=page_for(WITH_PEGAWAI)),
    Route(
        "evaluation:periodik",
        kwargs=SPAN,
        read=_refusing(("atasan",), READS_TEAM),
        data=_form,
        state=_evaluations,
        write=_refusing(("atasan",), READS_TEAM, ok=OK),
    ),
    Route(
        "evaluation:tahunan",
        kwargs=lambda o: {"skp_pk": o.ev_world.skp.pk},
        read=_refusing(("atasan",), READS_TEAM),
        # the year has not ended: the form again with the refusal, nothing written
        data=_form,
        state=_evaluations,
        write=_refusing(("atasan",), READS_TEAM),
    ),
    Route("evaluation:detail", kwargs=FINAL, read=seen_by(READS_TEAM)),
    Route("evaluation:pdf", kwargs=FINAL, read=seen_by(READS_TEAM)),
    Route(
        "evaluation:terima",
        kwargs=KASI,
        read=POST_ONLY,
        data=lambda o: {},
        state=_evaluations,
        write=_refusing(("atasan",), READS_KASI, ok=OK),
    ),
    Route(
        "evaluation:keberatan",
        kwargs=KASI,
        read=_refusing(("atasan",), READS_KASI),
        data=lambda o: {"reason": "Predikat organisasi seksi belum diperbarui."},
        state=_evaluations,
        write=_refusing(("atasan",), READS_KASI, ok=OK),
    ),
    Route(
        "evaluation:putus",
        kwargs=lambda o: {"pk": o.ev_kasi_keberatan.pk},
        read=_refusing(("kepala_dinas",), READS_KASI),
        data=lambda o: {
            "rating_hasil_kerja": "di_atas",
            "rating_perilaku": "sesuai",
            "reason": "Bukti dukung seksi mendukung keberatan.",
        },
        state=_evaluations,
        write=_refusing(("kepala_dinas",), READS_KASI, ok=OK),
    ),
    # the Sekretaris Daerah heads the Setda, with units below it
    Route("evaluation:organisasi", read=page_for((*RECORDS, "sekda", "outsider"))),
    Route(
        "evaluation:organisasi_catat",
        kwargs=UNIT,
        read=expect_roles(403, {200: RECORDS, 404: ("outsider",)}, anon=LOGIN),
        data=lambda o: {"capaian": "98,5", "predikat": "baik", "bukti": "LKj Seksi Imunisasi triwulan III"},
        state=_results,
        write=expect_roles(403, {OK: RECORDS, 404: ("outsider",)}, anon=LOGIN),
    ),
    Route("evaluation:rekap", read=page_for(RECAP)),
    # The API ---------------------------------------------------------------------------------------------
    Route("GET /api/v1/evaluasi", read=expect(200, anon=401)),
    Route("GET /api/v1/evaluasi/antrian", read=expect(200, anon=401)),
    Route(
        "GET /api/v1/evaluasi/{evaluasi_id}",
        kwargs=lambda o: {"evaluasi_id": o.ev_final.pk},
        read=seen_by(READS_TEAM, api=True),
    ),
    Route(
        "PUT /api/v1/evaluasi/skp/{skp_id}/periode/{nomor}",
        read=None,
        kwargs=lambda o: {"skp_id": o.ev_world.skp.pk, "nomor": o.ev_world.periode.nomor},
        data=_json,
        state=_evaluations,
        write=_api(("atasan",), READS_TEAM),
    ),
    Route(
        "PUT /api/v1/evaluasi/skp/{skp_id}/tahunan",
        read=None,
        kwargs=lambda o: {"skp_id": o.ev_world.skp.pk},
        data=_json,
        state=_evaluations,
        # the year has not ended: refused, nothing written
        write=_api(("atasan",), READS_TEAM, ok=400),
    ),
    Route(
        "POST /api/v1/evaluasi/{evaluasi_id}/terima",
        read=None,
        kwargs=lambda o: {"evaluasi_id": o.ev_kasi.pk},
        data=lambda o: {},
        state=_evaluations,
        write=_api(("atasan",), READS_KASI),
    ),
    Route(
        "POST /api/v1/evaluasi/{evaluasi_id}/keberatan",
        read=None,
        kwargs=lambda o: {"evaluasi_id": o.ev_kasi.pk},
        data=lambda o: {"alasan": "Predikat organisasi belum diperbarui."},
        state=_evaluations,
        write=_api(("atasan",), READS_KASI),
    ),
    Route(
        "POST /api/v1/evaluasi/{evaluasi_id}/putus",
        read=None,
        kwargs=lambda o: {"evaluasi_id": o.ev_kasi_keberatan.pk},
        data=lambda o: {
            "alasan": "Keberatan ditolak.",
            "rating_hasil_kerja": "sesuai",
            "rating_perilaku": "sesuai",
        },
        state=_evaluations,
        write=_api(("kepala_dinas",), READS_KASI),
    ),
    Route("GET /api/v1/hasil-organisasi", read=expect(200, anon=401)),
    Route(
        "PUT /api/v1/hasil-organisasi/unit/{unit_id}",
        read=None,
        kwargs=lambda o: {"unit_id": named.current_skp(o.cast.atasan).jabatan.unit_id},
        data=lambda o: {
            "tahun": o.ev_world.skp.tahun,
            "periode": o.ev_world.periode.nomor,
            "capaian": "98.5",
            "predikat": "baik",
        },
        state=_results,
        # the superuser and the outsider work in another (or no) instansi: the unit is not found there
        write=expect_roles(403, {Writes(200): RECORDS, 404: ("outsider", "superuser")}, anon=401),
    ),
    Route("evaluation:rekap_export", read=page_for(RECAP)),
]
