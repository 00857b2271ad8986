"""The demo government's assessment framework: the defaults, published from 1 January, with required
competency levels for structural and functional positions."""

import datetime

from kinerja.criteria import services
from kinerja.criteria.models import Kompetensi, StandarKompetensi

# Common practice for standar kompetensi jabatan: the higher the position, the higher the required level.
LEVEL_BY_JENIS = {"jpt_pratama": 4, "administrator": 3, "pengawas": 2, "pelaksana": 1}
LEVEL_BY_JENJANG = {
    "ahli_madya": 3,
    "ahli_muda": 2,
    "ahli_pertama": 1,
    "penyelia": 2,
    "mahir": 1,
    "terampil": 1,
}


def load_framework(*, instansi, admin, year: int) -> None:
    kerangka = services.kerangka_start(actor=admin, instansi=instansi, tahun=year)
    national = list(Kompetensi.objects.filter(kerangka=kerangka).exclude(jenis="teknis"))
    rows = []
    for jabatan in (
        instansi.jabatan.filter(aktif=True).only("pk", "jenis", "jenjang").iterator(chunk_size=5000)
    ):
        level = LEVEL_BY_JENIS.get(jabatan.jenis) or LEVEL_BY_JENJANG.get(jabatan.jenjang)
        if level:
            rows.extend(
                StandarKompetensi(kerangka=kerangka, jabatan_id=jabatan.pk, kompetensi=k, level=level)
                for k in national
            )
    StandarKompetensi.objects.bulk_create(rows, batch_size=5000)
    services.kerangka_publish(actor=admin, kerangka=kerangka, berlaku_mulai=datetime.date(year, 1, 1))


def load(demo) -> None:
    """The framework of the demo year (kinerja.core.demo runs it after the organisation)."""
    load_framework(instansi=demo.instansi, admin=demo.admin, year=demo.year)
