"""Every write to the assessment framework (criteria.services): versions, editing a draft, publishing.

A refusal must leave the database exactly as it was: no row changed and no audit event recorded. The demo has
published version 1 of YEAR for Kota Sukamaju; most tests work on a draft of YEAR + 1, a copy of it.
"""

import datetime
from functools import partial

import pytest
from django.utils.translation import gettext as _

from conftest import YEAR
from kinerja.accounts.models import User
from kinerja.core import audit
from kinerja.core.models import AuditEvent
from kinerja.core.testing import helpers
from kinerja.core.testing.helpers import last_seq
from kinerja.criteria import defaults, rules, selectors, services
from kinerja.criteria.models import (
    SETTING_FIELDS,
    Aturan,
    Bagian,
    JenisKompetensi,
    Kerangka,
    Kompetensi,
    KriteriaLokal,
    NilaiPerilaku,
    Pengakuan,
    StandarKompetensi,
    StatusKerangka,
)
from kinerja.org.models import Jabatan
from kinerja.testkit.cast import LEMBAH, instansi
from kinerja.testkit.cast import framework as published_v1

pytestmark = pytest.mark.django_db

NEXT = YEAR + 1
PUBLISHED_REFUSAL = "A published version cannot be changed. Start a new version instead."
FIVE = {str(i): f"Tingkat {i}" for i in range(1, 6)}


def d(month: int, day: int, year: int = YEAR) -> datetime.date:
    return datetime.date(year, month, day)


def fresh(kerangka: Kerangka) -> Kerangka:
    return Kerangka.objects.get(pk=kerangka.pk)


def rows_of(kerangka: Kerangka, bagian: str) -> list[dict]:
    return list(kerangka.aturan.filter(bagian=bagian).order_by("urutan").values_list("data", flat=True))


def jabatan_with_standar(kerangka: Kerangka) -> Jabatan:
    return kerangka.standar_kompetensi.select_related("jabatan").order_by("pk").first().jabatan


# --- helpers: nothing changed, what was recorded ------------------------------------------------------------

TRACKED = [Kerangka, NilaiPerilaku, Kompetensi, StandarKompetensi, KriteriaLokal, Aturan, Pengakuan]


# A refused or denied call leaves these models and the audit trail unchanged.
db_state = partial(helpers.db_state, TRACKED)
refused = partial(helpers.refused, state=db_state)
denied = partial(helpers.denied, state=db_state)


# The single event recorded since `seq`, and the only one: `action`, by `actor`, about `obj`.
one_event = partial(helpers.one_event, alone=True)


@pytest.fixture
def seq(db) -> int:
    return last_seq()


@pytest.fixture
def draft(cast) -> Kerangka:
    """A draft of YEAR + 1: a copy of the published version 1 of YEAR."""
    return services.kerangka_start(actor=cast.admin_bkpsdm, instansi=instansi(), tahun=NEXT)


def start(cast, tahun: int = YEAR) -> Kerangka:
    return services.kerangka_start(actor=cast.admin_bkpsdm, instansi=instansi(), tahun=tahun)


def publish(cast, kerangka: Kerangka, when: datetime.date, alasan: str = "") -> Kerangka:
    return services.kerangka_publish(
        actor=cast.admin_bkpsdm, kerangka=kerangka, berlaku_mulai=when, alasan=alasan
    )


def content(kerangka: Kerangka) -> dict:
    """Everything a version holds, without ids (for comparing copies)."""
    return {
        "settings": {name: getattr(kerangka, name) for name in SETTING_FIELDS if name != "tenggat_skp"},
        "perilaku": list(
            kerangka.nilai_perilaku.order_by("kode").values_list(
                "kode", "nama", "urutan", "indikator", "panduan", "sumber"
            )
        ),
        "kompetensi": list(
            kerangka.kompetensi.order_by("kode").values_list(
                "kode", "nama", "jenis", "deskripsi", "level", "sumber"
            )
        ),
        "standar": sorted(kerangka.standar_kompetensi.values_list("jabatan_id", "kompetensi__kode", "level")),
        "kriteria": list(
            kerangka.kriteria_lokal.order_by("kode").values_list(
                "kode", "nama", "deskripsi", "indikator", "panduan_skor", "urutan", "sumber"
            )
        ),
        "aturan": list(
            kerangka.aturan.order_by("bagian", "kunci").values_list(
                "bagian", "kunci", "data", "urutan", "sumber"
            )
        ),
    }


def ids(kerangka: Kerangka) -> set[tuple[str, int]]:
    return {
        (name, pk)
        for name in ["nilai_perilaku", "kompetensi", "standar_kompetensi", "kriteria_lokal", "aturan"]
        for pk in getattr(kerangka, name).values_list("pk", flat=True)
    }


# --- kerangka_start ------------------------------------------------------------------------------------------


