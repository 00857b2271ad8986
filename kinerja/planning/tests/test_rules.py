"""The pure planning rules, exhaustively: workflow table, periods, spans, deadlines, numbers, submission, diffs."""

import datetime
import itertools
from decimal import Decimal
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.planning import rules

STATES = (rules.DRAFT, rules.DIAJUKAN, rules.DIKEMBALIKAN, rules.DISETUJUI, rules.REVISI)
ACTIONS = (rules.AJUKAN, rules.TARIK, rules.SETUJUI, rules.KEMBALIKAN, rules.USUL_REVISI)

# The whole workflow: (action, from) -> (to, by whom); everything else is refused.
ALLOWED = {
    (rules.AJUKAN, rules.DRAFT): (rules.DIAJUKAN, rules.PEGAWAI),
    (rules.AJUKAN, rules.DIKEMBALIKAN): (rules.DIAJUKAN, rules.PEGAWAI),
    (rules.AJUKAN, rules.REVISI): (rules.DIAJUKAN, rules.PEGAWAI),
    (rules.TARIK, rules.DIAJUKAN): (rules.DRAFT, rules.PEGAWAI),
    (rules.SETUJUI, rules.DIAJUKAN): (rules.DISETUJUI, rules.PENILAI),
    (rules.KEMBALIKAN, rules.DIAJUKAN): (rules.DIKEMBALIKAN, rules.PENILAI),
    (rules.USUL_REVISI, rules.DISETUJUI): (rules.REVISI, rules.PEGAWAI),
}
# Withdrawing goes back to a draft for an SKP never approved (see the revision case below).
NEVER_APPROVED = SimpleNamespace(versi=0)


def actions_from(source: str, by: str) -> list[str]:
    return [t.action for t in rules.WORKFLOW.transitions_from(source) if t.by == by]


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("source", STATES)
def test_the_workflow_allows_exactly_the_listed_transitions(action, source):
    transition = rules.WORKFLOW.transition_for(action, source)
    if (action, source) in ALLOWED:
        assert (transition.target_for(NEVER_APPROVED), transition.by) == ALLOWED[(action, source)]
    else:
        assert transition is None


def test_returning_and_revising_need_a_reason_the_rest_do_not():
    assert {t.action for t in rules.WORKFLOW.transitions if t.needs_reason} == {
        rules.KEMBALIKAN,
        rules.USUL_REVISI,
    }


def test_actions_by_role():
    assert actions_from(rules.DIAJUKAN, rules.PENILAI) == [rules.SETUJUI, rules.KEMBALIKAN]
    assert actions_from(rules.DIAJUKAN, rules.PEGAWAI) == [rules.TARIK]
    assert actions_from(rules.DISETUJUI, rules.PENILAI) == []


def test_withdrawing_goes_back_to_revision_once_approved():
    assert rules.withdrawn_target(0) == rules.DRAFT
    assert rules.withdrawn_target(2) == rules.REVISI


def test_editable_states():
    assert frozenset({rules.DRAFT, rules.DIKEMBALIKAN, rules.REVISI}) == rules.EDITABLE


# Periods ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("skema", "count"), [("bulanan", 12), ("triwulanan", 4), ("semesteran", 2)])
@pytest.mark.parametrize("year", [2024, 2025, 2026, 2100])
def test_periods_cover_the_year_without_gaps_or_overlaps(skema, count, year):
    periods = rules.periods(year, skema)
    assert len(periods) == count
    assert periods[0].mulai == datetime.date(year, 1, 1)
    assert periods[-1].selesai == datetime.date(year, 12, 31)
    for before, after in itertools.pairwise(periods):
        assert after.mulai == before.selesai + datetime.timedelta(days=1)
    assert [p.nomor for p in periods] == list(range(1, count + 1))
    assert periods[-1].nama.endswith("(Akhir)")


def test_period_names_and_leap_february():
    assert [p.nama for p in rules.periods(2026, "triwulanan")] == [
        "Triwulan I",
        "Triwulan II",
        "Triwulan III",
        "Triwulan IV (Akhir)",
    ]
    assert [p.nama for p in rules.periods(2026, "semesteran")] == ["Semester I", "Semester II (Akhir)"]
    months = rules.periods(2024, "bulanan")
    assert months[1].nama == "Februari" and months[1].selesai == datetime.date(2024, 2, 29)
    assert rules.periods(2026, "triwulanan")[0].tenggat(10) == datetime.date(2026, 4, 10)


