from django.utils.functional import SimpleLazyObject

from kinerja.accounts.permissions import access_of
from kinerja.core import navigation
from kinerja.core.notifications import unread_count
from kinerja.portal.help import topic_for


def navigation_context(request):
    """The menu the apps registered, the bell's count (each computed only when a template uses it), the page's help."""
    user = getattr(request, "user", None)
    access = access_of(user)
    nav = {"roles": sorted(access.roles)}
    if access.authenticated:
        nav["menu"] = SimpleLazyObject(lambda: navigation.menu_for(request))
        nav["notifikasi"] = SimpleLazyObject(lambda: {"unread": unread_count(user)})
        nav["help"] = topic_for(request)  # the page's short help (kinerja/portal/help.py), if it has one
    return {"nav": nav}
