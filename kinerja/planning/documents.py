"""The printable SKP (Sasaran Kinerja Pegawai) as a PDF in the official layout (PermenPANRB 6/2022).

Only the SKP's own layout lives here; the page, tables, identity and signature blocks are the kernel's
(kinerja/core/documents.py). Everything printed is in Indonesian: the SKP is an official document.
"""

import datetime
from dataclasses import dataclass

from fpdf.enums import Align

from kinerja.core import clock
from kinerja.core.document_blocks import Signatory, clean, identity, nip_text, signatures, signatures_height
from kinerja.core.documents import BOLD, Block, Document, Part, Stamp, Table, headings
from kinerja.core.formats import tanggal as format_tanggal
from kinerja.core.verification import Signed
from kinerja.planning import rules, selectors
from kinerja.planning.models import SKP, JenisRHK, JenisTarget, StatusSKP, VersiSKP

ASPEK = {"kuantitas": "Kuantitas", "kualitas": "Kualitas", "waktu": "Waktu", "biaya": "Biaya"}
PENDEKATAN = {"kuantitatif": "KUANTITATIF", "kualitatif": "KUALITATIF"}
STATUS = {
    StatusSKP.DRAFT: "Draf",
    StatusSKP.DIAJUKAN: "Diajukan",
    StatusSKP.DIKEMBALIKAN: "Dikembalikan",
    StatusSKP.DISETUJUI: "Disetujui",
    StatusSKP.REVISI: "Sedang direvisi",
}

IDENTITY_ROWS = [
    ("NAMA", "nama"),
    ("NIP", "nip"),
    ("PANGKAT/GOL RUANG", "pangkat_golongan"),
    ("JABATAN", "jabatan"),
    ("UNIT KERJA", "unit_kerja"),
]
LAMPIRAN = [
    ("DUKUNGAN SUMBER DAYA", "dukungan_sumber_daya"),
    ("SKEMA PERTANGGUNGJAWABAN", "skema_pertanggungjawaban"),
    ("KONSEKUENSI", "konsekuensi"),
]


def skp_pdf(
    skp: SKP,
    *,
    content: dict | None = None,
    tanggal: datetime.date | None = None,
    draf: bool | None = None,
    stamp: Stamp | None = None,
) -> bytes:
    """The SKP as a PDF document (A4 landscape).

    `skp` comes from `selectors.with_content(...)`. `content` defaults to the SKP's current content; pass a
    stored version's `konten` to print that (approved) version, with its `stamp` (number, version, date, QR
    code: `stamp_of`). `tanggal` is the date above the assessor's signature: by default the stamp's date, else
    the SKP's last approval, else today. `draf` prints "DRAF — BELUM DISETUJUI" on every page; by default when
    the current content of an SKP that is not approved is printed, never for a given `content` (a stored
    version was approved)."""
    if draf is None:
        draf = content is None and skp.status != StatusSKP.DISETUJUI
    if content is None:
        content = selectors.content_of(skp)
    if tanggal is None:
        tanggal = stamp.tanggal if stamp else _approval_date(skp) or clock.today(skp.instansi)
    note = ""
    if draf:
        note = "DRAF — BELUM DISETUJUI"
        if skp.status in STATUS and skp.status != StatusSKP.DISETUJUI:
            note += f" (status: {STATUS[skp.status]})"
    identitas = content.get("identitas") or {}
    pegawai = identitas.get("pegawai") or {}
    penilai = identitas.get("penilai") or {}
    atasan = identitas.get("atasan_penilai") or {}

    nama = clean(pegawai.get("nama")) or "SKP"
    pdf = Document(
        title=f"Sasaran Kinerja Pegawai {nama}",
        subject=f"SKP {_period(skp, content)}",
        note=note,
        stamp=None if draf else stamp,
    )
    pdf.add_page()

    _header(pdf, skp, content, None if draf else stamp)
    identity_of_three(pdf, pegawai, penilai, atasan)
    perspektif = dict(selectors.perspective_choices(skp)) if skp.jpt else {}
    periods = {p.nomor: p.nama for p in selectors.periods_of(skp.tahun_kinerja)}
    _hasil_kerja(pdf, content.get("rhk") or [], jpt=skp.jpt, perspektif=perspektif, periods=periods)
    _perilaku(pdf, content.get("perilaku") or [])
    signatories = _signatories(pegawai, penilai)
    _lampiran(pdf, content.get("lampiran") or {}, keep_with_next=signatures_height(pdf, signatories))
    signatures(pdf, signatories, place=skp.instansi.tempat, date=tanggal)
    return bytes(pdf.output())


