"""The structure of the demo city: units and positions planned in memory, then inserted in bulk with their ids
and paths known in advance."""

import random
from dataclasses import dataclass, field

from django.utils import timezone

from kinerja.org.demo import cast
from kinerja.org.models import Instansi, Jabatan, UnitKerja


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


class DemoBuilder:
    """Plans a city of about `pegawai` people: a fixed core (the cast) and schools, puskesmas and staff to fill."""

    def __init__(self, *, pegawai: int, seed: int = 2026, year: int | None = None):
        self.target = pegawai
        self.rng = random.Random(seed)  # noqa: S311 (demo data, not secrets)
        self.year = year or timezone.localdate().year
        self.units: list[U] = []
        self.jabatan: list[J] = []
        self.used_nips: set[str] = set()
        # (unit, its head, the kind of staff): where fill_staff adds people
        self.leaves: list[tuple[U, J, str]] = []

    def unit(self, kode, nama, eselon="", parent=None) -> U:
        u = U(kode=kode, nama=nama, eselon=eselon, parent=parent)
        self.units.append(u)
        return u

    def pos(self, unit, nama, jenis, *, jenjang="", eselon="", atasan=None, kepala=False, **kw) -> J:
        j = J(unit, nama, jenis, jenjang, eselon, atasan, kepala, **kw)
        self.jabatan.append(j)
        return j

    def dinas(self, kode, nama, sekda, bidang, staff, *, head_kw=None):
        """A dinas with its secretariat, bidang and seksi; `staff` is the kind of pegawai its sections get."""
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
        self.leaves += [(unit_, kasi, staff) for unit_, kasi in leaves.values()]
        return u, head, sek, leaves

    def build_structure(self):
        setda = self.unit("SETDA", "Sekretariat Daerah", "II.a")
        sekda = self.pos(
            setda, "Sekretaris Daerah", "jpt_pratama", eselon="II.a", kepala=True, nip=cast.NIP_SEKDA
        )
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
            "analis_sdm",
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

        disdik, kadisdik, _s, leaves = self.dinas(
            "DISDIK",
            "Dinas Pendidikan",
            sekda,
            [
                ("Pembinaan Sekolah Dasar", ["Kurikulum SD"]),
                ("Pembinaan Sekolah Menengah Pertama", ["Kurikulum SMP"]),
                ("Pendidikan Anak Usia Dini", ["Kelembagaan PAUD"]),
            ],
            "pelaksana",
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

        dinkes, kadinkes, _s, leaves = self.dinas(
            "DINKES",
            "Dinas Kesehatan",
            sekda,
            [
                ("Kesehatan Masyarakat", ["Imunisasi", "Gizi Masyarakat"]),
                ("Pencegahan dan Pengendalian Penyakit", ["Surveilans"]),
                ("Pelayanan Kesehatan", ["Pelayanan Primer"]),
            ],
            "kesehatan",
            head_kw={"nip": cast.NIP_KEPALA_DINKES, "gelar": "dr.|M.Kes."},
        )
        kabid_kesmas = next(j for j in self.jabatan if j.nama == "Kepala Bidang Kesehatan Masyarakat")
        kabid_kesmas.nip, kabid_kesmas.gelar = cast.NIP_KABID_KESMAS, "|S.K.M., M.Kes."
        imun_unit, kasi_imun = leaves["Kesehatan Masyarakat/Imunisasi"]
        kasi_imun.nip, kasi_imun.gelar = cast.NIP_KASI_IMUNISASI, "|S.K.M."
        self.pos(
            imun_unit,
            "Pengelola Data Imunisasi",
            "pelaksana",
            atasan=kasi_imun,
            nip=cast.NIP_PELAKSANA_IMUNISASI,
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
            nip=cast.NIP_MUTASI,
        )
        self.dinkes, self.kadinkes = dinkes, kadinkes

        _u, self.kadis_dukcapil, _s, leaves = self.dinas(
            "DUKCAPIL",
            "Dinas Kependudukan dan Pencatatan Sipil",
            sekda,
            [
                ("Pelayanan Pendaftaran Penduduk", ["Identitas Penduduk"]),
                ("Pencatatan Sipil", ["Kelahiran dan Kematian"]),
            ],
            "pelaksana",
        )
        self.kadis_dukcapil.vacant = True

        _u, self.kadis_pupr, self.sek_pupr, leaves = self.dinas(
            "PUPR",
            "Dinas Pekerjaan Umum dan Penataan Ruang",
            sekda,
            [("Bina Marga", ["Jalan dan Jembatan"]), ("Sumber Daya Air", ["Irigasi"])],
            "teknik",
        )
        self.sek_pupr.nip = cast.NIP_SEKRETARIS_PUPR

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


def next_id(model) -> int:
    return (model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1


def insert_structure(builder: DemoBuilder, instansi: Instansi) -> None:
    """Units and positions with explicit ids, so that paths are known before insert."""
    unit_start, jab_start = next_id(UnitKerja), next_id(Jabatan)
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