def test_an_unknown_scheme_is_an_error():
    with pytest.raises(ValueError):
        rules.periods(2026, "mingguan")


# The span and the deadline of an SKP ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ((2020, 5, 1), None, ((2026, 1, 1), (2026, 12, 31))),
        ((2026, 7, 1), None, ((2026, 7, 1), (2026, 12, 31))),
        ((2020, 5, 1), (2026, 6, 30), ((2026, 1, 1), (2026, 6, 30))),
        ((2026, 3, 1), (2026, 3, 31), ((2026, 3, 1), (2026, 3, 31))),
        ((2020, 1, 1), (2025, 12, 31), None),
        ((2027, 1, 1), None, None),
    ],
)
def test_skp_span_is_the_assignment_inside_the_year(start, end, expected):
    span = rules.skp_span(2026, datetime.date(*start), datetime.date(*end) if end else None)
    if expected is None:
        assert span is None
    else:
        assert span == (datetime.date(*expected[0]), datetime.date(*expected[1]))


def test_deadline_is_the_years_later_for_late_starters_and_extensions_win():
    year_deadline = datetime.date(2026, 1, 31)
    assert rules.skp_deadline(
        year_deadline=year_deadline, mulai=datetime.date(2026, 1, 1), days_for_late_start=30
    ) == (year_deadline)
    assert rules.skp_deadline(
        year_deadline=year_deadline, mulai=datetime.date(2026, 7, 1), days_for_late_start=30
    ) == datetime.date(2026, 7, 31)
    assert rules.skp_deadline(
        year_deadline=year_deadline,
        mulai=datetime.date(2026, 1, 1),
        days_for_late_start=30,
        extension=datetime.date(2026, 3, 15),
    ) == datetime.date(2026, 3, 15)
    # An extension never shortens the time a pegawai has.
    assert rules.skp_deadline(
        year_deadline=year_deadline,
        mulai=datetime.date(2026, 7, 1),
        days_for_late_start=30,
        extension=datetime.date(2026, 2, 1),
    ) == datetime.date(2026, 7, 31)


# Numbers ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("100", "100"),
        ("92,5", "92.5"),
        ("1.250", "1250"),
        ("1.250,75", "1250.75"),
        ("12.345.678", "12345678"),
        ("85.5", "85.5"),
        ("0.250", "0.250"),
        ("1.25", "1.25"),
        (" 90 % ", "90"),
        ("-3", "-3"),
        ("+7", "7"),
        ("1 000", "1000"),
        (12, "12"),
        (Decimal("3.5"), "3.5"),
        (2.5, "2.5"),
    ],
)
def test_numbers_are_read_as_indonesians_write_them(typed, number):
    assert rules.parse_angka(typed) == Decimal(number)


@pytest.mark.parametrize(
    "typed", ["", "abc", "1,2,3", "1.2.3", "1.25,5", "Rp", "12a", "--1", ",", ".", "NaN", "Infinity", True]
)
def test_what_is_not_a_number_is_refused(typed):
    with pytest.raises(rules.NotANumber):
        rules.parse_angka(typed)


@pytest.mark.parametrize(
    ("value", "printed"),
    [
        (Decimal("1250.50"), "1.250,5"),
        (Decimal("100.00"), "100"),
        (Decimal("1234567"), "1.234.567"),
        (Decimal("0.25"), "0,25"),
        (Decimal("-1500"), "-1.500"),
        (None, ""),
        (12, "12"),
    ],
)
def test_numbers_are_printed_the_indonesian_way(value, printed):
    assert rules.format_angka(value) == printed


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False, allow_infinity=False))
def test_printing_then_reading_gives_the_number_back(value):
    assert rules.parse_angka(rules.format_angka(value)) == value


# Submission -------------------------------------------------------------------------------------------------


def rhk(nomor, jenis="utama", indikator=1, atasan=10, perspektif=""):
    return rules.RHKCheck(
        nomor=nomor, jenis=jenis, indikator=indikator, rhk_atasan_id=atasan, perspektif=perspektif
    )


def problems(rows, *, has_penilai=True, ids=frozenset({10, 11}), jpt=False, perspektif=frozenset()):
    return rules.submission_problems(
        rows, has_penilai=has_penilai, penilai_rhk_ids=set(ids), jpt=jpt, perspektif=set(perspektif)
    )


