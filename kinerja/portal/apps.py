from kinerja.core import appconfig


class PortalConfig(appconfig.KinerjaAppConfig):
    """The top layer: home page, navigation and the audit trail screen; it reads every app and none reads it."""

    name = "kinerja.portal"
    label = "portal"
    verbose_name = "Kinerja: portal"
    audit_labels = "audit_labels"
    menu = {0: "home_menu", 90: "audit_menu"}
    home_cards = {85: "audit_verification", 90: "recent_events"}
