"""One's notifications are open to every logged-in user. Marking them read is POST only; what a POST does (only
the user's own rows change) is tested in kinerja/planning/tests/test_views_lead.py."""

from kinerja.core.testing.harness import LOGIN, Route, expect

ROUTES = [
    Route("core:notifications", read=expect(200, anon=LOGIN)),
    Route("core:notifications", case="page", query=lambda o: {"page": 2}, read=expect(200, anon=LOGIN)),
    Route("core:notifications_read", read=expect(405, anon=LOGIN)),
]
