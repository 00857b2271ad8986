"""Routes of 360 feedback, for every role.

The demo has a closed round over the Dinas Kesehatan (the cast's `pegawai` took part; `atasan`, the Kepala Seksi
Imunisasi, was their penilai) and an open round over the whole instansi. Only the rater opens their form; the
participant and the round's penilai open the peers and the report; the admin BKPSDM (and the superuser) the
rounds; the competency profile is set by the current penilai and read by the pegawai and the instansi-wide
roles. Everyone else learns nothing exists."""

import datetime

from kinerja.core import clock
from kinerja.core.testing.harness import (
    LOGIN,
    OK,
    Route,
    Writes,
    demo_object,
    expect,
    expect_roles,
    response_check,
)
from kinerja.feedback360.models import Formulir, Kelompok, Peserta, ProfilKompetensi, Ronde
from kinerja.feedback360.selectors import items_of
from kinerja.feedback360.tests.anonymity import assert_no_rater_named
from kinerja.org.tests.routes import page_for, seen_by

# Every response of the harness, of every app's route, as every role: no anonymous rater named next to an answer.
response_check(assert_no_rater_named)

ADMIN = ("admin_bkpsdm", "superuser")
BOTH = ("pegawai", "atasan")
PROFILE_READERS = ("pegawai", "atasan", "admin_bkpsdm", "tim_penilai", "auditor", "superuser")
POST_ONLY = expect(405, anon=LOGIN)


API_OK = Writes(200)


def _api(writers: tuple[str, ...], ok=API_OK, refused: tuple[str, ...] = ()) -> dict:
    return expect_roles(404, {403: refused, ok: writers}, anon=401)


@demo_object
def r360_open(objs):
    return Ronde.objects.get(unit__isnull=True, ditutup_pada__isnull=True, instansi=objs.cast.instansi())


@demo_object
def p360_open(objs):
    return Peserta.objects.get(ronde=objs.r360_open, pegawai=objs.cast.pegawai.pegawai)


@demo_object
def p360_closed(objs):
    return Peserta.objects.filter(pegawai=objs.cast.pegawai.pegawai).exclude(ronde=objs.r360_open).get()


@demo_object
def f360_self(objs):
    return Formulir.objects.get(peserta=objs.p360_open, kelompok=Kelompok.DIRI)


def _rounds(o):
    return list(Ronde.objects.order_by("pk").values())


def _forms(o):
    return list(Formulir.objects.filter(peserta__pegawai=o.cast.pegawai.pegawai).order_by("pk").values())


def _peserta(o):
    return list(Peserta.objects.filter(pk=o.p360_open.pk).values()) + _forms(o)


def _profiles(o):
    return list(ProfilKompetensi.objects.filter(pegawai=o.cast.pegawai.pegawai).order_by("pk").values())


def _answers(o) -> dict:
    return {f"{i.key.replace(':', '__')}": "4" for i in items_of(o.p360_open)}


def _peers(o) -> list[int]:
    return list(
        Formulir.objects.filter(peserta=o.p360_open, kelompok=Kelompok.REKAN)
        .order_by("pk")
        .values_list("pengisi_id", flat=True)
    )


def _profile_levels(o) -> dict:
    kompetensi = [i for i in items_of(o.p360_closed) if i.kind == "kompetensi"]
    kerangka = o.p360_closed.ronde.kerangka
    ids = dict(kerangka.kompetensi.values_list("kode", "pk"))
    return {ids[i.key.split(":", 1)[1]]: 2 for i in kompetensi}


def _soon(o) -> str:
    return (clock.today(o.cast.instansi()) + datetime.timedelta(days=7)).isoformat()


OPEN = lambda o: {"pk": o.r360_open.pk}  # noqa: E731
PROFILE = lambda o: {"pegawai_pk": o.cast.pegawai.pegawai_id, "tahun": o.p360_closed.ronde.tahun}  # noqa: E731
UNIT = lambda o: o.cast.pegawai.pegawai.penugasan.first().jabatan.unit_id  # noqa: E731