def test_the_first_framework_of_an_instansi_is_seeded_from_the_defaults(cast, seq):
    lembah = instansi(LEMBAH)

    kerangka = services.kerangka_start(actor=cast.outsider, instansi=lembah, tahun=YEAR)

    kerangka = fresh(kerangka)
    assert (kerangka.versi, kerangka.status, kerangka.asal, kerangka.berlaku_mulai) == (
        1,
        "draft",
        None,
        None,
    )
    assert kerangka.tenggat_skp == d(1, 31)
    assert kerangka.skema_periode == lembah.skema_periode
    nilai = list(kerangka.nilai_perilaku.all())
    assert [n.kode for n in nilai] == list(rules.BERAKHLAK)
    assert all(n.indikator and n.sumber == defaults.SE_20_2021 for n in nilai)
    kompetensi = list(kerangka.kompetensi.all())
    assert len(kompetensi) == 9
    assert {k.jenis for k in kompetensi} == {JenisKompetensi.MANAJERIAL, JenisKompetensi.SOSIAL_KULTURAL}
    assert all(rules.check_levels(k.level) == [] and k.sumber == defaults.PERMEN_38_2017 for k in kompetensi)
    assert [k.kode for k in kerangka.kriteria_lokal.all()] == [
        "efisiensi",
        "efektivitas",
        "inovasi",
        "disiplin",
        "kolaborasi",
    ]
    assert all(k.panduan_skor == defaults.PANDUAN_SKOR for k in kerangka.kriteria_lokal.all())
    for bagian in Bagian.values:
        assert rows_of(kerangka, bagian) == [data for _k, data, _s in defaults.ATURAN[bagian]], bagian
    assert all(a.sumber for a in kerangka.aturan.all())
    assert not kerangka.standar_kompetensi.exists()
    assert services.validate_kerangka(kerangka) == {}
    event = one_event(seq, "criteria.kerangka.start", cast.outsider, kerangka)
    assert event.changes == {"tahun": [None, YEAR], "versi": [None, 1], "asal": [None, "bawaan"]}
    assert event.instansi_id == lembah.pk


def test_the_kunci_of_every_default_rule_is_the_key_the_services_derive_from_its_data():
    for bagian, rows in defaults.ATURAN.items():
        for kunci, data, _sumber in rows:
            assert services.KEYS[bagian](data) == kunci, (bagian, kunci)


def test_a_second_version_of_the_year_is_a_copy_of_the_latest_with_new_ids(cast, seq):
    v1 = published_v1()

    v2 = start(cast)

    assert (v2.tahun, v2.versi, v2.asal_id, v2.status) == (YEAR, 2, v1.pk, "draft")
    assert content(v2) == content(v1)
    assert fresh(v2).tenggat_skp == v1.tenggat_skp
    assert v2.standar_kompetensi.count() == v1.standar_kompetensi.count() > 0
    assert not v2.standar_kompetensi.exclude(kompetensi__kerangka=v2).exists()
    assert ids(v2).isdisjoint(ids(v1))
    assert all(diff.empty for diff in selectors.compare(v1, v2))
    event = one_event(seq, "criteria.kerangka.start", cast.admin_bkpsdm, v2)
    assert event.changes["asal"] == [None, str(v1)]


def test_a_version_copies_the_latest_published_one_of_the_year(cast):
    v2 = start(cast)
    services.kerangka_update_settings(actor=cast.admin_bkpsdm, kerangka=v2, ambang_anonim_360=4)
    publish(cast, v2, d(7, 1), "Perubahan")

    v3 = start(cast)

    assert (v3.versi, v3.asal_id, fresh(v3).ambang_anonim_360) == (3, v2.pk, 4)


def test_a_new_year_starts_as_a_copy_of_the_last_published_year(cast, draft):
    v1 = published_v1()

    draft = fresh(draft)
    assert (draft.tahun, draft.versi, draft.asal_id) == (NEXT, 1, v1.pk)
    assert content(draft) == content(v1)
    assert draft.tenggat_skp == v1.tenggat_skp.replace(year=NEXT)
    assert ids(draft).isdisjoint(ids(v1))


def test_a_new_year_copies_the_last_published_version_not_a_later_draft(cast):
    v2 = start(cast)
    services.kerangka_update_settings(actor=cast.admin_bkpsdm, kerangka=v2, ambang_anonim_360=9)
    publish(cast, v2, d(3, 1), "Perubahan")
    v3 = start(cast)
    services.kerangka_update_settings(actor=cast.admin_bkpsdm, kerangka=v3, ambang_anonim_360=7)

    nxt = start(cast, NEXT)

    assert (nxt.asal_id, fresh(nxt).ambang_anonim_360) == (v2.pk, 9)


