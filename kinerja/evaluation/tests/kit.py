"""The evaluation tests' world: an approved SKP of a member of the atasan's team (the Kepala Seksi Imunisasi
assesses them; the demo's own `pegawai` has no SKP yet), evaluated for the last period that has ended; the
atasan penilai is the Kepala Bidang Kesmas."""

import datetime

from kinerja.accounts.models import User
from kinerja.core import clock
from kinerja.core.models import AuditEvent
from kinerja.evaluation import selectors, services
from kinerja.evaluation.models import Evaluasi, HasilOrganisasi
from kinerja.org import demo
from kinerja.planning.models import SKP, Periode
from kinerja.testkit import cast as named


def ended_period(skp) -> Periode:
    """The last period of the SKP's year that has ended today (the demo runs late in the year)."""
    today = clock.today(skp.instansi)
    periods = Periode.objects.filter(tahun_kinerja=skp.tahun_kinerja, selesai__lt=today).order_by("nomor")
    return periods.filter(mulai__lte=skp.selesai, selesai__gte=skp.mulai).last()


def running_period(skp) -> Periode | None:
    today = clock.today(skp.instansi)
    return (
        Periode.objects.filter(tahun_kinerja=skp.tahun_kinerja, selesai__gte=today).order_by("nomor").first()
    )


def everything(skp, periode, rating: str = "sesuai") -> dict:
    """Every RHK and value rated `rating`, and both overall ratings so."""
    page = selectors.evaluation_page(skp, periode, None)
    for row in page.rhk:
        row.given = rating
    saran = selectors.page.hasil_saran(page.rhk, page.organisasi, page.unit_dipimpin).rating or rating
    return {
        "rating_rhk": {r.key: rating for r in page.rhk},
        "rating_nilai": {n.kode: rating for n in page.nilai},
        "rating_hasil_kerja": saran,
        "rating_perilaku": rating,
        "alasan_hasil_kerja": "" if saran == rating else "Sesuai bukti dukung",
    }


class World:
    def __init__(self, cast):
        self.cast = cast
        self.skp = (
            SKP.objects.filter(
                penilai=cast.atasan.pegawai, versi__gt=0, berakhir=False, jabatan__kepala_unit=False
            )
            .select_related("pegawai", "instansi")
            .order_by("pk")
            .first()
        )
        self.periode = ended_period(self.skp)
        self.penilai = cast.atasan
        self.pegawai = User.objects.get(pegawai=self.skp.pegawai)
        self.kabid = named.user(demo.NIP_KABID_KESMAS)

    def draft(self, **values) -> Evaluasi:
        return services.evaluasi_simpan(actor=self.penilai, skp=self.skp, periode=self.periode, **values)

    def final(self, rating: str = "sesuai", **overrides) -> Evaluasi:
        values = {**everything(self.skp, self.periode, rating), **overrides}
        return services.evaluasi_simpan(
            actor=self.penilai, skp=self.skp, periode=self.periode, finalkan=True, **values
        )


def state():
    return (
        list(
            Evaluasi.objects.order_by("pk").values_list(
                "pk", "status", "kunci", "rating_hasil_kerja", "predikat"
            )
        ),
        HasilOrganisasi.objects.count(),
        AuditEvent.objects.count(),
    )


def days_after(day: datetime.date, n: int) -> datetime.date:
    return day + datetime.timedelta(days=n)
