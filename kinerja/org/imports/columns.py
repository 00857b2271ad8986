"""The columns of a staff data file: the sheet names, our template's headers and the SIASN aliases we accept."""

UNIT, JABATAN, PEGAWAI = "unit", "jabatan", "pegawai"
KINDS = (UNIT, JABATAN, PEGAWAI)
SHEET_NAMES = {
    UNIT: ("Unit", "Units", "Unit Kerja", "Unor", "UnitKerja"),
    JABATAN: ("Jabatan", "Posisi", "Positions"),
    PEGAWAI: ("Pegawai", "ASN", "PNS", "Employees"),
}
UNIT_COLUMNS = {
    "kode": ("id", "kode_unit", "unor_id", "kode"),
    "parent": ("diatasan_id", "parent", "kode_induk", "induk", "atasan_unor_id"),
    "nama": ("nama_unor", "nama_unit", "unor_nama", "nama"),
    "kepala": ("nama_jabatan", "jabatan_kepala", "kepala_jabatan"),
    "eselon": ("eselon", "eselon_nama"),
}
JABATAN_COLUMNS = {
    "kode": ("id", "kode_jabatan", "jabatan_id"),
    "unit": ("unor_id", "kode_unit", "unit"),
    "nama": ("nama_jabatan", "jabatan_nama", "nama"),
    "jenis": ("jenis_jabatan", "jenis_jabatan_nama", "jenis"),
    "jenjang": ("jenjang", "jenjang_jabatan"),
    "eselon": ("eselon", "eselon_nama"),
    "atasan": ("atasan_id", "kode_atasan", "atasan"),
    "kepala_unit": ("kepala_unit", "kepala"),
}
PEGAWAI_COLUMNS = {
    "nip": ("nip_baru", "nip", "ni_pppk"),
    "nama": ("nama", "nama_pegawai"),
    "gelar_depan": ("gelar_depan",),
    "gelar_belakang": ("gelar_belakang",),
    "status": ("status", "status_pegawai", "jenis_pegawai"),
    "golongan": ("gol_akhir_nama", "golongan", "gol", "grade", "pangkat_golongan"),
    "tanggal_lahir": ("tanggal_lahir", "tgl_lahir"),
    "jenis_kelamin": ("jenis_kelamin", "jk"),
    "email": ("email",),
    "telepon": ("telepon", "nomor_hp", "no_hp"),
    "jabatan": ("jabatan_id", "kode_jabatan"),
    "unit": ("unor_id", "kode_unit"),
    "jabatan_nama": ("jabatan_nama", "nama_jabatan"),
    "jenis_jabatan": ("jenis_jabatan_nama", "jenis_jabatan"),
    "tmt": ("tmt_jabatan", "tmt"),
}
COLUMNS = {UNIT: UNIT_COLUMNS, JABATAN: JABATAN_COLUMNS, PEGAWAI: PEGAWAI_COLUMNS}
# The column that names each template column in the export (same order as the export writes them).
UNIT_HEADER = ["Id", "DiatasanId", "NamaUnor", "NamaJabatan", "eselon"]
JABATAN_HEADER = [
    "kode_jabatan",
    "unor_id",
    "nama_jabatan",
    "jenis_jabatan",
    "jenjang",
    "eselon",
    "atasan_id",
    "kepala_unit",
]
PEGAWAI_HEADER = [
    "nip_baru",
    "nama",
    "gelar_depan",
    "gelar_belakang",
    "status",
    "gol_akhir_nama",
    "tanggal_lahir",
    "jenis_kelamin",
    "email",
    "telepon",
    "jabatan_id",
    "tmt_jabatan",
]
PEGAWAI_FIELDS = [
    "nama",
    "gelar_depan",
    "gelar_belakang",
    "status",
    "golongan",
    "tanggal_lahir",
    "jenis_kelamin",
    "email",
    "telepon",
]
# The columns without which no row of a sheet can be read.
REQUIRED_COLUMNS = {
    UNIT: ("kode", "nama"),
    JABATAN: ("kode", "unit", "nama", "jenis"),
    PEGAWAI: ("nip", "nama", "golongan"),
}
