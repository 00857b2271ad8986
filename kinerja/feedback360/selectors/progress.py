"""To-do lists, participations and response rates. Whether someone was asked and whether they answered is not
secret (docs/360-anonymity.md); what they answered is never read here."""

import datetime

from django.db.models import BooleanField, Case, Count, Q, QuerySet, Value, When

from kinerja.feedback360.models import Formulir, Kelompok, Peserta, Ronde


def _open(prefix: str, today: datetime.date) -> Q:
    return Q(**{f"{prefix}ditutup_pada__isnull": True, f"{prefix}tanggal_tutup__gte": today})


def _closed(prefix: str, today: datetime.date) -> Case:
    """Whether the round has closed (closed early, or its closing date has passed), as a column."""
    return Case(
        When(_open(prefix, today), then=Value(False)), default=Value(True), output_field=BooleanField()
    )


def with_closed(rounds: QuerySet[Ronde], today: datetime.date) -> QuerySet[Ronde]:
    """The rounds, each with `tertutup`: whether it has closed."""
    return rounds.annotate(tertutup=_closed("", today))


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


def participations_of(pegawai_id: int, today: datetime.date) -> QuerySet[Peserta]:
    """The rounds a pegawai takes part in, the latest first, each with `tertutup` (its report is open)."""
    return (
        Peserta.objects.filter(pegawai_id=pegawai_id)
        .annotate(tertutup=_closed("ronde__", today))
        .select_related("ronde", "penilai")
        .order_by("-ronde__tanggal_tutup", "-ronde_id")
    )


def team_of(pegawai_id: int, today: datetime.date) -> QuerySet[Peserta]:
    """The participants whose pejabat penilai this pegawai was at the opening of their round, each with
    `tertutup`."""
    return (
        Peserta.objects.filter(penilai_id=pegawai_id)
        .annotate(tertutup=_closed("ronde__", today))
        .select_related("ronde", "pegawai", "jabatan")
        .order_by("-ronde__tanggal_tutup", "-ronde_id", "pegawai__nama")
    )


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
            "persen": _persen(r["selesai"], r["diminta"]),
        }
        for r in rows
    ]


def _persen(done: int, asked: int) -> int:
    return round(100 * done / asked) if asked else 0


def rates_total(rates: list[dict]) -> dict:
    """The round's totals of `rates_per_unit`."""
    total = {k: sum(r[k] for r in rates) for k in ("peserta", "diminta", "selesai")}
    return {**total, "persen": _persen(total["selesai"], total["diminta"])}


def peers_of(peserta: Peserta) -> list:
    """Who is asked as a peer of a participant (named to them and their penilai: being asked is not secret)."""
    return [
        f.pengisi
        for f in Formulir.objects.filter(peserta=peserta, kelompok=Kelompok.REKAN)
        .select_related("pengisi")
        .order_by("pengisi__nama")
    ]
