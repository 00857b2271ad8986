"""Tests for kinerja.org.rules: NIP/NI PPPK parsing and golongan/pangkat normalisation (pure Python)."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.org.rules import (
    GOLONGAN_PNS,
    GRADE_PPPK,
    InvalidNip,
    NipInfo,
    format_nip,
    normalize_golongan,
    normalize_nip,
    pangkat_of,
    parse_nip,
)

# Every test pins "today" so that the suite does not change behaviour as the calendar moves.
TODAY = date(2025, 6, 15)


def nip(lahir: str, tmt: str, kelamin: str = "1", urut: str = "001") -> str:
    return f"{lahir}{tmt}{kelamin}{urut}"


def refused(value: str, status: str = "PNS", today: date = TODAY) -> str:
    with pytest.raises(InvalidNip) as excinfo:
        parse_nip(value, status, today=today)
    return str(excinfo.value)


# --- valid NIPs ------------------------------------------------------------------------------------


def test_a_valid_pns_nip_is_split_into_its_parts() -> None:
    info = parse_nip("198609262015051001", today=TODAY)
    assert info == NipInfo(
        nip="198609262015051001",
        tanggal_lahir=date(1986, 9, 26),
        tmt_tahun=2015,
        tmt_bulan=5,
        jenis_kelamin="L",
        nomor_urut=1,
    )


def test_gender_digit_two_is_read_as_perempuan() -> None:
    info = parse_nip("199203152019032045", today=TODAY)
    assert info.jenis_kelamin == "P"
    assert info.nomor_urut == 45
    assert info.tanggal_lahir == date(1992, 3, 15)
    assert (info.tmt_tahun, info.tmt_bulan) == (2019, 3)


def test_gender_digit_one_is_read_as_laki_laki() -> None:
    assert parse_nip("199203152019031045", today=TODAY).jenis_kelamin == "L"


def test_the_sequence_number_uses_all_three_last_digits() -> None:
    assert parse_nip("198609262015051999", today=TODAY).nomor_urut == 999


def test_status_defaults_to_pns() -> None:
    assert parse_nip("198609262015051001", today=TODAY).tmt_bulan == 5


def test_a_valid_pppk_number_has_a_tmt_year_but_no_month() -> None:
    info = parse_nip("199001012024242005", "PPPK", today=TODAY)
    assert info == NipInfo(
        nip="199001012024242005",
        tanggal_lahir=date(1990, 1, 1),
        tmt_tahun=2024,
        tmt_bulan=None,
        jenis_kelamin="P",
        nomor_urut=5,
    )


def test_pppk_contract_digits_are_not_read_as_a_month() -> None:
    value = "199001012024241005"
    assert parse_nip(value, "PPPK", today=TODAY).tmt_bulan is None
    assert "Bulan TMT" in refused(value, "PNS")


@pytest.mark.parametrize("kontrak", ["00", "01", "12", "13", "24", "99"])
def test_pppk_accepts_any_two_digit_contract_count(kontrak: str) -> None:
    info = parse_nip(nip("19900101", "2024" + kontrak), "PPPK", today=TODAY)
    assert info.tmt_tahun == 2024


@pytest.mark.parametrize("status", ["pns", "Pns", " PNS ", "PNS"])
def test_pns_status_is_case_insensitive(status: str) -> None:
    assert parse_nip("198609262015051001", status, today=TODAY).tmt_bulan == 5


@pytest.mark.parametrize("status", ["pppk", "Pppk", " PPPK\t", "PPPK"])
def test_pppk_status_is_case_insensitive(status: str) -> None:
    assert parse_nip("199001012024242005", status, today=TODAY).tmt_bulan is None


@pytest.mark.parametrize("status", ["", "CPNS", "honorer", "P3K", "PNS PPPK"])
def test_an_unknown_status_is_refused_with_a_value_error(status: str) -> None:
    with pytest.raises(ValueError, match="Status pegawai tidak dikenal"):
        parse_nip("198609262015051001", status, today=TODAY)


def test_invalid_nip_is_a_value_error() -> None:
    assert issubclass(InvalidNip, ValueError)


def test_nip_info_is_immutable() -> None:
    info = parse_nip("198609262015051001", today=TODAY)
    with pytest.raises(dataclasses.FrozenInstanceError):
        info.nip = "x"  # type: ignore[misc]


def test_today_defaults_to_the_real_date() -> None:
    assert parse_nip("198609262015051001").tanggal_lahir == date(1986, 9, 26)
    with pytest.raises(InvalidNip, match="masa depan"):
        parse_nip("299901012020011001")


# --- whitespace ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "19860926 201505 1 001",
        "  198609262015051001  ",
        "19860926\t201505\t1\t001",
        "19860926\u00a0201505\u00a01\u00a0001",
        "1986 0926 2015 0510 01",
        "19860926 201505 1 001\n",
        "1 9 8 6 0 9 2 6 2 0 1 5 0 5 1 0 0 1",
    ],
)
def test_whitespace_anywhere_in_the_nip_is_tolerated(value: str) -> None:
    info = parse_nip(value, today=TODAY)
    assert info.nip == "198609262015051001"
    assert info.tanggal_lahir == date(1986, 9, 26)


def test_normalize_nip_removes_spaces_tabs_and_non_breaking_spaces() -> None:
    assert normalize_nip(" 19860926\u00a0201505\t1 001\r\n") == "198609262015051001"


def test_normalize_nip_leaves_dots_and_dashes_alone() -> None:
    assert normalize_nip("19860926.201505-1 001") == "19860926.201505-1001"


# --- refusals: shape -------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["", " ", "\t \u00a0\n"])
def test_empty_input_is_refused_as_kosong(value: str) -> None:
    assert "NIP kosong" in refused(value)


@pytest.mark.parametrize(
    ("value", "offending"),
    [
        ("19860926-201505-1-001", "-"),
        ("19860926.201505.1.001", "."),
        ("1986O9262015051001", "O"),
        ("NIP198609262015051001", "N"),
        ("19860926201505100l", "l"),
        ("１98609262015051001", "１"),
        ("\u0661" + "98609262015051001", "\u0661"),
    ],
)
def test_non_digit_characters_are_refused_naming_the_first_one(value: str, offending: str) -> None:
    message = refused(value)
    assert "hanya boleh berisi angka" in message
    assert f"'{offending}'" in message


def test_the_non_digit_check_names_the_first_offender_not_a_later_one() -> None:
    message = refused("1986A926B015051001")
    assert "'A'" in message
    assert "'B'" not in message


@pytest.mark.parametrize("length", [1, 8, 15, 17, 19, 20, 36])
def test_wrong_length_is_refused_saying_how_many_digits_were_given(length: int) -> None:
    message = refused(("198609262015051001" * 3)[:length])
    assert f"yang diberikan {length} digit" in message
    assert "18 digit" in message


def test_a_valid_nip_with_an_extra_digit_is_refused_on_length() -> None:
    assert "19 digit" in refused("1986092620150510011")


# --- refusals: birth date --------------------------------------------------------------------------


def test_an_impossible_month_in_the_birth_date_is_refused_naming_the_date_part() -> None:
    message = refused(nip("19861332", "201505"))
    assert "Tanggal lahir" in message
    assert "19861332" in message
    assert "bulan 13" in message


@pytest.mark.parametrize("lahir", ["19860001", "19861301", "19869901"])
def test_birth_months_outside_01_to_12_are_refused(lahir: str) -> None:
    message = refused(nip(lahir, "201505"))
    assert "Tanggal lahir pada NIP tidak valid" in message
    assert lahir in message


@pytest.mark.parametrize("lahir", ["19860231", "19860431", "19860900", "19860132", "19861299"])
def test_birth_days_that_do_not_exist_in_their_month_are_refused(lahir: str) -> None:
    message = refused(nip(lahir, "201505"))
    assert "Tanggal lahir pada NIP tidak valid" in message
    assert f"tanggal {lahir[6:]}" in message
    assert lahir in message


def test_leap_day_is_accepted_in_a_leap_year() -> None:
    assert parse_nip(nip("19880229", "201001"), today=TODAY).tanggal_lahir == date(1988, 2, 29)


def test_leap_day_is_refused_in_a_common_year() -> None:
    message = refused(nip("19870229", "201001"))
    assert "tanggal 29" in message
    assert "19870229" in message


def test_leap_day_follows_the_century_rule() -> None:
    assert parse_nip(nip("20000229", "202401"), today=TODAY).tanggal_lahir == date(2000, 2, 29)
    assert "tanggal 29" in refused(nip("19000229", "192001"))


def test_birth_year_1900_is_the_earliest_accepted() -> None:
    assert parse_nip(nip("19000101", "191801"), today=TODAY).tanggal_lahir == date(1900, 1, 1)


@pytest.mark.parametrize("lahir", ["18991231", "18000101", "00010101", "10000101"])
def test_birth_years_before_1900_are_refused(lahir: str) -> None:
    message = refused(nip(lahir, "191801"))
    assert "Tahun lahir" in message
    assert "1900" in message
    assert lahir[:4] in message


def test_a_birth_date_after_today_is_refused_as_in_the_future() -> None:
    message = refused(nip("20250616", "202601"))
    assert "Tanggal lahir" in message
    assert "masa depan" in message
    assert "16 Juni 2025" in message


def test_a_birth_date_of_today_is_not_reported_as_in_the_future() -> None:
    message = refused(nip("20250615", "202601"))
    assert "Tanggal lahir" not in message
    assert "TMT" in message


# --- refusals: TMT ---------------------------------------------------------------------------------


@pytest.mark.parametrize("bulan", ["00", "13", "24", "99"])
def test_pns_tmt_month_outside_01_to_12_is_refused(bulan: str) -> None:
    message = refused(nip("19860926", "2015" + bulan))
    assert "Bulan TMT" in message
    assert bulan in message
    assert "01 sampai 12" in message


@pytest.mark.parametrize("bulan", [f"{m:02d}" for m in range(1, 13)])
def test_every_pns_tmt_month_from_01_to_12_is_accepted(bulan: str) -> None:
    assert parse_nip(nip("19860926", "2015" + bulan), today=TODAY).tmt_bulan == int(bulan)


@pytest.mark.parametrize("status", ["PNS", "PPPK"])
def test_tmt_year_before_the_birth_year_is_refused(status: str) -> None:
    message = refused(nip("19860926", "198501"), status)
    assert "Tahun TMT (1985) sebelum tahun lahir (1986)" in message


def test_tmt_before_the_18th_birthday_is_refused() -> None:
    message = refused(nip("19860926", "200001"))
    assert "TMT 01/2000 sebelum pegawai berusia 18 tahun" in message
    assert "26 September 1986" in message


def test_tmt_in_the_birth_year_itself_is_refused() -> None:
    message = refused(nip("19860926", "198612"))
    assert "sebelum pegawai berusia 18 tahun" in message


def test_tmt_in_the_month_of_the_18th_birthday_is_accepted() -> None:
    info = parse_nip(nip("19860926", "200409"), today=TODAY)
    assert (info.tmt_tahun, info.tmt_bulan) == (2004, 9)


def test_tmt_one_month_before_the_18th_birthday_month_is_refused() -> None:
    assert "TMT 08/2004 sebelum pegawai berusia 18 tahun" in refused(nip("19860926", "200408"))


def test_tmt_age_boundary_across_a_year_end() -> None:
    assert parse_nip(nip("19860101", "200401"), today=TODAY).tmt_tahun == 2004
    assert "berusia 18 tahun" in refused(nip("19860101", "200312"))
    assert parse_nip(nip("19861231", "200412"), today=TODAY).tmt_bulan == 12
    assert "berusia 18 tahun" in refused(nip("19861231", "200411"))


def test_tmt_age_boundary_for_someone_born_on_leap_day() -> None:
    assert parse_nip(nip("19880229", "200602"), today=TODAY).tmt_bulan == 2
    assert "berusia 18 tahun" in refused(nip("19880229", "200601"))


def test_pppk_tmt_is_read_as_january_for_the_age_check() -> None:
    assert parse_nip(nip("19900101", "200824"), "PPPK", today=TODAY).tmt_tahun == 2008
    message = refused(nip("19900201", "200824"), "PPPK")
    assert "TMT 2008 sebelum pegawai berusia 18 tahun" in message
    assert parse_nip(nip("19900201", "200924"), "PPPK", today=TODAY).tmt_tahun == 2009


@pytest.mark.parametrize("status", ["PNS", "PPPK"])
def test_tmt_next_year_is_accepted_because_nips_are_issued_ahead(status: str) -> None:
    assert parse_nip(nip("19900101", "202601"), status, today=TODAY).tmt_tahun == 2026


@pytest.mark.parametrize("status", ["PNS", "PPPK"])
def test_tmt_two_years_ahead_is_refused_as_in_the_future(status: str) -> None:
    message = refused(nip("19900101", "202701"), status)
    assert "Tahun TMT (2027)" in message
    assert "masa depan" in message
    assert "2026" in message


def test_the_tmt_future_limit_moves_with_today() -> None:
    value = nip("19900101", "202701")
    assert parse_nip(value, today=date(2026, 1, 1)).tmt_tahun == 2027
    assert "masa depan" in refused(value, today=date(2025, 12, 31))


# --- refusals: gender digit and sequence -----------------------------------------------------------


@pytest.mark.parametrize("kelamin", ["0", "3", "4", "5", "6", "7", "8", "9"])
def test_gender_digits_other_than_1_or_2_are_refused(kelamin: str) -> None:
    message = refused(nip("19860926", "201505", kelamin))
    assert "jenis kelamin" in message
    assert f"bukan {kelamin}" in message


@pytest.mark.parametrize("status", ["PNS", "PPPK"])
def test_sequence_number_000_is_refused(status: str) -> None:
    message = refused(nip("19860926", "201505", "1", "000"), status)
    assert "Nomor urut" in message
    assert "000" in message


# --- format_nip ------------------------------------------------------------------------------------


def test_format_nip_groups_digits_8_6_1_3() -> None:
    assert format_nip("198609262015051001") == "19860926 201505 1 001"


def test_format_nip_is_idempotent_and_tolerates_any_whitespace() -> None:
    assert format_nip("19860926 201505 1 001") == "19860926 201505 1 001"
    assert format_nip(" 1986 0926\t2015\u00a005 1001 ") == "19860926 201505 1 001"


def test_format_nip_works_for_pppk_numbers() -> None:
    assert format_nip("199001012024242005") == "19900101 202424 2 005"


def test_format_nip_refuses_input_that_is_not_18_digits() -> None:
    with pytest.raises(InvalidNip, match="17 digit"):
        format_nip("19860926201505100")
    with pytest.raises(InvalidNip, match="'x'"):
        format_nip("19860926x01505100")
    with pytest.raises(InvalidNip, match="kosong"):
        format_nip("")


def test_formatted_nip_parses_to_the_same_result() -> None:
    assert parse_nip(format_nip("198609262015051001"), today=TODAY) == parse_nip(
        "198609262015051001", today=TODAY
    )


# --- golongan and pangkat --------------------------------------------------------------------------


def test_golongan_pns_lists_all_17_golongan_in_order() -> None:
    kode = [k for k, _ in GOLONGAN_PNS]
    assert kode == [f"{r}/{s}" for r in ("I", "II", "III") for s in "abcd"] + [f"IV/{s}" for s in "abcde"]
    assert dict(GOLONGAN_PNS)["III/a"] == "Penata Muda"
    assert dict(GOLONGAN_PNS)["IV/e"] == "Pembina Utama"
    assert len({p for _, p in GOLONGAN_PNS}) == 17


def test_grade_pppk_runs_from_i_to_xvii() -> None:
    assert GRADE_PPPK[0] == "I"
    assert GRADE_PPPK[-1] == "XVII"
    assert len(GRADE_PPPK) == 17
    assert GRADE_PPPK[8] == "IX"
    assert len(set(GRADE_PPPK)) == 17


@pytest.mark.parametrize(
    "value",
    [
        "III/a",
        "III a",
        "iii/A",
        "III-a",
        "III.a",
        "IIIa",
        "III / a",
        "III – a",
        "3a",
        "3/a",
        "3 A",
        "3-a",
        " III/a ",
        "Penata Muda (III/a)",
        "Penata Muda, III/a",
        "penata muda - iii/a",
        "III/a (Penata Muda)",
        "III/a Penata Muda",
        "Gol. III/a",
        "Golongan III/a",
        "Pangkat/Gol. Ruang: Penata Muda, III/a",
    ],
)
def test_normalize_golongan_accepts_spreadsheet_spellings(value: str) -> None:
    assert normalize_golongan(value) == "III/a"


@pytest.mark.parametrize(("kode", "pangkat"), GOLONGAN_PNS)
def test_every_golongan_is_recognised_in_its_usual_spellings(kode: str, pangkat: str) -> None:
    romawi, ruang = kode.split("/")
    angka = {"I": "1", "II": "2", "III": "3", "IV": "4"}[romawi]
    for value in (
        kode,
        kode.lower(),
        kode.upper(),
        f"{angka}{ruang}",
        f"{angka}/{ruang.upper()}",
        f"{romawi} {ruang}",
        f"{pangkat} ({kode})",
        f"{pangkat}, {kode}",
        f"{pangkat.upper()} {kode.lower()}",
        f"{kode} - {pangkat}",
        f"{pangkat.replace('Tingkat', 'Tk.')} ({kode})",
    ):
        assert normalize_golongan(value) == kode, value


def test_abbreviated_tingkat_is_accepted_in_the_pangkat_name() -> None:
    assert normalize_golongan("Penata Muda Tk.I III/b") == "III/b"
    assert normalize_golongan("Juru Muda Tk. I, I/b") == "I/b"
    assert normalize_golongan("Pembina Tingkat I IV/b") == "IV/b"


@pytest.mark.parametrize(
    "value",
    [
        "",
        "   ",
        "III",
        "a",
        "Penata Muda",
        "5a",
        "0a",
        "V/a",
        "IIII/a",
        "III/e",
        "II/e",
        "IV/f",
        "3f",
        "33a",
        "III/aa",
        "XIII",
        "golongan",
        "3a 3b",
        "III/a III/b",
        "III/a bukan",
        "Penata (III/a)",
        "Pembina Utama, IV/d",
    ],
)
def test_normalize_golongan_refuses_anything_else(value: str) -> None:
    with pytest.raises(ValueError, match=r"^Golongan tidak dikenal: '"):
        normalize_golongan(value)


def test_unknown_golongan_message_quotes_the_input() -> None:
    with pytest.raises(ValueError) as excinfo:
        normalize_golongan("X/z")
    assert str(excinfo.value) == "Golongan tidak dikenal: 'X/z'"


def test_a_pangkat_that_contradicts_the_golongan_is_explained() -> None:
    with pytest.raises(ValueError) as excinfo:
        normalize_golongan("Penata (III/a)")
    message = str(excinfo.value)
    assert message.startswith("Golongan tidak dikenal: 'Penata (III/a)'")
    assert "III/c" in message


def test_the_same_golongan_written_twice_is_accepted() -> None:
    assert normalize_golongan("3a (III/a)") == "III/a"


@pytest.mark.parametrize("value", [None, 3, 3.0])
def test_normalize_golongan_refuses_non_strings_with_a_value_error(value: object) -> None:
    with pytest.raises(ValueError, match="Golongan tidak dikenal"):
        normalize_golongan(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(("kode", "pangkat"), GOLONGAN_PNS)
def test_pangkat_of_returns_the_pangkat_for_every_golongan(kode: str, pangkat: str) -> None:
    assert pangkat_of(kode) == pangkat


def test_pangkat_of_accepts_forgiving_spellings() -> None:
    assert pangkat_of("3a") == "Penata Muda"
    assert pangkat_of("iv-E") == "Pembina Utama"


def test_pangkat_of_refuses_an_unknown_golongan() -> None:
    with pytest.raises(ValueError, match="Golongan tidak dikenal"):
        pangkat_of("III/e")


# --- property tests --------------------------------------------------------------------------------

WHITESPACE = st.sampled_from([" ", "\t", "\u00a0", "  ", "\n"])


@st.composite
def valid_nip_parts(draw: st.DrawFn) -> dict[str, object]:
    """Parts of a NIP that is valid on TODAY, plus the NIP built from them."""
    status = draw(st.sampled_from(["PNS", "PPPK"]))
    # Birth no later than TODAY.year - 19 leaves room for an adult TMT up to TODAY.year + 1.
    lahir = draw(st.dates(min_value=date(1900, 1, 1), max_value=date(TODAY.year - 19, 12, 31)))
    last_year = TODAY.year + 1
    if status == "PNS":
        first = (lahir.year + 18) * 12 + lahir.month
        index = draw(st.integers(min_value=first, max_value=last_year * 12 + 12))
        tmt_tahun = (index - 1) // 12
        tmt_bulan: int | None = index - tmt_tahun * 12
        tengah = f"{tmt_tahun:04d}{tmt_bulan:02d}"
    else:
        first_year = lahir.year + 18 + (0 if lahir.month == 1 else 1)
        tmt_tahun = draw(st.integers(min_value=first_year, max_value=last_year))
        tmt_bulan = None
        tengah = f"{tmt_tahun:04d}{draw(st.integers(0, 99)):02d}"
    kelamin = draw(st.sampled_from("12"))
    urut = draw(st.integers(min_value=1, max_value=999))
    value = f"{lahir:%Y%m%d}{tengah}{kelamin}{urut:03d}"
    return {
        "status": status,
        "nip": value,
        "expected": NipInfo(
            nip=value,
            tanggal_lahir=lahir,
            tmt_tahun=tmt_tahun,
            tmt_bulan=tmt_bulan,
            jenis_kelamin="L" if kelamin == "1" else "P",
            nomor_urut=urut,
        ),
    }


@given(valid_nip_parts())
def test_any_valid_generated_nip_parses_back_into_the_parts_it_was_built_from(
    parts: dict[str, object],
) -> None:
    assert parse_nip(str(parts["nip"]), str(parts["status"]), today=TODAY) == parts["expected"]


@given(valid_nip_parts())
def test_formatting_a_valid_nip_then_parsing_it_gives_the_same_result(parts: dict[str, object]) -> None:
    value, status = str(parts["nip"]), str(parts["status"])
    formatted = format_nip(value)
    assert formatted.replace(" ", "") == value
    assert [len(group) for group in formatted.split(" ")] == [8, 6, 1, 3]
    assert parse_nip(formatted, status, today=TODAY) == parse_nip(value, status, today=TODAY)
    assert format_nip(formatted) == formatted


@given(valid_nip_parts(), st.data())
def test_whitespace_inserted_anywhere_does_not_change_the_result(
    parts: dict[str, object], data: st.DataObject
) -> None:
    value, status = str(parts["nip"]), str(parts["status"])
    pieces = [data.draw(st.one_of(st.just(""), WHITESPACE)) + digit for digit in value]
    spaced = "".join(pieces) + data.draw(st.one_of(st.just(""), WHITESPACE))
    assert parse_nip(spaced, status, today=TODAY) == parts["expected"]


@given(valid_nip_parts(), st.sampled_from("03456789"))
def test_any_gender_digit_other_than_1_or_2_is_refused(parts: dict[str, object], digit: str) -> None:
    value = str(parts["nip"])
    corrupted = value[:14] + digit + value[15:]
    with pytest.raises(InvalidNip, match="jenis kelamin"):
        parse_nip(corrupted, str(parts["status"]), today=TODAY)


@given(valid_nip_parts())
def test_any_valid_nip_with_sequence_000_is_refused(parts: dict[str, object]) -> None:
    value = str(parts["nip"])
    with pytest.raises(InvalidNip, match="Nomor urut"):
        parse_nip(value[:15] + "000", str(parts["status"]), today=TODAY)


@given(valid_nip_parts(), st.sampled_from(["00", "13", "20", "45", "99"]))
def test_any_pns_nip_with_a_tmt_month_outside_01_to_12_is_refused(
    parts: dict[str, object], bulan: str
) -> None:
    value = str(parts["nip"])
    with pytest.raises(InvalidNip, match="Bulan TMT"):
        parse_nip(value[:12] + bulan + value[14:], "PNS", today=TODAY)


@given(st.text(alphabet="0123456789", min_size=1, max_size=40).filter(lambda s: len(s) != 18))
def test_any_digit_string_that_is_not_18_long_is_refused_on_length(value: str) -> None:
    with pytest.raises(InvalidNip, match=f"yang diberikan {len(value)} digit"):
        parse_nip(value, today=TODAY)


@given(st.text(max_size=30))
def test_parse_nip_only_ever_raises_invalid_nip_on_arbitrary_text(value: str) -> None:
    try:
        info = parse_nip(value, today=TODAY)
    except InvalidNip:
        return
    assert len(info.nip) == 18
    assert info.nip.isascii()
    assert info.nip.isdigit()


@given(st.text(max_size=30))
def test_normalize_golongan_returns_a_known_code_or_raises_value_error(value: str) -> None:
    try:
        kode = normalize_golongan(value)
    except ValueError as exc:
        assert str(exc).startswith("Golongan tidak dikenal: '")
        return
    assert kode in dict(GOLONGAN_PNS)
