from django.utils.functional import SimpleLazyObject

from kinerja.accounts.permissions import access_of
from kinerja.core import navigation
from kinerja.core.notifications import unread_count


def navigation_context(request):
    """The menu the apps registered and the bell's count, each computed only when a template uses it."""
    user = getattr(request, "user", None)
    access = access_of(user)
    nav = {"roles": sorted(access.roles)}
    if access.authenticated:
        nav["menu"] = SimpleLazyObject(lambda: navigation.menu_for(request))
        nav["notifikasi"] = SimpleLazyObject(lambda: {"unread": unread_count(user)})
    return {"nav": nav}
