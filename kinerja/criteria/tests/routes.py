"""Who may open and change what in the assessment framework screens and API (see criteria/permissions.py).

Everyone in Kota Sukamaju reads its published versions; drafts are read by admin BKPSDM, tim penilai and the
auditor only (404 for the rest); only admin BKPSDM edits. The outsider (admin of Kab. Lembah Hijau) gets 404 on
every Sukamaju version. Writes on a draft use a draft of next year, started by admin BKPSDM.
"""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from conftest import YEAR
from kinerja.core.testing.harness import CONFIRM, LOGIN, OK, Route, demo_object, expect, expect_roles
from kinerja.criteria import imports, services
from kinerja.criteria.models import (
    SETTING_FIELDS,
    Bagian,
    Kerangka,
    KriteriaLokal,
    Pengakuan,
    StandarKompetensi,
)
from kinerja.org.models import Jabatan
from kinerja.org.tests.routes import SUKAMAJU, in_sukamaju, managed_by, page_for, row, seen_by

SEES_PUBLISHED = (*SUKAMAJU, "superuser")
SEES_DRAFTS = ("admin_bkpsdm", "tim_penilai", "auditor", "superuser")
EDITORS = ("admin_bkpsdm", "superuser")
READS_ONLY_DRAFTS = ("tim_penilai", "auditor")
HOLDS_A_POSITION = ("pegawai", "atasan", "kepala_dinas", "sekda")
FIVE_LEVELS = {str(i): f"Tingkat {i}" for i in range(1, 6)}


# Demo objects -----------------------------------------------------------------------------------------------


@demo_object
def kerangka_published(objs):
    return Kerangka.objects.get(instansi=objs.sukamaju, tahun=YEAR, versi=1)


@demo_object
def kerangka_draft(objs):
    return services.kerangka_start(actor=objs.cast.admin_bkpsdm, instansi=objs.sukamaju, tahun=YEAR + 1)


@demo_object
def kompetensi_teknis(objs):
    return services.kompetensi_save(
        actor=objs.cast.admin_bkpsdm,
        kerangka=objs.kerangka_draft,
        kode="surveilans",
        nama="Surveilans Epidemiologi",
        jenis="teknis",
        level=FIVE_LEVELS,
    )


@demo_object
def kompetensi_nasional(objs):
    return objs.kerangka_draft.kompetensi.get(kode="integritas")


@demo_object
def kompetensi_published(objs):
    return objs.kerangka_published.kompetensi.get(kode="integritas")


@demo_object
def kriteria_draft(objs):
    return objs.kerangka_draft.kriteria_lokal.get(kode="inovasi")


@demo_object
def kriteria_published(objs):
    return objs.kerangka_published.kriteria_lokal.get(kode="inovasi")


@demo_object
def unit_standar(objs):
    """The unit of `pegawai` (a section with a few positions)."""
    return objs.jabatan_dinkes.unit


# Form data (also used by test_views) ------------------------------------------------------------------------


def settings_form(kerangka: Kerangka, **changes) -> dict:
    data = {}
    for name in SETTING_FIELDS:
        value = getattr(kerangka, name)
        if isinstance(value, bool):
            value = "on" if value else ""
        data[name] = "" if value is None else str(value)
    return {**data, **changes}


def formset_form(rows: list[dict], *, initial: int | None = None, prefix: str = "rows") -> dict:
    """The POST of a rule-section formset: one dict of field values per row (lists for multiple choices)."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(len(rows) if initial is None else initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, values in enumerate(rows):
        for name, value in values.items():
            data[f"{prefix}-{i}-{name}"] = "" if value is None else value
    return data


def rating_rows(sesuai_max=105, di_atas_min=105) -> list[dict]:
    return [
        {"rating": "di_bawah", "min": 0, "max": 90},
        {"rating": "sesuai", "min": 90, "max": sesuai_max},
        {"rating": "di_atas", "min": di_atas_min, "max": None},
    ]


def standar_form(kerangka: Kerangka, unit, **levels) -> dict:
    """The grid of one unit with its current levels; `levels` overrides cells named l_<jabatan>_<kompetensi>."""
    current = {
        (s.jabatan_id, s.kompetensi_id): s.level
        for s in StandarKompetensi.objects.filter(kerangka=kerangka, jabatan__unit=unit)
    }
    data = {}
    for jabatan_id in (
        Jabatan.objects.filter(unit=unit, aktif=True).order_by("path").values_list("pk", flat=True)[:25]
    ):
        for kompetensi_id in kerangka.kompetensi.values_list("pk", flat=True):
            data[f"l_{jabatan_id}_{kompetensi_id}"] = str(current.get((jabatan_id, kompetensi_id), ""))
    data.update(levels)
    return data


def standar_levels(kerangka: Kerangka, jabatan) -> list:
    return sorted(
        StandarKompetensi.objects.filter(kerangka=kerangka, jabatan=jabatan).values_list(
            "kompetensi__kode", "level"
        )
    )


def xlsx(rows: list[list]) -> bytes:
    """A workbook whose first sheet holds `rows`."""
    workbook = Workbook()
    for values in rows:
        workbook.active.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_upload(text: str, name: str = "standar.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def import_payload(kerangka: Kerangka, jabatan) -> dict:
    """The apply step's POST: one previewed row giving `jabatan` level 3 in integritas."""
    rows = [{"row": 2, "jabatan_id": str(jabatan.pk), "kompetensi": "integritas", "level": "3"}]
    return {"payload": imports.sign(kerangka, rows)}


