"""The discipline rules read from the framework's published versions: thresholds and the consecutive-days limit
come from the version in force on each day, never from constants, and a new version changes the outcome only from
its own date."""

import datetime

import pytest

from kinerja.core.errors import ApplicationError
from kinerja.criteria import services as criteria_services
from kinerja.criteria.models import Kerangka
from kinerja.monitoring import discipline
from kinerja.monitoring.selectors.disiplin import PEMBERHENTIAN, discipline_rules
from kinerja.testkit import factories
from kinerja.testkit.factories import YEAR

pytestmark = pytest.mark.django_db

TK, HADIR = discipline.TANPA_KETERANGAN, discipline.HADIR


def working_days(start: datetime.date, statuses: list[str]) -> list[tuple[datetime.date, str]]:
    return [(start + datetime.timedelta(days=i), status) for i, status in enumerate(statuses)]


def alternate(start: datetime.date, unexcused: int) -> list[tuple[datetime.date, str]]:
    """`unexcused` unexcused days, each followed by a present day (so no run grows past 1)."""
    return working_days(start, [TK, HADIR] * unexcused)


def new_version(org, *, berlaku_mulai, bands=None, hari_berturut=None) -> Kerangka:
    draft = criteria_services.kerangka_start(actor=org.admin, instansi=org.instansi, tahun=YEAR)
    if bands is not None:
        criteria_services.aturan_replace(
            actor=org.admin, kerangka=draft, bagian="disiplin", rows=bands, reason="Uji ambang baru"
        )
    if hari_berturut is not None:
        criteria_services.kerangka_update_settings(
            actor=org.admin, kerangka=draft, disiplin_hari_berturut=hari_berturut
        )
    return criteria_services.kerangka_publish(
        actor=org.admin, kerangka=draft, berlaku_mulai=berlaku_mulai, alasan="Penyesuaian disiplin"
    )


@pytest.fixture
def org():
    return factories.organisation()


def test_the_published_default_gives_the_bands_and_the_ten_days_of_pp_94(org):
    rules = discipline_rules(org.instansi.pk, YEAR)
    day = datetime.date(YEAR, 3, 1)
    assert rules.consecutive_limit_at(day) == 10
    assert [(b["hari_min"], b["hari_maks"]) for b in rules.bands_at(day)][:2] == [(3, 3), (4, 6)]
    assert rules.dismissal == "Pemberhentian dengan hormat tidak atas permintaan sendiri sebagai PNS"
    found = rules.crossings(alternate(datetime.date(YEAR, 2, 1), 4))
    assert [(c.total, c.sanksi) for c in found] == [(3, "Teguran lisan"), (4, "Teguran tertulis")]


def test_nothing_is_counted_before_the_first_version_takes_effect():
    org = factories.organisation(tahun=None)
    rules = discipline_rules(org.instansi.pk, YEAR)
    assert rules.versions == ()
    assert rules.bands_at(datetime.date(YEAR, 6, 1)) == []
    assert rules.consecutive_limit_at(datetime.date(YEAR, 6, 1)) is None
    assert rules.crossings(working_days(datetime.date(YEAR, 6, 1), [TK] * 30)) == []
    assert rules.dismissal == PEMBERHENTIAN


def test_a_changed_threshold_applies_only_from_its_versions_date(org):
    bands = [
        {"hari_min": 2, "hari_maks": 5, "sanksi": "Teguran lisan", "bulan": None},
        {"hari_min": 6, "hari_maks": None, "sanksi": "Pemberhentian", "bulan": None},
    ]
    new_version(org, berlaku_mulai=datetime.date(YEAR, 7, 1), bands=bands)
    rules = discipline_rules(org.instansi.pk, YEAR)

    # Two unexcused days in June: under version 1 nothing (its first band starts at 3).
    june = rules.crossings(alternate(datetime.date(YEAR, 6, 1), 2))
    assert june == []
    # The same two days in July: the new first band starts at 2.
    july = rules.crossings(alternate(datetime.date(YEAR, 7, 1), 2))
    assert [(c.tanggal, c.total, c.sanksi) for c in july] == [(datetime.date(YEAR, 7, 3), 2, "Teguran lisan")]
    # The dismissal named by the consecutive-days rule is the latest version's open-ended band.
    assert rules.dismissal == "Pemberhentian"


def test_a_changed_consecutive_limit_applies_only_from_its_versions_date(org):
    new_version(org, berlaku_mulai=datetime.date(YEAR, 7, 1), hari_berturut=5)
    rules = discipline_rules(org.instansi.pk, YEAR)
    before = rules.crossings(working_days(datetime.date(YEAR, 6, 1), [TK] * 5))
    assert [c.karena_berturut for c in before] == [False, False]  # 3 and 4 days: bands, no dismissal
    after = rules.crossings(working_days(datetime.date(YEAR, 7, 1), [TK] * 5))
    assert after[-1].karena_berturut and after[-1].berturut == 5
    # A run that starts under version 1 and reaches 5 days under version 2 is judged by version 2's limit.
    across = rules.crossings(working_days(datetime.date(YEAR, 6, 28), [TK] * 5))
    assert across[-1].karena_berturut and across[-1].tanggal == datetime.date(YEAR, 7, 2)


def test_two_versions_taking_effect_the_same_day_the_later_counts(org):
    new_version(org, berlaku_mulai=datetime.date(YEAR, 5, 1), hari_berturut=8)
    new_version(org, berlaku_mulai=datetime.date(YEAR, 5, 1), hari_berturut=6)
    rules = discipline_rules(org.instansi.pk, YEAR)
    assert [v.hari_berturut for v in rules.versions] == [10, 6]
    assert rules.consecutive_limit_at(datetime.date(YEAR, 4, 30)) == 10
    assert rules.consecutive_limit_at(datetime.date(YEAR, 5, 1)) == 6


def test_the_limit_is_a_setting_of_the_framework_with_its_check(org):
    draft = criteria_services.kerangka_start(actor=org.admin, instansi=org.instansi, tahun=YEAR)
    with pytest.raises(ApplicationError) as refused:
        criteria_services.kerangka_update_settings(actor=org.admin, kerangka=draft, disiplin_hari_berturut=1)
    assert "disiplin_hari_berturut" in refused.value.message_dict
    assert Kerangka.objects.get(pk=draft.pk).disiplin_hari_berturut == 10


def test_another_years_versions_are_not_read(org):
    assert discipline_rules(org.instansi.pk, YEAR + 1).versions == ()


def test_days_before_a_first_version_taking_effect_mid_year_are_judged_from_its_first_day():
    org = factories.organisation(tahun=None)
    draft = criteria_services.kerangka_start(actor=org.admin, instansi=org.instansi, tahun=YEAR)
    criteria_services.kerangka_publish(
        actor=org.admin, kerangka=draft, berlaku_mulai=datetime.date(YEAR, 6, 1)
    )
    rules = discipline_rules(org.instansi.pk, YEAR)
    days = alternate(datetime.date(YEAR, 3, 2), 5) + working_days(datetime.date(YEAR, 6, 2), [HADIR, HADIR])
    found = rules.crossings(days)
    # Nothing before June; on the first recorded day under the version, the five days already count.
    assert [(c.tanggal, c.total, c.sanksi) for c in found] == [
        (datetime.date(YEAR, 6, 2), 5, "Teguran tertulis")
    ]
