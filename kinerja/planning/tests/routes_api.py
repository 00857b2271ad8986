"""The SKP API routes for every role (see kinerja/planning/permissions.py).

`pegawai` drafts and submits their own SKP; `atasan` is their penilai and the penilai of the Epidemiolog whose
SKP waits for a decision. The line of command above (kepala_dinas, sekda) and the instansi-wide roles read
those SKP but may not change them (403); admin_pd (Dinas Pendidikan) and the outsider do not see them (404).
The routes use the demo objects and role groups of routes_skp, the same SKP as the screens.
"""

from conftest import YEAR
from kinerja.core.testing.harness import Route, Writes, expect, expect_roles
from kinerja.planning.models import RHK, SKP, Indikator
from kinerja.planning.tests.routes_skp import SEES_ATASAN_SKP, SEES_EPIDEMIOLOG_SKP, SEES_PEGAWAI_SKP


def api_read(roles):
    return expect_roles(404, {200: roles}, anon=401)


def api_write(writer: str, visible, *, ok: int = 200, **overrides):
    """`writer` writes (status `ok`), the others who see the SKP get 403, the rest 404, anonymous 401."""
    return expect_roles(404, {403: visible}, anon=401, **{writer: Writes(ok)}, **overrides)


def _skp_state(skp_attr: str):
    def state(objs):
        skp = SKP.objects.get(pk=getattr(objs, skp_attr).pk)
        return (
            skp.status,
            skp.kunci,
            skp.dukungan_sumber_daya,
            list(RHK.objects.filter(skp=skp).values_list("pk", "uraian", "jenis")),
            list(Indikator.objects.filter(rhk__skp=skp).values_list("pk", "uraian", "target_angka")),
        )

    return state


def _kunci(skp_attr: str, **extra):
    return lambda objs: {"kunci": SKP.objects.get(pk=getattr(objs, skp_attr).pk).kunci, **extra}


# Writes on one SKP: the pegawai edits and submits their own (added 201, deleted 204), the atasan decides on
# the Epidemiolog's as its penilai and proposes a revision of their own.
CHANGED = api_write("pegawai", SEES_PEGAWAI_SKP)
ADDED = api_write("pegawai", SEES_PEGAWAI_SKP, ok=201)
DELETED = api_write("pegawai", SEES_PEGAWAI_SKP, ok=204)
DECIDED = api_write("atasan", SEES_EPIDEMIOLOG_SKP)
REVISED = api_write("atasan", SEES_ATASAN_SKP)
# The draft's RHK or indikator, for a path that names one.
ITEMS = {"rhk_id": "view_rhk_draft", "indikator_id": "view_indikator_draft"}


def skp_write(name: str, skp_attr: str, write, **data) -> Route:
    """A write on the SKP `skp_attr` (and on the item its path names) with its `kunci` and `data`."""

    def kwargs(objs):
        ids = {"skp_id": getattr(objs, skp_attr).pk}
        return ids | {key: getattr(objs, item).pk for key, item in ITEMS.items() if f"{{{key}}}" in name}

    return Route(
        name, read=None, kwargs=kwargs, write=write, data=_kunci(skp_attr, **data), state=_skp_state(skp_attr)
    )


ROUTES = [
    Route("GET /api/v1/skp-tahun", read=expect(200, anon=401)),
    Route("GET /api/v1/skp", read=expect(200, anon=401)),
    Route(
        "GET /api/v1/skp/{skp_id}",
        read=api_read(SEES_PEGAWAI_SKP),
        kwargs=lambda objs: {"skp_id": objs.view_skp_draft.pk},
    ),
    Route(
        "GET /api/v1/skp/{skp_id}/versi",
        read=api_read(SEES_ATASAN_SKP),
        kwargs=lambda objs: {"skp_id": objs.view_skp_atasan.pk},
    ),
    Route(
        "POST /api/v1/skp",
        read=None,
        # Only `pegawai` has no SKP yet; the others who hold a position already have one (400); staff accounts
        # without a pegawai record have nothing to start (404).
        write=expect_roles(
            404,
            {400: ("atasan", "kepala_dinas", "sekda")},
            anon=401,
            pegawai=Writes(201),
        ),
        data=lambda objs: {"tahun": YEAR},
        state=lambda objs: SKP.objects.count(),
    ),
    skp_write(
        "POST /api/v1/skp/{skp_id}/rhk", "view_skp_draft", ADDED, uraian="Tugas tambahan", jenis="tambahan"
    ),
    skp_write(
        "PUT /api/v1/skp/{skp_id}/rhk/{rhk_id}",
        "view_skp_draft",
        CHANGED,
        uraian="Data imunisasi mutakhir dan akurat",
    ),
    skp_write("DELETE /api/v1/skp/{skp_id}/rhk/{rhk_id}", "view_skp_draft", DELETED),
    skp_write(
        "POST /api/v1/skp/{skp_id}/rhk/{rhk_id}/indikator",
        "view_skp_draft",
        ADDED,
        uraian="Ketepatan waktu",
        aspek="waktu",
        target="5",
        satuan="hari",
        arah="turun",
    ),
    skp_write(
        "PUT /api/v1/skp/{skp_id}/indikator/{indikator_id}",
        "view_skp_ready",
        CHANGED,
        uraian="Laporan bulanan",
        target="92,5",
        satuan="%",
    ),
    skp_write("DELETE /api/v1/skp/{skp_id}/indikator/{indikator_id}", "view_skp_ready", DELETED),
    skp_write(
        "PUT /api/v1/skp/{skp_id}/lampiran", "view_skp_draft", CHANGED, dukungan_sumber_daya="Anggaran DPA"
    ),
    skp_write("POST /api/v1/skp/{skp_id}/ajukan", "view_skp_ready", CHANGED),
    skp_write("POST /api/v1/skp/{skp_id}/tarik", "view_skp_submitted", CHANGED),
    skp_write(
        "POST /api/v1/skp/{skp_id}/setujui",
        "view_skp_epidemiolog",
        DECIDED,
        ekspektasi={"akuntabel": "Data akurat"},
    ),
    skp_write(
        "POST /api/v1/skp/{skp_id}/kembalikan",
        "view_skp_epidemiolog",
        DECIDED,
        alasan="Lengkapi target waktu",
    ),
    skp_write("POST /api/v1/skp/{skp_id}/revisi", "view_skp_atasan", REVISED, alasan="Perubahan anggaran"),
]
