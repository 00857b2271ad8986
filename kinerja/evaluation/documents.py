"""The Dokumen Evaluasi Kinerja Pegawai (PermenPANRB 6/2022, DOMAIN 2.5) as a PDF: "PERIODE: TRIWULAN I" (the
instansi's own period names) or "PERIODE: AKHIR" for the annual evaluation, the three identity blocks, the
organisation's capaian and the pegawai's predikat, the RHK with "Realisasi berdasarkan bukti dukung" and "Umpan
balik berkelanjutan berdasarkan bukti dukung", perilaku, catatan and rekomendasi, and the signatures.

The page, tables, identity and signature blocks are the kernel's (kinerja/core/documents.py); the data comes from
evaluation's selectors. Everything printed is in Indonesian: it is an official document."""

from fpdf.enums import Align

from kinerja.core import clock
from kinerja.core.document_blocks import Signatory, clean, signatures, signatures_height
from kinerja.core.documents import BOLD, Document, Part, Stamp, Table, headings
from kinerja.core.formats import angka
from kinerja.core.formats import tanggal as format_tanggal
from kinerja.core.verification import Signed
from kinerja.evaluation import rules, selectors
from kinerja.evaluation.models import Evaluasi, StatusEvaluasi
from kinerja.monitoring.selectors.realisasi import IndikatorRow
from kinerja.planning.documents import identity_of_three


def version_of(evaluasi: Evaluasi) -> int:
    """The version of the result a print vouches for: 1 as the penilai finalised it, one more for each
    calibration that changed it, and one more once an objection was decided (the result may have changed); a
    draft has none."""
    return 1 + evaluasi.kali_kalibrasi + (1 if evaluasi.status == StatusEvaluasi.DIPUTUS else 0)


def result_of(evaluasi: Evaluasi) -> dict:
    """What a printed Dokumen Evaluasi vouches for: the result, never the status around it (an acknowledgement
    changes nothing it says)."""
    return {
        "pegawai_id": evaluasi.pegawai_id,
        "skp_id": evaluasi.skp_id,
        "periode": evaluasi.nama_periode,
        "versi_skp": evaluasi.versi_skp,
        "identitas": evaluasi.identitas,
        "rating_rhk": evaluasi.rating_rhk,
        "rating_nilai": evaluasi.rating_nilai,
        "rating_hasil_kerja": evaluasi.rating_hasil_kerja,
        "alasan_hasil_kerja": evaluasi.alasan_hasil_kerja,
        "rating_perilaku": evaluasi.rating_perilaku,
        "predikat": evaluasi.predikat,
        "predikat_organisasi": evaluasi.predikat_organisasi,
        "capaian_organisasi": evaluasi.capaian_organisasi,
        "catatan": evaluasi.catatan,
        "rekomendasi": evaluasi.rekomendasi,
        "keputusan": evaluasi.alasan_keputusan if evaluasi.status == StatusEvaluasi.DIPUTUS else "",
        # only when calibrated, so that what earlier prints vouch for keeps its hash
        **({"kalibrasi": evaluasi.alasan_kalibrasi} if evaluasi.kali_kalibrasi else {}),
    }


def signed(evaluasi: Evaluasi) -> Signed:
    """What a finalised evaluation vouches for, for its verifiable record (kinerja.core.verification)."""
    identitas = evaluasi.identitas or {}
    decided = evaluasi.status == StatusEvaluasi.DIPUTUS and evaluasi.diputus_at
    moment = evaluasi.diputus_at if decided else (evaluasi.dikalibrasi_at or evaluasi.final_at)
    return Signed(
        jenis="evaluation.evaluasi",
        prefix="EVK",
        subjek=str(evaluasi.pk),
        versi=version_of(evaluasi),
        judul=f"Dokumen Evaluasi Kinerja Pegawai, periode {evaluasi.nama_periode}",
        pemilik=clean((identitas.get("pegawai") or {}).get("nama")) or evaluasi.pegawai.nama_lengkap,
        penilai=clean((identitas.get("penilai") or {}).get("nama")) or evaluasi.penilai.nama_lengkap,
        disetujui_pada=clock.local_date(moment, evaluasi.instansi)
        if moment
        else clock.today(evaluasi.instansi),
        content=result_of(evaluasi),
        instansi=evaluasi.instansi,
    )