def test_a_copied_framework_can_have_its_settings_changed_in_the_new_year(cast, draft):
    services.kerangka_update_settings(actor=cast.admin_bkpsdm, kerangka=draft, jumlah_rekan_maks=6)

    assert fresh(draft).jumlah_rekan_maks == 6


def test_only_one_draft_per_year(cast, draft):
    with refused("tahun", _("There is already a draft for %(year)s; edit or discard it.") % {"year": NEXT}):
        start(cast, NEXT)


@pytest.mark.parametrize("tahun", [1999, 2101])
def test_kerangka_start_refuses_an_implausible_year(cast, tahun):
    with refused("tahun"):
        start(cast, tahun)


def test_discarding_a_draft_removes_it_with_its_content_and_records_it(cast, draft, seq):
    pk = draft.pk

    services.kerangka_discard(actor=cast.admin_bkpsdm, kerangka=draft)

    assert not Kerangka.objects.filter(pk=pk).exists()
    for model in [NilaiPerilaku, Kompetensi, StandarKompetensi, KriteriaLokal, Aturan]:
        assert not model.objects.filter(kerangka_id=pk).exists()
    event = AuditEvent.objects.get(seq=seq + 1)
    assert (event.action, event.object_id, event.changes) == (
        "criteria.kerangka.discard",
        str(pk),
        {"status": ["draft", None]},
    )
    assert start(cast, NEXT).versi == 1  # the year can start again


# --- editing a published version -----------------------------------------------------------------------------


def _kompetensi(k: Kerangka) -> Kompetensi:
    return k.kompetensi.get(kode="integritas")


def with_teknis(k: Kerangka) -> Kerangka:
    """Give the version a technical competency "tk" (the only kind that may be deleted)."""
    Kompetensi.objects.create(kerangka=k, kode="tk", nama="Teknis", jenis="teknis", level=FIVE)
    return k


EDITS = {
    "kerangka_update_settings": lambda actor, k: services.kerangka_update_settings(
        actor=actor, kerangka=k, ambang_anonim_360=5
    ),
    "aturan_replace": lambda actor, k: services.aturan_replace(
        actor=actor, kerangka=k, bagian="perspektif", rows=[{"kode": "x", "nama": "X"}]
    ),
    "nilai_perilaku_set_guidance": lambda actor, k: services.nilai_perilaku_set_guidance(
        actor=actor, kerangka=k, guidance={"loyal": "Panduan"}
    ),
    "kompetensi_save": lambda actor, k: services.kompetensi_save(
        actor=actor, kerangka=k, kode="teknis_baru", nama="Teknis", jenis="teknis", level=FIVE
    ),
    "kompetensi_delete": lambda actor, k: services.kompetensi_delete(
        actor=actor, kerangka=k, kompetensi=k.kompetensi.get(kode="tk")
    ),
    "standar_set": lambda actor, k: services.standar_set(
        actor=actor, kerangka=k, items=[(jabatan_with_standar(k), _kompetensi(k), 5)]
    ),
    "kriteria_lokal_save": lambda actor, k: services.kriteria_lokal_save(
        actor=actor, kerangka=k, kode="baru", nama="Baru", indikator=["a"], panduan_skor={"1": "a"}
    ),
    "kriteria_lokal_delete": lambda actor, k: services.kriteria_lokal_delete(
        actor=actor, kerangka=k, kriteria=k.kriteria_lokal.get(kode="inovasi")
    ),
    "kerangka_publish": lambda actor, k: services.kerangka_publish(
        actor=actor, kerangka=k, berlaku_mulai=d(7, 1, k.tahun), alasan="Lagi"
    ),
    "kerangka_discard": lambda actor, k: services.kerangka_discard(actor=actor, kerangka=k),
}


@pytest.mark.parametrize("service", EDITS)
def test_a_published_version_cannot_be_edited(cast, service):
    kerangka = with_teknis(published_v1())

    with refused(message=_(PUBLISHED_REFUSAL)):
        EDITS[service](cast.admin_bkpsdm, kerangka)
    assert fresh(kerangka).status == StatusKerangka.PUBLISHED


# --- permissions ---------------------------------------------------------------------------------------------

NOT_ADMINS = ["pegawai", "atasan", "tim_penilai", "auditor", "admin_pd", "outsider"]


@pytest.mark.parametrize("role", NOT_ADMINS)
def test_only_admin_bkpsdm_of_the_instansi_may_start_a_draft(cast, role):
    with denied():
        services.kerangka_start(actor=getattr(cast, role), instansi=instansi(), tahun=NEXT)


@pytest.mark.parametrize("service", EDITS)
@pytest.mark.parametrize("role", NOT_ADMINS)
def test_only_admin_bkpsdm_of_the_instansi_may_edit_a_draft(cast, draft, role, service):
    with_teknis(draft)

    with denied():
        EDITS[service](getattr(cast, role), draft)


