"""A fictional city government for trials and tests: the same every time (fixed seed).

Seed data is written in bulk, not through the services, so that 100,000 pegawai load in minutes; the load
itself is recorded as one audit event. Dates are anchored on the current year (1 January).
"""

import datetime
import random
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection
from django.utils import timezone

from kinerja.accounts.models import Role, RoleAssignment, User
from kinerja.org.models import Instansi, Jabatan, JenisPenugasan, Pegawai, Penugasan, UnitKerja
from kinerja.org.rules import GOLONGAN_PNS

DEMO_PASSWORD = "Kinerja#2026"

# People whose NIP is fixed so the README can list their logins.
NIP_KEPALA_DINKES = "197203151998031002"
NIP_KABID_KESMAS = "197905122005012003"
NIP_KASI_IMUNISASI = "198407222009031001"
NIP_PELAKSANA_IMUNISASI = "199206182019032004"
NIP_SEKDA = "196904101994031005"
NIP_SEKRETARIS_PUPR = "197511032000121002"
NIP_MUTASI = "198803142012122001"

STAFF_LOGINS = [
    ("admin.bkpsdm", "Admin BKPSDM Sukamaju", Role.ADMIN_BKPSDM, None),
    ("admin.disdik", "Admin Dinas Pendidikan", Role.ADMIN_PD, "DISDIK"),
    ("tim.penilai", "Tim Penilai Kinerja", Role.TIM_PENILAI, None),
    ("auditor", "Auditor Inspektorat", Role.AUDITOR, None),
]

LOGINS = [
    ("superadmin", "superuser (Django admin, semua instansi)"),
    ("admin.bkpsdm", "admin BKPSDM Kota Sukamaju"),
    ("admin.disdik", "admin perangkat daerah: Dinas Pendidikan"),
    ("tim.penilai", "tim penilai kinerja"),
    ("auditor", "auditor (hanya baca)"),
    (NIP_KEPALA_DINKES, "kepala dinas: Kepala Dinas Kesehatan"),
    (NIP_KASI_IMUNISASI, "atasan: Kepala Seksi Imunisasi"),
    (NIP_PELAKSANA_IMUNISASI, "pegawai: pelaksana di Seksi Imunisasi"),
    ("admin.lembah", "admin BKPSDM instansi lain (Kab. Lembah Hijau)"),
]

MALE = [
    "Agus",
    "Ahmad",
    "Andi",
    "Arif",
    "Bambang",
    "Budi",
    "Dedi",
    "Dimas",
    "Eko",
    "Fajar",
    "Hendra",
    "Heru",
    "Irfan",
    "Joko",
    "Kurniawan",
    "Lukman",
    "Muhammad",
    "Nur",
    "Rahmat",
    "Rizki",
    "Slamet",
    "Sugeng",
    "Taufik",
    "Teguh",
    "Wahyu",
    "Yusuf",
    "Hadi",
    "Imam",
    "Rudi",
    "Surya",
]
FEMALE = [
    "Ani",
    "Ayu",
    "Dewi",
    "Dian",
    "Endang",
    "Fitri",
    "Indah",
    "Intan",
    "Kartika",
    "Lestari",
    "Maya",
    "Mega",
    "Nur",
    "Putri",
    "Ratna",
    "Rina",
    "Sari",
    "Siti",
    "Sri",
    "Tri",
    "Utami",
    "Wulan",
    "Yuni",
    "Yanti",
    "Rahmawati",
    "Novita",
    "Desi",
    "Eka",
    "Puspita",
    "Anisa",
]
FAMILY = [
    "Santoso",
    "Wijaya",
    "Saputra",
    "Hidayat",
    "Pratama",
    "Nugroho",
    "Setiawan",
    "Kusuma",
    "Rahman",
    "Siregar",
    "Nasution",
    "Harahap",
    "Lubis",
    "Simanjuntak",
    "Situmorang",
    "Hutapea",
    "Sinaga",
    "Wibowo",
    "Susanto",
    "Gunawan",
    "Hakim",
    "Ramadhan",
    "Firmansyah",
    "Permana",
    "Syahputra",
    "Maulana",
    "Halim",
    "Rusdi",
    "Sembiring",
    "Tarigan",
    "Manurung",
    "Daulay",
    "Batubara",
    "Purba",
    "Panjaitan",
]


@dataclass
class U:
    kode: str
    nama: str
    eselon: str = ""
    parent: "U | None" = None
    id: int = 0
    path: str = ""


