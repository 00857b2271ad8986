"""The pure rules of monitoring (kinerja/monitoring/rules.py): periods and versions, openness, capaian in both
directions with zero and missing targets, accumulation, and what an evidence file or link really is."""

import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kinerja.monitoring import rules
from kinerja.monitoring.rules import JUMLAH, NAIK, RATA_RATA, TERAKHIR, TURUN

D = Decimal
amounts = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)
positive = st.decimals(min_value=D("0.01"), max_value=10**9, places=2, allow_nan=False, allow_infinity=False)
modes = st.sampled_from([JUMLAH, TERAKHIR, RATA_RATA])


def day(m, d=1, y=2026):
    return datetime.date(y, m, d)


QUARTERS = [
    rules.Span(1, day(1), day(3, 31)),
    rules.Span(2, day(4), day(6, 30)),
    rules.Span(3, day(7), day(9, 30)),
    rules.Span(4, day(10), day(12, 31)),
]

# Periods and versions -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mulai", "selesai", "covered"),
    [
        (day(1), day(12, 31), [1, 2, 3, 4]),
        (day(5, 15), day(12, 31), [2, 3, 4]),  # starts mid-year: the quarter it starts in counts
        (day(1), day(7, 1), [1, 2, 3]),  # ends on the first day of Q3: touches it
        (day(3, 31), day(4, 1), [1, 2]),
        (day(8, 1), day(8, 31), [3]),
    ],
)
def test_periods_covered_are_those_the_span_overlaps(mulai, selesai, covered):
    assert rules.periods_covered(QUARTERS, mulai, selesai) == covered


@given(st.dates(day(1), day(12, 31)), st.dates(day(1), day(12, 31)))
def test_periods_covered_are_exactly_the_overlapping_ones(a, b):
    mulai, selesai = min(a, b), max(a, b)
    covered = rules.periods_covered(QUARTERS, mulai, selesai)
    assert covered == sorted(covered) and covered
    for p in QUARTERS:
        assert (p.nomor in covered) == (p.mulai <= selesai and p.selesai >= mulai)


def test_version_for_period():
    approvals = [(1, day(1, 20)), (2, day(5, 10)), (3, day(7, 1))]
    assert rules.version_for_period([], day(1)) is None
    assert rules.version_for_period(approvals, day(1)) == 1  # approved late: still the plan of Q1
    assert rules.version_for_period(approvals, day(4)) == 1
    assert rules.version_for_period(approvals, day(7)) == 3  # approved on the first day: in force that day
    assert rules.version_for_period(approvals, day(10)) == 3
    assert rules.version_for_period(list(reversed(approvals)), day(6)) == 2  # order given does not matter


@given(
    st.lists(
        st.tuples(st.integers(1, 20), st.dates(day(1), day(12, 31))),
        min_size=1,
        max_size=6,
        unique_by=lambda t: t[0],
    ),
    st.dates(day(1), day(12, 31)),
)
def test_the_version_in_force_is_the_last_approved_by_the_period_start_or_the_first(approvals, start):
    approvals = sorted(approvals)
    # versions are approved in order
    dates = sorted(d for _n, d in approvals)
    approvals = [(n, d) for (n, _x), d in zip(approvals, dates, strict=True)]
    chosen = rules.version_for_period(approvals, start)
    before = [n for n, d in approvals if d <= start]
    assert chosen == (before[-1] if before else approvals[0][0])


def test_input_deadline_and_is_open_with_reopenings():
    assert rules.input_deadline(day(4, 10), []) == day(4, 10)
    assert rules.input_deadline(day(4, 10), [day(4, 5)]) == day(4, 10)  # an earlier reopening changes nothing
    assert rules.input_deadline(day(4, 10), [day(5, 1), day(4, 20)]) == day(5, 1)
    kw = {"mulai": day(1), "tenggat_input": day(4, 10)}
    assert not rules.is_open(today=day(12, 31, 2025), **kw)
    assert rules.is_open(today=day(1), **kw)
    assert rules.is_open(today=day(4, 10), **kw)  # the deadline's day is still open
    assert not rules.is_open(today=day(4, 11), **kw)
    assert rules.is_open(today=day(4, 11), reopened_until=[day(4, 15)], **kw)
    assert not rules.is_open(today=day(4, 16), reopened_until=[day(4, 15)], **kw)