def evaluasi_pdf(evaluasi: Evaluasi, stamp: Stamp | None = None) -> bytes:
    """The finalised evaluation as an A4 landscape PDF, with its `stamp` (number, version, code, QR code) on every
    page when given."""
    page = selectors.evaluation_page(evaluasi.skp, evaluasi.periode, evaluasi)
    identitas = evaluasi.identitas or selectors.page.identities(evaluasi.skp, evaluasi.periode)
    pegawai = identitas.get("pegawai") or {}
    penilai = identitas.get("penilai") or {}
    atasan = identitas.get("atasan_penilai") or {}
    note = ""
    if evaluasi.status == StatusEvaluasi.FINAL:
        note = "MENUNGGU TANGGAPAN PEGAWAI"
    elif evaluasi.status == StatusEvaluasi.KEBERATAN:
        note = "KEBERATAN SEDANG DIPUTUS ATASAN PEJABAT PENILAI"
    pdf = Document(
        title=f"Dokumen Evaluasi Kinerja Pegawai {clean(pegawai.get('nama'))}",
        subject=f"Evaluasi kinerja {_periode(evaluasi)}",
        note=note,
        stamp=stamp,
    )
    pdf.add_page()
    pdf.title_lines("DOKUMEN EVALUASI KINERJA PEGAWAI")
    pdf.subtitle(f"PERIODE: {_periode(evaluasi).upper()}")
    pdf.ln(3)
    mulai = evaluasi.periode.mulai if evaluasi.periode else evaluasi.skp.mulai
    mulai = max(mulai, evaluasi.skp.mulai)
    selesai = selectors.period_end(evaluasi.skp, evaluasi.periode)
    pdf.left_right(
        clean(evaluasi.instansi.nama).upper(),
        f"PERIODE PENILAIAN: {format_tanggal(mulai, 'id')} s.d. {format_tanggal(selesai, 'id')}",
    )
    identity_of_three(pdf, pegawai, penilai, atasan)
    _result(pdf, evaluasi)
    _hasil_kerja(pdf, page, evaluasi)
    _perilaku(pdf, page)
    signatories = [
        Signatory(role, person.get("nama") or "", person.get("nip") or "")
        for role, person in (("Pegawai yang Dinilai", pegawai), ("Pejabat Penilai Kinerja", penilai))
    ]
    _catatan(pdf, evaluasi, keep_with_next=signatures_height(pdf, signatories))
    signed_on = clock.local_date(evaluasi.final_at, evaluasi.instansi) if evaluasi.final_at else clock.today()
    signatures(pdf, signatories, place=evaluasi.instansi.tempat, date=signed_on)
    return bytes(pdf.output())


def _periode(evaluasi: Evaluasi) -> str:
    return evaluasi.periode.nama if evaluasi.periode else f"Akhir (tahunan {evaluasi.tahun})"


def _result(pdf: Document, evaluasi: Evaluasi) -> None:
    if evaluasi.predikat_organisasi:
        organisasi = rules.ORGANISASI_ID.get(evaluasi.predikat_organisasi, "-")
        if evaluasi.capaian_organisasi is not None:
            organisasi += f" (capaian {angka(evaluasi.capaian_organisasi, 'id')}%)"
    else:
        organisasi = "-"
    with Table(pdf, (10, 90, 177), title="CAPAIAN KINERJA ORGANISASI DAN PREDIKAT KINERJA PEGAWAI") as table:
        for n, (label, value) in enumerate(
            (
                ("CAPAIAN KINERJA ORGANISASI", organisasi),
                ("RATING HASIL KERJA", rules.RATING_ID.get(evaluasi.rating_hasil_kerja, "-")),
                ("RATING PERILAKU KERJA", rules.RATING_ID.get(evaluasi.rating_perilaku, "-")),
                ("PREDIKAT KINERJA PEGAWAI", rules.PREDIKAT_ID.get(evaluasi.predikat, "-").upper()),
            ),
            start=1,
        ):
            table.block([[Part(str(n), align=Align.C)], [Part(label)], [Part(value, style=BOLD)]])


def _target(row: IndikatorRow, annual: bool) -> str:
    satuan = clean(row.indikator.get("satuan"))
    if row.numeric:
        value = (
            row.target if annual else (row.target_periode if row.target_periode is not None else row.target)
        )
        return f"{angka(value, 'id')} {satuan}".strip() if value is not None else "-"
    return clean(row.indikator.get("target_teks")) or "-"


def _realisasi(row: IndikatorRow, annual: bool) -> str:
    if annual:
        if row.ytd_realisasi is None:
            return "-"
        text = f"{angka(row.ytd_realisasi, 'id')} {clean(row.indikator.get('satuan'))}".strip()
        capaian = row.ytd_capaian
    else:
        r = row.realisasi
        if r is None:
            return "-"
        if r.nilai_angka is not None:
            text = f"{angka(r.nilai_angka, 'id')} {clean(row.indikator.get('satuan'))}".strip()
        else:
            text = clean(r.nilai_teks)
        if r.narasi:
            text += f"\n{clean(r.narasi)}"
        capaian = row.capaian
    if capaian is not None:
        text += f"\n(capaian {angka(capaian, 'id')}%)"
    bukti = [b for b in row.bukti if b.ditarik_at is None]
    if bukti:
        text += f"\nBukti dukung: {len(bukti)}"
    return text or "-"