@dataclass
class J:
    unit: U
    nama: str
    jenis: str
    jenjang: str = ""
    eselon: str = ""
    atasan: "J | None" = None
    kepala: bool = False
    id: int = 0
    path: str = ""
    nip: str = ""
    gelar: str = ""
    status: str = "PNS"
    vacant: bool = False
    extra: dict = field(default_factory=dict)


GOLONGAN_BY_JENIS = {
    "jpt_pratama": ["IV/c", "IV/d"],
    "administrator": ["IV/a", "IV/b"],
    "pengawas": ["III/c", "III/d"],
    "pelaksana": ["II/a", "II/b", "II/c", "II/d", "III/a", "III/b"],
    "ahli_pertama": ["III/a", "III/b"],
    "ahli_muda": ["III/c", "III/d"],
    "ahli_madya": ["IV/a", "IV/b", "IV/c"],
    "terampil": ["II/c", "II/d", "III/a"],
    "mahir": ["III/a", "III/b"],
    "penyelia": ["III/c", "III/d"],
}
GRADE_BY_JENIS = {
    "ahli_pertama": "IX",
    "ahli_muda": "X",
    "terampil": "VII",
    "mahir": "VIII",
    "pelaksana": "V",
}
VALID_GOLONGAN = {k for k, _ in GOLONGAN_PNS}


