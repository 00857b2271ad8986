"""The one formatter for dates, moments and numbers (decision 0016), and the rule that keeps it the only one."""

import datetime
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import timezone, translation

from kinerja.core.formats import (
    angka,
    bulan_tahun,
    kalimat,
    nama_tanpa_gelar,
    tanggal,
    tanggal_pendek,
    waktu,
    waktu_pendek,
)

DAY = datetime.date(2026, 12, 1)
MOMENT = datetime.datetime(2026, 12, 1, 1, 48, tzinfo=datetime.UTC)  # 08.48 in Jakarta


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("id", ["1 Desember 2026", "1 Des 2026", "1 Desember 2026 08.48 WIB", "1 Des 2026 08.48 WIB"]),
        ("en", ["1 December 2026", "1 Dec 2026", "1 December 2026 08:48 WIB", "1 Dec 2026 08:48 WIB"]),
    ],
)
def test_dates_and_moments_follow_the_page_language_in_the_local_time_zone(language, expected):
    with translation.override(language), timezone.override("Asia/Jakarta"):
        assert [tanggal(DAY), tanggal_pendek(DAY), waktu(MOMENT), waktu_pendek(MOMENT)] == expected


def test_a_month_is_named_in_the_page_language():
    with translation.override("id"):
        assert [bulan_tahun(DAY), bulan_tahun(datetime.date(2026, 8, 1)), bulan_tahun(None)] == [
            "Desember 2026",
            "Agustus 2026",
            "",
        ]
    with translation.override("en"):
        assert bulan_tahun(DAY) == "December 2026"


def test_other_time_zones_of_indonesia_have_their_names_and_documents_stay_indonesian():
    with timezone.override("Asia/Makassar"):
        assert waktu(MOMENT, "id") == "1 Desember 2026 09.48 WITA"
    with timezone.override("Asia/Jayapura"):
        assert waktu(MOMENT, "id") == "1 Desember 2026 10.48 WIT"
    with translation.override("en"):
        assert tanggal(datetime.date(2026, 8, 17), "id") == "17 Agustus 2026"
        assert tanggal_pendek(datetime.date(2026, 8, 17), "id") == "17 Agu 2026"
    # A moment given as a date is the local date: 23.30 UTC is the next morning in Jakarta.
    with timezone.override("Asia/Jakarta"):
        assert tanggal(datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC), "id") == "1 Januari 2027"


@pytest.mark.parametrize(
    ("value", "indonesian", "english"),
    [
        (1250, "1.250", "1,250"),
        (Decimal("92.50"), "92,5", "92.5"),
        (92.5, "92,5", "92.5"),
        (Decimal("1E+3"), "1.000", "1,000"),
        (-1234567.25, "-1.234.567,25", "-1,234,567.25"),
        (0, "0", "0"),
        ("12.5", "12,5", "12.5"),
        ("semua dokumen", "semua dokumen", "semua dokumen"),
        (None, "", ""),
    ],
)
def test_numbers_are_written_the_indonesian_way_and_the_english_way(value, indonesian, english):
    assert angka(value, "id") == indonesian
    assert angka(value, "en") == english


def test_the_template_filters_are_the_formatters():
    template = Template(
        "{% load kinerja %}{{ d|tanggal }}|{{ d|tanggal_pendek }}|{{ m|waktu }}|{{ n|angka }}"
    )
    with translation.override("id"), timezone.override("Asia/Jakarta"):
        html = template.render(Context({"d": DAY, "m": MOMENT, "n": Decimal("1250.5")}))
    assert html == "1 Desember 2026|1 Des 2026|1 Desember 2026 08.48 WIB|1.250,5"


# The rule for templates, including those of apps still to come -----------------------------------------------

# Machine values only: an <input type="date"> and a query string need ISO dates.
ALLOWED_DATE_FILTER = re.compile(r"""\{\{\s*[\w.]+\|date:['"]Y-m-d['"][^}]*\}\}""")
# A blocktranslate's text holds its placeholders ({{ date }}); the values are checked where they are assigned.
BLOCK_TEXT = re.compile(r"(\{% blocktranslate[^%]*%\}).*?\{% endblocktranslate %\}", re.DOTALL)
RAW_DATE_FILTER = re.compile(r"\|(date|time|naturaltime|naturalday|timesince|timeuntil)\b")
# A date or moment printed as Python writes it: {{ x.created_at }}, {{ skp.mulai }} with no filter.
DATE_NAMES = r"(?:\w+_at|tanggal\w*|mulai|selesai|tenggat\w*|tmt\w*|berlaku_\w+|deadline|date)"
RAW_DATE_VARIABLE = re.compile(r"\{\{\s*(?:[\w.]+\.)?" + DATE_NAMES + r"\s*\}\}")
RAW_DATE_ASSIGNED = re.compile(r"\w+=(?:[\w.]+\.)?" + DATE_NAMES + r"(?=[\s%])")
RAW_NUMBER = re.compile(r"\|floatformat\b|\|stringformat:['\"][^'\"]*[fd]['\"]")


