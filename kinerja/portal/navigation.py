"""The portal's own menu entries and home card (other apps declare theirs in their AppConfig)."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.accounts.models import Role
from kinerja.accounts.permissions import access_of, can_view_audit_trail
from kinerja.core import audit
from kinerja.core.navigation import HomeCard, MenuItem
from kinerja.portal import audit_trail
from kinerja.portal.permissions import audit_events_visible_to, sees_whole_trail


def home_menu(request) -> list[MenuItem]:
    return [MenuItem(_("Home"), reverse("portal:home"))]


def audit_menu(request) -> list[MenuItem]:
    if not can_view_audit_trail(request.user):
        return []
    return [MenuItem(_("Audit trail"), reverse("portal:audit_list"))]


def recent_events(request) -> HomeCard | None:
    """The latest changes, for those who read the whole trail of their instansi."""
    if not sees_whole_trail(request.user):
        return None
    events = audit_trail.with_names(audit_events_visible_to(request.user).order_by("-seq"))[:5]
    rows = audit_trail.rows(events, request.user)
    return HomeCard("portal/_card_recent_events.html", {"rows": rows}) if rows else None


def audit_verification(request) -> HomeCard | None:
    """For the auditor: when the hash chain of the trail was last verified, and how many events of their
    instansi were recorded since (what the next verification covers)."""
    access = access_of(request.user)
    if not (access.superuser or access.has(Role.AUDITOR)):
        return None
    verified = audit.last_verified_at(settings.AUDIT_CHECKPOINT_FILE)
    events = audit_events_visible_to(request.user)
    since = events.filter(seq__gt=verified[1]).count() if verified else events.count()
    return HomeCard(
        "portal/_card_audit_verification.html",
        {
            "verified_at": verified[0] if verified else None,
            "seq": verified[1] if verified else 0,
            "since": since,
        },
    )
