"""Who opens the leaders' reports: the instansi-wide roles and the superuser (the whole instansi), a department
administrator (their subtree; a unit outside it is a 404, never a wider view), the heads of units (the atasan
heads Seksi Imunisasi, the kepala dinas Dinas Kesehatan, the sekda the Sekretariat Daerah: their subtree), the
outsider (their own instansi: a unit of Kota Sukamaju is a 404); the pegawai is refused."""

from kinerja.core.testing.harness import LOGIN, Route, expect_roles
from kinerja.org.tests.routes import page_for
from kinerja.testkit import cast as named

WHOLE = ("admin_bkpsdm", "tim_penilai", "auditor", "superuser")
HEADS = ("atasan", "kepala_dinas", "sekda")
READERS = (*WHOLE, *HEADS, "admin_pd", "outsider")

# A unit outside a reader's view is a 404 (Dinas Kesehatan: outside the admin of Dinas Pendidikan, the atasan's
# Seksi Imunisasi below it, the sekda's Sekretariat Daerah beside it).
DINKES = expect_roles(
    403, {200: (*WHOLE, "kepala_dinas"), 404: ("admin_pd", "outsider", "atasan", "sekda")}, anon=LOGIN
)
# the outsider's instansi has opened no performance year: nothing to download, no weeks to count
PARTS = expect_roles(403, {200: (*WHOLE, *HEADS, "admin_pd"), 404: ("outsider",)}, anon=LOGIN)

# the API answers as the pages: refused (403) for the pegawai, 401 without a login
API_READ = expect_roles(403, {200: (*WHOLE, *HEADS, "admin_pd"), 404: ("outsider",)}, anon=401)

ROUTES = [
    Route("GET /api/v1/laporan/pengisian", read=API_READ),
    Route("GET /api/v1/laporan/kinerja", read=API_READ),
    Route("reports:pengisian_export", read=PARTS),
    Route("reports:pengisian_trend", read=PARTS),
    *[
        route
        for name in ("reports:pengisian", "reports:kinerja")
        for route in (
            Route(name, read=page_for(READERS)),
            Route(name, case="dinkes", query=lambda o: {"unit": named.unit("DINKES").pk}, read=DINKES),
        )
    ],
]