def test_a_complete_skp_has_no_problems():
    assert problems([rhk("U1"), rhk("U2", atasan=11), rhk("T1", jenis="tambahan", atasan=None)]) == []


def test_no_rhk_at_all_or_only_tambahan_needs_an_utama():
    assert problems([]) == ["SKP harus memiliki sedikitnya satu Rencana Hasil Kerja (RHK) utama."]
    assert len(problems([rhk("T1", jenis="tambahan", atasan=None)])) == 1


def test_each_rhk_needs_an_indikator():
    assert problems([rhk("U1", indikator=0), rhk("T1", jenis="tambahan", indikator=0, atasan=None)]) == [
        "RHK U1 belum memiliki indikator kinerja individu.",
        "RHK T1 belum memiliki indikator kinerja individu.",
    ]


def test_utama_rhk_must_support_an_rhk_of_the_penilai():
    assert problems([rhk("U1", atasan=None)]) == [
        "RHK utama U1 belum menyebut RHK pimpinan yang diintervensi."
    ]
    assert problems([rhk("U1", atasan=99)]) == [
        "RHK utama U1 mendukung RHK yang bukan milik SKP pejabat penilai Anda tahun ini."
    ]


def test_without_a_penilai_no_cascade_is_needed():
    assert problems([rhk("U1", atasan=None)], has_penilai=False) == []


def test_jpt_utama_rhk_need_a_perspective():
    rows = [rhk("U1", perspektif="anggaran"), rhk("U2", perspektif="")]
    assert problems(rows, jpt=True, perspektif={"anggaran"}) == [
        "RHK utama U2 belum ditempatkan pada salah satu perspektif."
    ]


def test_rhk_numbers_count_utama_and_tambahan_separately():
    assert rules.rhk_numbers(["utama", "utama", "tambahan", "utama"]) == ["U1", "U2", "T1", "U3"]


# Comparing versions -----------------------------------------------------------------------------------------


def content(rhk=(), perilaku=(), lampiran=None):
    return {"rhk": list(rhk), "perilaku": list(perilaku), "lampiran": lampiran or {}}


def r(id, uraian, indikator=(), jenis="utama", atasan=""):
    return {
        "id": id,
        "nomor": "U1",
        "jenis": jenis,
        "uraian": uraian,
        "rhk_atasan": atasan,
        "indikator": list(indikator),
    }


def i(id, uraian, target="10 dokumen", aspek="kuantitas"):
    return {"id": id, "uraian": uraian, "aspek": aspek, "target": target}


def test_same_content_has_no_changes():
    c = content(
        [r(1, "A", [i(1, "x")])],
        [{"kode": "loyal", "nama": "Loyal", "ekspektasi": "e"}],
        {"konsekuensi": "k"},
    )
    assert rules.diff_versions(c, c) == []


def test_changes_are_matched_by_id():
    old = content([r(1, "A", [i(1, "x"), i(2, "y")]), r(2, "B")])
    new = content([r(1, "A baru", [i(1, "x", target="12 dokumen"), i(3, "z")]), r(3, "C")])
    found = {(c.bagian, c.jenis, c.sebelum, c.sesudah) for c in rules.diff_versions(old, new)}
    assert ("rhk", "diubah", "A", "A baru") in found
    assert (
        "indikator",
        "diubah",
        "x [kuantitas] target 10 dokumen",
        "x [kuantitas] target 12 dokumen",
    ) in found
    assert ("indikator", "ditambah", "", "z [kuantitas] target 10 dokumen") in found
    assert ("indikator", "dihapus", "y [kuantitas] target 10 dokumen", "") in found
    assert ("rhk", "dihapus", "B", "") in found
    assert ("rhk", "ditambah", "", "C") in found


def test_a_new_supported_rhk_and_expectations_and_lampiran_show_as_changes():
    old = content([r(1, "A")], [{"kode": "loyal", "nama": "Loyal", "ekspektasi": ""}], {"konsekuensi": ""})
    new = content(
        [r(1, "A", atasan="RHK kepala")],
        [{"kode": "loyal", "nama": "Loyal", "ekspektasi": "Jaga rahasia"}],
        {"konsekuensi": "Teguran"},
    )
    kinds = [(c.bagian, c.kunci) for c in rules.diff_versions(old, new)]
    assert kinds == [("rhk", "RHK U1"), ("perilaku", "Loyal"), ("lampiran", "konsekuensi")]
