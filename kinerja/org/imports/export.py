"""Workbooks to download: the empty template, a filled-in example, and an instansi's current data in the same
columns and the same words (so an export uploaded again changes nothing). Template and example open with an
instructions sheet, "Petunjuk": every column, whether it is required and what it accepts.

Values are written as the forms show them ("JPT Pratama", "Ahli Pertama"), never as codes (`jpt_pratama`); the
importer reads these labels as it reads SIASN's words and our older codes."""

import datetime
from collections.abc import Iterator

from kinerja.core import clock
from kinerja.core.tabular import INSTRUCTIONS_SHEET, write_workbook
from kinerja.org.imports.columns import JABATAN_HEADER, PEGAWAI_HEADER, UNIT_HEADER
from kinerja.org.models import (
    Instansi,
    Jabatan,
    JenisJabatan,
    JenisPenugasan,
    JenjangFungsional,
    Pegawai,
    Penugasan,
    StatusPegawai,
    UnitKerja,
)


def _export_rows(instansi: Instansi):
    kode_of = dict(UnitKerja.objects.filter(instansi=instansi).values_list("pk", "kode"))
    refs = {
        pk: kode or f"#{pk}"
        for pk, kode in Jabatan.objects.filter(instansi=instansi).values_list("pk", "kode")
    }
    heads = dict(
        Jabatan.objects.filter(instansi=instansi, kepala_unit=True, aktif=True).values_list("unit_id", "nama")
    )

    def units():
        for u in UnitKerja.objects.filter(instansi=instansi).order_by("path").iterator(chunk_size=2000):
            yield [u.kode, kode_of.get(u.parent_id, ""), u.nama, heads.get(u.pk, ""), u.eselon]

    def positions():
        qs = Jabatan.objects.filter(instansi=instansi, aktif=True).order_by("path")
        for j in qs.iterator(chunk_size=2000):
            yield [
                refs[j.pk],
                kode_of[j.unit_id],
                j.nama,
                j.get_jenis_display(),
                j.get_jenjang_display() if j.jenjang else "",
                j.eselon,
                refs.get(j.atasan_id, ""),
                "ya" if j.kepala_unit else "",
            ]

    def people():
        today = clock.today(instansi)
        seats = {
            pegawai_id: (jabatan_id, mulai)
            for pegawai_id, jabatan_id, mulai in Penugasan.objects.active_at(today)
            .filter(pegawai__instansi=instansi, jenis=JenisPenugasan.DEFINITIF)
            .values_list("pegawai_id", "jabatan_id", "mulai")
        }
        for p in (
            Pegawai.objects.filter(instansi=instansi, aktif=True).order_by("nip").iterator(chunk_size=2000)
        ):
            seat = seats.get(p.pk)
            yield [
                p.nip,
                p.nama,
                p.gelar_depan,
                p.gelar_belakang,
                p.status,
                p.golongan if p.status == StatusPegawai.PNS else p.grade_pppk,
                p.tanggal_lahir,
                p.jenis_kelamin,
                p.email,
                p.telepon,
                refs[seat[0]] if seat else "",
                seat[1] if seat else None,
            ]

    return units(), positions(), people()


def export_workbook(instansi: Instansi) -> bytes:
    units, positions, people = _export_rows(instansi)
    return _with_instructions(units, positions, people)


WAJIB, BOLEH_KOSONG = "Wajib", "Boleh kosong"
DATE_WORDS = "Tanggal: sel tanggal Excel, atau teks TTTT-BB-HH / HH-BB-TTTT."
INSTRUCTIONS_HEADER = ["Lembar", "Kolom", "Wajib?", "Isi yang diterima"]


