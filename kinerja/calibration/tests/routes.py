"""Routes of calibration, for every role: the distribution curve is read by those who read the evaluation recap
(the BKPSDM, the tim penilai, auditors, a department administrator for their units; the other instansi's
administrator reads their own)."""

from kinerja.core.testing.harness import Route, expect_roles
from kinerja.org.tests.routes import page_for

READERS = ("admin_bkpsdm", "tim_penilai", "auditor", "admin_pd", "outsider")

ROUTES: list = [
    Route("calibration:kurva", read=page_for(READERS)),
    Route("GET /api/v1/kalibrasi/kurva", read=expect_roles(403, {200: READERS}, anon=401)),
]