@pytest.mark.parametrize("service", EDITS)
def test_the_superuser_may_do_everything(cast, draft, service, seq):
    EDITS[service](cast.superuser, with_teknis(draft))

    assert AuditEvent.objects.filter(seq__gt=seq, actor=cast.superuser).count() == 1


def test_an_admin_bkpsdm_cannot_edit_the_framework_of_another_instansi(cast):
    lembah = services.kerangka_start(actor=cast.outsider, instansi=instansi(LEMBAH), tahun=YEAR)

    with denied():
        services.kerangka_update_settings(actor=cast.admin_bkpsdm, kerangka=lembah, ambang_anonim_360=5)
    with denied():
        services.kerangka_start(actor=cast.admin_bkpsdm, instansi=instansi(LEMBAH), tahun=NEXT)


def test_anonymous_cannot_start_a_draft(cast):
    from django.contrib.auth.models import AnonymousUser

    with denied():
        services.kerangka_start(actor=AnonymousUser(), instansi=instansi(), tahun=NEXT)


# --- settings ------------------------------------------------------------------------------------------------


def test_kerangka_update_settings_records_before_and_after(cast, draft, seq):
    services.kerangka_update_settings(
        actor=cast.admin_bkpsdm, kerangka=draft, ambang_anonim_360=5, skema_periode="semesteran"
    )

    draft = fresh(draft)
    assert (draft.ambang_anonim_360, draft.skema_periode) == (5, "semesteran")
    event = one_event(seq, "criteria.kerangka.settings", cast.admin_bkpsdm, draft)
    assert event.changes == {"ambang_anonim_360": [3, 5], "skema_periode": ["triwulanan", "semesteran"]}


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"tenggat_skp": d(12, 31)}, "tenggat_skp"),
        ({"jumlah_rekan_min": 6, "jumlah_rekan_maks": 5}, "jumlah_rekan_min"),
        ({"ambang_anonim_360": 1}, "ambang_anonim_360"),
        ({"promosi_predikat_minimal": "istimewa"}, "promosi_predikat_minimal"),
        ({"skema_periode": "harian"}, "skema_periode"),
    ],
)
def test_kerangka_update_settings_refuses_bad_values(cast, draft, values, field):
    with refused(field):
        services.kerangka_update_settings(actor=cast.admin_bkpsdm, kerangka=draft, **values)


def test_kerangka_update_settings_rejects_fields_it_does_not_manage(cast, draft):
    with pytest.raises(TypeError):
        services.kerangka_update_settings(actor=cast.admin_bkpsdm, kerangka=draft, status="published")


# --- rule sections -------------------------------------------------------------------------------------------


def test_aturan_replace_replaces_a_section_and_records_added_changed_and_removed_rows(cast, draft, seq):
    rows = rows_of(draft, "ak_koefisien")
    old_pertama = dict(rows[0])
    rows[0] = {"jenjang": "ahli_pertama", "koefisien": "15"}
    removed = rows.pop()  # penyelia

    services.aturan_replace(
        actor=cast.admin_bkpsdm, kerangka=draft, bagian="ak_koefisien", rows=rows, reason="PermenPANRB baru"
    )

    assert rows_of(draft, "ak_koefisien") == rows
    sumber = dict(draft.aturan.filter(bagian="ak_koefisien").values_list("kunci", "sumber"))
    assert sumber["ahli_pertama"] == _("changed by the agency")
    assert sumber["ahli_madya"] == defaults.PERMEN_1_2023
    event = one_event(seq, "criteria.aturan.ak_koefisien", cast.admin_bkpsdm, draft)
    assert event.changes == {"ahli_pertama": [old_pertama, rows[0]], "penyelia": [removed, None]}
    assert event.reason == "PermenPANRB baru"
    assert audit.verify_chain() is None


@pytest.mark.parametrize("bagian", Bagian.values)
def test_replacing_a_section_with_its_own_rows_changes_nothing(cast, draft, seq, bagian):
    before = list(
        draft.aturan.filter(bagian=bagian).order_by("urutan").values_list("kunci", "data", "sumber")
    )

    services.aturan_replace(
        actor=cast.admin_bkpsdm, kerangka=draft, bagian=bagian, rows=rows_of(draft, bagian)
    )

    after = list(draft.aturan.filter(bagian=bagian).order_by("urutan").values_list("kunci", "data", "sumber"))
    assert after == before
    assert AuditEvent.objects.get(seq=seq + 1).changes == {}


def test_aturan_replace_refuses_overlapping_rating_thresholds(cast, draft):
    rows = rows_of(draft, "rating")
    rows[0]["max"] = 95
    with refused(
        "rows",
        _("The bands %(a)s and %(b)s overlap.") % {"a": "Di bawah ekspektasi", "b": "Sesuai ekspektasi"},
    ):
        services.aturan_replace(actor=cast.admin_bkpsdm, kerangka=draft, bagian="rating", rows=rows)


