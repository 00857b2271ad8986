"""The home page, the audit trail and the help pages are open to every logged-in user (the trail narrows what it
lists; both guides are the public text of docs/); the trail's export only to those who read the whole trail of
their instansi (auditor, admin BKPSDM; the outsider is the admin BKPSDM of another instansi)."""

from kinerja.core.testing.harness import LOGIN, Route, expect, expect_roles

WHOLE_TRAIL = ("admin_bkpsdm", "auditor", "outsider", "superuser")

ROUTES = [
    Route("portal:home", read=expect(200, anon=LOGIN)),
    Route("portal:audit_list", read=expect(200, anon=LOGIN)),
    Route("portal:audit_export", read=expect_roles(403, {200: WHOLE_TRAIL}, anon=LOGIN)),
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
