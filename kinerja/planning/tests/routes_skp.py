"""Who may open and change one SKP on its HTML screens (kinerja/planning/views/: skp, content, workflow).

`pegawai` starts, drafts and submits their own SKP; `atasan` is their penilai and the penilai of the Epidemiolog
whose SKP waits for a decision, and owns an approved SKP. The line of command above (kepala_dinas, sekda) and
the instansi-wide roles (admin BKPSDM, tim penilai, auditor, superuser) read these SKP but may not change them
(403); admin_pd (Dinas Pendidikan) and the outsider do not see them (404). Writes refused by the service (an
incomplete SKP, a second SKP in a year) redirect back with the reason and change nothing. The API's routes
(routes_api) and the leaders' (routes_lead) use these demo objects and role groups too.
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import YEAR
from kinerja.core.testing.harness import CONFIRM, LOGIN, OK, Route, demo_object, expect, expect_roles
from kinerja.org.tests.routes import managed_by, page_for, row, seen_by
from kinerja.planning import imports, services
from kinerja.planning.models import RHK, SKP, Indikator
from kinerja.testkit import cast as named

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
    return named.current_skp(objs.cast.atasan)


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


def skp_route(name: str, case: str, kwargs, read, write=None, *, state=workflow, form=None) -> Route:
    """A route on one SKP (`kwargs` names its `pk`). A write posts `form` (a value may be a function of the
    objects) with the SKP's fresh `kunci`, and compares `state` of that SKP."""
    skp_of = lambda o: SKP.objects.get(pk=kwargs(o)["pk"])  # noqa: E731
    data = lambda o: {  # noqa: E731
        **{key: value(o) if callable(value) else value for key, value in (form or {}).items()},
        "kunci": skp_of(o).kunci,
    }
    return Route(
        name,
        case=case,
        kwargs=kwargs,
        read=read,
        data=None if write is None else data,
        state=None if write is None else state(skp_of),
        write=write,
    )


DRAFT = lambda o: {"pk": o.view_skp_draft.pk}  # noqa: E731
READY = lambda o: {"pk": o.view_skp_ready.pk}  # noqa: E731
SUBMITTED = lambda o: {"pk": o.view_skp_submitted.pk}  # noqa: E731
ATASAN = lambda o: {"pk": o.view_skp_atasan.pk}  # noqa: E731
EPIDEMIOLOG = lambda o: {"pk": o.view_skp_epidemiolog.pk}  # noqa: E731
RHK_DRAFT = lambda o: {"pk": o.view_skp_draft.pk, "rhk": o.view_rhk_draft.pk}  # noqa: E731
INDIKATOR_DRAFT = lambda o: {"pk": o.view_skp_draft.pk, "item": o.view_indikator_draft.pk}  # noqa: E731
RHK_ATASAN = lambda o: {"pk": o.view_skp_atasan.pk, "rhk": o.view_rhk_atasan.pk}  # noqa: E731
ATASAN_RHK = lambda o: o.view_rhk_atasan.pk  # noqa: E731

