"""Who opens the leaders' reports: the instansi-wide roles and the superuser (the whole instansi), a department
administrator (their subtree; a unit outside it is a 404, never a wider view), the outsider (their own instansi:
a unit of Kota Sukamaju is a 404); everyone else is refused."""

from kinerja.core.testing.harness import LOGIN, Route, expect_roles
from kinerja.org.tests.routes import page_for
from kinerja.testkit import cast as named

READERS = ("admin_bkpsdm", "admin_pd", "tim_penilai", "auditor", "outsider", "superuser")
WHOLE = ("admin_bkpsdm", "tim_penilai", "auditor", "superuser")

ROUTES = [
    Route("reports:pengisian", read=page_for(READERS)),
    # the outsider's instansi has opened no performance year: nothing to download
    Route(
        "reports:pengisian_export",
        read=expect_roles(403, {200: (*WHOLE, "admin_pd"), 404: ("outsider",)}, anon=LOGIN),
    ),
    Route(
        "reports:pengisian_trend",
        read=expect_roles(403, {200: (*WHOLE, "admin_pd"), 404: ("outsider",)}, anon=LOGIN),
    ),
    Route(
        "reports:pengisian",
        case="dinkes",
        query=lambda o: {"unit": named.unit("DINKES").pk},
        read=expect_roles(403, {200: WHOLE, 404: ("admin_pd", "outsider")}, anon=LOGIN),
    ),
]
