"""Who may open and change what in the assessment framework screens and API (see criteria/permissions.py).

Everyone in Kota Sukamaju reads its published versions; drafts are read by admin BKPSDM, tim penilai and the
auditor only (404 for the rest); only admin BKPSDM edits. The outsider (admin of Kab. Lembah Hijau) gets 404 on
every Sukamaju version. Writes on a draft use a draft of next year, started by admin BKPSDM.
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import YEAR
from kinerja.core.testing.harness import LOGIN, OK, Route, demo_object, expect, expect_roles
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


def standar_levels(kerangka_of, jabatan_of):
    return lambda o: sorted(
        StandarKompetensi.objects.filter(kerangka=kerangka_of(o), jabatan=jabatan_of(o)).values_list(
            "kompetensi__kode", "level"
        )
    )


def csv_upload(text: str, name: str = "standar.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


# Routes -----------------------------------------------------------------------------------------------------

DRAFT = lambda o: {"pk": o.kerangka_draft.pk}  # noqa: E731
PUBLISHED = lambda o: {"pk": o.kerangka_published.pk}  # noqa: E731


def edits_draft(ok=200):
    """Admin BKPSDM (and the superuser) edit; tim penilai and the auditor only read drafts; the rest get 404."""
    return managed_by(EDITORS, READS_ONLY_DRAFTS, ok=ok)


# Nobody edits a published version: whoever sees it gets 403, the outsider 404.
FROZEN = managed_by((), SEES_PUBLISHED)

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
    Route(
        "criteria:discard",
        case="draft",
        kwargs=DRAFT,
        read=edits_draft(),
        data=lambda o: {},
        state=lambda o: Kerangka.objects.filter(pk=o.kerangka_draft.pk).exists(),
        write=edits_draft(ok=OK),
    ),
    Route(
        "criteria:discard",
        case="published",
        kwargs=PUBLISHED,
        read=FROZEN,
        data=lambda o: {},
        state=lambda o: Kerangka.objects.filter(pk=o.kerangka_published.pk).exists(),
        write=FROZEN,
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
    Route(
        "criteria:settings",
        case="draft",
        kwargs=DRAFT,
        read=edits_draft(),
        data=lambda o: settings_form(o.kerangka_draft, hari_tenggat_realisasi="7"),
        state=lambda o: row(Kerangka, o.kerangka_draft.pk),
        write=edits_draft(ok=OK),
    ),
    Route(
        "criteria:settings",
        case="published",
        kwargs=PUBLISHED,
        read=FROZEN,
        data=lambda o: settings_form(o.kerangka_published, hari_tenggat_realisasi="7"),
        state=lambda o: row(Kerangka, o.kerangka_published.pk),
        write=FROZEN,
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
    Route("criteria:perilaku", case="published", kwargs=PUBLISHED, read=FROZEN),
    Route("criteria:kompetensi_list", case="draft", kwargs=DRAFT, read=edits_draft()),
    Route("criteria:kompetensi_list", case="published", kwargs=PUBLISHED, read=FROZEN),
    Route(
        "criteria:kompetensi_create",
        case="draft",
        kwargs=DRAFT,
        read=edits_draft(),
        data=lambda o: {
            "kode": "farmasi_klinis",
            "nama": "Farmasi Klinis",
            "jenis": "teknis",
            "deskripsi": "",
            **{f"level_{k}": v for k, v in FIVE_LEVELS.items()},
        },
        state=lambda o: o.kerangka_draft.kompetensi.filter(kode="farmasi_klinis").count(),
        write=edits_draft(ok=OK),
    ),
    Route("criteria:kompetensi_create", case="published", kwargs=PUBLISHED, read=FROZEN),
    Route(
        "criteria:kompetensi_edit",
        case="draft",
        kwargs=lambda o: {"pk": o.kerangka_draft.pk, "item": o.kompetensi_teknis.pk},
        read=edits_draft(),
        data=lambda o: {
            "nama": "Surveilans Kesehatan",
            "jenis": "teknis",
            "deskripsi": "",
            **{f"level_{k}": v for k, v in FIVE_LEVELS.items()},
        },
        state=lambda o: o.kerangka_draft.kompetensi.filter(pk=o.kompetensi_teknis.pk).values("nama").first(),
        write=edits_draft(ok=OK),
    ),
    Route(
        "criteria:kompetensi_edit",
        case="published",
        kwargs=lambda o: {"pk": o.kerangka_published.pk, "item": o.kompetensi_published.pk},
        read=FROZEN,
    ),
    Route(
        "criteria:kompetensi_delete",
        case="teknis",
        kwargs=lambda o: {"pk": o.kerangka_draft.pk, "item": o.kompetensi_teknis.pk},
        read=edits_draft(),
        data=lambda o: {},
        state=lambda o: o.kerangka_draft.kompetensi.filter(pk=o.kompetensi_teknis.pk).exists(),
        write=edits_draft(ok=OK),
    ),
    Route(
        "criteria:kompetensi_delete",
        case="nasional",
        kwargs=lambda o: {"pk": o.kerangka_draft.pk, "item": o.kompetensi_nasional.pk},
        read=managed_by((), SEES_DRAFTS),
        data=lambda o: {},
        state=lambda o: o.kerangka_draft.kompetensi.filter(pk=o.kompetensi_nasional.pk).exists(),
        write=managed_by((), SEES_DRAFTS),
    ),
    Route("criteria:kriteria_list", case="draft", kwargs=DRAFT, read=edits_draft()),
    Route("criteria:kriteria_list", case="published", kwargs=PUBLISHED, read=FROZEN),
    Route(
        "criteria:kriteria_create",
        case="draft",
        kwargs=DRAFT,
        read=edits_draft(),
        data=lambda o: {
            "kode": "responsif",
            "nama": "Responsif",
            "indikator": "Menjawab pengaduan dalam satu hari kerja",
            "panduan_skor": "1: jarang\n5: selalu",
            "urutan": "9",
        },
        state=lambda o: o.kerangka_draft.kriteria_lokal.filter(kode="responsif").count(),
        write=edits_draft(ok=OK),
    ),
    Route("criteria:kriteria_create", case="published", kwargs=PUBLISHED, read=FROZEN),
    Route(
        "criteria:kriteria_edit",
        case="draft",
        kwargs=lambda o: {"pk": o.kerangka_draft.pk, "item": o.kriteria_draft.pk},
        read=edits_draft(),
        data=lambda o: {
            "nama": "Inovasi Layanan",
            "indikator": "Gagasan baru diuji",
            "panduan_skor": "1: tidak ada\n5: diterapkan",
            "urutan": "2",
        },
        state=lambda o: row(KriteriaLokal, o.kriteria_draft.pk),
        write=edits_draft(ok=OK),
    ),
    Route(
        "criteria:kriteria_edit",
        case="published",
        kwargs=lambda o: {"pk": o.kerangka_published.pk, "item": o.kriteria_published.pk},
        read=FROZEN,
    ),
    Route(
        "criteria:kriteria_delete",
        case="draft",
        kwargs=lambda o: {"pk": o.kerangka_draft.pk, "item": o.kriteria_draft.pk},
        read=edits_draft(),
        data=lambda o: {},
        state=lambda o: o.kerangka_draft.kriteria_lokal.filter(pk=o.kriteria_draft.pk).exists(),
        write=edits_draft(ok=OK),
    ),
    Route(
        "criteria:kriteria_delete",
        case="published",
        kwargs=lambda o: {"pk": o.kerangka_published.pk, "item": o.kriteria_published.pk},
        read=FROZEN,
        data=lambda o: {},
        state=lambda o: o.kerangka_published.kriteria_lokal.filter(pk=o.kriteria_published.pk).exists(),
        write=FROZEN,
    ),
    Route(
        "criteria:aturan",
        case="rating",
        kwargs=lambda o: {"pk": o.kerangka_draft.pk, "bagian": "rating"},
        read=edits_draft(),
        data=lambda o: formset_form(rating_rows()),
        state=lambda o: list(o.kerangka_draft.aturan.filter(bagian="rating").values_list("data", flat=True)),
        write=edits_draft(ok=OK),
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
    Route(
        "criteria:aturan",
        case="published",
        kwargs=lambda o: {"pk": o.kerangka_published.pk, "bagian": "rating"},
        read=FROZEN,
        data=lambda o: formset_form(rating_rows()),
        state=lambda o: list(
            o.kerangka_published.aturan.filter(bagian="rating").values_list("data", flat=True)
        ),
        write=FROZEN,
    ),
    Route(
        "criteria:aturan",
        case="unknown_section",
        kwargs=lambda o: {"pk": o.kerangka_draft.pk, "bagian": "gaji"},
        read=expect(404, anon=LOGIN),
    ),
    Route(
        "criteria:standar",
        case="draft",
        kwargs=DRAFT,
        query=lambda o: {"unit": o.unit_standar.pk},
        read=seen_by(SEES_DRAFTS),
        data=lambda o: standar_form(
            o.kerangka_draft,
            o.unit_standar,
            **{f"l_{o.jabatan_dinkes.pk}_{o.kompetensi_nasional.pk}": "2"},
        ),
        state=standar_levels(lambda o: o.kerangka_draft, lambda o: o.jabatan_dinkes),
        write=edits_draft(ok=OK),
    ),
    Route(
        "criteria:standar",
        case="published",
        kwargs=PUBLISHED,
        query=lambda o: {"unit": o.unit_standar.pk},
        read=seen_by(SEES_PUBLISHED),
        data=lambda o: standar_form(
            o.kerangka_published,
            o.unit_standar,
            **{f"l_{o.jabatan_dinkes.pk}_{o.kompetensi_published.pk}": "2"},
        ),
        state=standar_levels(lambda o: o.kerangka_published, lambda o: o.jabatan_dinkes),
        write=FROZEN,
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
        state=standar_levels(lambda o: o.kerangka_draft, lambda o: o.jabatan_dinkes),
        write=edits_draft(ok=200),
    ),
    Route("criteria:standar_import", case="published", kwargs=PUBLISHED, read=FROZEN),
    Route(
        "criteria:standar_import_apply",
        case="draft",
        kwargs=DRAFT,
        read=expect(405, anon=LOGIN),
        data=lambda o: {
            "payload": imports.sign(
                o.kerangka_draft,
                [
                    {
                        "row": 2,
                        "jabatan_id": str(o.jabatan_dinkes.pk),
                        "kompetensi": "integritas",
                        "level": "3",
                    }
                ],
            )
        },
        state=standar_levels(lambda o: o.kerangka_draft, lambda o: o.jabatan_dinkes),
        write=edits_draft(ok=OK),
    ),
    Route(
        "criteria:standar_import_apply",
        case="published",
        kwargs=PUBLISHED,
        read=None,
        data=lambda o: {
            "payload": imports.sign(
                o.kerangka_published,
                [
                    {
                        "row": 2,
                        "jabatan_id": str(o.jabatan_dinkes.pk),
                        "kompetensi": "integritas",
                        "level": "3",
                    }
                ],
            )
        },
        state=standar_levels(lambda o: o.kerangka_published, lambda o: o.jabatan_dinkes),
        write=FROZEN,
    ),
    Route("criteria:standar_template", case="draft", kwargs=DRAFT, read=edits_draft()),
    Route("criteria:standar_template", case="published", kwargs=PUBLISHED, read=FROZEN),
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
