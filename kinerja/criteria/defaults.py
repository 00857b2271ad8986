"""Seed content of a new framework, with the source of each default (shown to the admin).

These are starting values only: every row is data the instansi may change in a new version (shared/DOMAIN.md
marks them "configurable default"). Nothing reads these constants except the seeding service.
"""

from kinerja.criteria.rules import SECTION_KEYS

SE_20_2021 = "SE MenPANRB No. 20 Tahun 2021 (core values BerAKHLAK)"
PERMEN_38_2017 = "PermenPANRB No. 38 Tahun 2017 (standar kompetensi jabatan ASN)"
PERMEN_6_2022 = "PermenPANRB No. 6 Tahun 2022 (pengelolaan kinerja pegawai ASN)"
SE_3_2023 = "SE MenPANRB No. 3 Tahun 2023 (tata cara penetapan predikat kinerja)"
PERMEN_1_2023 = "PermenPANRB No. 1 Tahun 2023 (jabatan fungsional, angka kredit)"
PERMEN_1_2023_VERIFY = PERMEN_1_2023 + " — nilai yang umum dikutip, periksa kembali"
PP_94_2021 = "PP No. 94 Tahun 2021 (disiplin PNS)"
KINERJA_DEFAULT = "bawaan Kinerja (tidak diatur rinci oleh regulasi; sesuaikan dengan kebijakan instansi)"

SUMBER = {
    "skema_periode": PERMEN_6_2022 + " — bulanan, triwulanan atau semesteran, dipilih instansi",
    "tenggat_skp": KINERJA_DEFAULT,
    "hari_tenggat_realisasi": KINERJA_DEFAULT,
    "hari_tenggat_evaluasi": KINERJA_DEFAULT,
    "ambang_anonim_360": KINERJA_DEFAULT,
    "jumlah_rekan_min": KINERJA_DEFAULT,
    "jumlah_rekan_maks": KINERJA_DEFAULT,
    "disiplin_hari_berturut": PP_94_2021 + " — 10 hari kerja berturut-turut tanpa keterangan",
    "hari_keberatan": KINERJA_DEFAULT,
    "promosi": "syarat kenaikan pangkat: predikat minimal Baik dua tahun terakhir, tanpa hukuman disiplin "
    "(bawaan yang dapat diubah)",
}

BERAKHLAK = [
    (
        "berorientasi_pelayanan",
        "Berorientasi Pelayanan",
        [
            "Memahami dan memenuhi kebutuhan masyarakat",
            "Ramah, cekatan, solutif, dan dapat diandalkan",
            "Melakukan perbaikan tiada henti",
        ],
    ),
    (
        "akuntabel",
        "Akuntabel",
        [
            "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin, dan berintegritas tinggi",
            "Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, dan efisien",
            "Tidak menyalahgunakan kewenangan jabatan",
        ],
    ),
    (
        "kompeten",
        "Kompeten",
        [
            "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
            "Membantu orang lain belajar",
            "Melaksanakan tugas dengan kualitas terbaik",
        ],
    ),
    (
        "harmonis",
        "Harmonis",
        [
            "Menghargai setiap orang apapun latar belakangnya",
            "Suka menolong orang lain",
            "Membangun lingkungan kerja yang kondusif",
        ],
    ),
    (
        "loyal",
        "Loyal",
        [
            "Memegang teguh ideologi Pancasila, UUD 1945, setia kepada NKRI serta pemerintahan yang sah",
            "Menjaga nama baik sesama ASN, Pimpinan, instansi, dan negara",
            "Menjaga rahasia jabatan dan negara",
        ],
    ),
    (
        "adaptif",
        "Adaptif",
        [
            "Cepat menyesuaikan diri menghadapi perubahan",
            "Terus berinovasi dan mengembangkan kreativitas",
            "Bertindak proaktif",
        ],
    ),
    (
        "kolaboratif",
        "Kolaboratif",
        [
            "Memberi kesempatan kepada berbagai pihak untuk berkontribusi",
            "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
            "Menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama",
        ],
    ),
]

