"""The words and numbers of the monitoring demo: Indonesian narratives, comments, replies and plans, and the
realisation of an indikator near (or clearly under) its period target."""

import random
from decimal import ROUND_HALF_UP, Decimal

from kinerja.monitoring import rules
from kinerja.monitoring.models import JenisDialog

CENT = Decimal("0.01")

NARASI = [
    "Kegiatan {periode} berjalan sesuai rencana; data sudah diverifikasi bersama tim.",
    "Capaian {periode} didukung koordinasi yang baik dengan puskesmas dan unit terkait.",
    "Seluruh laporan {periode} disampaikan tepat waktu melalui aplikasi.",
    "Ada kendala jaringan di awal {periode}, tetapi pekerjaan dikejar pada minggu berikutnya.",
    "Pelaksanaan {periode} sesuai jadwal; dokumentasi kegiatan terlampir.",
]
NARASI_TERTINGGAL = [
    "Realisasi {periode} di bawah target karena keterbatasan anggaran dan petugas; rencana percepatan sudah "
    "disusun bersama atasan.",
    "Sebagian kegiatan {periode} tertunda menunggu ketersediaan logistik dari provinsi.",
]
PERNYATAAN = [
    "Dokumen telah disusun dan disahkan oleh pimpinan.",
    "Layanan berjalan sesuai standar pelayanan yang ditetapkan.",
    "Rekomendasi hasil pemeriksaan telah ditindaklanjuti seluruhnya.",
]
KOMENTAR = [
    "Terima kasih, capaian sudah baik. Mohon lampirkan rekap bulanan sebagai bukti.",
    "Pertahankan. Perhatikan ketepatan waktu laporan pada periode berikutnya.",
    "Narasi sudah jelas; tambahkan foto kegiatan bila ada.",
    "Data sudah sesuai dengan laporan unit. Lanjutkan.",
]
KOMENTAR_TERTINGGAL = [
    "Realisasi masih di bawah target; mari kita bahas langkah percepatan pada dialog kinerja.",
    "Mohon jelaskan kendala utamanya dan dukungan apa yang dibutuhkan dari seksi.",
]
BALASAN = [
    "Baik, terima kasih. Rekap bulanan sudah saya lampirkan.",
    "Siap, akan saya perbaiki pada periode berikutnya.",
    "Terima kasih atas masukannya; jadwal percepatan sudah saya susun.",
]
RENCANA = [
    "Menyusun jadwal kegiatan {periode} dan membaginya kepada tim",
    "Melakukan verifikasi data setiap akhir bulan sebelum laporan dikirim",
    "Berkoordinasi dengan puskesmas untuk pengumpulan laporan tepat waktu",
    "Menyiapkan bahan rapat evaluasi {periode} bersama pejabat penilai",
]
KOMENTAR_RENCANA = "Rencana sudah baik; pastikan jadwalnya realistis."
TOPIK = {
    JenisDialog.COACHING: "Percepatan capaian target triwulan",
    JenisDialog.MENTORING: "Pengembangan kompetensi analisis data",
    JenisDialog.KONSELING: "Kendala beban kerja dan pembagian tugas",
}
CATATAN = (
    "Pegawai menyampaikan capaian dan kendala periode berjalan. Disepakati langkah perbaikan dan dukungan yang "
    "dibutuhkan dari pejabat penilai."
)
TINDAK = [
    "Menyusun rencana percepatan bersama tim",
    "Mengikuti pelatihan pengolahan data",
    "Menyampaikan rekap capaian mingguan kepada atasan",
    "Memfasilitasi rapat koordinasi lintas seksi",
]
ALASAN_PEMBUKAAN = (
    "Pegawai menjalani cuti sakit hingga melewati tenggat pengisian; dibuka kembali atas permintaan pejabat "
    "penilai."
)


def default_mode(satuan: str) -> str:
    """How an indikator's periods add up when its content does not say (before planning recorded `akumulasi`):
    a percentage, an index or a score is a level (the latest value), a time an average, anything else a count."""
    if satuan in ("%", "indeks", "nilai"):
        return rules.TERAKHIR
    if satuan == "hari":
        return rules.RATA_RATA
    return rules.JUMLAH


def share(annual: Decimal, nomor: int, periods: int) -> Decimal:
    """A count's part for one period: the annual target split in whole units that add up to it."""
    whole = annual.to_integral_value(rounding=ROUND_HALF_UP) if annual == annual.to_integral_value() else None
    if whole is None:
        return (annual / periods).quantize(CENT)
    return Decimal(int(whole) * nomor // periods - int(whole) * (nomor - 1) // periods)


def value_for(
    ind: dict, nomor: int, periods: int, rng: random.Random, behind: bool, declining: bool = False
) -> tuple[Decimal | None, str]:
    """A realisation of one indikator in one period: a number near its period target (clearly under it when
    `behind`; a little lower every period when `declining`), or a statement for a qualitative indikator."""
    if ind.get("jenis_target") == "kualitatif" or ind.get("target_angka") in (None, ""):
        return None, rng.choice(PERNYATAAN)
    annual = Decimal(str(ind["target_angka"]))
    mode = ind.get("akumulasi") or default_mode(ind.get("satuan", ""))
    target = rules.period_target(ind.get("target_periode"), nomor, annual, mode)
    if target is None:  # a count without a target per period: its share of the year
        target = share(annual, nomor, periods)
    low, high = (0.55, 0.8) if behind else (0.93, 1.07)
    if declining:
        middle = 1.04 - 0.13 * (nomor - 1)
        low, high = middle - 0.02, middle + 0.02
    factor = Decimal(str(round(rng.uniform(low, high), 3)))
    if ind.get("arah") == rules.TURUN:
        factor = 2 - factor  # behind on "lower is better" means higher
    value = target * factor
    if mode == rules.JUMLAH and target == target.to_integral_value():
        value = value.to_integral_value(rounding=ROUND_HALF_UP)
        if not behind and target > 0:
            value = max(value, target)  # a whole count near its target is the target
    if ind.get("satuan") == "%":
        value = min(value, Decimal(100))
    return max(value, Decimal(0)).quantize(CENT), ""
