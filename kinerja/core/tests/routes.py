"""One's notifications are open to every logged-in user. Marking them read is POST only; what a POST does (only
the user's own rows change) is tested in kinerja/planning/tests/test_views_lead.py.

The verification page of official documents is public: every role and anonymous visitors read it the same, and
it names the owner only for a known number with its code (kinerja/core/tests/test_verification.py)."""

import datetime

from kinerja.core import verification
from kinerja.core.testing.harness import LOGIN, Route, demo_object, expect


@demo_object
def issued_document(objs):
    return verification.issue(
        "harness",
        verification.Signed(
            jenis="harness.dokumen",
            prefix="UJI",
            subjek="1",
            versi=1,
            judul="Dokumen uji",
            pemilik="Pemilik Uji",
            penilai="Penilai Uji",
            disetujui_pada=datetime.date(2026, 1, 5),
            content={"isi": "uji"},
        ),
    )


ROUTES = [
    Route("core:notifications", read=expect(200, anon=LOGIN)),
    Route("core:notifications", case="page", query=lambda o: {"page": 2}, read=expect(200, anon=LOGIN)),
    Route("core:notifications_read", read=expect(405, anon=LOGIN)),
    Route("core:verify", read=expect(200)),
    Route(
        "core:verify_document",
        case="cocok",
        kwargs=lambda o: {"nomor": o.issued_document.nomor},
        query=lambda o: {"kode": verification.code_of(o.issued_document)},
        read=expect(200),
    ),
    Route(
        "core:verify_document",
        case="tidak-cocok",
        kwargs=lambda o: {"nomor": "UJI-2026-0000-0000-0000"},
        query=lambda o: {"kode": "0" * 20},
        read=expect(200),
    ),
]