def _umpan_balik(row: IndikatorRow) -> str:
    lines = [f"{clean(u.penulis.nama_lengkap)}: {clean(u.isi)}" for u in row.thread]
    return "\n".join(lines) or "-"


def _hasil_kerja(pdf: Document, page, evaluasi: Evaluasi) -> None:
    annual = page.annual
    heads = headings(
        "NO",
        "RENCANA HASIL KERJA",
        "INDIKATOR KINERJA INDIVIDU",
        "TARGET",
        "REALISASI BERDASARKAN BUKTI DUKUNG",
        "UMPAN BALIK BERKELANJUTAN BERDASARKAN BUKTI DUKUNG",
        "RATING",
    )
    with Table(pdf, (8, 52, 52, 26, 52, 55, 28), heads, title="HASIL KERJA") as table:
        for letter, label, kind in (("A", "UTAMA", "utama"), ("B", "TAMBAHAN", "tambahan")):
            table.label(f"{letter}. {label}")
            rows = [r for r in page.rhk if r.jenis == kind]
            if not rows:
                table.dashes()
            for nomor, rhk in enumerate(rows, start=1):
                indikator = rhk.rows or [None]
                for i, row in enumerate(indikator):
                    first = i == 0
                    table.block(
                        [
                            [Part(str(nomor) if first else "", align=Align.C)],
                            [Part(clean(rhk.rhk.get("uraian")) if first else "")],
                            [Part(clean(row.indikator.get("uraian")) if row else "-")],
                            [Part(_target(row, annual) if row else "-")],
                            [Part(_realisasi(row, annual) if row else "-")],
                            [Part(_umpan_balik(row) if row else "-")],
                            [Part(rules.RATING_ID.get(rhk.given or "", "-") if first else "")],
                        ]
                    )
        table.label(f"RATING HASIL KERJA: {rules.RATING_ID.get(evaluasi.rating_hasil_kerja, '-').upper()}")
        if evaluasi.alasan_hasil_kerja:
            table.block(
                [[Part("")], [Part("Alasan berbeda dari saran: " + clean(evaluasi.alasan_hasil_kerja))]]
                + [[Part("")]] * 5
            )


def _perilaku(pdf: Document, page) -> None:
    heads = headings("NO", "PERILAKU KERJA", "EKSPEKTASI KHUSUS PIMPINAN", "RATING")
    with Table(pdf, (10, 140, 90, 37), heads, title="PERILAKU KERJA") as table:
        if not page.nilai:
            table.dashes()
        for n, nilai in enumerate(page.nilai, start=1):
            indikator = [clean(i.get("uraian") if isinstance(i, dict) else i) for i in nilai.indikator or []]
            lines = "\n".join(f"- {text}" for text in indikator if text)
            cell = [Part(clean(nilai.nama) or "-", style=BOLD)]
            if lines:
                cell.append(Part(lines, joined=True))
            table.block(
                [
                    [Part(str(n), align=Align.C)],
                    cell,
                    [Part(clean(nilai.ekspektasi) or "-")],
                    [Part(rules.RATING_ID.get(nilai.given or "", "-"))],
                ]
            )


def _catatan(pdf: Document, evaluasi: Evaluasi, *, keep_with_next: float) -> None:
    rows = [
        ("CATATAN", evaluasi.catatan),
        ("REKOMENDASI", evaluasi.rekomendasi),
    ]
    if evaluasi.kali_kalibrasi:
        semula = (evaluasi.hasil_sebelum_kalibrasi or {}).get("predikat", "")
        rows.append(
            (
                "KALIBRASI TIM PENILAI KINERJA",
                f"Sesi {clean(evaluasi.sesi_kalibrasi)}: predikat semula {rules.PREDIKAT_ID.get(semula, '-')}, "
                f"ditetapkan {rules.PREDIKAT_ID.get(evaluasi.predikat_kalibrasi, '-')}. "
                f"{clean(evaluasi.alasan_kalibrasi)}",
            )
        )
    if evaluasi.status == StatusEvaluasi.DIPUTUS:
        awal = evaluasi.hasil_awal or {}
        rows.append(("KEBERATAN PEGAWAI", evaluasi.alasan_keberatan))
        rows.append(
            (
                "KEPUTUSAN ATASAN PEJABAT PENILAI",
                f"Predikat semula {rules.PREDIKAT_ID.get(awal.get('predikat', ''), '-')}, ditetapkan "
                f"{rules.PREDIKAT_ID.get(evaluasi.predikat, '-')}. {clean(evaluasi.alasan_keputusan)}",
            )
        )
    with Table(pdf, (10, 70, 197), title="CATATAN/REKOMENDASI", keep_with_next=keep_with_next) as table:
        for n, (label, text) in enumerate(rows, start=1):
            table.block([[Part(str(n), align=Align.C)], [Part(label)], [Part(clean(text) or "-")]])