# Level titles of the managerial and socio-cultural competencies (PermenPANRB 38/2017, lampiran).
KOMPETENSI = [
    (
        "integritas",
        "Integritas",
        "manajerial",
        [
            "Mampu bertindak sesuai nilai, norma, dan etika organisasi dalam kapasitas pribadi",
            "Mampu mengingatkan, mengajak rekan kerja untuk bertindak sesuai nilai, norma, dan etika organisasi",
            "Mampu memastikan, menanamkan keyakinan bersama agar anggota yang dipimpin bertindak sesuai nilai, "
            "norma, dan etika organisasi, dalam lingkup formal",
            "Mampu menciptakan situasi kerja yang membuat rekan kerja berperilaku sesuai nilai, norma, dan etika "
            "organisasi",
            "Mampu menjadi role model dan agen perubahan dalam menjalankan nilai, norma, dan etika organisasi",
        ],
    ),
    (
        "kerjasama",
        "Kerjasama",
        "manajerial",
        [
            "Berpartisipasi dalam kelompok kerja",
            "Menumbuhkan tim kerja yang partisipatif dan efektif",
            "Efektif membangun tim kerja untuk peningkatan kinerja organisasi",
            "Membangun komitmen tim, sinergi",
            "Menciptakan situasi kerja sama secara konsisten, baik di dalam maupun di luar instansi",
        ],
    ),
    (
        "komunikasi",
        "Komunikasi",
        "manajerial",
        [
            "Menyampaikan informasi dengan jelas, lengkap, pemahaman yang sama",
            "Aktif menjalankan komunikasi secara formal dan informal; bersedia mendengarkan orang lain",
            "Berkomunikasi secara asertif, terampil berkomunikasi lisan/tertulis untuk menyampaikan informasi yang "
            "sensitif/rumit/kompleks",
            "Mampu mengemukakan pemikiran multidimensi secara lisan dan tertulis untuk mendorong kesepakatan dengan "
            "tujuan meningkatkan kinerja secara keseluruhan",
            "Menggagas sistem komunikasi yang terbuka secara strategis untuk mencari solusi dengan tujuan "
            "meningkatkan kinerja",
        ],
    ),
    (
        "orientasi_hasil",
        "Orientasi pada Hasil",
        "manajerial",
        [
            "Bertanggung jawab untuk memenuhi standar kerja",
            "Berupaya meningkatkan hasil kerja pribadi yang lebih tinggi dari standar yang ditetapkan",
            "Menetapkan target kerja yang menantang bagi unit kerja, memberi apresiasi dan teguran untuk mendorong "
            "kinerja",
            "Mendorong unit kerja mencapai target yang ditetapkan atau melebihi hasil kerja sebelumnya",
            "Kemampuan menyusun kebijakan dengan target kinerja organisasi yang tinggi, meningkatkan mutu kinerja "
            "keseluruhan",
        ],
    ),
    (
        "pelayanan_publik",
        "Pelayanan Publik",
        "manajerial",
        [
            "Menjalankan tugas-tugas pelayanan publik secara tulus, transparan, dan akuntabel",
            "Mampu mensupervisi/mengawasi/menyelia dan menjelaskan proses pelayanan publik",
            "Mampu memanfaatkan kekuatan kelompok serta memperbaiki standar pelayanan publik di lingkup unit kerja",
            "Mampu memonitor, mengevaluasi, dan mengantisipasi dampak isu jangka panjang dalam pelayanan kebutuhan "
            "pemangku kepentingan yang transparan, independen, dan akuntabel",
            "Mampu memastikan kebijakan pelayanan publik yang objektif, netral, tidak memihak, dan tidak "
            "diskriminatif",
        ],
    ),
    (
        "pengembangan_diri",
        "Pengembangan Diri dan Orang Lain",
        "manajerial",
        [
            "Pengembangan diri",
            "Meningkatkan kemampuan bawahan dengan memberikan contoh dan penjelasan cara melaksanakan suatu pekerjaan",
            "Memberikan umpan balik, membimbing",
            "Menyusun program pengembangan jangka panjang dalam rangka mendorong manajemen pembelajaran",
            "Menciptakan situasi yang mendorong organisasi untuk mengembangkan kemampuan belajar secara berkelanjutan",
        ],
    ),
    (
        "mengelola_perubahan",
        "Mengelola Perubahan",
        "manajerial",
        [
            "Berpartisipasi dalam perubahan",
            "Proaktif beradaptasi mengikuti perubahan",
            "Membantu orang lain mengikuti perubahan, mengantisipasi perubahan secara tepat",
            "Memimpin perubahan pada unit kerja",
            "Memimpin, menggalang, dan menggerakkan dukungan pemangku kepentingan untuk menjalankan perubahan secara "
            "berkelanjutan pada tingkat instansi/nasional",
        ],
    ),
    (
        "pengambilan_keputusan",
        "Pengambilan Keputusan",
        "manajerial",
        [
            "Mengumpulkan informasi untuk bertindak sesuai kewenangan",
            "Menganalisis masalah secara mendalam",
            "Membandingkan berbagai alternatif, menyeimbangkan risiko keberhasilan dalam implementasi",
            "Menyelesaikan masalah yang mengandung risiko tinggi, mengantisipasi dampak keputusan, membuat tindakan "
            "pengamanan; mitigasi risiko",
            "Menghasilkan solusi dan mengambil keputusan untuk mengatasi permasalahan jangka panjang/strategis",
        ],
    ),
    (
        "perekat_bangsa",
        "Perekat Bangsa",
        "sosial_kultural",
        [
            "Peka memahami dan menerima kemajemukan",
            "Aktif mengembangkan sikap saling menghargai, menekankan persamaan dan persatuan",
            "Mempromosikan, mengembangkan sikap toleransi dan persatuan",
            "Mendayagunakan perbedaan secara konstruktif dan kreatif untuk meningkatkan efektivitas organisasi",
            "Wakil pemerintah untuk membangun hubungan sosial psikologis",
        ],
    ),
]