# Capaian --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("realisasi", "target", "arah", "expected"),
    [
        (D(95), D(95), NAIK, D("100.00")),
        (D("92.5"), D(100), NAIK, D("92.50")),
        (D(120), D(100), NAIK, D("120.00")),
        (D(0), D(100), NAIK, D("0.00")),
        (D(1), D(3), NAIK, D("33.33")),
        (D(2), D(3), NAIK, D("66.67")),  # half up
        # Lower is better (KMK 467/KMK.01/2014): (2 x target - realisasi) / target
        (D(5), D(5), TURUN, D("100.00")),
        (D(4), D(5), TURUN, D("120.00")),
        (D(6), D(5), TURUN, D("80.00")),
        (D(0), D(5), TURUN, D("200.00")),
        (D(10), D(5), TURUN, D("0.00")),
        (D(50), D(5), TURUN, D("0.00")),  # never below zero
        # Zero target
        (D(0), D(0), NAIK, D(100)),
        (D(7), D(0), NAIK, D(100)),
        (D(0), D(0), TURUN, D(100)),
        (D(1), D(0), TURUN, D(0)),
        # Missing numbers
        (None, D(100), NAIK, None),
        (D(10), None, NAIK, None),
        (None, None, TURUN, None),
    ],
)
def test_capaian(realisasi, target, arah, expected):
    assert rules.capaian(realisasi, target, arah) == expected


@given(amounts, positive)
def test_higher_is_better_is_the_plain_ratio(realisasi, target):
    value = rules.capaian(realisasi, target, NAIK)
    assert abs(value - realisasi / target * 100) <= D("0.005")
    assert value >= 0
    assert (value >= 100) == (realisasi / target * 100 >= D("99.995"))


@given(amounts, positive)
def test_lower_is_better_mirrors_the_target_and_never_goes_below_zero(realisasi, target):
    value = rules.capaian(realisasi, target, TURUN)
    assert value >= 0
    if realisasi <= 2 * target:
        assert abs(value - (2 * target - realisasi) / target * 100) <= D("0.005")
    else:
        assert value == 0


@given(amounts, amounts, positive)
def test_capaian_moves_the_right_way_in_each_direction(a, b, target):
    assume(a < b)
    assert rules.capaian(a, target, NAIK) <= rules.capaian(b, target, NAIK)
    assert rules.capaian(a, target, TURUN) >= rules.capaian(b, target, TURUN)


@given(positive)
def test_meeting_the_target_exactly_is_one_hundred_percent_either_way(target):
    assert rules.capaian(target, target, NAIK) == rules.capaian(target, target, TURUN) == 100


# Accumulation ---------------------------------------------------------------------------------------------------


def test_accumulate_each_mode():
    values = [D(10), None, D(30), D(20)]
    assert rules.accumulate(values, JUMLAH) == D(60)
    assert rules.accumulate(values, TERAKHIR) == D(20)
    assert rules.accumulate(values, RATA_RATA) == D(20)
    assert rules.accumulate([D(1), D(2)], RATA_RATA) == D("1.50")
    assert rules.accumulate([D(1), D(1), D(2)], RATA_RATA) == D("1.33")
    for mode in (JUMLAH, TERAKHIR, RATA_RATA):
        assert rules.accumulate([], mode) is None
        assert rules.accumulate([None, None], mode) is None