def signed(skp: SKP, versi: VersiSKP) -> Signed:
    """What an approved version of the SKP vouches for, for its verifiable record (kinerja.core.verification)."""
    identitas = versi.konten.get("identitas") or {}
    penilai = identitas.get("penilai") or {}
    return Signed(
        jenis="planning.skp",
        prefix="SKP",
        subjek=str(skp.pk),
        versi=versi.nomor,
        judul=f"Sasaran Kinerja Pegawai, periode {_period(skp, versi.konten)}",
        pemilik=clean((identitas.get("pegawai") or {}).get("nama"))
        or clean(skp.identitas_pegawai.get("nama")),
        # The PPK of the top official is not a pegawai: the post names them.
        penilai=clean(penilai.get("nama")) or clean(penilai.get("jabatan")),
        disetujui_pada=clock.local_date(versi.disetujui_at, skp.instansi),
        content=versi.konten,
        instansi=skp.instansi,
    )


# Sections ---------------------------------------------------------------------------------------------------


def _header(pdf: Document, skp: SKP, content: dict, stamp: Stamp | None) -> None:
    title = "SASARAN KINERJA PEGAWAI"
    if skp.jpt:
        title += "\nPEJABAT PIMPINAN TINGGI"
    pdf.title_lines(title)
    pendekatan = content.get("pendekatan") or skp.pendekatan
    pdf.subtitle(f"PENDEKATAN: {PENDEKATAN.get(pendekatan, clean(pendekatan).upper() or '-')}")
    if stamp:
        pdf.subtitle(
            f"VERSI {stamp.versi}, DISETUJUI {format_tanggal(stamp.tanggal).upper()} · NOMOR {stamp.nomor}"
        )
    pdf.ln(3)
    pdf.left_right(clean(skp.instansi.nama).upper(), f"PERIODE PENILAIAN: {_period(skp, content)}")


def identity_of_three(pdf: Document, pegawai: dict, penilai: dict, atasan: dict) -> None:
    """The three identity blocks of the official layouts (the SKP's, the Dokumen Evaluasi's)."""
    people = []
    for heading, person in (
        ("PEGAWAI YANG DINILAI", pegawai),
        ("PEJABAT PENILAI KINERJA", penilai),
        ("ATASAN PEJABAT PENILAI KINERJA", atasan),
    ):
        rows = [
            (label, nip_text(person.get(key)) if key == "nip" else person.get(key))
            for label, key in IDENTITY_ROWS
        ]
        people.append((heading, rows))
    identity(pdf, people, widths=(8, 26, 58))