def test_aturan_replace_refuses_rating_thresholds_with_a_gap(cast, draft):
    rows = rows_of(draft, "rating")
    rows[1]["max"] = 100
    with refused(
        "rows",
        _("There is a gap between %(a)s and %(b)s.") % {"a": "Sesuai ekspektasi", "b": "Di atas ekspektasi"},
    ):
        services.aturan_replace(actor=cast.admin_bkpsdm, kerangka=draft, bagian="rating", rows=rows)


def test_aturan_replace_refuses_distribution_minimums_above_100_percent(cast, draft):
    rows = rows_of(draft, "distribusi")
    rows.append({"organisasi": "kurang", "predikat": ["sangat_kurang"], "jenis": "min", "persen": 40})
    message = _("The minimums for organisation predikat %(org)s add up to %(total)s%%, more than 100%%.") % {
        "org": "Kurang",
        "total": 110,
    }
    with refused("rows", message):
        services.aturan_replace(actor=cast.admin_bkpsdm, kerangka=draft, bagian="distribusi", rows=rows)


def test_aturan_replace_refuses_a_negative_koefisien(cast, draft):
    rows = rows_of(draft, "ak_koefisien")
    rows[2]["koefisien"] = "-37.5"
    message = _("The coefficient of %(jenjang)s cannot be negative or empty.") % {"jenjang": "Ahli Madya"}
    with refused("rows", message):
        services.aturan_replace(actor=cast.admin_bkpsdm, kerangka=draft, bagian="ak_koefisien", rows=rows)


def test_aturan_replace_refuses_two_rows_for_the_same_thing(cast, draft):
    rows = rows_of(draft, "ak_koefisien")
    rows.append(dict(rows[0]))
    with refused("rows", _("Two rows describe the same thing.")):
        services.aturan_replace(actor=cast.admin_bkpsdm, kerangka=draft, bagian="ak_koefisien", rows=rows)


def test_aturan_replace_refuses_an_unknown_section(cast, draft):
    with refused("bagian", _("Unknown section.")):
        services.aturan_replace(actor=cast.admin_bkpsdm, kerangka=draft, bagian="gaji", rows=[])


# --- BerAKHLAK guidance --------------------------------------------------------------------------------------


def test_guidance_is_added_to_the_national_values_and_recorded(cast, draft, seq):
    services.nilai_perilaku_set_guidance(
        actor=cast.admin_bkpsdm, kerangka=draft, guidance={"loyal": "  Hadir upacara  ", "tidak_ada": "x"}
    )

    assert dict(draft.nilai_perilaku.values_list("kode", "panduan"))["loyal"] == "Hadir upacara"
    assert draft.nilai_perilaku.count() == 7
    event = one_event(seq, "criteria.perilaku.guidance", cast.admin_bkpsdm, draft)
    assert event.changes == {"loyal": ["", "Hadir upacara"]}


@pytest.mark.parametrize("missing", rules.BERAKHLAK)
def test_a_framework_without_one_of_the_seven_berakhlak_values_cannot_be_published(cast, draft, missing):
    NilaiPerilaku.objects.filter(kerangka=draft, kode=missing).delete()
    message = _("The seven BerAKHLAK values are national and cannot be removed; missing: %(codes)s.") % {
        "codes": missing
    }

    with refused("__all__", f"perilaku: {message}"):
        publish(cast, draft, d(1, 1, NEXT))
    assert fresh(draft).status == StatusKerangka.DRAFT


# --- competencies --------------------------------------------------------------------------------------------


def save_kompetensi(cast, draft, **values):
    """Admin BKPSDM saves a competency: by default a technical "teknis_x" described at every level."""
    arguments = {"kode": "teknis_x", "nama": "Teknis X", "jenis": "teknis", "level": FIVE, **values}
    return services.kompetensi_save(actor=cast.admin_bkpsdm, kerangka=draft, **arguments)


def test_kompetensi_save_adds_a_technical_competency_and_records_it(cast, draft, seq):
    kompetensi = services.kompetensi_save(
        actor=cast.admin_bkpsdm,
        kerangka=draft,
        kode=" Imunisasi ",
        nama=" Pengelolaan Imunisasi ",
        jenis="teknis",
        level={i: f"  L{i} " for i in range(1, 6)},
    )

    kompetensi.refresh_from_db()
    assert (kompetensi.kode, kompetensi.nama, kompetensi.level["3"]) == (
        "imunisasi",
        "Pengelolaan Imunisasi",
        "L3",
    )
    assert kompetensi.sumber == _("added by the agency")
    event = one_event(seq, "criteria.kompetensi.save", cast.admin_bkpsdm, kompetensi)
    assert event.changes["nama"] == [None, "Pengelolaan Imunisasi"]
    assert event.changes["level"] == [None, {str(i): f"L{i}" for i in range(1, 6)}]