ROUTES: list = [
    Route("feedback360:index", read=expect(200, anon=LOGIN)),
    Route(
        "feedback360:ronde_baru",
        read=page_for(("admin_bkpsdm", "outsider")),
        data=lambda o: {"nama": "Ronde uji", "unit": UNIT(o), "tanggal_tutup": _soon(o)},
        state=_rounds,
        # the outsider administers another agency: the unit is not theirs, the form comes back with the error
        write=expect_roles(403, {OK: ("admin_bkpsdm",), 200: ("outsider",)}, anon=LOGIN),
    ),
    Route("feedback360:ronde", kwargs=OPEN, read=seen_by(ADMIN)),
    Route(
        "feedback360:pengingat",
        kwargs=OPEN,
        read=POST_ONLY,
        data=lambda o: {},
        state=_rounds,
        write=expect_roles(404, {OK: ADMIN}, anon=LOGIN),
    ),
    Route(
        "feedback360:tutup",
        kwargs=OPEN,
        read=seen_by(ADMIN),
        data=lambda o: {"konfirmasi": "1"},
        state=_rounds,
        write=expect_roles(404, {OK: ADMIN}, anon=LOGIN),
    ),
    Route(
        "feedback360:isi",
        kwargs=lambda o: {"pk": o.f360_self.pk},
        read=seen_by(("pegawai",)),
        data=lambda o: {**_answers(o), "komentar": "Saya berusaha tepat waktu.", "aksi": "simpan"},
        state=_forms,
        write=expect_roles(404, {OK: ("pegawai",)}, anon=LOGIN),
    ),
    Route(
        "feedback360:rekan",
        kwargs=lambda o: {"pk": o.p360_open.pk},
        read=seen_by(BOTH),
        data=lambda o: {"rekan": [str(p) for p in _peers(o)]},
        state=_peserta,
        write=expect_roles(404, {OK: BOTH}, anon=LOGIN),
    ),
    Route("feedback360:laporan", kwargs=lambda o: {"pk": o.p360_closed.pk}, read=seen_by(BOTH)),
    Route(
        "feedback360:profil",
        kwargs=PROFILE,
        read=seen_by(PROFILE_READERS),
        data=lambda o: {f"level_{k}": str(v) for k, v in _profile_levels(o).items()},
        state=_profiles,
        write=expect_roles(
            404, {403: tuple(r for r in PROFILE_READERS if r != "atasan"), OK: ("atasan",)}, anon=LOGIN
        ),
    ),
    # The API ---------------------------------------------------------------------------------------------
    Route("GET /api/v1/360/formulir", read=expect(200, anon=401)),
    Route(
        "GET /api/v1/360/formulir/{formulir_id}",
        kwargs=lambda o: {"formulir_id": o.f360_self.pk},
        read=seen_by(("pegawai",), api=True),
    ),
    Route(
        "PUT /api/v1/360/formulir/{formulir_id}",
        read=None,
        kwargs=lambda o: {"formulir_id": o.f360_self.pk},
        data=lambda o: {"nilai": {i.key: 3 for i in items_of(o.p360_open)}, "komentar": "Lewat API"},
        state=_forms,
        write=_api(("pegawai",)),
    ),
    Route("GET /api/v1/360/ronde", read=expect(200, anon=401)),
    Route(
        "GET /api/v1/360/ronde/{ronde_id}",
        kwargs=lambda o: {"ronde_id": o.r360_open.pk},
        read=seen_by(ADMIN, api=True),
    ),
    Route(
        "POST /api/v1/360/ronde",
        read=None,
        data=lambda o: {"nama": "Ronde API", "tanggal_tutup": _soon(o), "unit_id": UNIT(o)},
        state=_rounds,
        # the outsider's agency has no such unit; the superuser belongs to no agency
        write=expect_roles(403, {Writes(201): ("admin_bkpsdm",), 404: ("outsider", "superuser")}, anon=401),
    ),
    Route(
        "POST /api/v1/360/ronde/{ronde_id}/tutup",
        read=None,
        kwargs=lambda o: {"ronde_id": o.r360_open.pk},
        data=lambda o: {},
        state=_rounds,
        write=_api(ADMIN),
    ),
    Route(
        "PUT /api/v1/360/peserta/{peserta_id}/rekan",
        read=None,
        kwargs=lambda o: {"peserta_id": o.p360_open.pk},
        data=lambda o: {"rekan": _peers(o)},
        state=_peserta,
        write=_api(BOTH),
    ),
    Route(
        "GET /api/v1/360/peserta/{peserta_id}/laporan",
        kwargs=lambda o: {"peserta_id": o.p360_closed.pk},
        read=seen_by(BOTH, api=True),
    ),
    Route(
        "GET /api/v1/360/profil/{pegawai_id}/{tahun}",
        kwargs=lambda o: {"pegawai_id": o.cast.pegawai.pegawai_id, "tahun": o.p360_closed.ronde.tahun},
        read=seen_by(PROFILE_READERS, api=True),
    ),
    Route(
        "PUT /api/v1/360/profil/{pegawai_id}/{tahun}",
        read=None,
        kwargs=lambda o: {"pegawai_id": o.cast.pegawai.pegawai_id, "tahun": o.p360_closed.ronde.tahun},
        data=lambda o: {"level": {str(k): v for k, v in _profile_levels(o).items()}},
        state=_profiles,
        write=_api(("atasan",), refused=tuple(r for r in PROFILE_READERS if r != "atasan")),
    ),
]
