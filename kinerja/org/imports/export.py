"""Workbooks to download: the empty template, a filled-in example, and an instansi's current data in the same
columns (so an export uploaded again changes nothing)."""

from kinerja.core import clock
from kinerja.core.tabular import write_workbook
from kinerja.org.imports.columns import JABATAN_HEADER, PEGAWAI_HEADER, UNIT_HEADER
from kinerja.org.models import Instansi, Jabatan, JenisPenugasan, Pegawai, Penugasan, StatusPegawai, UnitKerja


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
                j.jenis,
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
    return write_workbook(
        {
            "Unit": (UNIT_HEADER, units),
            "Jabatan": (JABATAN_HEADER, positions),
            "Pegawai": (PEGAWAI_HEADER, people),
        }
    )


def template_workbook() -> bytes:
    return write_workbook(
        {"Unit": (UNIT_HEADER, []), "Jabatan": (JABATAN_HEADER, []), "Pegawai": (PEGAWAI_HEADER, [])}
    )


def example_workbook() -> bytes:
    units = [
        ["1", "", "Dinas Contoh", "Kepala Dinas Contoh", "II.b"],
        ["1.1", "1", "Bidang Pelayanan", "Kepala Bidang Pelayanan", "III.b"],
    ]
    positions = [
        ["J1", "1", "Kepala Dinas Contoh", "Struktural", "", "II.b", "", "ya"],
        ["J2", "1.1", "Kepala Bidang Pelayanan", "Struktural", "", "III.b", "J1", "ya"],
        ["J3", "1.1", "Analis Kebijakan Ahli Pertama", "Fungsional Tertentu", "", "", "J2", ""],
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
            "1975-01-01",
            "L",
            "",
            "",
            "J1",
            "2024-01-02",
        ],
        [
            "198203152006042002",
            "Siti Aminah",
            "",
            "S.E.",
            "PNS",
            "III/d",
            "1982-03-15",
            "P",
            "",
            "",
            "J2",
            "2023-07-01",
        ],
        [
            "199001012024211003",
            "Andi Pratama",
            "",
            "S.Kom.",
            "PPPK",
            "IX",
            "1990-01-01",
            "L",
            "",
            "",
            "J3",
            "2024-03-01",
        ],
        [
            "199505202019032004",
            "Rina Wati",
            "",
            "",
            "PNS",
            "II/c",
            "1995-05-20",
            "P",
            "",
            "",
            "J4",
            "2025-01-02",
        ],
    ]
    return write_workbook(
        {
            "Unit": (UNIT_HEADER, units),
            "Jabatan": (JABATAN_HEADER, positions),
            "Pegawai": (PEGAWAI_HEADER, people),
        }
    )
