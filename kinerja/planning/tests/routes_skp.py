"""Who may open and change one SKP on its HTML screens (kinerja/planning/views/: skp, content, workflow).

`pegawai` starts, drafts and submits their own SKP; `atasan` is their penilai and the penilai of the Epidemiolog
whose SKP waits for a decision, and owns an approved SKP. The line of command above (kepala_dinas, sekda) and
the instansi-wide roles (admin BKPSDM, tim penilai, auditor, superuser) read these SKP but may not change them
(403); admin_pd (Dinas Pendidikan) and the outsider do not see them (404). Writes refused by the service (an
incomplete SKP, a second SKP in a year) redirect back with the reason and change nothing.
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import YEAR
from kinerja.core.testing.harness import LOGIN, OK, Route, demo_object, expect, expect_roles
from kinerja.org.tests.routes import managed_by, page_for, row, seen_by
from kinerja.planning import imports, services
from kinerja.planning.models import RHK, SKP, Indikator

SEES_PEGAWAI_SKP = (
    "pegawai",
    "atasan",
    "kepala_dinas",
    "sekda",
    "admin_bkpsdm",
    "tim_penilai",
    "auditor",
    "superuser",
)
# The Epidemiolog and the atasan work below kepala_dinas and sekda, beside (not below) `pegawai`.
SEES_EPIDEMIOLOG_SKP = tuple(r for r in SEES_PEGAWAI_SKP if r != "pegawai")
SEES_ATASAN_SKP = SEES_EPIDEMIOLOG_SKP
HOLDS_A_POSITION = ("pegawai", "atasan", "kepala_dinas", "sekda")
NO_PEGAWAI = ("admin_bkpsdm", "admin_pd", "tim_penilai", "auditor", "outsider", "superuser")

POST_ONLY = expect(405, anon=LOGIN)


def edited_by(writer: str, visible, *, ok=200):
    """`writer` may (status `ok`), the others who see the SKP get 403, the rest 404, anonymous the login page."""
    return managed_by((writer,), visible, ok=ok)


def frozen(visible):
    """Nobody may: whoever sees the SKP gets 403."""
    return managed_by((), visible)


# Demo objects -----------------------------------------------------------------------------------------------


@demo_object
def view_skp_draft(objs):
    """The SKP `pegawai` starts now: an empty draft."""
    return services.skp_start(actor=objs.cast.pegawai, pegawai=objs.cast.pegawai.pegawai, tahun=YEAR)


@demo_object
def view_skp_atasan(objs):
    """The atasan's approved SKP (version 1)."""
    return SKP.objects.get(pegawai=objs.cast.atasan.pegawai, tahun_kinerja__tahun=YEAR, berakhir=False)


@demo_object
def view_skp_epidemiolog(objs):
    """Submitted, waiting for the atasan's decision."""
    return SKP.objects.get(
        status="diajukan",
        jabatan__nama__startswith="Epidemiolog",
        jabatan__unit__nama__contains="Imunisasi",
    )


@demo_object
def view_rhk_atasan(objs):
    return objs.view_skp_atasan.rhk.filter(jenis="utama").order_by("urutan").first()


@demo_object
def view_rhk_draft(objs):
    skp = objs.view_skp_draft
    return services.rhk_save(
        actor=objs.cast.pegawai,
        skp=skp,
        kunci=skp.kunci,
        uraian="Tersedianya data imunisasi yang mutakhir",
        rhk_atasan=objs.view_rhk_atasan,
    )


@demo_object
def view_indikator_draft(objs):
    rhk = objs.view_rhk_draft
    return services.indikator_save(
        actor=objs.cast.pegawai,
        rhk=rhk,
        kunci=fresh(rhk.skp).kunci,
        uraian="Jumlah laporan imunisasi bulanan",
        target="12",
        satuan="laporan",
    )


@demo_object
def view_skp_ready(objs):
    """The pegawai's draft with one Utama RHK supporting the atasan's RHK and one indikator."""
    return fresh(objs.view_indikator_draft.rhk.skp)


@demo_object
def view_skp_submitted(objs):
    skp = objs.view_skp_ready
    return services.skp_submit(actor=objs.cast.pegawai, skp=skp, kunci=skp.kunci)