KRITERIA_LOKAL = [
    (
        "efisiensi",
        "Efisiensi",
        "Hasil dicapai dengan sumber daya (waktu, anggaran, bahan) yang hemat.",
        ["Realisasi anggaran sesuai rencana", "Penyelesaian pekerjaan tanpa pengulangan"],
    ),
    (
        "efektivitas",
        "Efektivitas",
        "Hasil kerja mencapai sasaran yang ditetapkan.",
        ["Target indikator tercapai", "Hasil dimanfaatkan penerima layanan"],
    ),
    (
        "inovasi",
        "Inovasi",
        "Menghasilkan cara baru yang memperbaiki layanan atau proses kerja.",
        ["Gagasan baru diusulkan dan diuji", "Inovasi diterapkan dan berdampak"],
    ),
    (
        "disiplin",
        "Disiplin",
        "Menaati ketentuan jam kerja dan kewajiban ASN.",
        ["Kehadiran sesuai ketentuan", "Tugas diselesaikan tepat waktu"],
    ),
    (
        "kolaborasi",
        "Kolaborasi",
        "Bekerja sama lintas tim dan instansi untuk hasil bersama.",
        ["Aktif dalam kerja tim lintas unit", "Berbagi informasi dan sumber daya"],
    ),
]
PANDUAN_SKOR = {
    "1": "Sangat kurang: indikator tidak tampak",
    "2": "Kurang: indikator tampak sesekali",
    "3": "Cukup: indikator tampak sesuai harapan",
    "4": "Baik: indikator tampak konsisten",
    "5": "Sangat baik: indikator tampak konsisten dan menjadi teladan",
}

