"""Rater-bias analytics on the demo government: the demo's two lenient and two severe penilai are the ones flagged,
what the database gives the analytics, the pages and who sees them, and the cache that follows the evaluations."""

import pytest
from django.core.cache import cache
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from kinerja.calibration.models import SesiKalibrasi, StatusSesi
from kinerja.calibration.selectors import bias as selectors
from kinerja.core import clock
from kinerja.core.testing.helpers import count_queries
from kinerja.evaluation.models import Evaluasi
from kinerja.evaluation.selectors.lookups import ended_periods
from kinerja.feedback360.models import Jawaban, Kelompok, Peserta

pytestmark = pytest.mark.django_db


@pytest.fixture
def span(cast):
    cache.clear()
    instansi = cast.instansi()
    today = clock.today(instansi)
    periode = ended_periods(instansi.pk, today)[-1]
    return instansi, periode, today


def _flagged(found, kind: str) -> set[int]:
    return {r.rater for r in found.reports.values() for m in r.flags if m.flag == kind}


def test_the_demo_lenient_and_severe_raters_are_the_ones_flagged(span):
    instansi, periode, today = span
    found = selectors.analysis(instansi.pk, today.year, periode, today)
    lenient, severe = _flagged(found, "lenient"), _flagged(found, "severe")
    assert len(lenient) == 2 and len(severe) == 2
    # the demo's lenient raters rate most behaviour above expectations, its severe ones below far more than others
    for rater in lenient:
        given = list(
            Evaluasi.objects.filter(penilai_id=rater, periode=periode).values_list(
                "rating_perilaku", flat=True
            )
        )
        assert given.count("di_atas") > len(given) / 2


def test_each_finalised_evaluation_is_read_with_the_evidence_apart_from_the_rater(span):
    instansi, periode, today = span
    rated = selectors.rated_of(instansi.pk, today.year, periode, today)
    assert (
        len(rated)
        == Evaluasi.objects.filter(periode=periode, instansi=instansi).exclude(rating_perilaku="").count()
    )
    assert any(r.expected is not None for r in rated)
    assert any(r.bukti > 0 for r in rated)
    assert all(len(r.nilai) == 7 for r in rated)
    # the closed 360 round of the period gives peers' levels to some, never under its anonymity threshold
    assert any(r.peers is not None for r in rated)


def test_the_analysis_is_cached_until_an_evaluation_of_the_span_changes(span):
    instansi, periode, today = span
    first, _found = count_queries(lambda: selectors.analysis(instansi.pk, today.year, periode, today))
    again, _ = count_queries(lambda: selectors.analysis(instansi.pk, today.year, periode, today))
    assert again == 2 < first  # only the version's two queries
    Evaluasi.objects.filter(periode=periode).exclude(rating_perilaku="").filter(
        pk=Evaluasi.objects.filter(periode=periode).order_by("pk").values("pk")[:1]
    ).update(updated_at=timezone.now())
    after, _ = count_queries(lambda: selectors.analysis(instansi.pk, today.year, periode, today))
    assert after > 1  # computed again


def test_a_rater_reads_their_own_pattern_with_the_numbers(cast, span):
    _instansi, periode, _today = span
    client = cast.client("atasan")
    page = client.get(
        reverse("calibration:penilai", args=[cast.atasan.pegawai_id]), {"periode": periode.nomor}
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="bias-panduan"' in html
    report = page.context["report"]
    if report is not None:
        assert 'data-testid="bias-ukuran-leniency"' in html


def test_a_flagged_rater_sees_the_flag_explained(cast, span):
    instansi, periode, today = span
    found = selectors.analysis(instansi.pk, today.year, periode, today)
    rater = next(iter(_flagged(found, "severe")))
    client = cast.client("tim_penilai")
    html = client.get(
        reverse("calibration:penilai", args=[rater]), {"periode": periode.nomor}
    ).content.decode()
    assert "terlalu ketat" in html
    assert "tingkat di bawah" in html  # "Rating Anda rata-rata … tingkat di bawah yang diperkirakan …"


def test_the_overview_lists_the_flagged_raters_first(cast, span):
    _instansi, periode, _today = span
    client = cast.client("tim_penilai")
    response = client.get(reverse("calibration:penilai_ikhtisar"), {"periode": periode.nomor})
    rows = response.context["rows"]
    assert len(rows) == response.context["flagged"] >= 4
    everyone = client.get(reverse("calibration:penilai_ikhtisar"), {"periode": periode.nomor, "semua": "1"})
    assert everyone.context["page"].paginator.count == everyone.context["analysis"].raters > len(rows)


def test_the_home_card_is_for_raters_only(cast):
    assert (
        'data-testid="card-pola-rating"' in cast.client("atasan").get(reverse("portal:home")).content.decode()
    )
    assert (
        'data-testid="card-pola-rating"'
        not in cast.client("pegawai").get(reverse("portal:home")).content.decode()
    )


def test_the_session_shows_the_flags_of_the_raters(cast, span):
    opened = SesiKalibrasi.objects.get(status=StatusSesi.DIBUKA, instansi=cast.instansi())
    found = selectors.analysis(opened.instansi_id, opened.tahun, opened.periode, clock.today(opened.instansi))
    flagged = {r.rater for r in found.reports.values() if r.flags}
    response = cast.client("kepala_dinas").get(reverse("calibration:sesi", args=[opened.pk]), {"semua": "1"})
    rows = response.context["rows"]
    shown = {e.penilai_id for e, _open, flags in rows if flags}
    assert shown == {e.penilai_id for e, _open, _flags in rows} & flagged


def test_peers_under_the_anonymity_threshold_never_reach_the_analytics(span):
    _instansi, _periode, today = span
    peserta = (
        Peserta.objects.filter(ronde__ditutup_pada__isnull=False, jawaban__kelompok=Kelompok.REKAN)
        .annotate(n=Count("jawaban"))
        .order_by("-n")
        .first()
    ) or Peserta.objects.filter(jawaban__kelompok=Kelompok.REKAN, ronde__tanggal_tutup__lt=today).first()
    ambang = peserta.ronde.ambang
    levels = selectors._levels_360({peserta.pegawai_id}, peserta.ronde.tahun, today)
    assert levels[peserta.pegawai_id][0] is not None
    # one peer short of the threshold, and the subordinates (a group of their own) likewise
    for kelompok in (Kelompok.REKAN, Kelompok.BAWAHAN):
        answers = list(
            Jawaban.objects.filter(peserta=peserta, kelompok=kelompok).values_list("pk", flat=True)
        )
        Jawaban.objects.filter(pk__in=answers[max(ambang - 1, 0) :]).delete()
    assert Jawaban.objects.filter(peserta=peserta, kelompok=Kelompok.REKAN).count() == ambang - 1
    assert (
        selectors._levels_360({peserta.pegawai_id}, peserta.ronde.tahun, today)[peserta.pegawai_id][0] is None
    )