def test_kompetensi_save_updates_a_competency_by_code_recording_only_the_change(cast, draft, seq):
    integritas = draft.kompetensi.get(kode="integritas")
    level = {**integritas.level, "5": "Teladan integritas"}

    save_kompetensi(cast, draft, kode="integritas", nama="Integritas", jenis="manajerial", level=level)

    integritas.refresh_from_db()
    assert integritas.level["5"] == "Teladan integritas"
    assert draft.kompetensi.filter(kode="integritas").count() == 1
    event = one_event(seq, "criteria.kompetensi.save", cast.admin_bkpsdm, integritas)
    assert list(event.changes) == ["level"]
    assert event.changes["level"][1]["5"] == "Teladan integritas"


@pytest.mark.parametrize(
    "level",
    [
        {**FIVE, "0": "Nol"},
        {**FIVE, "6": "Enam"},
        {k: v for k, v in FIVE.items() if k != "5"},
        {**FIVE, "2": "  "},
        {},
    ],
)
def test_kompetensi_save_refuses_levels_outside_1_to_5_or_undescribed(cast, draft, level):
    expected = rules.check_levels({str(k): str(v).strip() for k, v in level.items()})
    with refused("level", expected[0]):
        save_kompetensi(cast, draft, level=level)


def test_kompetensi_save_refuses_changing_the_type_of_a_national_competency(cast, draft):
    with refused("jenis"):
        save_kompetensi(cast, draft, kode="integritas", nama="Integritas")


@pytest.mark.parametrize(("kode", "jenis", "field"), [("  ", "teknis", "kode"), ("x", "rahasia", "jenis")])
def test_kompetensi_save_refuses_a_missing_code_or_unknown_type(cast, draft, kode, jenis, field):
    with refused(field):
        save_kompetensi(cast, draft, kode=kode, nama="X", jenis=jenis)


def test_kompetensi_delete_removes_a_technical_competency_with_its_standar(cast, draft, seq):
    kompetensi = save_kompetensi(cast, draft, kode="tk", nama="Teknis")
    services.standar_set(
        actor=cast.admin_bkpsdm, kerangka=draft, items=[(jabatan_with_standar(draft), kompetensi, 2)]
    )
    seq = last_seq()

    services.kompetensi_delete(
        actor=cast.admin_bkpsdm, kerangka=draft, kompetensi=Kompetensi.objects.get(pk=kompetensi.pk)
    )

    assert not Kompetensi.objects.filter(pk=kompetensi.pk).exists()
    assert not StandarKompetensi.objects.filter(kompetensi_id=kompetensi.pk).exists()
    event = one_event(seq, "criteria.kompetensi.delete", cast.admin_bkpsdm, kompetensi)
    assert event.changes == {"kode": ["tk", None]}


def test_kompetensi_delete_refuses_a_national_competency(cast, draft):
    with refused(message=_("Managerial and socio-cultural competencies are national and cannot be removed.")):
        services.kompetensi_delete(actor=cast.admin_bkpsdm, kerangka=draft, kompetensi=_kompetensi(draft))


def test_kompetensi_delete_refuses_a_competency_of_another_version(cast, draft):
    other = Kompetensi.objects.create(
        kerangka=published_v1(), kode="tk", nama="T", jenis="teknis", level=FIVE
    )
    with refused(message=_("This competency belongs to another version.")):
        services.kompetensi_delete(actor=cast.admin_bkpsdm, kerangka=draft, kompetensi=other)


# --- standar kompetensi --------------------------------------------------------------------------------------


def test_standar_set_creates_changes_and_removes_required_levels_and_records_them(cast, draft, seq):
    jabatan = jabatan_with_standar(draft)
    current = draft.standar_kompetensi.filter(jabatan=jabatan).select_related("kompetensi").order_by("pk")
    changed, removed = current[0], current[1]
    teknis = Kompetensi.objects.create(kerangka=draft, kode="tk", nama="T", jenis="teknis", level=FIVE)
    new_level = 5 if changed.level != 5 else 4

    count = services.standar_set(
        actor=cast.admin_bkpsdm,
        kerangka=draft,
        items=[
            (jabatan, changed.kompetensi, str(new_level)),
            (jabatan, removed.kompetensi, None),
            (jabatan, teknis, "3.0"),
        ],
        reason="Anjab baru",
    )

    assert count == 3
    levels = dict(draft.standar_kompetensi.filter(jabatan=jabatan).values_list("kompetensi__kode", "level"))
    assert levels[changed.kompetensi.kode] == new_level
    assert removed.kompetensi.kode not in levels
    assert levels["tk"] == 3
    event = one_event(seq, "criteria.standar.set", cast.admin_bkpsdm, draft)
    assert event.changes == {
        f"{jabatan.pk}:{changed.kompetensi.kode}": [changed.level, new_level],
        f"{jabatan.pk}:{removed.kompetensi.kode}": [removed.level, None],
        f"{jabatan.pk}:tk": [None, 3],
    }
    assert event.reason == "Anjab baru"


