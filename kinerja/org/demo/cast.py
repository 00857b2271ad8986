"""The demo's fixed cast: the password, the NIPs the README lists, and the staff logins with their roles."""

from kinerja.accounts.models import Role

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
    (NIP_KABID_KESMAS, "kepala bidang: Kesehatan Masyarakat (capaian sepanjang tahun)"),
    (NIP_KASI_IMUNISASI, "atasan: Kepala Seksi Imunisasi"),
    (NIP_PELAKSANA_IMUNISASI, "pegawai: pelaksana di Seksi Imunisasi"),
    ("admin.lembah", "admin BKPSDM instansi lain (Kab. Lembah Hijau)"),
]
