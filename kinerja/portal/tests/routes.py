"""The home page, the audit trail and the help pages are open to every logged-in user (the trail narrows what it
lists; both guides are the public text of docs/)."""

from kinerja.core.testing.harness import LOGIN, Route, expect

ROUTES = [
    Route("portal:home", read=expect(200, anon=LOGIN)),
    Route("portal:audit_list", read=expect(200, anon=LOGIN)),
    Route("portal:help", read=expect(200, anon=LOGIN)),
    Route(
        "portal:help_guide", case="user", kwargs=lambda o: {"guide": "pengguna"}, read=expect(200, anon=LOGIN)
    ),
    Route(
        "portal:help_guide", case="admin", kwargs=lambda o: {"guide": "admin"}, read=expect(200, anon=LOGIN)
    ),
    Route(
        "portal:help_guide",
        case="unknown",
        kwargs=lambda o: {"guide": "rahasia"},
        read=expect(404, anon=LOGIN),
    ),
]