def test_standar_set_with_unchanged_levels_changes_nothing(cast, draft):
    standar = draft.standar_kompetensi.select_related("jabatan", "kompetensi").first()

    assert (
        services.standar_set(
            actor=cast.admin_bkpsdm,
            kerangka=draft,
            items=[(standar.jabatan, standar.kompetensi, standar.level)],
        )
        == 0
    )


@pytest.mark.parametrize("level", [0, 6, -1, 2.5, "tiga", "", True])
def test_standar_set_refuses_a_level_outside_1_to_5(cast, draft, level):
    standar = draft.standar_kompetensi.select_related("jabatan", "kompetensi").first()
    message = _("A required competency level must be a whole number from 1 to 5, not %(value)s.") % {
        "value": level
    }
    with refused("level", message):
        services.standar_set(
            actor=cast.admin_bkpsdm, kerangka=draft, items=[(standar.jabatan, standar.kompetensi, level)]
        )


def test_standar_set_refuses_a_position_of_another_instansi(cast, draft):
    other = Jabatan.objects.filter(instansi__kode=LEMBAH).first()
    with refused("level", _("The position %(name)s belongs to another agency.") % {"name": other}):
        services.standar_set(actor=cast.admin_bkpsdm, kerangka=draft, items=[(other, _kompetensi(draft), 3)])


def test_standar_set_refuses_a_competency_of_another_version(cast, draft):
    other = _kompetensi(published_v1())
    with refused("level", _("The competency %(name)s belongs to another version.") % {"name": other}):
        services.standar_set(
            actor=cast.admin_bkpsdm, kerangka=draft, items=[(jabatan_with_standar(draft), other, 3)]
        )


# --- kriteria lokal ------------------------------------------------------------------------------------------


def test_kriteria_lokal_save_creates_and_updates_by_code_and_records_it(cast, draft, seq):
    kriteria = services.kriteria_lokal_save(
        actor=cast.admin_bkpsdm,
        kerangka=draft,
        kode=" Responsif ",
        nama="Responsif",
        indikator=[" Cepat menanggapi ", "  "],
        panduan_skor={1: "Lambat", 2: " ", "3": "Cepat"},
    )

    kriteria.refresh_from_db()
    assert (kriteria.kode, kriteria.indikator, kriteria.panduan_skor) == (
        "responsif",
        ["Cepat menanggapi"],
        {"1": "Lambat", "3": "Cepat"},
    )
    event = one_event(seq, "criteria.kriteria.save", cast.admin_bkpsdm, kriteria)
    assert event.changes["indikator"] == [None, ["Cepat menanggapi"]]

    seq = last_seq()
    services.kriteria_lokal_save(
        actor=cast.admin_bkpsdm,
        kerangka=draft,
        kode="responsif",
        nama="Responsif",
        indikator=["Cepat menanggapi"],
        panduan_skor={"1": "Lambat", "3": "Cepat"},
        urutan=9,
    )
    assert draft.kriteria_lokal.filter(kode="responsif").count() == 1
    assert one_event(seq, "criteria.kriteria.save", cast.admin_bkpsdm, kriteria).changes == {"urutan": [0, 9]}


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"kode": " "}, "kode"),
        ({"indikator": [" "]}, "indikator"),
        ({"panduan_skor": {}}, "panduan_skor"),
        ({"panduan_skor": {"a": "Baik"}}, "panduan_skor"),
    ],
)
def test_kriteria_lokal_save_refuses_incomplete_criteria(cast, draft, values, field):
    arguments = {"kode": "baru", "nama": "Baru", "indikator": ["a"], "panduan_skor": {"1": "a"}} | values
    with refused(field):
        services.kriteria_lokal_save(actor=cast.admin_bkpsdm, kerangka=draft, **arguments)


def test_kriteria_lokal_delete_removes_the_criterion_and_records_it(cast, draft, seq):
    inovasi = draft.kriteria_lokal.get(kode="inovasi")

    services.kriteria_lokal_delete(
        actor=cast.admin_bkpsdm, kerangka=draft, kriteria=KriteriaLokal.objects.get(pk=inovasi.pk)
    )

    assert not draft.kriteria_lokal.filter(kode="inovasi").exists()
    assert one_event(seq, "criteria.kriteria.delete", cast.admin_bkpsdm, inovasi).changes == {
        "kode": ["inovasi", None]
    }


def test_kriteria_lokal_delete_refuses_a_criterion_of_another_version(cast, draft):
    other = published_v1().kriteria_lokal.get(kode="inovasi")
    with refused(message=_("This criterion belongs to another version.")):
        services.kriteria_lokal_delete(actor=cast.admin_bkpsdm, kerangka=draft, kriteria=other)