def _hasil_kerja(
    pdf: Document, rhk: list[dict], *, jpt: bool, perspektif: dict[str, str], periods: dict[int, str]
) -> None:
    utama = [r for r in rhk if r.get("jenis") == JenisRHK.UTAMA]
    tambahan = [r for r in rhk if r.get("jenis") != JenisRHK.UTAMA]
    # A JPT SKP prints the RHK of the leader it supports only where one of its RHK names one.
    intervensi = not jpt or any(r.get("rhk_atasan") for r in rhk)
    if jpt and intervensi:
        widths: tuple[float, ...] = (10, 70, 85, 66, 46)
        heads = headings(
            "NO",
            "RHK PIMPINAN YANG DIINTERVENSI",
            "RENCANA HASIL KERJA",
            "INDIKATOR KINERJA INDIVIDU",
            "TARGET",
        )
    elif jpt:
        widths = (10, 105, 112, 50)
        heads = headings("NO", "RENCANA HASIL KERJA", "INDIKATOR KINERJA INDIVIDU", "TARGET")
    else:
        widths = (10, 62, 62, 22, 75, 46)
        heads = headings(
            "NO",
            "RHK PIMPINAN YANG DIINTERVENSI",
            "RENCANA HASIL KERJA",
            "ASPEK",
            "INDIKATOR KINERJA INDIVIDU",
            "TARGET",
        )
    layout = Layout(jpt=jpt, intervensi=intervensi, periods=periods)
    with Table(pdf, widths, heads, title="HASIL KERJA") as table:
        for letter, label, items in (("A", "UTAMA", utama), ("B", "TAMBAHAN", tambahan)):
            table.label(f"{letter}. {label}")
            if not items:
                table.dashes()
                continue
            if jpt and letter == "A":
                nomor = 0
                for kode, group in _by_perspektif(items, list(perspektif)):
                    if kode is not None:
                        name = perspektif.get(kode, kode) if kode else "Tanpa perspektif"
                        table.label(clean(name), style=BOLD)
                    for r in group:
                        nomor += 1
                        table.block(_rhk_block(nomor, r, layout))
            else:
                for nomor, r in enumerate(items, start=1):
                    table.block(_rhk_block(nomor, r, layout))


@dataclass(frozen=True)
class Layout:
    """Which columns the Hasil Kerja table has, and the names of the year's periods."""

    jpt: bool
    intervensi: bool
    periods: dict[int, str]


def _rhk_block(nomor: int, rhk: dict, layout: Layout) -> Block:
    """One RHK: its number, text and supported RHK span its indikator, one row each."""
    indikator = rhk.get("indikator") or [{}]
    columns = [[Part(str(nomor), align=Align.C)]]
    if layout.intervensi:
        columns.append([Part(clean(rhk.get("rhk_atasan")) or "-")])
    columns.append([Part(clean(rhk.get("uraian")) or "-")])
    if not layout.jpt:
        columns.append([Part(_aspek(i.get("aspek"))) for i in indikator])
    columns.append([Part(clean(i.get("uraian")) or "-") for i in indikator])
    columns.append([Part(_target_with_periods(i, layout.periods)) for i in indikator])
    return columns


def _target_with_periods(indikator: dict, periods: dict[int, str]) -> str:
    """The year's target, then the target of each period where the indikator has them, then (for a number) how
    the periods add up to the year: DOMAIN 2.1 has no column for it, so it is a note in the target cell."""
    lines = [_target(indikator) or "-"]
    per = indikator.get("target_periode") or {}
    satuan = clean(indikator.get("satuan")) if indikator.get("jenis_target") != JenisTarget.KUALITATIF else ""
    for key, value in sorted(per.items(), key=lambda kv: int(kv[0]) if str(kv[0]).isdigit() else 0):
        name = periods.get(int(key), f"Periode {key}") if str(key).isdigit() else clean(key)
        text = selectors.period_target_text(value, indikator.get("jenis_target") or "")
        lines.append(clean(f"{name}: {text} {satuan}"))
    if indikator.get("jenis_target") == JenisTarget.ANGKA:
        mode = rules.akumulasi_in(indikator)
        lines.append(f"Akumulasi: {rules.AKUMULASI_WORD.get(mode, mode)}")
    return "\n".join(lines)