# Routes -----------------------------------------------------------------------------------------------------

DRAFT = lambda o: {"pk": o.kerangka_draft.pk}  # noqa: E731
PUBLISHED = lambda o: {"pk": o.kerangka_published.pk}  # noqa: E731


def entry(kerangka: str, item: str):
    """The kwargs of an entry's page: the demo objects named `kerangka` and `item`."""
    return lambda o: {"pk": getattr(o, kerangka).pk, "item": getattr(o, item).pk}


def still_there(item: str):
    """The state of a removal: whether the demo object named `item` is still stored."""
    return lambda o: type(getattr(o, item)).objects.filter(pk=getattr(o, item).pk).exists()


def edits_draft(ok=200):
    """Admin BKPSDM (and the superuser) edit; tim penilai and the auditor only read drafts; the rest get 404."""
    return managed_by(EDITORS, READS_ONLY_DRAFTS, ok=ok)


# Nobody edits a published version: whoever sees it gets 403, the outsider 404.
FROZEN = managed_by((), SEES_PUBLISHED)


def on_both(name, *, data, state, kwargs=None, query=None, reads=None, draft_case="draft") -> list[Route]:
    """The same write on the draft, which its editors make, and on the published version, which nobody may
    change. `kwargs`, `data` and `state` are functions of the demo objects and the case's version; `reads` are
    the GET expectations of the two cases (by default the editors' page and FROZEN)."""
    kwargs = kwargs or (lambda o, k: {"pk": k.pk})
    cases = [
        (draft_case, lambda o: o.kerangka_draft, edits_draft(ok=OK)),
        ("published", lambda o: o.kerangka_published, FROZEN),
    ]
    return [
        Route(
            name,
            case=case,
            kwargs=lambda o, v=version: kwargs(o, v(o)),
            query=query,
            read=read,
            data=lambda o, v=version: data(o, v(o)),
            state=lambda o, v=version: state(o, v(o)),
            write=write,
        )
        for (case, version, write), read in zip(cases, reads or (edits_draft(), FROZEN), strict=True)
    ]


def entry_routes(
    kind: str, *, item: str, published_item: str, new, new_state, edit, edit_state
) -> list[Route]:
    """Adding and editing an entry of a dictionary (`kind`: kompetensi or kriteria): editors do both in the
    draft (`new` and `edit` are the POSTs, on the demo object named `item`); nobody edits `published_item`."""
    writes = [("create", DRAFT, new, new_state), ("edit", entry("kerangka_draft", item), edit, edit_state)]
    return [
        *[
            Route(
                f"criteria:{kind}_{action}",
                case="draft",
                kwargs=kwargs,
                read=edits_draft(),
                data=data,
                state=state,
                write=edits_draft(ok=OK),
            )
            for action, kwargs, data, state in writes
        ],
        Route(
            f"criteria:{kind}_edit",
            case="published",
            kwargs=entry("kerangka_published", published_item),
            read=FROZEN,
        ),
    ]


