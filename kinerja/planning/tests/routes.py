"""Who may open and change what in performance planning (see kinerja/planning/permissions.py).

The routes are declared in three modules, one per area: the pegawai's own SKP (routes_skp), leaders and
administrators (routes_lead), and the JSON API (routes_api)."""

from kinerja.planning.tests.routes_api import ROUTES as API_ROUTES
from kinerja.planning.tests.routes_lead import ROUTES as LEAD_ROUTES
from kinerja.planning.tests.routes_skp import ROUTES as SKP_ROUTES

ROUTES = [*SKP_ROUTES, *LEAD_ROUTES, *API_ROUTES]