def fresh(skp: SKP) -> SKP:
    return SKP.objects.get(pk=skp.pk)


def kunci(skp_of):
    return lambda o: {"kunci": fresh(skp_of(o)).kunci}


def workflow(skp_of):
    """What a workflow step changes: status, versions and the change counter."""
    return lambda o: SKP.objects.filter(pk=skp_of(o).pk).values_list("status", "versi", "kunci").get()


def content(skp_of):
    """The SKP's RHK with their indikator, its lampiran and its change counter, fresh from the database."""

    def state(o):
        skp = skp_of(o)
        return (
            row(SKP, skp.pk),
            list(RHK.objects.filter(skp=skp).order_by("pk").values()),
            list(Indikator.objects.filter(rhk__skp=skp).order_by("pk").values()),
        )

    return state


def csv_rows(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("rhk.csv", text.encode(), content_type="text/csv")


IMPORT_CSV = (
    "No,Jenis,Rencana Hasil Kerja,RHK Pimpinan yang Diintervensi,Indikator Kinerja Individu,Aspek,Target,Satuan\n"
    "1,Utama,Terlaksananya pencatatan imunisasi,U1,Persentase data imunisasi tercatat,Kuantitas,95,%\n"
)


def import_token(o) -> dict:
    skp = fresh(o.view_skp_draft)
    result = imports.read(skp, name="rhk.csv", data=IMPORT_CSV.encode())
    return {"kunci": skp.kunci, "token": imports.sign(skp, result)}


DRAFT = lambda o: {"pk": o.view_skp_draft.pk}  # noqa: E731
READY = lambda o: {"pk": o.view_skp_ready.pk}  # noqa: E731
SUBMITTED = lambda o: {"pk": o.view_skp_submitted.pk}  # noqa: E731
ATASAN = lambda o: {"pk": o.view_skp_atasan.pk}  # noqa: E731
EPIDEMIOLOG = lambda o: {"pk": o.view_skp_epidemiolog.pk}  # noqa: E731
RHK_DRAFT = lambda o: {"pk": o.view_skp_draft.pk, "rhk": o.view_rhk_draft.pk}  # noqa: E731
INDIKATOR_DRAFT = lambda o: {"pk": o.view_skp_draft.pk, "item": o.view_indikator_draft.pk}  # noqa: E731

RHK_FORM = {"jenis": "utama", "uraian": "Terlaksananya sweeping imunisasi", "perspektif": ""}
INDIKATOR_FORM = {
    "uraian": "Persentase balita yang diimunisasi",
    "aspek": "kuantitas",
    "jenis_target": "angka",
    "target": "92,5",
    "satuan": "%",
    "arah": "naik",
    "target_teks": "",
}
LAMPIRAN_FORM = {
    "dukungan_sumber_daya": "Anggaran DPA\nKendaraan dinas",
    "skema_pertanggungjawaban": "Laporan bulanan",
    "konsekuensi": "Dialog kinerja",
}

ROUTES = [
    Route("planning:index", read=expect(200, anon=LOGIN)),
    Route(
        "planning:start",
        read=POST_ONLY,
        data=lambda o: {},
        state=lambda o: SKP.objects.filter(tahun_kinerja__tahun=YEAR).count(),
        # atasan, kepala_dinas and sekda already have an SKP this year: refused with a message
        write=expect_roles(403, {302: HOLDS_A_POSITION}, pegawai=OK, anon=LOGIN),
    ),
    Route("planning:skp_detail", case="draft", kwargs=DRAFT, read=seen_by(SEES_PEGAWAI_SKP)),
    Route("planning:skp_detail", case="diajukan", kwargs=EPIDEMIOLOG, read=seen_by(SEES_EPIDEMIOLOG_SKP)),
    Route("planning:skp_detail", case="disetujui", kwargs=ATASAN, read=seen_by(SEES_ATASAN_SKP)),
    # Content -----------------------------------------------------------------------------------------------
    Route(
        "planning:rhk_create",
        case="draft",
        kwargs=DRAFT,
        read=edited_by("pegawai", SEES_PEGAWAI_SKP),
        data=lambda o: {
            **RHK_FORM,
            **kunci(lambda o: o.view_skp_draft)(o),
            "rhk_atasan": o.view_rhk_atasan.pk,
        },
        state=content(lambda o: o.view_skp_draft),
        write=edited_by("pegawai", SEES_PEGAWAI_SKP, ok=OK),
    ),
    Route(
        "planning:rhk_create",
        case="diajukan",
        kwargs=EPIDEMIOLOG,
        read=frozen(SEES_EPIDEMIOLOG_SKP),
        data=lambda o: {**RHK_FORM, **kunci(lambda o: o.view_skp_epidemiolog)(o), "rhk_atasan": ""},
        state=content(lambda o: o.view_skp_epidemiolog),
        write=frozen(SEES_EPIDEMIOLOG_SKP),
    ),
    Route(
        "planning:rhk_edit",
        case="draft",
        kwargs=RHK_DRAFT,
        read=edited_by("pegawai", SEES_PEGAWAI_SKP),
        data=lambda o: {
            **RHK_FORM,
            **kunci(lambda o: o.view_skp_draft)(o),
            "uraian": "Tersedianya data imunisasi yang mutakhir dan lengkap",
            "rhk_atasan": o.view_rhk_atasan.pk,
        },
        state=content(lambda o: o.view_skp_draft),
        write=edited_by("pegawai", SEES_PEGAWAI_SKP, ok=OK),
    ),
    Route(
        "planning:rhk_edit",
        case="disetujui",
        kwargs=lambda o: {"pk": o.view_skp_atasan.pk, "rhk": o.view_rhk_atasan.pk},
        read=frozen(SEES_ATASAN_SKP),
    ),
    Route(
        "planning:rhk_delete",
        case="draft",
        kwargs=RHK_DRAFT,
        read=POST_ONLY,
        data=kunci(lambda o: o.view_skp_draft),
        state=content(lambda o: o.view_skp_draft),
        write=edited_by("pegawai", SEES_PEGAWAI_SKP, ok=OK),
    ),
    Route(
        "planning:rhk_delete",
        case="disetujui",
        kwargs=lambda o: {"pk": o.view_skp_atasan.pk, "rhk": o.view_rhk_atasan.pk},
        read=POST_ONLY,
        data=kunci(lambda o: o.view_skp_atasan),
        state=content(lambda o: o.view_skp_atasan),
        write=frozen(SEES_ATASAN_SKP),
    ),
    Route(
        "planning:indikator_create",
        case="draft",
        kwargs=RHK_DRAFT,
        read=edited_by("pegawai", SEES_PEGAWAI_SKP),
        data=lambda o: {**INDIKATOR_FORM, **kunci(lambda o: o.view_skp_draft)(o)},
        state=content(lambda o: o.view_skp_draft),
        write=edited_by("pegawai", SEES_PEGAWAI_SKP, ok=OK),
    ),
    Route(
        "planning:indikator_edit",
        case="draft",
        kwargs=INDIKATOR_DRAFT,
        read=edited_by("pegawai", SEES_PEGAWAI_SKP),
        data=lambda o: {**INDIKATOR_FORM, **kunci(lambda o: o.view_skp_draft)(o), "periode_1": "3"},
        state=content(lambda o: o.view_skp_draft),
        write=edited_by("pegawai", SEES_PEGAWAI_SKP, ok=OK),
    ),
    Route(
        "planning:indikator_delete",
        case="draft",
        kwargs=INDIKATOR_DRAFT,
        read=POST_ONLY,
        data=kunci(lambda o: o.view_skp_draft),
        state=content(lambda o: o.view_skp_draft),
        write=edited_by("pegawai", SEES_PEGAWAI_SKP, ok=OK),
    ),
    Route(
        "planning:lampiran",
        case="draft",
        kwargs=DRAFT,
        read=edited_by("pegawai", SEES_PEGAWAI_SKP),
        data=lambda o: {**LAMPIRAN_FORM, **kunci(lambda o: o.view_skp_draft)(o)},
        state=content(lambda o: o.view_skp_draft),
        write=edited_by("pegawai", SEES_PEGAWAI_SKP, ok=OK),
    ),
    Route(
        "planning:lampiran",
        case="diajukan",
        kwargs=EPIDEMIOLOG,
        read=frozen(SEES_EPIDEMIOLOG_SKP),
        data=lambda o: {**LAMPIRAN_FORM, **kunci(lambda o: o.view_skp_epidemiolog)(o)},
        state=content(lambda o: o.view_skp_epidemiolog),
        write=frozen(SEES_EPIDEMIOLOG_SKP),
    ),
    # Workflow ----------------------------------------------------------------------------------------------
    Route(
        "planning:submit",
        case="ready",
        kwargs=READY,
        read=POST_ONLY,
        data=kunci(lambda o: o.view_skp_ready),
        state=workflow(lambda o: o.view_skp_ready),
        write=edited_by("pegawai", SEES_PEGAWAI_SKP, ok=OK),
    ),
    Route(
        "planning:submit",
        case="incomplete",
        kwargs=DRAFT,
        read=POST_ONLY,
        data=kunci(lambda o: o.view_skp_draft),
        state=workflow(lambda o: o.view_skp_draft),
        # refused by the service: back to the SKP with every problem as a message
        write=edited_by("pegawai", SEES_PEGAWAI_SKP, ok=302),
    ),
    Route(
        "planning:withdraw",
        case="diajukan",
        kwargs=SUBMITTED,
        read=POST_ONLY,
        data=kunci(lambda o: o.view_skp_submitted),
        state=workflow(lambda o: o.view_skp_submitted),
        write=edited_by("pegawai", SEES_PEGAWAI_SKP, ok=OK),
    ),
    Route(
        "planning:withdraw",
        case="draft",
        kwargs=DRAFT,
        read=POST_ONLY,
        data=kunci(lambda o: o.view_skp_draft),
        state=workflow(lambda o: o.view_skp_draft),
        write=frozen(SEES_PEGAWAI_SKP),
    ),
    Route(
        "planning:revise",
        case="disetujui",
        kwargs=ATASAN,
        read=edited_by("atasan", SEES_ATASAN_SKP),
        data=lambda o: {**kunci(lambda o: o.view_skp_atasan)(o), "reason": "Anggaran kegiatan berubah"},
        state=workflow(lambda o: o.view_skp_atasan),
        write=edited_by("atasan", SEES_ATASAN_SKP, ok=OK),
    ),
    Route(
        "planning:revise",
        case="no-reason",
        kwargs=ATASAN,
        read=None,
        data=lambda o: {**kunci(lambda o: o.view_skp_atasan)(o), "reason": ""},
        state=workflow(lambda o: o.view_skp_atasan),
        write=edited_by("atasan", SEES_ATASAN_SKP),  # the form again, with the missing reason
    ),
    Route(
        "planning:revise",
        case="draft",
        kwargs=DRAFT,
        read=frozen(SEES_PEGAWAI_SKP),
    ),
    Route(
        "planning:approve",
        case="diajukan",
        kwargs=EPIDEMIOLOG,
        read=edited_by("atasan", SEES_EPIDEMIOLOG_SKP),
        data=lambda o: {
            **kunci(lambda o: o.view_skp_epidemiolog)(o),
            "ekspektasi_berorientasi_pelayanan": "Melayani pengaduan dalam satu hari kerja",
        },
        state=workflow(lambda o: o.view_skp_epidemiolog),
        write=edited_by("atasan", SEES_EPIDEMIOLOG_SKP, ok=OK),
    ),
    Route(
        "planning:approve",
        case="own-submitted",
        kwargs=SUBMITTED,
        # the pegawai cannot approve their own SKP: 403 like everyone else but the penilai
        read=edited_by("atasan", SEES_PEGAWAI_SKP),
        data=kunci(lambda o: o.view_skp_submitted),
        state=workflow(lambda o: o.view_skp_submitted),
        write=edited_by("atasan", SEES_PEGAWAI_SKP, ok=OK),
    ),
    Route(
        "planning:approve",
        case="draft",
        kwargs=DRAFT,
        read=frozen(SEES_PEGAWAI_SKP),
        data=kunci(lambda o: o.view_skp_draft),
        state=workflow(lambda o: o.view_skp_draft),
        write=frozen(SEES_PEGAWAI_SKP),
    ),
    Route(
        "planning:return",
        case="diajukan",
        kwargs=EPIDEMIOLOG,
        read=edited_by("atasan", SEES_EPIDEMIOLOG_SKP),
        data=lambda o: {**kunci(lambda o: o.view_skp_epidemiolog)(o), "reason": "Lengkapi satuan target"},
        state=workflow(lambda o: o.view_skp_epidemiolog),
        write=edited_by("atasan", SEES_EPIDEMIOLOG_SKP, ok=OK),
    ),
    Route(
        "planning:return",
        case="no-reason",
        kwargs=EPIDEMIOLOG,
        read=None,
        data=lambda o: {**kunci(lambda o: o.view_skp_epidemiolog)(o), "reason": "  "},
        state=workflow(lambda o: o.view_skp_epidemiolog),
        write=edited_by("atasan", SEES_EPIDEMIOLOG_SKP),  # the form again, with the missing reason
    ),
    Route(
        "planning:return",
        case="disetujui",
        kwargs=ATASAN,
        read=frozen(SEES_ATASAN_SKP),
        data=lambda o: {**kunci(lambda o: o.view_skp_atasan)(o), "reason": "Ubah"},
        state=workflow(lambda o: o.view_skp_atasan),
        write=frozen(SEES_ATASAN_SKP),
    ),
    # Versions and documents --------------------------------------------------------------------------------
    Route("planning:versions", case="disetujui", kwargs=ATASAN, read=seen_by(SEES_ATASAN_SKP)),
    Route(
        "planning:versions",
        case="compare",
        kwargs=ATASAN,
        query=lambda o: {"a": 1, "b": 1},
        read=seen_by(SEES_ATASAN_SKP),
    ),
    Route(
        "planning:versions",
        case="missing",
        kwargs=ATASAN,
        query=lambda o: {"a": 1, "b": 7},
        read=expect(404, anon=LOGIN),
    ),
    Route("planning:versions", case="draft", kwargs=DRAFT, read=seen_by(SEES_PEGAWAI_SKP)),
    Route("planning:pdf", case="disetujui", kwargs=ATASAN, read=seen_by(SEES_ATASAN_SKP)),
    Route("planning:pdf", case="draft", kwargs=DRAFT, read=seen_by(SEES_PEGAWAI_SKP)),
    Route(
        "planning:pdf",
        case="versi",
        kwargs=ATASAN,
        query=lambda o: {"versi": 1},
        read=seen_by(SEES_ATASAN_SKP),
    ),
    Route(
        "planning:pdf",
        case="missing-versi",
        kwargs=ATASAN,
        query=lambda o: {"versi": 9},
        read=expect(404, anon=LOGIN),
    ),
    # Import ------------------------------------------------------------------------------------------------
    Route(
        "planning:import",
        case="draft",
        kwargs=DRAFT,
        read=edited_by("pegawai", SEES_PEGAWAI_SKP),
        data=lambda o: {"berkas": csv_rows(IMPORT_CSV)},
        state=content(lambda o: o.view_skp_draft),
        write=edited_by("pegawai", SEES_PEGAWAI_SKP),  # the preview: nothing is written yet
    ),
    Route(
        "planning:import",
        case="diajukan",
        kwargs=EPIDEMIOLOG,
        read=frozen(SEES_EPIDEMIOLOG_SKP),
        data=lambda o: {"berkas": csv_rows(IMPORT_CSV)},
        state=content(lambda o: o.view_skp_epidemiolog),
        write=frozen(SEES_EPIDEMIOLOG_SKP),
    ),
    Route(
        "planning:import_apply",
        case="draft",
        kwargs=DRAFT,
        read=POST_ONLY,
        data=import_token,
        state=content(lambda o: o.view_skp_draft),
        write=edited_by("pegawai", SEES_PEGAWAI_SKP, ok=OK),
    ),
    Route("planning:import_template", read=page_for(HOLDS_A_POSITION)),
]
