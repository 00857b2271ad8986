"""The home page and the audit trail are open to every logged-in user (the trail narrows what it lists)."""

from kinerja.core.testing.harness import LOGIN, Route, expect

ROUTES = [
    Route("portal:home", read=expect(200, anon=LOGIN)),
    Route("portal:audit_list", read=expect(200, anon=LOGIN)),
]