def templates():
    roots = [Path(d) for d in settings.TEMPLATES[0]["DIRS"]]
    roots += [p for p in Path(settings.BASE_DIR, "kinerja").glob("*/templates")]
    return sorted({path for root in roots for path in root.rglob("*.html")})


def test_templates_format_dates_and_numbers_only_through_the_kernel_filters():
    found = templates()
    assert len(found) > 50
    problems = []
    for path in found:
        problems += [f"{path.name}: {raw}" for raw in unformatted(path.read_text())]
    assert problems == [], (
        "use |tanggal, |tanggal_pendek, |waktu, |waktu_pendek or |angka (docs/decisions/0016)"
    )


def unformatted(text: str) -> list[str]:
    text = BLOCK_TEXT.sub(lambda m: m.group(1), ALLOWED_DATE_FILTER.sub("", text))
    patterns = (RAW_DATE_FILTER, RAW_DATE_VARIABLE, RAW_DATE_ASSIGNED, RAW_NUMBER)
    return [match.group(0) for pattern in patterns for match in pattern.finditer(text)]


def test_the_scan_catches_what_it_is_meant_to():
    bad = [
        "{{ e.created_at }}",
        '{{ skp.mulai|date:"d-m-Y" }}',
        "{{ x|floatformat:2 }}",
        "{% blocktranslate with date=skp.tenggat %}by {{ date }}{% endblocktranslate %}",
        "{{ t.created_at|timesince }}",
    ]
    assert [len(unformatted(text)) for text in bad] == [1] * len(bad)
    good = [
        "<input value=\"{{ tanggal|date:'Y-m-d' }}\">",
        "{% blocktranslate with date=skp.tenggat|tanggal %}by {{ date }}{% endblocktranslate %}",
        "{{ skp.mulai|tanggal_pendek }} {{ n|angka }}",
    ]
    assert [unformatted(text) for text in good] == [[]] * len(good)


def test_python_code_does_not_write_dates_with_strftime_for_people():
    """Messages, exports and models go through the formatters; strftime stays for machine formats (ISO, a NIP's
    digits, the parser's accepted shapes)."""
    allowed = {"parsing.py", "people.py", "forms.py"}
    problems = []
    for path in Path(settings.BASE_DIR, "kinerja").rglob("*.py"):
        if "tests" in path.parts or path.name in allowed:
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if re.search(r"strftime\(|:%d-%m-%Y|:%Y-%m-%d", line):
                problems.append(f"{path}:{number}")
    assert problems == []


# Names and sentences -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nama", "expected"),
    [
        ("dr. Hendra Tarigan, Sp.PD.", "Hendra Tarigan"),
        ("Heru Halim, S.K.M.", "Heru Halim"),
        ("Dr. Ir. H. Budi Santoso, M.Si.", "Budi Santoso"),
        ("Hj. Siti Aminah", "Siti Aminah"),
        ("Yuni Halim, A.Md.Kes.", "Yuni Halim"),
        ("Superadmin", "Superadmin"),
        ("", ""),
    ],
)
def test_a_greeting_names_the_person_without_titles(nama, expected):
    assert nama_tanpa_gelar(nama) == expected


def test_a_sentence_ending_with_a_title_has_one_full_stop_and_an_ellipsis_stays():
    assert kalimat("SKP diajukan kepada Heru Halim, S.K.M..") == "SKP diajukan kepada Heru Halim, S.K.M."
    assert (
        kalimat("menunggu keputusan Heru Halim, S.K.M.. Lalu") == "menunggu keputusan Heru Halim, S.K.M. Lalu"
    )
    assert kalimat("Tunggu...") == "Tunggu..."
    assert kalimat("Versi 1.2.3.") == "Versi 1.2.3."


def test_flash_messages_and_field_errors_go_through_the_sentence_filter():
    root = Path(settings.BASE_DIR, "kinerja", "templates")
    assert "{{ message.message|kalimat }}" in (root / "base.html").read_text()
    assert "{{ e|kalimat }}" in (root / "includes" / "field.html").read_text()


def test_a_flash_message_escapes_what_a_user_typed_and_keeps_the_links_the_kernel_wrote():
    from django.contrib.messages.storage.base import Message
    from django.template.loader import render_to_string
    from django.utils.html import format_html

    typed = Message(20, "Unit <script>x</script> telah dibuat oleh Heru Halim, S.K.M..")
    kernel = Message(
        30, format_html('{} <a href="{}">{}</a>', "Formulir ini sudah disimpan.", "/baru/", "Baru")
    )
    html = render_to_string("base.html", {"messages": [typed, kernel]})
    assert "Unit &lt;script&gt;x&lt;/script&gt; telah dibuat oleh Heru Halim, S.K.M.<" in html
    assert '<a href="/baru/">Baru</a>' in html
