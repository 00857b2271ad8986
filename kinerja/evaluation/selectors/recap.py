"""The recap of evaluations for the national report: one row per finalised evaluation of a period or year in the
instansi (a unit's subtree when asked), with the columns of the national report, in one query."""

from django.db.models import Q, QuerySet

from kinerja.evaluation import rules
from kinerja.evaluation.models import Evaluasi
from kinerja.evaluation.selectors.history import RESULT_STATUSES
from kinerja.org.models import JenisJabatan

HEADER = [
    "No",
    "NIP",
    "Nama",
    "Unit kerja",
    "Jabatan",
    "Rating hasil kerja",
    "Rating perilaku kerja",
    "Predikat",
    "Golongan",
    "Jenis pegawai",
    "Jenis jabatan",
]
JENIS_JABATAN = {
    JenisJabatan.JPT_UTAMA: "JPT Utama",
    JenisJabatan.JPT_MADYA: "JPT Madya",
    JenisJabatan.JPT_PRATAMA: "JPT Pratama",
    JenisJabatan.ADMINISTRATOR: "Administrator",
    JenisJabatan.PENGAWAS: "Pengawas",
    JenisJabatan.PELAKSANA: "Pelaksana",
    JenisJabatan.FUNGSIONAL: "Fungsional",
}


def recap(
    instansi_id: int, tahun: int, periode_nomor: int | None, paths: list[str] | None
) -> QuerySet[Evaluasi]:
    """Finalised evaluations of the year's period (None: the annual ones), inside the unit subtrees `paths`
    (None: the whole instansi), by unit and name."""
    found = Evaluasi.objects.filter(instansi_id=instansi_id, tahun=tahun, status__in=RESULT_STATUSES)
    if periode_nomor is None:
        found = found.filter(periode__isnull=True)
    else:
        found = found.filter(periode__nomor=periode_nomor)
    if paths is not None:
        inside = Q(pk__in=[])
        for path in paths:
            inside |= Q(skp__jabatan__unit__path__startswith=path)
        found = found.filter(inside)
    return found.select_related("pegawai", "skp__jabatan", "skp__jabatan__unit").order_by(
        "skp__jabatan__unit__path", "pegawai__nama", "pk"
    )


def recap_rows(evaluations) -> list[list]:
    rows = []
    for n, e in enumerate(evaluations, start=1):
        jabatan = e.skp.jabatan
        rows.append(
            [
                n,
                e.pegawai.nip,
                e.pegawai.nama_lengkap,
                jabatan.unit.nama,
                jabatan.nama,
                rules.RATING_ID.get(e.rating_hasil_kerja, ""),
                rules.RATING_ID.get(e.rating_perilaku, ""),
                rules.PREDIKAT_ID.get(e.predikat, ""),
                e.pegawai.pangkat_golongan,
                e.pegawai.status,
                JENIS_JABATAN.get(jabatan.jenis, jabatan.jenis),
            ]
        )
    return rows