@given(st.lists(st.one_of(st.none(), amounts), max_size=12))
def test_accumulation_bounds(values):
    filled = [v for v in values if v is not None]
    total = rules.accumulate(values, JUMLAH)
    last = rules.accumulate(values, TERAKHIR)
    mean = rules.accumulate(values, RATA_RATA)
    if not filled:
        assert total is last is mean is None
        return
    assert total == sum(filled)
    assert last == filled[-1]
    assert min(filled) - D("0.005") <= mean <= max(filled) + D("0.005")


def test_period_target_given_or_derived_by_mode():
    given_ = {"1": "20", "2": "25.5", "3": ""}
    assert rules.period_target(given_, 1, D(100), JUMLAH) == D(20)
    assert rules.period_target(given_, 2, D(100), TERAKHIR) == D("25.5")
    assert rules.period_target(given_, 3, D(100), JUMLAH) is None  # blank: none for a sum
    assert rules.period_target(given_, 3, D(95), TERAKHIR) == D(95)  # a level holds every period
    assert rules.period_target(None, 4, D(95), RATA_RATA) == D(95)
    assert rules.period_target({}, 4, D(95), JUMLAH) is None
    assert rules.period_target({"1": "abc"}, 1, D(95), JUMLAH) is None
    assert rules.period_target({}, 1, None, TERAKHIR) is None


def test_indikator_capaian_per_period_and_year_to_date():
    result = rules.indikator_capaian(
        periods=[1, 2, 3],
        realisasi={1: D(20), 3: D(40)},
        annual_target=D(100),
        target_periode={"1": "25", "2": "25", "3": "25"},
        arah=NAIK,
        mode=JUMLAH,
    )
    assert result.per_period[1] == (D(25), D(20), D("80.00"))
    assert result.per_period[2] == (D(25), None, None)
    assert result.per_period[3] == (D(25), D(40), D("160.00"))
    assert result.ytd_realisasi == D(60) and result.ytd_capaian == D("60.00")

    level = rules.indikator_capaian(
        periods=[1, 2],
        realisasi={1: D(80), 2: D(96)},
        annual_target=D(95),
        target_periode={},
        arah=NAIK,
        mode=TERAKHIR,
    )
    assert level.per_period[2] == (D(95), D(96), D("101.05"))
    assert level.ytd_realisasi == D(96)

    days = rules.indikator_capaian(
        periods=[1, 2],
        realisasi={1: D(4), 2: D(6)},
        annual_target=D(5),
        target_periode=None,
        arah=TURUN,
        mode=RATA_RATA,
    )
    assert days.ytd_realisasi == D(5) and days.ytd_capaian == D(100)
    assert days.per_period[1][2] == D(120)

    empty = rules.indikator_capaian(
        periods=[1], realisasi={}, annual_target=None, target_periode=None, arah=NAIK, mode=JUMLAH
    )
    assert (
        empty.ytd_realisasi is None
        and empty.ytd_capaian is None
        and empty.per_period[1] == (None, None, None)
    )


# Evidence -------------------------------------------------------------------------------------------------------


def zip_names(members: dict[str, bytes]) -> tuple[bytes, list[str], str]:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    raw = buffer.getvalue()
    mimetype = members.get("mimetype", b"").decode()
    return raw[:64], list(members), mimetype


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"%PDF-1.4\n...", rules.PDF),
        (b"\xff\xd8\xff\xe1\x00\x10Exif", rules.JPEG),
        (b"\x89PNG\r\n\x1a\n\x00\x00", rules.PNG),
        (b"RIFF\x10\x00\x00\x00WEBPVP8 ", rules.WEBP),
        (b"\x00\x00\x00\x18ftypheic\x00\x00", rules.HEIC),
        (b"\x00\x00\x00\x18ftypmif1\x00\x00", rules.HEIC),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", rules.DOC),
        (b"MZ\x90\x00\x03", None),  # Windows executable
        (b"\x7fELF\x02\x01", None),  # Linux executable
        (b"#!/bin/sh\nrm -rf /", None),
        (b"<!DOCTYPE html><html>", None),
        (b"<svg xmlns=", None),
        (b"Rar!\x1a\x07\x00", None),
        (b"\x1f\x8b\x08\x00", None),  # gzip
        (b"", None),
        (b"%PD", None),
        (b"\x00\x00\x00\x18ftypisom", None),  # an mp4 video
    ],
)
def test_sniff_by_first_bytes(head, kind):
    assert rules.sniff(head) == kind


