"""The regulation's refusals speak the interface's language: Indonesian by default, English when chosen."""

import datetime

import pytest
from django.utils import translation

from kinerja.org.rules import InvalidNip, normalize_golongan, parse_nip
from kinerja.planning.rules import RHKCheck, submission_problems

BAD_MONTH = "198609262015131001"  # TMT month 13


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("id", "Bulan TMT CPNS pada NIP tidak valid: 13 (harus 01 sampai 12)."),
        ("en", "The CPNS TMT month in the NIP is not valid: 13 (01 to 12)."),
    ],
)
def test_a_nip_refusal_is_in_the_interface_language(language, expected):
    with translation.override(language), pytest.raises(InvalidNip) as refusal:
        parse_nip(BAD_MONTH, today=datetime.date(2026, 6, 1))
    assert str(refusal.value) == expected


def test_a_golongan_refusal_names_the_value_in_either_language():
    for language, expected in [("id", "Golongan tidak dikenal: 'V/z'"), ("en", "Unknown golongan: 'V/z'")]:
        with translation.override(language), pytest.raises(ValueError) as refusal:
            normalize_golongan("V/z")
        assert str(refusal.value) == expected


def test_the_submission_check_speaks_the_interface_language():
    rhk = [RHKCheck(nomor="U1", jenis="utama", indikator=0, rhk_atasan_id=None)]
    for language, expected in [
        ("id", "RHK U1 belum memiliki indikator kinerja individu."),
        ("en", "RHK U1 has no individual performance indicator yet."),
    ]:
        with translation.override(language):
            problems = submission_problems(
                rhk, has_penilai=False, penilai_rhk_ids=set(), jpt=False, perspektif=set()
            )
        assert problems == [expected]
