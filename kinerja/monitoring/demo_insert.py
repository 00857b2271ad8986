"""Writing the monitoring demo's many rows fast: plain tuples inserted with `executemany`, each value adapted
for the database as the ORM would adapt it (dates, moments, decimals)."""

from django.db import connection

from kinerja.monitoring.bulk import insert  # noqa: F401 (the demo's writer)
from kinerja.monitoring.models import BuktiDukung, Realisasi, RencanaAksi, UmpanBalik

# The columns written in bulk, in the order the builder's tuples give them (with `executemany`: a Django model
# instance per row would double the load time of a large demo).
COLUMNS = {
    Realisasi: [
        "id",
        "skp_id",
        "periode_id",
        "indikator_id",
        "versi_skp",
        "nilai_angka",
        "nilai_teks",
        "narasi",
        "capaian",
        "diisi_oleh_id",
        "kunci",
        "created_at",
        "updated_at",
    ],
    BuktiDukung: [
        "realisasi_id",
        "jenis",
        "judul",
        "berkas",
        "nama_asli",
        "tipe",
        "ukuran",
        "sha256",
        "tautan",
        "diunggah_oleh_id",
        "created_at",
        "alasan_tarik",
    ],
    UmpanBalik: ["realisasi_id", "penulis_id", "peran", "isi", "created_at"],
    RencanaAksi: [
        "skp_id",
        "periode_id",
        "rhk_id",
        "uraian",
        "komentar_penilai",
        "komentar_oleh_id",
        "komentar_at",
        "kunci",
        "created_at",
        "updated_at",
    ],
}
COUNTED = {
    Realisasi: "realisasi",
    BuktiDukung: "bukti_dukung",
    UmpanBalik: "umpan_balik",
    RencanaAksi: "rencana_aksi",
}


def first_free_id(model) -> int:
    """The first primary key a bulk insert with explicit ids may use: above every row and, on PostgreSQL, above
    what the table's sequence already handed out. A sequence is not rolled back with a transaction, so a load
    undone after its sequence was moved (a test that reloads the demo) leaves the sequence ahead of the rows;
    starting above it keeps the ids this load writes clear of what the sequence gives out later."""
    highest = model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s))",
                [model._meta.db_table, model._meta.pk.column],
            )
            highest = max(highest, cursor.fetchone()[0])
    return highest + 1