# Who gets what on a form (read) and on its POST (write): the pegawai edits their draft, the atasan decides on
# the Epidemiolog's SKP and proposes a revision of their own; nobody changes a frozen SKP. Pairs are (read, write).
EDITS = edited_by("pegawai", SEES_PEGAWAI_SKP)
BY_PEGAWAI = edited_by("pegawai", SEES_PEGAWAI_SKP, ok=OK)
DECIDES = (edited_by("atasan", SEES_EPIDEMIOLOG_SKP), edited_by("atasan", SEES_EPIDEMIOLOG_SKP, ok=OK))
REVISES = (edited_by("atasan", SEES_ATASAN_SKP), edited_by("atasan", SEES_ATASAN_SKP, ok=OK))
OWN_SUBMITTED = (edited_by("atasan", SEES_PEGAWAI_SKP), edited_by("atasan", SEES_PEGAWAI_SKP, ok=OK))
FROZEN_PEGAWAI = (frozen(SEES_PEGAWAI_SKP), frozen(SEES_PEGAWAI_SKP))
FROZEN_EPIDEMIOLOG = (frozen(SEES_EPIDEMIOLOG_SKP), frozen(SEES_EPIDEMIOLOG_SKP))
FROZEN_ATASAN = (frozen(SEES_ATASAN_SKP), frozen(SEES_ATASAN_SKP))

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
NEW_RHK = {**RHK_FORM, "rhk_atasan": ATASAN_RHK}
NO_ATASAN = {**RHK_FORM, "rhk_atasan": ""}
CHANGED_RHK = {**NEW_RHK, "uraian": "Tersedianya data imunisasi yang mutakhir dan lengkap"}
PERIODE_1 = {**INDIKATOR_FORM, "periode_1": "3"}
EKSPEKTASI = {"ekspektasi_berorientasi_pelayanan": "Melayani pengaduan dalam satu hari kerja"}
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
    # Content: the pegawai edits their draft; a submitted or approved SKP is frozen for everyone ---------------
    skp_route("planning:rhk_create", "draft", DRAFT, EDITS, BY_PEGAWAI, state=content, form=NEW_RHK),
    skp_route(
        "planning:rhk_create", "diajukan", EPIDEMIOLOG, *FROZEN_EPIDEMIOLOG, state=content, form=NO_ATASAN
    ),
    skp_route("planning:rhk_edit", "draft", RHK_DRAFT, EDITS, BY_PEGAWAI, state=content, form=CHANGED_RHK),
    skp_route("planning:rhk_edit", "disetujui", RHK_ATASAN, frozen(SEES_ATASAN_SKP)),
    skp_route("planning:rhk_delete", "draft", RHK_DRAFT, POST_ONLY, BY_PEGAWAI, state=content, form=CONFIRM),
    skp_route(
        "planning:rhk_delete",
        "disetujui",
        RHK_ATASAN,
        POST_ONLY,
        frozen(SEES_ATASAN_SKP),
        state=content,
        form=CONFIRM,
    ),
    skp_route(
        "planning:indikator_create", "draft", RHK_DRAFT, EDITS, BY_PEGAWAI, state=content, form=INDIKATOR_FORM
    ),
    skp_route(
        "planning:indikator_edit", "draft", INDIKATOR_DRAFT, EDITS, BY_PEGAWAI, state=content, form=PERIODE_1
    ),
    skp_route(
        "planning:indikator_delete",
        "draft",
        INDIKATOR_DRAFT,
        POST_ONLY,
        BY_PEGAWAI,
        state=content,
        form=CONFIRM,
    ),
    skp_route("planning:lampiran", "draft", DRAFT, EDITS, BY_PEGAWAI, state=content, form=LAMPIRAN_FORM),
    skp_route(
        "planning:lampiran", "diajukan", EPIDEMIOLOG, *FROZEN_EPIDEMIOLOG, state=content, form=LAMPIRAN_FORM
    ),
    # Workflow: each step for whoever may take it, and refused in a state it does not start from --------------
    skp_route("planning:submit", "ready", READY, POST_ONLY, BY_PEGAWAI),
    # refused by the service: back to the SKP with every problem as a message
    skp_route(
        "planning:submit", "incomplete", DRAFT, POST_ONLY, edited_by("pegawai", SEES_PEGAWAI_SKP, ok=302)
    ),
    skp_route("planning:withdraw", "diajukan", SUBMITTED, POST_ONLY, BY_PEGAWAI, form=CONFIRM),
    skp_route("planning:withdraw", "draft", DRAFT, POST_ONLY, frozen(SEES_PEGAWAI_SKP), form=CONFIRM),
    skp_route("planning:revise", "disetujui", ATASAN, *REVISES, form={"reason": "Anggaran kegiatan berubah"}),
    # the form again, with the missing reason
    skp_route(
        "planning:revise",
        "no-reason",
        ATASAN,
        None,
        edited_by("atasan", SEES_ATASAN_SKP),
        form={"reason": ""},
    ),
    skp_route("planning:revise", "draft", DRAFT, frozen(SEES_PEGAWAI_SKP)),
    skp_route("planning:approve", "diajukan", EPIDEMIOLOG, *DECIDES, form=EKSPEKTASI),
    # the pegawai cannot approve their own SKP: 403 like everyone else but the penilai
    skp_route("planning:approve", "own-submitted", SUBMITTED, *OWN_SUBMITTED),
    skp_route("planning:approve", "draft", DRAFT, *FROZEN_PEGAWAI),
    skp_route(
        "planning:return", "diajukan", EPIDEMIOLOG, *DECIDES, form={"reason": "Lengkapi satuan target"}
    ),
    # the form again, with the missing reason
    skp_route(
        "planning:return",
        "no-reason",
        EPIDEMIOLOG,
        None,
        edited_by("atasan", SEES_EPIDEMIOLOG_SKP),
        form={"reason": "  "},
    ),
    skp_route("planning:return", "disetujui", ATASAN, *FROZEN_ATASAN, form={"reason": "Ubah"}),
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