def test_sniff_office_zips_by_their_members():
    assert rules.sniff(*zip_names({"[Content_Types].xml": b"", "word/document.xml": b""})) == rules.DOCX
    assert rules.sniff(*zip_names({"[Content_Types].xml": b"", "xl/workbook.xml": b""})) == rules.XLSX
    assert rules.sniff(*zip_names({"[Content_Types].xml": b"", "ppt/presentation.xml": b""})) == rules.PPTX
    odt = {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b""}
    ods = {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b""}
    assert rules.sniff(*zip_names(odt)) == rules.ODT
    assert rules.sniff(*zip_names(ods)) == rules.ODS
    assert rules.sniff(*zip_names({"a.txt": b"x"})) is None  # a plain archive
    assert rules.sniff(*zip_names({"[Content_Types].xml": b"", "other/x.xml": b""})) is None
    assert rules.sniff(*zip_names({"word/document.xml": b""})) is None  # no content types: not OOXML
    assert rules.sniff(*zip_names({"mimetype": b"application/epub+zip"})) is None


@pytest.mark.parametrize(
    ("kind", "name", "ok"),
    [
        (rules.PDF, "laporan.pdf", True),
        (rules.PDF, "LAPORAN.PDF", True),
        (rules.JPEG, "IMG_0001.JPG", True),
        (rules.JPEG, "foto.jpeg", True),
        (rules.JPEG, "foto.png", False),
        (rules.JPEG, "foto.pdf", False),
        (rules.PDF, "laporan", False),
        (rules.PDF, "laporan.pdf.exe", False),
        (rules.PDF, "C:\\Users\\x\\laporan.pdf", True),
        (rules.PDF, "dir.pdf/laporan", False),
        (rules.DOCX, "a.docx", True),
        (rules.DOCX, "a.doc", False),
        (rules.DOC, "a.xls", True),
        (rules.HEIC, "a.heif", True),
        ("unknown", "a.pdf", False),
        (rules.PDF, "", False),
    ],
)
def test_extension_matches(kind, name, ok):
    assert rules.extension_matches(kind, name) is ok


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://drive.example.id/file/1", True),
        ("http://intranet.kota.go.id/laporan?x=1", True),
        ("HTTPS://EXAMPLE.ID", True),
        ("  https://example.id  ", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        ("file:///etc/passwd", False),
        ("data:text/html;base64,PHNjcmlwdD4=", False),
        ("ftp://example.id/a", False),
        ("/relatif", False),
        ("example.id/a", False),
        ("//example.id/a", False),
        ("https://", False),
        ("https:///path", False),
        ("https://exa mple.id", False),
        ("https://example.id/\nSet-Cookie:x", False),
        ("", False),
        (None, False),
    ],
)
def test_is_web_link(url, ok):
    assert rules.is_web_link(url) is ok


@given(st.text(max_size=40))
def test_a_link_without_an_http_scheme_is_never_accepted(text):
    assume(not text.strip().lower().startswith(("http://", "https://")))
    assert rules.is_web_link(text) is False


def test_a_stored_capaian_is_capped_to_what_the_column_holds():
    assert rules.stored(None) is None
    assert rules.stored(Decimal("92.50")) == Decimal("92.50")
    huge = rules.capaian(Decimal("99999999999999"), Decimal("0.01"))
    assert huge > rules.STORED_MAX
    assert rules.stored(huge) == rules.STORED_MAX