class DemoBuilder:
    def __init__(self, *, pegawai: int, seed: int = 2026, year: int | None = None):
        self.target = pegawai
        self.rng = random.Random(seed)  # noqa: S311 (demo data, not secrets)
        self.year = year or timezone.localdate().year
        self.units: list[U] = []
        self.jabatan: list[J] = []
        self.used_nips: set[str] = set()

    # Structure ----------------------------------------------------------------------------------------------

    def unit(self, kode, nama, eselon="", parent=None) -> U:
        u = U(kode=kode, nama=nama, eselon=eselon, parent=parent)
        self.units.append(u)
        return u

    def pos(self, unit, nama, jenis, *, jenjang="", eselon="", atasan=None, kepala=False, **kw) -> J:
        j = J(
            unit=unit,
            nama=nama,
            jenis=jenis,
            jenjang=jenjang,
            eselon=eselon,
            atasan=atasan,
            kepala=kepala,
            **kw,
        )
        self.jabatan.append(j)
        return j

    def dinas(self, kode, nama, sekda, bidang, *, head_kw=None):
        u = self.unit(kode, nama, "II.b", None)
        head = self.pos(
            u, f"Kepala {nama}", "jpt_pratama", eselon="II.b", atasan=sekda, kepala=True, **(head_kw or {})
        )
        sek_u = self.unit(f"{kode}.SEK", f"Sekretariat {nama}", "III.a", u)
        sek = self.pos(sek_u, f"Sekretaris {nama}", "administrator", eselon="III.a", atasan=head, kepala=True)
        sub = self.unit(f"{kode}.SEK.UMPEG", "Subbagian Umum dan Kepegawaian", "IV.a", sek_u)
        kasubag = self.pos(
            sub, "Kepala Subbagian Umum dan Kepegawaian", "pengawas", eselon="IV.a", atasan=sek, kepala=True
        )
        self.pos(sub, "Pengadministrasi Perkantoran", "pelaksana", atasan=kasubag)
        leaves = {"sekretariat": (sub, kasubag)}
        for i, (bname, seksi) in enumerate(bidang, start=1):
            b = self.unit(f"{kode}.B{i}", f"Bidang {bname}", "III.b", u)
            kabid = self.pos(
                b, f"Kepala Bidang {bname}", "administrator", eselon="III.b", atasan=head, kepala=True
            )
            for k, sname in enumerate(seksi, start=1):
                s = self.unit(f"{kode}.B{i}.S{k}", f"Seksi {sname}", "IV.a", b)
                kasi = self.pos(
                    s, f"Kepala Seksi {sname}", "pengawas", eselon="IV.a", atasan=kabid, kepala=True
                )
                leaves[f"{bname}/{sname}"] = (s, kasi)
        return u, head, sek, leaves

    def build_structure(self):
        setda = self.unit("SETDA", "Sekretariat Daerah", "II.a")
        sekda = self.pos(setda, "Sekretaris Daerah", "jpt_pratama", eselon="II.a", kepala=True, nip=NIP_SEKDA)
        self.leaves = []
        for i, bag in enumerate(["Organisasi", "Hukum", "Umum"], start=1):
            b = self.unit(f"SETDA.B{i}", f"Bagian {bag}", "III.a", setda)
            kabag = self.pos(
                b, f"Kepala Bagian {bag}", "administrator", eselon="III.a", atasan=sekda, kepala=True
            )
            self.leaves.append((b, kabag, "pelaksana"))

        _u, _h, _s, leaves = self.dinas(
            "BKPSDM",
            "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
            sekda,
            [
                ("Mutasi dan Promosi", ["Mutasi"]),
                ("Penilaian Kinerja dan Penghargaan", ["Penilaian Kinerja"]),
                ("Pengembangan Kompetensi", ["Pengembangan Kompetensi"]),
            ],
        )
        bk_kinerja_unit, bk_kinerja_kasi = leaves["Penilaian Kinerja dan Penghargaan/Penilaian Kinerja"]
        self.transfer_target = self.pos(
            bk_kinerja_unit,
            "Analis SDM Aparatur Ahli Muda",
            "fungsional",
            jenjang="ahli_muda",
            atasan=bk_kinerja_kasi,
        )
        self.transfer_target.vacant = True  # filled on 1 July by the transfer below
        for unit_, kasi in leaves.values():
            self.leaves.append((unit_, kasi, "analis_sdm"))

        disdik, kadisdik, _s, leaves = self.dinas(
            "DISDIK",
            "Dinas Pendidikan",
            sekda,
            [
                ("Pembinaan Sekolah Dasar", ["Kurikulum SD"]),
                ("Pembinaan Sekolah Menengah Pertama", ["Kurikulum SMP"]),
                ("Pendidikan Anak Usia Dini", ["Kelembagaan PAUD"]),
            ],
        )
        self.disdik = disdik
        self.school_parent = leaves["Pembinaan Sekolah Dasar/Kurikulum SD"]
        self.pos(
            leaves["Pembinaan Sekolah Dasar/Kurikulum SD"][0],
            "Pengawas Sekolah Ahli Madya",
            "fungsional",
            jenjang="ahli_madya",
            atasan=kadisdik,
        )
        for unit_, kasi in leaves.values():
            self.leaves.append((unit_, kasi, "pelaksana"))

        dinkes, kadinkes, _s, leaves = self.dinas(
            "DINKES",
            "Dinas Kesehatan",
            sekda,
            [
                ("Kesehatan Masyarakat", ["Imunisasi", "Gizi Masyarakat"]),
                ("Pencegahan dan Pengendalian Penyakit", ["Surveilans"]),
                ("Pelayanan Kesehatan", ["Pelayanan Primer"]),
            ],
            head_kw={"nip": NIP_KEPALA_DINKES, "gelar": "dr.|M.Kes."},
        )
        kabid_kesmas = next(j for j in self.jabatan if j.nama == "Kepala Bidang Kesehatan Masyarakat")
        kabid_kesmas.nip, kabid_kesmas.gelar = NIP_KABID_KESMAS, "|S.K.M., M.Kes."
        imun_unit, kasi_imun = leaves["Kesehatan Masyarakat/Imunisasi"]
        kasi_imun.nip, kasi_imun.gelar = NIP_KASI_IMUNISASI, "|S.K.M."
        self.pos(
            imun_unit,
            "Pengelola Data Imunisasi",
            "pelaksana",
            atasan=kasi_imun,
            nip=NIP_PELAKSANA_IMUNISASI,
            gelar="|A.Md.Kes.",
        )
        self.pos(
            imun_unit, "Epidemiolog Kesehatan Ahli Muda", "fungsional", jenjang="ahli_muda", atasan=kasi_imun
        )
        self.transfer_source = self.pos(
            leaves["Pencegahan dan Pengendalian Penyakit/Surveilans"][0],
            "Analis Kesehatan Ahli Pertama",
            "fungsional",
            jenjang="ahli_pertama",
            atasan=leaves["Pencegahan dan Pengendalian Penyakit/Surveilans"][1],
            nip=NIP_MUTASI,
        )
        self.dinkes, self.kadinkes = dinkes, kadinkes
        for unit_, kasi in leaves.values():
            self.leaves.append((unit_, kasi, "kesehatan"))

        _u, self.kadis_dukcapil, _s, leaves = self.dinas(
            "DUKCAPIL",
            "Dinas Kependudukan dan Pencatatan Sipil",
            sekda,
            [
                ("Pelayanan Pendaftaran Penduduk", ["Identitas Penduduk"]),
                ("Pencatatan Sipil", ["Kelahiran dan Kematian"]),
            ],
        )
        self.kadis_dukcapil.vacant = True
        for unit_, kasi in leaves.values():
            self.leaves.append((unit_, kasi, "pelaksana"))

        _u, self.kadis_pupr, self.sek_pupr, leaves = self.dinas(
            "PUPR",
            "Dinas Pekerjaan Umum dan Penataan Ruang",
            sekda,
            [("Bina Marga", ["Jalan dan Jembatan"]), ("Sumber Daya Air", ["Irigasi"])],
        )
        self.sek_pupr.nip = NIP_SEKRETARIS_PUPR
        for unit_, kasi in leaves.values():
            self.leaves.append((unit_, kasi, "teknik"))

        self.camat = []
        for name in ["Sukamaju Utara", "Sukamaju Selatan"]:
            self.kecamatan(name, sekda)
        self.sekda = sekda

    def kecamatan(self, name, sekda, kelurahan=2):
        n = len(self.camat) + 1
        kec = self.unit(f"KEC{n:03d}", f"Kecamatan {name}", "III.a")
        camat = self.pos(kec, f"Camat {name}", "administrator", eselon="III.a", atasan=sekda, kepala=True)
        sekcam_u = self.unit(f"KEC{n:03d}.SEK", f"Sekretariat Kecamatan {name}", "III.b", kec)
        sekcam = self.pos(
            sekcam_u,
            f"Sekretaris Kecamatan {name}",
            "administrator",
            eselon="III.b",
            atasan=camat,
            kepala=True,
        )
        self.camat.append((camat, sekcam))
        self.leaves.append((sekcam_u, sekcam, "pelaksana"))
        for k in range(1, kelurahan + 1):
            kel = self.unit(f"KEC{n:03d}.KEL{k}", f"Kelurahan {name} {k}", "IV.a", kec)
            lurah = self.pos(kel, f"Lurah {name} {k}", "pengawas", eselon="IV.a", atasan=camat, kepala=True)
            self.leaves.append((kel, lurah, "pelaksana"))

    def school(self, n):
        parent_unit, kasi = self.school_parent
        kabid = kasi.atasan
        u = self.unit(f"DISDIK.SD{n:04d}", f"SD Negeri {n} Sukamaju", "", parent_unit.parent)
        kepsek = self.pos(
            u,
            f"Kepala SD Negeri {n} Sukamaju",
            "fungsional",
            jenjang="ahli_madya",
            atasan=kabid,
            kepala=True,
            gelar="|S.Pd., M.Pd.",
        )
        return u, kepsek

    def puskesmas(self, n):
        kabid = next(j for j in self.jabatan if j.nama == "Kepala Bidang Pelayanan Kesehatan")
        u = self.unit(f"DINKES.PKM{n:03d}", f"UPTD Puskesmas Sukamaju {n}", "IV.a", self.dinkes)
        kapus = self.pos(
            u, f"Kepala UPTD Puskesmas Sukamaju {n}", "pengawas", eselon="IV.a", atasan=kabid, kepala=True
        )
        return u, kapus

    def fill_staff(self):
        people = sum(1 for j in self.jabatan if not j.vacant)
        remaining = max(0, self.target - people)
        schools = max(1, round(remaining * 0.45 / 13))
        for n in range(1, schools + 1):
            u, kepsek = self.school(n)
            for k in range(12):
                jenjang = "ahli_muda" if k % 3 == 0 else "ahli_pertama"
                self.pos(
                    u,
                    f"Guru Ahli {'Muda' if jenjang == 'ahli_muda' else 'Pertama'}",
                    "fungsional",
                    jenjang=jenjang,
                    atasan=kepsek,
                    gelar="|S.Pd.",
                    status="PPPK" if k % 5 == 4 else "PNS",
                )
        pkm = max(1, round(remaining * 0.12 / 15))
        for n in range(1, pkm + 1):
            u, kapus = self.puskesmas(n)
            roles = [
                ("Dokter Ahli Pertama", "ahli_pertama", "dr.|"),
                ("Perawat Terampil", "terampil", "|A.Md.Kep."),
                ("Perawat Mahir", "mahir", "|A.Md.Kep."),
                ("Bidan Terampil", "terampil", "|A.Md.Keb."),
                ("Pranata Laboratorium Kesehatan Terampil", "terampil", "|A.Md.AK."),
            ]
            for k in range(14):
                nama, jenjang, gelar = roles[k % len(roles)]
                self.pos(
                    u,
                    nama,
                    "fungsional",
                    jenjang=jenjang,
                    atasan=kapus,
                    gelar=gelar,
                    status="PPPK" if k % 4 == 3 else "PNS",
                )
        # Large cities have more kecamatan: one per 3,000 pegawai beyond the first two.
        for n in range(self.target // 3000):
            self.kecamatan(f"Baru {n + 1}", self.sekda, kelurahan=4)
        people = sum(1 for j in self.jabatan if not j.vacant)
        titles = {
            "pelaksana": [
                ("Pengadministrasi Umum", "pelaksana", ""),
                ("Pengelola Layanan Operasional", "pelaksana", ""),
            ],
            "analis_sdm": [
                ("Analis SDM Aparatur Ahli Pertama", "fungsional", "ahli_pertama"),
                ("Pengolah Data Kepegawaian", "pelaksana", ""),
            ],
            "kesehatan": [
                ("Penyuluh Kesehatan Masyarakat Ahli Pertama", "fungsional", "ahli_pertama"),
                ("Pengelola Program Kesehatan", "pelaksana", ""),
            ],
            "teknik": [
                ("Teknik Jalan dan Jembatan Ahli Pertama", "fungsional", "ahli_pertama"),
                ("Pengawas Lapangan", "pelaksana", ""),
            ],
        }
        i = 0
        while people < self.target:
            unit_, head, kind = self.leaves[i % len(self.leaves)]
            nama, jenis, jenjang = titles[kind][(i // len(self.leaves)) % 2]
            self.pos(unit_, nama, jenis, jenjang=jenjang, atasan=head, status="PPPK" if i % 7 == 6 else "PNS")
            people += 1
            i += 1

    # People -------------------------------------------------------------------------------------------------

    def make_nip(self, status, level_year_offset) -> str:
        rng = self.rng
        while True:
            birth = datetime.date(rng.randint(1966, 1998), rng.randint(1, 12), rng.randint(1, 28))
            gender = rng.choice("12")
            if status == "PPPK":
                tmt_year = rng.randint(2021, min(self.year, 2025))
                nip = f"{birth:%Y%m%d}{tmt_year}{rng.randint(21, 25):02d}{gender}{rng.randint(1, 999):03d}"
            else:
                tmt_year = min(birth.year + 22 + rng.randint(0, 8) - level_year_offset, self.year - 1)
                tmt_year = max(tmt_year, birth.year + 19)
                nip = f"{birth:%Y%m%d}{tmt_year}{rng.randint(1, 12):02d}{gender}{rng.randint(1, 999):03d}"
            if nip not in self.used_nips:
                self.used_nips.add(nip)
                return nip

    def name_for(self, gender: str) -> str:
        first = self.rng.choice(MALE if gender == "1" else FEMALE)
        return f"{first} {self.rng.choice(FAMILY)}"


def _next_id(model) -> int:
    return (model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1


def _pegawai_from(j: J, builder: DemoBuilder, instansi: Instansi, pk: int) -> Pegawai:
    level = j.jenjang or j.jenis
    status = j.status
    nip = j.nip or builder.make_nip(status, 0)
    gender = nip[14]
    depan, _, belakang = (j.gelar or "|").partition("|")
    if not j.gelar:
        belakang = {"jpt_pratama": "S.E., M.Si.", "administrator": "S.Sos., M.M.", "pengawas": "S.E."}.get(
            j.jenis, builder.rng.choice(["S.E.", "S.Kom.", "S.H.", "S.Sos.", "", "A.Md."])
        )
    golongan, grade = "", ""
    if status == "PNS":
        golongan = builder.rng.choice(GOLONGAN_BY_JENIS.get(level, ["III/a"]))
    else:
        grade = GRADE_BY_JENIS.get(level, "V")
    return Pegawai(
        pk=pk,
        instansi=instansi,
        nip=nip,
        nama=builder.name_for(gender),
        gelar_depan=depan,
        gelar_belakang=belakang,
        status=status,
        golongan=golongan,
        grade_pppk=grade,
        tanggal_lahir=datetime.date(int(nip[:4]), int(nip[4:6]), int(nip[6:8])),
        jenis_kelamin="L" if gender == "1" else "P",
    )


def _insert_structure(builder: DemoBuilder, instansi: Instansi) -> None:
    """Units and positions with explicit ids, so that paths are known before insert."""
    unit_start, jab_start = _next_id(UnitKerja), _next_id(Jabatan)
    units = []
    for i, u in enumerate(builder.units):  # parents always precede their children in the list
        u.id = unit_start + i
        u.path = f"{u.parent.path if u.parent else '/'}{u.id}/"
        units.append(
            UnitKerja(
                pk=u.id,
                instansi=instansi,
                parent_id=u.parent.id if u.parent else None,
                kode=u.kode,
                nama=u.nama,
                eselon=u.eselon,
                path=u.path,
                depth=u.path.count("/") - 2,
            )
        )
    UnitKerja.objects.bulk_create(units, batch_size=2000)
    for i, j in enumerate(builder.jabatan):  # so do positions above their subordinates
        j.id = jab_start + i
        j.path = f"{j.atasan.path if j.atasan else '/'}{j.id}/"
    Jabatan.objects.bulk_create(
        [
            Jabatan(
                pk=j.id,
                instansi=instansi,
                unit_id=j.unit.id,
                nama=j.nama,
                jenis=j.jenis,
                jenjang=j.jenjang,
                eselon=j.eselon,
                atasan_id=j.atasan.id if j.atasan else None,
                kepala_unit=j.kepala,
                path=j.path,
            )
            for j in builder.jabatan
        ],
        batch_size=2000,
    )


def _create_people(builder: DemoBuilder, instansi: Instansi, password_hash: str, extra_penugasan) -> int:
    peg_start = _next_id(Pegawai)
    pegawai, penugasan, holders = [], [], {}
    for j in builder.jabatan:
        if j.vacant:
            continue
        p = _pegawai_from(j, builder, instansi, peg_start + len(pegawai))
        pegawai.append(p)
        holders[j.id] = p
        mulai = datetime.date(builder.year - builder.rng.randint(1, 6), builder.rng.randint(1, 12), 1)
        penugasan.append(
            Penugasan(
                pegawai=p,
                jabatan_id=j.id,
                jenis=JenisPenugasan.DEFINITIF,
                mulai=mulai,
                nomor_sk=f"800/{builder.rng.randint(100, 999)}/BKPSDM/{mulai.year}",
            )
        )
    extra = extra_penugasan(holders, {p.jabatan_id: p for p in penugasan}) if extra_penugasan else []
    Pegawai.objects.bulk_create(pegawai, batch_size=2000)
    Penugasan.objects.bulk_create(penugasan + extra, batch_size=2000)
    User.objects.bulk_create(
        [
            User(
                username=p.nip,
                nama=p.nama_lengkap,
                instansi=instansi,
                pegawai_id=p.pk,
                is_active=p.aktif,
                password=password_hash,
            )
            for p in pegawai
        ],
        batch_size=2000,
    )
    return len(pegawai)


def _special_cases(builder: DemoBuilder):
    """A vacant head with a Plt, a mid-year transfer and a Plh: the cases the penilai rules must handle."""
    year = builder.year

    def extra(holders, by_jabatan):
        rows = []
        # The Kepala Dinas PUPR retired on 31 March: the Sekretaris Dinas acts as Plt from 1 April.
        retired = by_jabatan[builder.kadis_pupr.id]
        retired.selesai = datetime.date(year, 3, 31)
        retired.pegawai.aktif = False
        rows.append(
            Penugasan(
                pegawai=holders[builder.sek_pupr.id],
                jabatan_id=builder.kadis_pupr.id,
                jenis=JenisPenugasan.PLT,
                mulai=datetime.date(year, 4, 1),
                nomor_sk=f"800/PLT-07/BKPSDM/{year}",
            )
        )
        # Mid-year transfer from Dinas Kesehatan to BKPSDM on 1 July.
        first = by_jabatan[builder.transfer_source.id]
        first.mulai = min(first.mulai, datetime.date(year - 1, 1, 1))
        first.selesai = datetime.date(year, 6, 30)
        rows.append(
            Penugasan(
                pegawai=first.pegawai,
                jabatan_id=builder.transfer_target.id,
                jenis=JenisPenugasan.DEFINITIF,
                mulai=datetime.date(year, 7, 1),
                nomor_sk=f"821/MUT-12/BKPSDM/{year}",
                keterangan="Mutasi dari Dinas Kesehatan",
            )
        )
        # A Plh stands in for the Camat of the second kecamatan in the last two months of the year.
        camat, sekcam = builder.camat[1]
        rows.append(
            Penugasan(
                pegawai=holders[sekcam.id],
                jabatan_id=camat.id,
                jenis=JenisPenugasan.PLH,
                mulai=datetime.date(year, 11, 1),
                selesai=datetime.date(year, 12, 31),
                nomor_sk=f"800/PLH-03/BKPSDM/{year}",
            )
        )
        return rows

    return extra


def _load(builder: DemoBuilder, instansi: Instansi, password_hash: str) -> dict:
    _insert_structure(builder, instansi)
    people = _create_people(builder, instansi, password_hash, _special_cases(builder))
    return {"units": len(builder.units), "jabatan": len(builder.jabatan), "pegawai": people}


def _reset_sequences() -> None:
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [UnitKerja, Jabatan, Pegawai]):
            cursor.execute(sql)


def _small_instansi(password_hash: str) -> Instansi:
    lembah = Instansi.objects.create(
        kode="KAB-LHJ",
        nama="Pemerintah Kabupaten Lembah Hijau",
        tempat="Lembah Hijau",
        jabatan_ppk="Bupati Lembah Hijau",
        zona_waktu="Asia/Makassar",
        skema_periode="semesteran",
    )
    b = DemoBuilder(pegawai=20, seed=77)
    setda = b.unit("SETDA", "Sekretariat Daerah", "II.a")
    sekda = b.pos(setda, "Sekretaris Daerah", "jpt_pratama", eselon="II.a", kepala=True)
    bkd = b.unit("BKD", "Badan Kepegawaian Daerah", "II.b")
    kaban = b.pos(
        bkd, "Kepala Badan Kepegawaian Daerah", "jpt_pratama", eselon="II.b", atasan=sekda, kepala=True
    )
    bid = b.unit("BKD.B1", "Bidang Penilaian Kinerja", "III.b", bkd)
    kabid = b.pos(
        bid, "Kepala Bidang Penilaian Kinerja", "administrator", eselon="III.b", atasan=kaban, kepala=True
    )
    for k in range(17):
        b.pos(
            bid,
            "Analis SDM Aparatur Ahli Pertama" if k % 2 else "Pengolah Data Kepegawaian",
            "fungsional" if k % 2 else "pelaksana",
            jenjang="ahli_pertama" if k % 2 else "",
            atasan=kabid,
        )
    _insert_structure(b, lembah)
    _create_people(b, lembah, password_hash, None)
    return lembah


def load(demo) -> None:
    """The organisation of the demo government (kinerja.core.demo runs it first): Kota Sukamaju with its people
    and accounts, and the small Kab. Lembah Hijau."""
    pegawai, seed, year = demo.pegawai, demo.seed, demo.year
    password_hash = make_password(DEMO_PASSWORD)
    sukamaju = Instansi.objects.create(
        kode="KOTA-SKM", nama="Pemerintah Kota Sukamaju", tempat="Sukamaju", jabatan_ppk="Wali Kota Sukamaju"
    )
    builder = DemoBuilder(pegawai=pegawai, seed=seed, year=year)
    builder.build_structure()
    builder.fill_staff()
    counts = _load(builder, sukamaju, password_hash)
    lembah = _small_instansi(password_hash)
    _reset_sequences()
    User.objects.create(
        username="superadmin", nama="Superadmin", password=password_hash, is_staff=True, is_superuser=True
    )
    for username, nama, role, unit_kode in STAFF_LOGINS:
        user = User.objects.create(username=username, nama=nama, instansi=sukamaju, password=password_hash)
        unit = UnitKerja.objects.get(instansi=sukamaju, kode=unit_kode) if unit_kode else None
        RoleAssignment.objects.create(user=user, role=role, instansi=sukamaju, unit=unit)
    outsider = User.objects.create(
        username="admin.lembah", nama="Admin BKD Lembah Hijau", instansi=lembah, password=password_hash
    )
    RoleAssignment.objects.create(user=outsider, role=Role.ADMIN_BKPSDM, instansi=lembah)
    demo.instansi = sukamaju
    demo.admin = User.objects.get(username="admin.bkpsdm")
    demo.year = builder.year
    demo.counts.update(counts)
