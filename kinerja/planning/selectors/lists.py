"""The list of a unit's SKP with its counts and filters, and its Excel export."""

from collections.abc import Iterator

from django.db.models import Count, QuerySet

from kinerja.accounts.permissions import under_unit_paths
from kinerja.core.selectors import filter_given
from kinerja.org import selectors as org_selectors
from kinerja.org.models import UnitKerja
from kinerja.planning import rules
from kinerja.planning.models import RHK, SKP, Arah, Aspek, Indikator, JenisRHK, JenisTarget, StatusSKP


def skp_list(
    qs: QuerySet[SKP], *, tahun: int | None = None, status: str = "", unit_path: str = "", cari: str = ""
) -> QuerySet[SKP]:
    """The SKP with the given filters; `cari` is a part of the pegawai's name or the start of their NIP."""
    qs = filter_given(
        qs, tahun_kinerja__tahun=tahun, status=status, jabatan__unit__path__startswith=unit_path
    )
    if cari.strip():
        qs = qs.filter(org_selectors.pegawai_matching(cari, "pegawai__"))
    return qs.select_related("pegawai", "jabatan", "jabatan__unit", "penilai").order_by(
        "jabatan__unit__path", "pegawai__nama", "-mulai"
    )


def export_rows(qs: QuerySet[SKP], chunk: int = 1000) -> Iterator[list]:
    """One row per indikator (an RHK without indikator still gets a row) of the given SKP, for Excel.

    Read as plain values, a thousand SKP at a time: three queries per thousand, whatever the instansi's size."""
    status = dict(StatusSKP.choices)
    jenis = dict(JenisRHK.choices)
    aspek, arah = dict(Aspek.choices), dict(Arah.choices)
    ids = list(qs.order_by("jabatan__unit__path", "pegawai__nama", "-mulai").values_list("pk", flat=True))
    for start in range(0, len(ids), chunk):
        part = ids[start : start + chunk]
        skp = {
            row[0]: row
            for row in SKP.objects.filter(pk__in=part).values_list(
                "pk", "pegawai__nip", "identitas_pegawai", "status", "versi", "mulai", "selesai"
            )
        }
        rhk: dict[int, list[tuple]] = {}
        for rhk_row in RHK.objects.filter(skp_id__in=part).values_list(
            "skp_id", "pk", "jenis", "urutan", "uraian", "rhk_atasan__uraian"
        ):
            rhk.setdefault(rhk_row[0], []).append(rhk_row)
        indikator: dict[int, list[tuple]] = {}
        for ind_row in (
            Indikator.objects.filter(rhk__skp_id__in=part)
            .order_by("urutan", "pk")
            .values_list(
                "rhk_id", "uraian", "aspek", "jenis_target", "target_angka", "satuan", "arah", "target_teks"
            )
        ):
            indikator.setdefault(ind_row[0], []).append(ind_row)
        for pk in part:
            _pk, nip, ident, state, versi, mulai, selesai = skp[pk]
            base = [
                ident.get("nip", nip),
                ident.get("nama", ""),
                ident.get("jabatan", ""),
                ident.get("unit_kerja", ""),
                str(status[state]),
                versi,
                mulai,
                selesai,
            ]
            items = sorted(rhk.get(pk, []), key=lambda r: (r[2] != JenisRHK.UTAMA, r[3], r[1]))
            for nomor, (_s, rhk_id, kind, _u, uraian, atasan) in zip(
                rules.rhk_numbers([r[2] for r in items]), items, strict=True
            ):
                head = [*base, nomor, str(jenis[kind]), uraian, atasan or ""]
                rows = indikator.get(rhk_id, [])
                if not rows:
                    yield [*head, "", "", "", "", ""]
                for _r, text, asp, kind_target, angka, satuan, direction, teks in rows:
                    target = teks if kind_target == JenisTarget.KUALITATIF else angka
                    yield [*head, text, str(aspek[asp]), target, satuan, str(arah[direction])]


EXPORT_HEADER = [
    "NIP",
    "Nama",
    "Jabatan",
    "Unit Kerja",
    "Status SKP",
    "Versi",
    "Mulai",
    "Selesai",
    "No",
    "Jenis RHK",
    "Rencana Hasil Kerja",
    "RHK Pimpinan yang Diintervensi",
    "Indikator Kinerja Individu",
    "Aspek",
    "Target",
    "Satuan",
    "Arah",
]


def status_counts(qs: QuerySet[SKP]) -> dict[str, int]:
    """How many of the SKP are in each status (every status present, zero when none)."""
    found = dict(qs.order_by().values_list("status").annotate(n=Count("pk")))
    return {status: found.get(status, 0) for status in StatusSKP.values}


def units_for_list(instansi_id: int, paths: list[str] | None) -> list[UnitKerja]:
    """Active units of the instansi, or only those inside the given subtrees (None: all of them)."""
    qs = UnitKerja.objects.filter(instansi_id=instansi_id, aktif=True)
    if paths is not None:
        qs = qs.filter(under_unit_paths(paths))
    return list(qs.order_by("path"))