# Rule sections: (data, sumber) per row. The data shapes are checked by criteria.rules.
_RULE_ROWS: dict[str, list[tuple[dict, str]]] = {
    "rating": [
        ({"rating": rating, "min": low, "max": high}, KINERJA_DEFAULT)
        for rating, low, high in [("di_bawah", 0, 90), ("sesuai", 90, 110), ("di_atas", 110, None)]
    ],
    "predikat": [
        ({"hasil": h, "perilaku": p, "predikat": v}, PERMEN_6_2022)
        for (h, p), v in {
            ("di_atas", "di_bawah"): "kurang",
            ("di_atas", "sesuai"): "baik",
            ("di_atas", "di_atas"): "sangat_baik",
            ("sesuai", "di_bawah"): "kurang",
            ("sesuai", "sesuai"): "baik",
            ("sesuai", "di_atas"): "baik",
            ("di_bawah", "di_bawah"): "sangat_kurang",
            ("di_bawah", "sesuai"): "butuh_perbaikan",
            ("di_bawah", "di_atas"): "butuh_perbaikan",
        }.items()
    ],
    "distribusi": [
        ({"organisasi": organisasi, "predikat": predikat, "jenis": jenis, "persen": persen}, SE_3_2023)
        for organisasi, jenis, predikat, persen in [
            ("istimewa", "maks", ["sangat_baik"], 70),
            ("baik", "maks", ["baik"], 70),
            ("baik", "ada", ["butuh_perbaikan", "kurang"], None),
            ("butuh_perbaikan", "min", ["butuh_perbaikan"], 60),
            ("butuh_perbaikan", "maks", ["sangat_baik"], 10),
            ("kurang", "min", ["kurang"], 60),
            ("kurang", "min", ["butuh_perbaikan"], 10),
            ("kurang", "maks", ["sangat_baik"], 10),
            ("sangat_kurang", "min", ["sangat_kurang"], 60),
            ("sangat_kurang", "min", ["kurang", "butuh_perbaikan"], 10),
            ("sangat_kurang", "maks", ["sangat_baik"], 0),
        ]
    ],
    "ak_persen": [
        ({"predikat": predikat, "persen": persen}, PERMEN_1_2023)
        for predikat, persen in [
            ("sangat_baik", 150),
            ("baik", 100),
            ("butuh_perbaikan", 75),
            ("kurang", 50),
            ("sangat_kurang", 25),
        ]
    ],
    "ak_koefisien": [
        ({"jenjang": jenjang, "koefisien": koefisien}, sumber)
        for jenjang, koefisien, sumber in [
            ("ahli_pertama", "12.5", PERMEN_1_2023),
            ("ahli_muda", "25", PERMEN_1_2023_VERIFY),
            ("ahli_madya", "37.5", PERMEN_1_2023),
            ("ahli_utama", "50", PERMEN_1_2023_VERIFY),
            ("pemula", "3.75", PERMEN_1_2023_VERIFY),
            ("terampil", "5", PERMEN_1_2023_VERIFY),
            ("mahir", "12.5", PERMEN_1_2023_VERIFY),
            ("penyelia", "25", PERMEN_1_2023_VERIFY),
        ]
    ],
    "disiplin": [
        ({"hari_min": a, "hari_maks": b, "sanksi": s, "bulan": m}, PP_94_2021)
        for a, b, s, m in [
            (3, 3, "Teguran lisan", None),
            (4, 6, "Teguran tertulis", None),
            (7, 10, "Pernyataan tidak puas secara tertulis", None),
            (11, 13, "Pemotongan tunjangan kinerja 25% selama 6 bulan", 6),
            (14, 16, "Pemotongan tunjangan kinerja 25% selama 9 bulan", 9),
            (17, 20, "Pemotongan tunjangan kinerja 25% selama 12 bulan", 12),
            (21, 24, "Penurunan jabatan setingkat lebih rendah selama 12 bulan", 12),
            (25, 27, "Pembebasan dari jabatan menjadi jabatan pelaksana selama 12 bulan", 12),
            (28, None, "Pemberhentian dengan hormat tidak atas permintaan sendiri sebagai PNS", None),
        ]
    ],
    "pendekatan": [
        ({"jenis_jabatan": jenis, "pendekatan": pendekatan}, PERMEN_6_2022)
        for jenis, pendekatan in [
            ("jpt_utama", "kualitatif"),
            ("jpt_madya", "kualitatif"),
            ("jpt_pratama", "kualitatif"),
            ("administrator", "kuantitatif"),
            ("pengawas", "kuantitatif"),
            ("pelaksana", "kuantitatif"),
            ("fungsional", "kuantitatif"),
        ]
    ],
    "perspektif": [
        ({"kode": kode, "nama": nama}, PERMEN_6_2022)
        for kode, nama in [
            ("penerima_layanan", "Perspektif Penerima Layanan"),
            ("proses_bisnis", "Perspektif Proses Bisnis"),
            ("penguatan_internal", "Perspektif Penguatan Internal"),
            ("anggaran", "Perspektif Anggaran"),
        ]
    ],
}

# (kunci, data, sumber), each kunci the key criteria.rules derives from the data.
ATURAN: dict[str, list[tuple[str, dict, str]]] = {
    bagian: [(SECTION_KEYS[bagian](data), data, sumber) for data, sumber in rows]
    for bagian, rows in _RULE_ROWS.items()
}


def rule_rows(bagian: str) -> list[dict]:
    """The default rows of one rule section (e.g. "rating", "predikat"), for a capability reading an instansi
    that has not published a framework yet, and for tests."""
    return [dict(data) for _kunci, data, _sumber in ATURAN.get(bagian, [])]
