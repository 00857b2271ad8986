"""To-do lists, participations and response rates. Whether someone was asked and whether they answered is not
secret (docs/360-anonymity.md); what they answered is never read here."""

import datetime

from django.db.models import Count, Q, QuerySet

from kinerja.feedback360.models import Formulir, Kelompok, Peserta, Ronde, StatusRekan


def _open(prefix: str, today: datetime.date) -> Q:
    return Q(**{f"{prefix}ditutup_pada__isnull": True, f"{prefix}tanggal_tutup__gte": today})


def forms_of(pegawai_id: int, today: datetime.date) -> QuerySet[Formulir]:
    """The forms a rater still has to submit in open rounds, the nearest closing date first."""
    return (
        Formulir.objects.filter(
            _open("peserta__ronde__", today), pengisi_id=pegawai_id, aktif=True, selesai=False
        )
        .select_related("peserta__pegawai", "peserta__jabatan", "peserta__ronde")
        .order_by("peserta__ronde__tanggal_tutup", "kelompok", "peserta__pegawai__nama")
    )


def pending_count(pegawai_id: int, today: datetime.date) -> int:
    return forms_of(pegawai_id, today).count()


def participations_of(pegawai_id: int) -> QuerySet[Peserta]:
    """The rounds a pegawai takes part in, the latest first."""
    return (
        Peserta.objects.filter(pegawai_id=pegawai_id)
        .select_related("ronde", "penilai")
        .order_by("-ronde__tanggal_tutup", "-ronde_id")
    )


def team_of(pegawai_id: int) -> QuerySet[Peserta]:
    """The participants whose pejabat penilai this pegawai was at the opening of their round."""
    return (
        Peserta.objects.filter(penilai_id=pegawai_id)
        .select_related("ronde", "pegawai", "jabatan")
        .order_by("-ronde__tanggal_tutup", "-ronde_id", "pegawai__nama")
    )


def nominations_waiting(pegawai_id: int, today: datetime.date) -> QuerySet[Peserta]:
    return team_of(pegawai_id).filter(_open("ronde__", today), status_rekan=StatusRekan.DIAJUKAN)


def rates_per_unit(ronde: Ronde) -> list[dict]:
    """Per unit of the participants: how many are taking part, how many forms are asked and submitted."""
    rows = (
        Formulir.objects.filter(peserta__ronde=ronde, aktif=True)
        .values("peserta__unit_id", "peserta__unit__nama", "peserta__unit__path")
        .annotate(
            peserta=Count("peserta", distinct=True),
            diminta=Count("pk"),
            selesai=Count("pk", filter=Q(selesai=True)),
        )
        .order_by("peserta__unit__path")
    )
    return [
        {
            "unit": r["peserta__unit__nama"],
            "peserta": r["peserta"],
            "diminta": r["diminta"],
            "selesai": r["selesai"],
            "persen": round(100 * r["selesai"] / r["diminta"]) if r["diminta"] else 0,
        }
        for r in rows
    ]


def peers_of(peserta: Peserta) -> list:
    """Who is asked as a peer of a participant (named to them and their penilai: being asked is not secret)."""
    return [
        f.pengisi
        for f in Formulir.objects.filter(peserta=peserta, kelompok=Kelompok.REKAN)
        .select_related("pengisi")
        .order_by("pengisi__nama")
    ]
