"""Who may open and change what in monitoring (see kinerja/monitoring/permissions.py), one module per area."""

from kinerja.monitoring.tests.routes_catatan import ROUTES as CATATAN_ROUTES
from kinerja.monitoring.tests.routes_dialog import ROUTES as DIALOG_ROUTES
from kinerja.monitoring.tests.routes_kehadiran import ROUTES as KEHADIRAN_ROUTES
from kinerja.monitoring.tests.routes_realisasi import ROUTES as REALISASI_ROUTES
from kinerja.monitoring.tests.routes_team import ROUTES as TEAM_ROUTES

ROUTES = [*REALISASI_ROUTES, *DIALOG_ROUTES, *TEAM_ROUTES, *KEHADIRAN_ROUTES, *CATATAN_ROUTES]
