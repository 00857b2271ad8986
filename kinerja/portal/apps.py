from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The top layer: home page, navigation and the audit trail screen; it reads every app and none reads it."""

    name = "kinerja.portal"
    label = "portal"
    verbose_name = "Kinerja: portal"

    def ready(self):
        from kinerja.core import navigation
        from kinerja.portal import cards

        navigation.add_menu(0, cards.home_menu)
        navigation.add_menu(90, cards.audit_menu)
        navigation.add_home_card(90, cards.recent_events)