def _instructions() -> Iterator[list[str]]:
    """The rows of the "Petunjuk" sheet (Indonesian, like the column headers the importer reads; the labels are
    read while `write_workbook` writes in Indonesian)."""
    jenis_words = ", ".join(str(label) for label in JenisJabatan.labels)
    jenjang_words = ", ".join(JenjangFungsional.labels)
    yield from [
        ["Unit", "Id", WAJIB, "Kode unit kerja, unik dalam instansi (mis. 1.1)."],
        ["Unit", "DiatasanId", BOLEH_KOSONG, "Id unit induknya; kosong untuk unit teratas."],
        ["Unit", "NamaUnor", WAJIB, "Nama unit kerja."],
        ["Unit", "NamaJabatan", BOLEH_KOSONG, "Nama jabatan kepala unit (untuk baris pegawai gaya SIASN)."],
        ["Unit", "eselon", BOLEH_KOSONG, "Eselon unit: I.a sampai IV.b, mis. II.b."],
        ["Jabatan", "kode_jabatan", WAJIB, "Kode jabatan, unik dalam instansi."],
        ["Jabatan", "unor_id", WAJIB, "Id unit kerjanya (lembar Unit atau yang sudah tercatat)."],
        ["Jabatan", "nama_jabatan", WAJIB, "Nama jabatan."],
        [
            "Jabatan",
            "jenis_jabatan",
            WAJIB,
            f"Salah satu dari: {jenis_words}. Juga diterima: Struktural (dengan eselon), Fungsional Tertentu, "
            "Fungsional Umum.",
        ],
        ["Jabatan", "jenjang", "Untuk jabatan fungsional", f"Salah satu dari: {jenjang_words}."],
        ["Jabatan", "eselon", "Untuk jabatan struktural", "I.a sampai IV.b, mis. III.b."],
        ["Jabatan", "atasan_id", BOLEH_KOSONG, "kode_jabatan atasan langsungnya."],
        ["Jabatan", "kepala_unit", BOLEH_KOSONG, "ya, bila jabatan ini kepala unitnya; kosong bila bukan."],
        ["Pegawai", "nip_baru", WAJIB, "NIP atau NI PPPK, 18 angka (spasi boleh)."],
        ["Pegawai", "nama", WAJIB, "Nama tanpa gelar."],
        ["Pegawai", "gelar_depan", BOLEH_KOSONG, "Mis. Dr. atau dr."],
        ["Pegawai", "gelar_belakang", BOLEH_KOSONG, "Mis. S.E., M.Si."],
        ["Pegawai", "status", BOLEH_KOSONG, "PNS atau PPPK; kosong: seperti tercatat, atau PNS."],
        ["Pegawai", "gol_akhir_nama", WAJIB, "Golongan PNS (mis. III/a) atau grade PPPK (I sampai XVII)."],
        ["Pegawai", "tanggal_lahir", BOLEH_KOSONG, f"{DATE_WORDS} Harus sesuai dengan NIP."],
        ["Pegawai", "jenis_kelamin", BOLEH_KOSONG, "L atau P. Harus sesuai dengan NIP."],
        ["Pegawai", "email", BOLEH_KOSONG, "Alamat email."],
        ["Pegawai", "telepon", BOLEH_KOSONG, "Nomor telepon."],
        ["Pegawai", "jabatan_id", BOLEH_KOSONG, "kode_jabatan yang didudukinya secara definitif."],
        ["Pegawai", "tmt_jabatan", BOLEH_KOSONG, f"{DATE_WORDS} Mulai menduduki jabatan itu."],
    ]


def _with_instructions(units, positions, people) -> bytes:
    return write_workbook(
        {
            INSTRUCTIONS_SHEET: (INSTRUCTIONS_HEADER, _instructions()),
            "Unit": (UNIT_HEADER, units),
            "Jabatan": (JABATAN_HEADER, positions),
            "Pegawai": (PEGAWAI_HEADER, people),
        },
        widths={INSTRUCTIONS_SHEET: (10, 16, 24, 90)},
    )


def template_workbook() -> bytes:
    return _with_instructions([], [], [])


def example_workbook() -> bytes:
    units = [
        ["1", "", "Dinas Contoh", "Kepala Dinas Contoh", "II.b"],
        ["1.1", "1", "Bidang Pelayanan", "Kepala Bidang Pelayanan", "III.b"],
    ]
    positions = [
        ["J1", "1", "Kepala Dinas Contoh", "JPT Pratama", "", "II.b", "", "ya"],
        ["J2", "1.1", "Kepala Bidang Pelayanan", "Administrator", "", "III.b", "J1", "ya"],
        ["J3", "1.1", "Analis Kebijakan Ahli Pertama", "Fungsional", "Ahli Pertama", "", "J2", ""],
        ["J4", "1.1", "Pengadministrasi Perkantoran", "Pelaksana", "", "", "J2", ""],
    ]
    people = [
        [
            "197501012000031001",
            "Budi Santoso",
            "Dr.",
            "M.Si.",
            "PNS",
            "IV/b",
            datetime.date(1975, 1, 1),
            "L",
            "",
            "",
            "J1",
            datetime.date(2024, 1, 2),
        ],
        [
            "198203152006042002",
            "Siti Aminah",
            "",
            "S.E.",
            "PNS",
            "III/d",
            datetime.date(1982, 3, 15),
            "P",
            "",
            "",
            "J2",
            datetime.date(2023, 7, 1),
        ],
        [
            "199001012024211003",
            "Andi Pratama",
            "",
            "S.Kom.",
            "PPPK",
            "IX",
            datetime.date(1990, 1, 1),
            "L",
            "",
            "",
            "J3",
            datetime.date(2024, 3, 1),
        ],
        [
            "199505202019032004",
            "Rina Wati",
            "",
            "",
            "PNS",
            "II/c",
            datetime.date(1995, 5, 20),
            "P",
            "",
            "",
            "J4",
            datetime.date(2025, 1, 2),
        ],
    ]
    return _with_instructions(units, positions, people)
