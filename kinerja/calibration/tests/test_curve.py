"""The distribution curve on the demo government: who is held to which unit's pattern, what the page and the API
show, who may read them, and queries that do not grow with the instansi."""

import pytest
from django.urls import reverse

from kinerja.calibration import selectors
from kinerja.core import clock
from kinerja.core.testing.helpers import count_queries
from kinerja.evaluation.models import Evaluasi, HasilOrganisasi
from kinerja.evaluation.selectors.history import RESULT_STATUSES
from kinerja.evaluation.selectors.lookups import ended_periods

pytestmark = pytest.mark.django_db


@pytest.fixture
def span(cast):
    instansi = cast.instansi()
    today = clock.today(instansi)
    periode = ended_periods(instansi.pk, today)[-1]
    assert periode is not None
    return instansi, periode, today


def _final(instansi, periode):
    return Evaluasi.objects.filter(instansi=instansi, periode=periode, status__in=RESULT_STATUSES).exclude(
        predikat=""
    )


def test_everyone_finalised_is_counted_once_under_the_unit_that_governs_them(span):
    instansi, periode, today = span
    for level in selectors.LEVELS:
        found = selectors.curve(instansi.pk, periode.tahun_kinerja.tahun, periode, today, level=level)
        assert found.framework
        assert found.total == _final(instansi, periode).count() > 0
        assert sum(g.total for g in found.by_organisasi) == sum(g.total for g in found.units)
    pd = selectors.curve(instansi.pk, periode.tahun_kinerja.tahun, periode, today, level="perangkat_daerah")
    unit = selectors.curve(instansi.pk, periode.tahun_kinerja.tahun, periode, today, level="unit")
    assert all(g.path.count("/") == 2 for g in pd.units)  # the demo records every perangkat daerah's result
    assert len(unit.units) > len(pd.units)


def test_a_unit_is_checked_against_the_rules_of_its_own_organisation_predikat(span):
    instansi, periode, today = span
    found = selectors.curve(instansi.pk, periode.tahun_kinerja.tahun, periode, today)
    results = dict(HasilOrganisasi.objects.filter(periode=periode).values_list("unit_id", "predikat"))
    for group in found.units:
        assert group.organisasi == results[group.unit_id]
        assert all(v.rule["organisasi"] == group.organisasi for v in group.violations)
    assert found.violating_units  # the demo's raters are not all calibrated


def test_a_department_administrator_sees_only_their_units(span, cast):
    instansi, periode, today = span
    disdik = cast.unit("DISDIK")
    found = selectors.curve(instansi.pk, periode.tahun_kinerja.tahun, periode, today, [disdik.path])
    assert found.units and all(g.path.startswith(disdik.path) for g in found.units)
    assert (
        found.total
        == _final(instansi, periode).filter(skp__jabatan__unit__path__startswith=disdik.path).count()
    )


def test_the_page_shows_the_violations_with_their_numbers_to_the_bkpsdm(cast, span):
    _instansi, periode, _today = span
    client = cast.client("admin_bkpsdm")
    response = client.get(reverse("calibration:kurva"), {"periode": periode.nomor, "tingkat": "unit"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "Kurva distribusi" in text and "paling banyak" in text and "kasar" in text
    assert 'data-testid="kurva-unit-baris"' in text


def test_the_page_and_the_api_are_refused_to_a_pegawai_and_a_supervisor(cast):
    for role in ("pegawai", "atasan", "kepala_dinas"):
        assert cast.client(role).get(reverse("calibration:kurva")).status_code == 403
        assert cast.client(role).get("/api/v1/kalibrasi/kurva").status_code == 403


def test_the_api_gives_each_violation_its_bound_share_and_people_to_move(cast, span):
    _instansi, periode, _today = span
    data = cast.client("tim_penilai").get("/api/v1/kalibrasi/kurva", {"periode": periode.nomor}).json()
    assert data["periode"] == periode.nomor and data["tingkat"] == "perangkat_daerah"
    violations = [v for g in data["per_unit"] for v in g["pelanggaran"]]
    assert violations
    assert all(v["perlu_dipindah"] >= 1 and v["keterangan"] for v in violations)


def test_the_curve_runs_the_same_queries_for_a_perangkat_daerah_and_the_whole_instansi(cast, span):
    _instansi, periode, _today = span
    client = cast.client("admin_bkpsdm")
    url = reverse("calibration:kurva")
    one, _r = count_queries(client, url, {"periode": periode.nomor, "unit": cast.unit("DISDIK").pk})
    everyone, _r = count_queries(client, url, {"periode": periode.nomor, "tingkat": "unit"})
    assert everyone == one
