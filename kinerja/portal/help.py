"""Help inside the app: the guides of docs/ rendered as pages, and one short help per main page.

The guides are the Markdown files in docs/ (the same text a reader of the repository sees), rendered on the server
with markdown-it-py with raw HTML off: whatever HTML a guide contains is shown as text, and links with unsafe
schemes (javascript:, data:) stay text. Headings get ids (slugs of their text) so that a page's help links to its
section. See docs/decisions/0018-phone-tables-and-help.md.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from markdown_it import MarkdownIt

DOCS = Path(settings.BASE_DIR) / "docs"


@dataclass(frozen=True)
class Guide:
    slug: str  # in the URL: /bantuan/<slug>/
    file: str  # in docs/
    title: Promise
    summary: Promise


GUIDES = {
    guide.slug: guide
    for guide in (
        Guide(
            "pengguna",
            "user-guide.md",
            _("User guide"),
            _("For every employee: logging in, your SKP, the inbox of an assessing official, criteria."),
        ),
        Guide(
            "admin",
            "admin-guide.md",
            _("Administrator guide"),
            _(
                "For the BKPSDM and unit administrators: roles, structure, imports, the assessment framework, "
                "performance years, the audit trail."
            ),
        ),
    )
}


@dataclass(frozen=True)
class Rendered:
    html: SafeString
    title: str
    sections: tuple[tuple[str, str], ...]  # (anchor, heading) of the level-2 headings, for the contents list


def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).enable("table")


def render_markdown(text: str) -> Rendered:
    """Markdown to safe HTML: raw HTML escaped, headings with unique ids, tables in a scroll box."""
    md = _markdown()
    tokens = md.parse(text)
    used: set[str] = set()
    sections = []
    title = ""
    for i, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        heading = tokens[i + 1].content
        anchor = base = slugify(heading) or "bagian"
        n = 1
        while anchor in used:
            n += 1
            anchor = f"{base}-{n}"
        used.add(anchor)
        token.attrSet("id", anchor)
        if token.tag == "h1" and not title:
            title = heading
        elif token.tag == "h2":
            sections.append((anchor, heading))
    for token in tokens:
        if token.type == "table_open":
            token.attrSet("class", "table table-sm")
    html = md.renderer.render(tokens, md.options, {})
    html = html.replace("<table ", '<div class="table-responsive"><table ').replace(
        "</table>", "</table></div>"
    )
    return Rendered(mark_safe(html), title, tuple(sections))  # noqa: S308  (markdown-it escaped the text)


@cache
def _rendered(path: Path, mtime: float) -> Rendered:
    return render_markdown(path.read_text(encoding="utf-8"))


def guide_page(slug: str) -> Rendered:
    """The guide as HTML, rendered again when its file changes."""
    path = DOCS / GUIDES[slug].file
    return _rendered(path, path.stat().st_mtime)


# Contextual help: the main pages by URL name, each with a sentence or three and the guide's section. -----------


@dataclass(frozen=True)
class Topic:
    text: Promise
    guide: str
    anchor: str

    @property
    def url(self) -> str:
        return f"{reverse('portal:help_guide', args=[self.guide])}#{self.anchor}"


USER, ADMIN = "pengguna", "admin"

_REALISASI = Topic(
    _(
        "What each indicator of your approved SKP reached in each period, against its target: record it while "
        "the period is open, with its evidence. Earlier values and withdrawn evidence are kept."
    ),
    USER,
    "mengisi-realisasi-dan-bukti-dukung",
)
_REALISASI_FORM = Topic(
    _(
        "A number is typed as usual (92,5 or 1.250). A photo, a PDF or an office document is checked by its "
        "content, up to the size limit; a link must start with http:// or https://."
    ),
    USER,
    "mengisi-realisasi-dan-bukti-dukung",
)
_SKP = Topic(
    _(
        "Your SKP: add the RHK with their indicators, then submit it to your assessing official before the "
        "deadline. Once approved it changes only through a revision."
    ),
    USER,
    "skp-sasaran-kinerja-pegawai",
)
_SKP_FORM = Topic(
    _(
        "Every main RHK names the RHK of your superior that it supports; each RHK needs at least one indicator "
        "with an aspect and a target."
    ),
    USER,
    "skp-sasaran-kinerja-pegawai",
)
_STRUCTURE = Topic(
    _(
        "Units, positions and employees: the position's superior decides who assesses whom, so keep it right. "
        "Every change is kept in the history and the audit trail."
    ),
    ADMIN,
    "struktur",
)
_FRAMEWORK = Topic(
    _(
        "The rules of assessment for one year, in versions: a draft is edited, checked and published with the "
        "date it takes effect; a published version never changes."
    ),
    ADMIN,
    "kerangka-penilaian-kriteria",
)
_YEARS = Topic(
    _(
        "A performance year is opened from the published framework; its SKP deadline starts as the framework's "
        "and can be changed here with a reason. The deadline of the year is the one in force."
    ),
    ADMIN,
    "tahun-kinerja-dan-skp",
)
_INBOX = Topic(
    _(
        "SKP waiting for your decision: open each one, then approve it or return it with a reason. Several "
        "checked SKP can be approved at once."
    ),
    USER,
    "kotak-masuk-skp-untuk-pejabat-penilai",
)
_IMPORT = Topic(
    _(
        "Upload a workbook: the whole file is checked first and every refused row is named. Nothing is written "
        "until you apply a clean file."
    ),
    ADMIN,
    "impor-data-kepegawaian",
)
_ACCOUNT = Topic(
    _("Your password and API tokens. A token is shown once: keep it safe and revoke it when no longer used."),
    USER,
    "token-api",
)
_RENCANA = Topic(
    _(
        "What you will do this period to reach the RHK's targets: written while the period is open, commented by "
        "your assessing official at any time."
    ),
    USER,
    "rencana-aksi",
)
_KEHADIRAN = Topic(
    _(
        "One month of the attendance machine's export per file, checked whole before anything is written. Days "
        "absent without a valid reason count towards the discipline thresholds of the assessment framework."
    ),
    ADMIN,
    "impor-kehadiran-dan-aturan-disiplin",
)
_SANKSI = Topic(
    _(
        "Disciplinary decisions copied from the signed decree, with its scan. The employee is notified; a decision "
        "recorded by mistake is cancelled with a reason, never deleted."
    ),
    ADMIN,
    "hukuman-disiplin",
)
_INOVASI = Topic(
    _(
        "A new method or tool with its measured effect and evidence: saved as a draft, submitted to your assessing "
        "official, who verifies it or returns it with a reason."
    ),
    USER,
    "inovasi",
)
_PENGISIAN = Topic(
    _(
        "How far each department is with its SKP and realisations, live from the data. Click a unit to see the "
        "units inside it; the address keeps the year, period and unit, so a view can be shared."
    ),
    ADMIN,
    "pemantauan-pengisian",
)
_KINERJA = Topic(
    _(
        "Capaian of the units you lead or administer: its spread per unit, the units that lag and the people whose "
        "capaian fell or is below expectation, with a dialogue to open from each flag."
    ),
    ADMIN,
    "dasbor-kinerja",
)
_EVALUASI = Topic(
    _(
        "Periods that have ended, for the people you assess: each RHK with its suggested rating from the "
        "capaian, the BerAKHLAK values, the predikat by the matrix. A departure from the suggestion needs a reason; "
        "the employee may object, and the superior of the assessor decides."
    ),
    USER,
    "evaluasi-kinerja-dan-keberatan",
)
_ORGANISASI = Topic(
    _(
        "Each unit's organisation result per period, recorded by the leader above; the recap of final evaluations "
        "with the national report's columns in Excel."
    ),
    ADMIN,
    "hasil-kinerja-organisasi-dan-rekap-evaluasi",
)
_KURVA = Topic(
    _(
        "The finalised predikat of each unit's employees against the pattern its organisation predikat asks for "
        "(SE MenPANRB 3/2023), with the people who would have to move; small units are marked coarse."
    ),
    ADMIN,
    "kurva-distribusi-predikat",
)
_KALIBRASI = Topic(
    _(
        "A calibration session of the evaluation team: the finalised results of a period beside their evidence, "
        "proposals with reasons, the chair's decisions, and the closing that applies the accepted changes; each "
        "employee reads the reason and may object."
    ),
    ADMIN,
    "sesi-kalibrasi",
)
_ANALITIK = Topic(
    _(
        "Each assessing official's ratings against what their employees' evidence predicts and against the other "
        "raters: leniency or severity, central tendency, halo, ratings against the evidence, disagreement with the "
        "360 and with self-assessments, each with its numbers; flags only beyond chance and with enough employees."
    ),
    ADMIN,
    "analitik-pejabat-penilai",
)
_POLA_RATING = Topic(
    _(
        "Your ratings compared with your employees' evidence and with the other raters of the agency, with guidance "
        "on rating objectively. Only you, the evaluation team and the BKPSDM see it."
    ),
    USER,
    "pola-rating-saya",
)
_UMPAN_BALIK_360 = Topic(
    _(
        "360 rounds: the forms you are asked to fill in (saved as you go, sent once), your peers, your report "
        "once the round closes, and the competency profile your assessing official sets. Peers' and subordinates' "
        "answers are shown only as a group's average."
    ),
    USER,
    "umpan-balik-360-dan-profil-kompetensi",
)
_REOPEN = Topic(
    _(
        "A closed period reopened for one employee (by NIP) or a unit until a date, with a reason. A reopening "
        "for one employee notifies them."
    ),
    ADMIN,
    "membuka-kembali-periode-yang-sudah-ditutup",
)

_DIALOG = Topic(
    _(
        "A coaching, mentoring or counselling conversation with the actions agreed. Whoever records it confirms "
        "it; the other party confirms it too, and then it no longer changes."
    ),
    USER,
    "dialog-kinerja",
)

TOPICS: dict[str, Topic] = {
    "portal:home": Topic(
        _("Your home page shows what needs you now: your position, your assessing official and your SKP."),
        USER,
        "beranda",
    ),
    "portal:audit_list": Topic(
        _("Every change is recorded with who, when, what and why; records can never be changed or deleted."),
        USER,
        "jejak-audit",
    ),
    "core:notifications": Topic(
        _("Notifications tell you when an SKP is submitted, returned, approved or a revision is proposed."),
        USER,
        "kotak-masuk-skp-untuk-pejabat-penilai",
    ),
    "accounts:password_change": _ACCOUNT,
    "accounts:token_list": _ACCOUNT,
    "accounts:role_list": Topic(
        _(
            "Roles give access to a whole agency or a subtree of units; a superior's rights follow the structure."
        ),
        ADMIN,
        "peran",
    ),
    "org:unit_tree": Topic(
        _(
            "The organisation as it stands on the chosen date: acting heads (Plt, Plh) are marked, vacant "
            "positions are red."
        ),
        USER,
        "organisasi-dan-pegawai",
    ),
    "org:unit_detail": _STRUCTURE,
    "org:jabatan_detail": _STRUCTURE,
    "org:vacant_list": _STRUCTURE,
    "org:unplaced_list": _STRUCTURE,
    "org:instansi_edit": _STRUCTURE,
    "org:pegawai_create": _STRUCTURE,
    "org:pegawai_list": Topic(
        _("Search by the start of a NIP or by name. You see yourself and the people below you."),
        USER,
        "organisasi-dan-pegawai",
    ),
    "org:pegawai_detail": Topic(
        _("The employee's data, assignment history and chain of assessing officials on the chosen date."),
        USER,
        "organisasi-dan-pegawai",
    ),
    "org:dinilai": Topic(
        _("Everyone you assess on the chosen date, including through an acting (Plt or Plh) assignment."),
        USER,
        "organisasi-dan-pegawai",
    ),
    "org:import_upload": _IMPORT,
    "org:import_records": _IMPORT,
    "criteria:index": _FRAMEWORK,
    "criteria:detail": _FRAMEWORK,
    "criteria:compare": _FRAMEWORK,
    "criteria:settings": _FRAMEWORK,
    "criteria:perilaku": _FRAMEWORK,
    "criteria:kompetensi_list": _FRAMEWORK,
    "criteria:kriteria_list": _FRAMEWORK,
    "criteria:aturan": _FRAMEWORK,
    "criteria:standar": _FRAMEWORK,
    "criteria:standar_import": _FRAMEWORK,
    "criteria:mine": Topic(
        _("The framework that applies to you today. Read it, then state that you have read it."),
        USER,
        "kriteria-saya",
    ),
    "planning:index": _SKP,
    "planning:skp_detail": _SKP,
    "planning:rhk_create": _SKP_FORM,
    "planning:indikator_create": _SKP_FORM,
    "planning:lampiran": _SKP_FORM,
    "planning:import": Topic(
        _(
            "Download the template, fill one row per indicator, upload it: every wrong row is named and nothing "
            "is saved until the file is clean."
        ),
        USER,
        "skp-sasaran-kinerja-pegawai",
    ),
    "planning:approve": _INBOX,
    "planning:versions": Topic(
        _("Every approved version is kept; compare two of them to see what changed."),
        USER,
        "skp-sasaran-kinerja-pegawai",
    ),
    "planning:inbox": _INBOX,
    "planning:cascade": Topic(
        _(
            "Your RHK down to those of your subordinates: marks show RHK nobody supports and main RHK of a "
            "subordinate that support nothing."
        ),
        USER,
        "kotak-masuk-skp-untuk-pejabat-penilai",
    ),
    "planning:list": Topic(
        _(
            "The SKP per unit and status, with an Excel download; extend a deadline or reassign an assessor here."
        ),
        ADMIN,
        "tahun-kinerja-dan-skp",
    ),
    "planning:years": _YEARS,
    "planning:year_open": _YEARS,
    "planning:year_edit": _YEARS,
    "planning:periode_edit": _YEARS,
    "monitoring:feedback_queue": Topic(
        _(
            "Realisations of the periods you assess that have no message yet, whose last message is the employee's "
            "reply, or that changed after the last message. Open one to write your feedback."
        ),
        USER,
        "umpan-balik-berkelanjutan",
    ),
    "monitoring:dialog_list": _DIALOG,
    "monitoring:dialog_create": _DIALOG,
    "monitoring:dialog_detail": _DIALOG,
    "monitoring:dialog_edit": _DIALOG,
    # Monitoring: the team area (rencana aksi, team page, reopened periods)
    **{name: _RENCANA for name in ("monitoring:rencana_aksi_edit", "monitoring:rencana_aksi_comment")},
    "monitoring:team": Topic(
        _(
            "Each person you assess in the period: how much of it they filled, what waits for your feedback and "
            "until when they can fill it. Open a person to see and comment on their realisations."
        ),
        USER,
        "tim-saya-untuk-atasan",
    ),
    **{name: _REOPEN for name in ("monitoring:reopen_list", "monitoring:reopen_create")},
    **{name: _KEHADIRAN for name in ("monitoring:kehadiran_list", "monitoring:kehadiran_import")},
    **{
        f"evaluation:{name}": _EVALUASI
        for name in ("index", "periodik", "tahunan", "detail", "keberatan", "putus")
    },
    **{f"evaluation:{name}": _ORGANISASI for name in ("organisasi", "organisasi_catat", "rekap")},
    "calibration:kurva": _KURVA,
    **{
        f"calibration:{name}": _KALIBRASI
        for name in ("daftar", "sesi_baru", "sesi", "usul", "tutup", "ketua", "terima", "tolak")
    },
    "calibration:penilai_ikhtisar": _ANALITIK,
    "calibration:penilai": _POLA_RATING,
    **{
        f"feedback360:{name}": _UMPAN_BALIK_360
        for name in (
            "index",
            "ronde_baru",
            "ronde",
            "pengingat",
            "tutup",
            "isi",
            "rekan",
            "laporan",
            "profil",
        )
    },
    "reports:pengisian": _PENGISIAN,
    "reports:kinerja": _KINERJA,
    **{f"monitoring:sanksi_{name}": _SANKSI for name in ("list", "create", "detail", "cancel")},
    **{f"monitoring:inovasi_{name}": _INOVASI for name in ("list", "create", "detail", "edit", "kembalikan")},
    # Monitoring: the realisasi area (realisasi and bukti dukung)
    "monitoring:index": _REALISASI,
    "monitoring:skp": _REALISASI,
    "monitoring:realisasi_detail": _REALISASI,
    **{name: _REALISASI_FORM for name in ("monitoring:realisasi_edit", "monitoring:bukti_add")},
}


def topic_for(request) -> Topic | None:
    match = getattr(request, "resolver_match", None)
    return TOPICS.get(match.view_name) if match else None
