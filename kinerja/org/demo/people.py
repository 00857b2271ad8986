"""The people of the demo: a pegawai with a valid NIP, a name and a rank for every filled position, their
assignments and login accounts, and the special cases (Plt, Plh, a mid-year transfer)."""

import datetime

from kinerja.accounts.models import User
from kinerja.org.demo.structure import DemoBuilder, J, next_id
from kinerja.org.models import Instansi, JenisPenugasan, Pegawai, Penugasan

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


def _make_nip(builder: DemoBuilder, status: str) -> str:
    rng = builder.rng
    while True:
        birth = datetime.date(rng.randint(1966, 1998), rng.randint(1, 12), rng.randint(1, 28))
        gender = rng.choice("12")
        if status == "PPPK":
            tmt_year = rng.randint(2021, min(builder.year, 2025))
            nip = f"{birth:%Y%m%d}{tmt_year}{rng.randint(21, 25):02d}{gender}{rng.randint(1, 999):03d}"
        else:
            tmt_year = min(birth.year + 22 + rng.randint(0, 8), builder.year - 1)
            tmt_year = max(tmt_year, birth.year + 19)
            nip = f"{birth:%Y%m%d}{tmt_year}{rng.randint(1, 12):02d}{gender}{rng.randint(1, 999):03d}"
        if nip not in builder.used_nips:
            builder.used_nips.add(nip)
            return nip


def _name_for(builder: DemoBuilder, gender: str) -> str:
    first = builder.rng.choice(MALE if gender == "1" else FEMALE)
    return f"{first} {builder.rng.choice(FAMILY)}"


def _pegawai_from(j: J, builder: DemoBuilder, instansi: Instansi, pk: int) -> Pegawai:
    level = j.jenjang or j.jenis
    status = j.status
    nip = j.nip or _make_nip(builder, status)
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
        nama=_name_for(builder, gender),
        gelar_depan=depan,
        gelar_belakang=belakang,
        status=status,
        golongan=golongan,
        grade_pppk=grade,
        tanggal_lahir=datetime.date(int(nip[:4]), int(nip[4:6]), int(nip[6:8])),
        jenis_kelamin="L" if gender == "1" else "P",
    )


def create_people(builder: DemoBuilder, instansi: Instansi, password_hash: str, extra_penugasan) -> int:
    peg_start = next_id(Pegawai)
    pegawai: list[Pegawai] = []
    penugasan: list[Penugasan] = []
    holders: dict[int, Pegawai] = {}
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


def special_cases(builder: DemoBuilder):
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