def _target(indikator: dict) -> str:
    """The printed target; computed as `selectors.target_text` does for content stored without it."""
    if indikator.get("target"):
        return clean(indikator["target"])
    if indikator.get("jenis_target") == JenisTarget.KUALITATIF:
        return clean(indikator.get("target_teks"))
    if indikator.get("target_angka") in (None, ""):
        return ""
    try:
        angka = rules.format_angka(indikator["target_angka"])
    except (ArithmeticError, ValueError, TypeError):
        angka = str(indikator["target_angka"])
    return clean(f"{angka} {indikator.get('satuan') or ''}")


def _aspek(value) -> str:
    return ASPEK.get(value) or clean(value).capitalize() or "-"


def _by_perspektif(items: list[dict], order_of: list[str]) -> list[tuple[str | None, list[dict]]]:
    """Utama RHK of a JPT under their perspektif, in the order of the framework; those without one last.

    The key is None when no RHK has a perspektif (then no heading is printed)."""
    if not any(r.get("perspektif") for r in items):
        return [(None, items)]
    groups: dict[str, list[dict]] = {}
    for r in items:
        groups.setdefault(r.get("perspektif") or "", []).append(r)

    def order(kode: str) -> tuple[int, int]:
        if not kode:
            return (2, 0)
        if kode in order_of:
            return (0, order_of.index(kode))
        return (1, 0)

    return sorted(groups.items(), key=lambda item: order(item[0]))


def _perilaku(pdf: Document, perilaku: list[dict]) -> None:
    heads = headings("NO", "PERILAKU KERJA", "EKSPEKTASI KHUSUS PIMPINAN")
    with Table(pdf, (10, 160, 107), heads, title="PERILAKU KERJA") as table:
        if not perilaku:
            table.dashes()
        for n, p in enumerate(perilaku, start=1):
            indikator = [clean(_indicator_text(i)) for i in p.get("indikator") or []]
            lines = "\n".join(f"- {text}" for text in indikator if text)
            # The name (bold) above its indicators, without a rule between them.
            nilai = [Part(clean(p.get("nama")) or "-", style=BOLD)]
            if lines:
                nilai.append(Part(lines, joined=True))
            ekspektasi = Part(clean(p.get("ekspektasi")) or "-")
            table.block([[Part(str(n), align=Align.C)], nilai, [ekspektasi]])


def _lampiran(pdf: Document, lampiran: dict, *, keep_with_next: float) -> None:
    # The signatures follow: the last rows of the lampiran go with them to a new page when they do not fit.
    table = Table(pdf, (10, 267), title="LAMPIRAN SASARAN KINERJA PEGAWAI", keep_with_next=keep_with_next)
    with table:
        for label, key in LAMPIRAN:
            table.label(label)
            items = [line.strip() for line in clean(lampiran.get(key)).split("\n") if line.strip()]
            if not items:
                table.block([[Part("-", align=Align.C)], [Part("-")]])
            for n, text in enumerate(items, start=1):
                table.block([[Part(f"{n}.", align=Align.R)], [Part(text)]])


def _signatories(pegawai: dict, penilai: dict) -> list[Signatory]:
    return [
        Signatory(role, person.get("nama") or "", person.get("nip") or "")
        for role, person in (("Pegawai yang Dinilai", pegawai), ("Pejabat Penilai Kinerja", penilai))
    ]


# Helpers ----------------------------------------------------------------------------------------------------


def _period(skp: SKP, content: dict) -> str:
    mulai = _date(content.get("mulai")) or skp.mulai
    selesai = _date(content.get("selesai")) or skp.selesai
    return f"{format_tanggal(mulai, 'id')} s.d. {format_tanggal(selesai, 'id')}"


def _date(value) -> datetime.date | None:
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _approval_date(skp: SKP) -> datetime.date | None:
    if not skp.disetujui_at:
        return None
    return clock.local_date(skp.disetujui_at, skp.instansi)


def _indicator_text(value) -> str:
    if isinstance(value, dict):
        return str(value.get("uraian") or value.get("nama") or value.get("teks") or "")
    return "" if value is None else str(value)