# --- publishing ----------------------------------------------------------------------------------------------


def test_publishing_freezes_the_draft_and_records_it(cast, draft, seq):
    services.kerangka_publish(actor=cast.admin_bkpsdm, kerangka=draft, berlaku_mulai=d(1, 1, NEXT))

    draft = fresh(draft)
    assert (draft.status, draft.berlaku_mulai, draft.published_by, draft.alasan) == (
        "published",
        d(1, 1, NEXT),
        cast.admin_bkpsdm,
        "",
    )
    assert draft.published_at is not None
    event = one_event(seq, "criteria.kerangka.publish", cast.admin_bkpsdm, draft)
    assert event.changes == {
        "status": ["draft", "published"],
        "berlaku_mulai": [None, d(1, 1, NEXT).isoformat()],
    }


@pytest.mark.parametrize("when", [d(12, 31), d(1, 1, NEXT + 1)])
def test_publish_refuses_a_date_outside_the_year(cast, draft, when):
    with refused("berlaku_mulai", _("The date must fall within %(year)s.") % {"year": NEXT}):
        publish(cast, draft, when)


@pytest.mark.parametrize("alasan", ["", "   "])
def test_a_second_version_needs_a_reason(cast, alasan):
    v2 = start(cast)
    with refused("alasan", _("A change to a published framework needs a reason.")):
        publish(cast, v2, d(7, 1), alasan)


def test_a_second_version_cannot_take_effect_before_the_version_in_force(cast):
    v2 = start(cast)
    publish(cast, v2, d(7, 1), "Perubahan tengah tahun")
    v3 = start(cast)

    message = _("The new version cannot take effect before the version in force (%(date)s).") % {
        "date": f"1 Juli {YEAR}"
    }
    with refused("berlaku_mulai", message):
        publish(cast, v3, d(6, 30), "Koreksi")


def test_a_second_version_may_take_effect_the_same_day_and_keeps_its_reason(cast, seq):
    v2 = start(cast)

    publish(cast, v2, d(1, 1), "  Koreksi salah ketik  ")

    assert fresh(v2).alasan == "Koreksi salah ketik"
    event = AuditEvent.objects.get(seq__gt=seq, action="criteria.kerangka.publish")
    assert event.reason.strip() == "Koreksi salah ketik"


def test_publish_refuses_a_framework_whose_rule_tables_are_broken(cast, draft):
    Aturan.objects.filter(kerangka=draft, bagian="rating", kunci="sesuai").delete()
    Kompetensi.objects.filter(kerangka=draft, kode="integritas").update(level={"1": "a"})

    with refused("__all__") as excinfo:
        publish(cast, draft, d(1, 1, NEXT))
    messages = excinfo.value.message_dict["__all__"]
    assert any(m.startswith("rating: ") for m in messages)
    assert any(m.startswith("kompetensi: Integritas: ") for m in messages)


def test_validate_kerangka_of_the_demo_framework_is_clean():
    assert services.validate_kerangka(published_v1()) == {}


# --- acknowledgement -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["pegawai", "atasan", "kepala_dinas"])
def test_a_pegawai_acknowledges_the_published_framework_once(cast, seq, role):
    actor = getattr(cast, role)
    kerangka = published_v1()

    pengakuan = services.kerangka_acknowledge(actor=actor, kerangka=kerangka)

    assert (pengakuan.kerangka, pengakuan.pegawai_id) == (kerangka, actor.pegawai_id)
    assert selectors.has_acknowledged(kerangka, actor.pegawai_id)
    event = one_event(seq, "criteria.kerangka.acknowledge", actor, kerangka)
    assert event.pegawai_id == actor.pegawai_id
    with refused(message=_("You have already acknowledged this version.")):
        services.kerangka_acknowledge(actor=actor, kerangka=kerangka)
    assert Pengakuan.objects.filter(kerangka=kerangka, pegawai_id=actor.pegawai_id).count() == 1


def test_a_draft_cannot_be_acknowledged(cast, draft):
    with denied():
        services.kerangka_acknowledge(actor=cast.pegawai, kerangka=draft)


@pytest.mark.parametrize("role", ["admin_bkpsdm", "tim_penilai", "auditor", "outsider", "superuser"])
def test_only_pegawai_acknowledge(cast, role):
    with denied():
        services.kerangka_acknowledge(actor=getattr(cast, role), kerangka=published_v1())


def test_a_pegawai_of_another_instansi_cannot_acknowledge(cast):
    stranger = User.objects.filter(instansi__kode=LEMBAH, pegawai__isnull=False).first()
    with denied():
        services.kerangka_acknowledge(actor=stranger, kerangka=published_v1())