ROUTES = [
    Route("criteria:index", read=expect(200, anon=LOGIN)),
    Route("criteria:mine", read=expect(200, anon=LOGIN)),
    Route("criteria:compare", case="empty", read=expect(200, anon=LOGIN)),
    Route(
        "criteria:compare",
        case="published",
        query=lambda o: {"a": o.kerangka_published.pk, "b": o.kerangka_published.pk},
        read=seen_by(SEES_PUBLISHED),
    ),
    Route(
        "criteria:compare",
        case="draft",
        query=lambda o: {"a": o.kerangka_published.pk, "b": o.kerangka_draft.pk},
        read=seen_by(SEES_DRAFTS),
    ),
    Route(
        "criteria:start",
        query=in_sukamaju,
        read=page_for(("admin_bkpsdm", "outsider", "superuser")),
        data=lambda o: {"tahun": YEAR + 2},
        # the outsider starts one for its own instansi, whatever the query asks
        state=lambda o: list(Kerangka.objects.filter(tahun=YEAR + 2).values_list("instansi_id", "versi")),
        write=page_for(("admin_bkpsdm", "outsider", "superuser"), ok=OK),
    ),
    Route("criteria:detail", case="published", kwargs=PUBLISHED, read=seen_by(SEES_PUBLISHED)),
    Route("criteria:detail", case="draft", kwargs=DRAFT, read=seen_by(SEES_DRAFTS)),
    Route(
        "criteria:publish",
        case="draft",
        kwargs=DRAFT,
        read=edits_draft(),
        data=lambda o: {"berlaku_mulai": f"{YEAR + 1}-01-01", "alasan": ""},
        state=lambda o: row(Kerangka, o.kerangka_draft.pk),
        write=edits_draft(ok=OK),
    ),
    Route(
        "criteria:publish",
        case="published",
        kwargs=PUBLISHED,
        read=FROZEN,
        data=lambda o: {"berlaku_mulai": f"{YEAR}-06-01", "alasan": "Perubahan"},
        state=lambda o: row(Kerangka, o.kerangka_published.pk),
        write=FROZEN,
    ),
    *on_both(
        "criteria:discard",
        data=lambda o, k: dict(CONFIRM),
        state=lambda o, k: Kerangka.objects.filter(pk=k.pk).exists(),
    ),
    Route(
        "criteria:acknowledge",
        case="published",
        kwargs=PUBLISHED,
        read=expect(405, anon=LOGIN),
        data=lambda o: {},
        state=lambda o: Pengakuan.objects.filter(kerangka=o.kerangka_published).count(),
        # only pegawai acknowledge: staff accounts without a pegawai record get 403
        write=expect_roles(
            404,
            {OK: HOLDS_A_POSITION, 403: ("admin_bkpsdm", "admin_pd", "tim_penilai", "auditor", "superuser")},
            anon=LOGIN,
        ),
    ),
    Route(
        "criteria:acknowledge",
        case="draft",
        kwargs=DRAFT,
        read=None,
        data=lambda o: {},
        state=lambda o: Pengakuan.objects.filter(kerangka=o.kerangka_draft).count(),
        write=managed_by((), SEES_DRAFTS),
    ),
    *on_both(
        "criteria:settings",
        data=lambda o, k: settings_form(k, hari_tenggat_realisasi="7"),
        state=lambda o, k: row(Kerangka, k.pk),
    ),
    Route(
        "criteria:perilaku",
        case="draft",
        kwargs=DRAFT,
        read=edits_draft(),
        data=lambda o: {
            f"panduan_{kode}": "Dibahas dalam apel pagi"
            for kode in o.kerangka_draft.nilai_perilaku.values_list("kode", flat=True)
        },
        state=lambda o: list(
            o.kerangka_draft.nilai_perilaku.order_by("kode").values_list("panduan", flat=True)
        ),
        write=edits_draft(ok=OK),
    ),
    # Pages of a draft's editor: no write of their own here, and nobody edits a published version.
    *[
        Route(f"criteria:{name}", case="draft", kwargs=DRAFT, read=edits_draft())
        for name in ("kompetensi_list", "kriteria_list", "standar_template")
    ],
    *[
        Route(f"criteria:{name}", case="published", kwargs=PUBLISHED, read=FROZEN)
        for name in (
            "perilaku",
            "kompetensi_list",
            "kompetensi_create",
            "kriteria_list",
            "kriteria_create",
            "standar_import",
            "standar_template",
        )
    ],
    *entry_routes(
        "kompetensi",
        item="kompetensi_teknis",
        published_item="kompetensi_published",
        new=lambda o: {
            "kode": "farmasi_klinis",
            "nama": "Farmasi Klinis",
            "jenis": "teknis",
            "deskripsi": "",
            **{f"level_{k}": v for k, v in FIVE_LEVELS.items()},
        },
        new_state=lambda o: o.kerangka_draft.kompetensi.filter(kode="farmasi_klinis").count(),
        edit=lambda o: {
            "nama": "Surveilans Kesehatan",
            "jenis": "teknis",
            "deskripsi": "",
            **{f"level_{k}": v for k, v in FIVE_LEVELS.items()},
        },
        edit_state=lambda o: (
            o.kerangka_draft.kompetensi.filter(pk=o.kompetensi_teknis.pk).values("nama").first()
        ),
    ),
    Route(
        "criteria:kompetensi_delete",
        case="teknis",
        kwargs=entry("kerangka_draft", "kompetensi_teknis"),
        read=edits_draft(),
        data=lambda o: dict(CONFIRM),
        state=still_there("kompetensi_teknis"),
        write=edits_draft(ok=OK),
    ),
    Route(
        "criteria:kompetensi_delete",
        case="nasional",
        kwargs=entry("kerangka_draft", "kompetensi_nasional"),
        read=managed_by((), SEES_DRAFTS),
        data=lambda o: dict(CONFIRM),
        state=still_there("kompetensi_nasional"),
        write=managed_by((), SEES_DRAFTS),
    ),
    *entry_routes(
        "kriteria",
        item="kriteria_draft",
        published_item="kriteria_published",
        new=lambda o: {
            "kode": "responsif",
            "nama": "Responsif",
            "indikator": "Menjawab pengaduan dalam satu hari kerja",
            "panduan_skor": "1: jarang\n5: selalu",
            "urutan": "9",
        },
        new_state=lambda o: o.kerangka_draft.kriteria_lokal.filter(kode="responsif").count(),
        edit=lambda o: {
            "nama": "Inovasi Layanan",
            "indikator": "Gagasan baru diuji",
            "panduan_skor": "1: tidak ada\n5: diterapkan",
            "urutan": "2",
        },
        edit_state=lambda o: row(KriteriaLokal, o.kriteria_draft.pk),
    ),
    Route(
        "criteria:kriteria_delete",
        case="draft",
        kwargs=entry("kerangka_draft", "kriteria_draft"),
        read=edits_draft(),
        data=lambda o: dict(CONFIRM),
        state=still_there("kriteria_draft"),
        write=edits_draft(ok=OK),
    ),
    Route(
        "criteria:kriteria_delete",
        case="published",
        kwargs=entry("kerangka_published", "kriteria_published"),
        read=FROZEN,
        data=lambda o: dict(CONFIRM),
        state=still_there("kriteria_published"),
        write=FROZEN,
    ),
    *[
        Route(
            "criteria:aturan",
            case=bagian,
            kwargs=lambda o, bagian=bagian: {"pk": o.kerangka_draft.pk, "bagian": bagian},
            read=edits_draft(),
        )
        for bagian in Bagian.values
        if bagian != "rating"
    ],
    *on_both(
        "criteria:aturan",
        draft_case="rating",
        kwargs=lambda o, k: {"pk": k.pk, "bagian": "rating"},
        data=lambda o, k: formset_form(rating_rows()),
        state=lambda o, k: list(k.aturan.filter(bagian="rating").values_list("data", flat=True)),
    ),
    Route(
        "criteria:aturan",
        case="unknown_section",
        kwargs=lambda o: {"pk": o.kerangka_draft.pk, "bagian": "gaji"},
        read=expect(404, anon=LOGIN),
    ),
    *on_both(
        "criteria:standar",
        query=lambda o: {"unit": o.unit_standar.pk},
        reads=(seen_by(SEES_DRAFTS), seen_by(SEES_PUBLISHED)),
        data=lambda o, k: standar_form(
            k, o.unit_standar, **{f"l_{o.jabatan_dinkes.pk}_{k.kompetensi.get(kode='integritas').pk}": "2"}
        ),
        state=lambda o, k: standar_levels(k, o.jabatan_dinkes),
    ),
    Route(
        "criteria:standar_import",
        case="draft",
        kwargs=DRAFT,
        read=edits_draft(),
        # the upload only previews: nothing is written, editors see the preview (200)
        data=lambda o: {
            "berkas": csv_upload(f"jabatan_id,kompetensi,level\n{o.jabatan_dinkes.pk},integritas,3\n")
        },
        state=lambda o: standar_levels(o.kerangka_draft, o.jabatan_dinkes),
        write=edits_draft(ok=200),
    ),
    *on_both(
        "criteria:standar_import_apply",
        reads=(expect(405, anon=LOGIN), None),
        data=lambda o, k: import_payload(k, o.jabatan_dinkes),
        state=lambda o, k: standar_levels(k, o.jabatan_dinkes),
    ),
    # The API: lists for every logged-in user, a version for whoever sees it, the rules in force at a date.
    Route("GET /api/v1/kriteria", read=expect(200, anon=401)),
    Route(
        "GET /api/v1/kriteria/{kerangka_id}",
        case="published",
        kwargs=lambda o: {"kerangka_id": o.kerangka_published.pk},
        read=seen_by(SEES_PUBLISHED, api=True),
    ),
    Route(
        "GET /api/v1/kriteria/{kerangka_id}",
        case="draft",
        kwargs=lambda o: {"kerangka_id": o.kerangka_draft.pk},
        read=seen_by(SEES_DRAFTS, api=True),
    ),
    Route(
        "GET /api/v1/kriteria/berlaku",
        # nothing is in force for the outsider's instansi; the superuser belongs to none
        query=lambda o: {"tanggal": f"{YEAR}-07-01"},
        read=seen_by(SUKAMAJU, api=True),
    ),
    Route(
        "GET /api/v1/kriteria/berlaku",
        case="sukamaju",
        query=lambda o: {"tanggal": f"{YEAR}-07-01", "instansi_id": o.sukamaju.pk},
        read=seen_by(SEES_PUBLISHED, api=True),
    ),
]
