"""Verifiable documents: the number, the content hash, the check and the public page (docs/decisions/0015)."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from kinerja.core import verification
from kinerja.core.documents import Document, Stamp
from kinerja.core.models import AuditEvent, DokumenResmi
from kinerja.core.testing.pdf import page_texts, qr_codes

CONTENT = {"rhk": [{"uraian": "Cakupan imunisasi", "target": "95 persen"}], "mulai": "2026-01-01"}
NUMBER = re.compile(r"^SKP-2026-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")


def signed(versi=1, content=CONTENT, subjek="41") -> verification.Signed:
    return verification.Signed(
        jenis="uji.dokumen",
        prefix="SKP",
        subjek=subjek,
        versi=versi,
        judul="Sasaran Kinerja Pegawai, periode 1 Januari 2026 s.d. 31 Desember 2026",
        pemilik="Yuni Halim, A.Md.Kes.",
        penilai="Heru Halim, S.K.M.",
        disetujui_pada=datetime.date(2026, 2, 3),
        content=content,
    )


@pytest.fixture(autouse=True)
def fresh_throttle():
    cache.clear()
    yield
    cache.clear()


def test_the_hash_is_of_the_content_whatever_the_order_of_its_keys():
    reordered = {"mulai": "2026-01-01", "rhk": [{"target": "95 persen", "uraian": "Cakupan imunisasi"}]}
    assert verification.content_hash(CONTENT) == verification.content_hash(reordered)
    changed = {"rhk": [{"uraian": "Cakupan imunisasi", "target": "96 persen"}], "mulai": "2026-01-01"}
    assert verification.content_hash(CONTENT) != verification.content_hash(changed)
    assert re.fullmatch(r"[0-9a-f]{64}", verification.content_hash(CONTENT))


@pytest.mark.django_db
def test_issuing_gives_a_random_number_once_per_version_and_audits_it():
    before = AuditEvent.objects.filter(action="core.dokumen.issue").count()
    document = verification.issue("uji", signed())
    again = verification.issue("uji", signed())
    other = verification.issue("uji", signed(subjek="42"))

    assert again.pk == document.pk
    assert NUMBER.match(document.nomor), document.nomor
    assert other.nomor != document.nomor  # random, not a sequence of the subject's id
    assert document.hash == verification.content_hash(CONTENT)
    assert verification.code_of(document) == document.hash[:20].upper()
    assert AuditEvent.objects.filter(action="core.dokumen.issue").count() == before + 2


@pytest.mark.django_db
def test_an_issued_version_cannot_be_issued_again_with_other_content():
    verification.issue("uji", signed())
    with pytest.raises(verification.ContentChanged):
        verification.issue("uji", signed(content={**CONTENT, "mulai": "2026-02-01"}))
    assert DokumenResmi.objects.filter(jenis="uji.dokumen").count() == 1


@pytest.mark.django_db
def test_a_number_with_its_code_matches_as_printed_typed_or_cut_short():
    document = verification.issue("uji", signed())
    code = verification.code_of(document)

    assert verification.verify(document.nomor, code).document == document
    # Typed from paper: lower case, spaces, O for 0 and l for 1 in the random part, only the first 16.
    random = document.nomor[len("SKP-2026-") :]
    typed = "skp-2026-" + random.lower().replace("0", "o").replace("1", "l")
    spaced = " ".join(code[i : i + 4] for i in range(0, 16, 4)).lower()
    assert verification.verify(f" {typed} ", spaced).document == document
    assert verification.verify(document.nomor, document.hash).berlaku


@pytest.mark.django_db
def test_an_unknown_number_a_wrong_or_short_code_all_say_no_match_and_nothing_else():
    document = verification.issue("uji", signed())
    code = verification.code_of(document)
    wrong = ("0" if code[0] != "0" else "1") + code[1:]
    for nomor, kode in (
        ("SKP-2026-0000-0000-0000", code),
        (document.nomor, wrong),
        (document.nomor, code[:15]),
        (document.nomor, ""),
        ("", code),
    ):
        verdict = verification.verify(nomor, kode)
        assert verdict == verification.NO_MATCH, (nomor, kode)
        assert verdict.document is None


@pytest.mark.django_db
def test_an_older_version_is_reported_as_superseded_by_the_one_in_force():
    first = verification.issue("uji", signed(versi=1))
    assert verification.verify(first.nomor, verification.code_of(first)).berlaku
    second = verification.issue("uji", signed(versi=2, content={**CONTENT, "mulai": "2026-03-01"}))

    verdict = verification.verify(first.nomor, verification.code_of(first))
    assert verdict.cocok and not verdict.berlaku
    assert verdict.latest == second
    assert verification.verify(second.nomor, verification.code_of(second)).berlaku


@pytest.mark.django_db
def test_the_public_page_shows_what_was_signed_to_anyone_and_no_more():
    document = verification.issue("uji", signed())
    url = verification.address(document)
    assert url.startswith(reverse("core:verify_document", args=[document.nomor]))

    response = Client().get(url)  # nobody logged in
    page = response.content.decode()
    assert response.status_code == 200
    assert "Cocok" in page and "Berlaku" in page
    for shown in (
        "Yuni Halim, A.Md.Kes.",
        "Heru Halim, S.K.M.",
        "3 Februari 2026",
        document.hash,
        document.nomor,
    ):
        assert shown in page, shown
    assert "Cakupan imunisasi" not in page  # the content itself is not published
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_the_public_page_says_tidak_cocok_for_an_altered_code_and_names_nobody():
    document = verification.issue("uji", signed())
    url = verification.address(document)
    altered = url[:-1] + ("0" if url[-1] != "0" else "1")

    page = Client().get(altered).content.decode()
    assert "Tidak cocok" in page
    assert "Yuni Halim" not in page and "Heru Halim" not in page


@pytest.mark.django_db
def test_the_form_checks_a_number_and_code_typed_from_paper():
    document = verification.issue("uji", signed())
    response = Client().get(
        reverse("core:verify"), {"nomor": document.nomor.lower(), "kode": verification.code_of(document)[:16]}
    )
    assert "Yuni Halim, A.Md.Kes." in response.content.decode()
    assert "Tidak cocok" not in Client().get(reverse("core:verify")).content.decode()


@pytest.mark.django_db
def test_guessing_numbers_is_throttled_per_address():
    document = verification.issue("uji", signed())
    client = Client(REMOTE_ADDR="203.0.113.9")
    for n in range(verification.FAILURES_ALLOWED):
        assert (
            client.get(
                reverse("core:verify"), {"nomor": f"SKP-2026-{n:04d}-0000-0000", "kode": "0" * 20}
            ).status_code
            == 200
        )
    # Now even the right number and code wait: the address has guessed too much.
    right = {"nomor": document.nomor, "kode": verification.code_of(document)}
    response = client.get(reverse("core:verify"), right)
    assert response.status_code == 429
    assert "Yuni Halim" not in response.content.decode()
    # Another address is not held back.
    assert (
        "Yuni Halim" in Client(REMOTE_ADDR="203.0.113.10").get(reverse("core:verify"), right).content.decode()
    )


def test_the_stamp_prints_on_every_page_with_a_qr_code_that_decodes_to_the_verification_address():
    url = "https://kinerja.example.go.id/verifikasi/SKP-2026-7K3M-QX9D-2FHA/?kode=0123456789ABCDEF0123"
    stamp = Stamp(
        nomor="SKP-2026-7K3M-QX9D-2FHA",
        versi=2,
        tanggal=datetime.date(2026, 3, 4),
        kode="0123456789ABCDEF0123",
        url=url,
    )
    pdf = Document(title="Dokumen uji", stamp=stamp)
    pdf.add_page()
    for n in range(120):
        pdf.cell(0, 5, f"Baris {n}", new_x="LMARGIN", new_y="NEXT")
    data = bytes(pdf.output())

    assert len(page_texts(data)) > 1
    for text, codes in zip(page_texts(data), qr_codes(data), strict=True):
        assert "Nomor dokumen: SKP-2026-7K3M-QX9D-2FHA" in text
        assert "Versi 2, disetujui 4 Maret 2026" in text
        assert "Kode verifikasi: 0123 4567 89AB CDEF 0123" in text
        assert codes == [url]


@pytest.mark.django_db
def test_the_issuing_app_says_which_version_is_in_force_even_unprinted_or_none_once_ended(monkeypatch):
    in_force = {"41": 1}
    monkeypatch.setitem(verification._IN_FORCE, "uji.dokumen", in_force.get)
    first = verification.issue("uji", signed(versi=1))
    code = verification.code_of(first)
    assert verification.verify(first.nomor, code).berlaku

    in_force["41"] = 2  # approved, never printed: no document of version 2 exists
    verdict = verification.verify(first.nomor, code)
    assert (verdict.cocok, verdict.berlaku, verdict.versi_berlaku, verdict.latest) == (True, False, 2, None)

    del in_force["41"]  # the subject ended
    verdict = verification.verify(first.nomor, code)
    assert verdict.cocok and verdict.berakhir and not verdict.berlaku
