"""The base of every Kinerja app's AppConfig (its own module: Django picks an app's config from the classes
an apps.py module holds, so apps import this module, not the class)."""

from importlib import import_module

from django.apps import AppConfig


class KinerjaAppConfig(AppConfig):
    """An app of Kinerja declares what it adds to the others; `ready` registers it with the kernel.

    `menu`, `home_cards`, `pegawai_panels` (sections of a pegawai's profile page), `skp_panels` (sections of an
    SKP's page) and `evaluasi_panels` (sections of an evaluation's page) map an order to a provider of the app's
    `navigation` module (kinerja.core.navigation);
    `hooks` maps a kernel event to a handler "module.function" of the app (kinerja.core.hooks);
    `audit_labels` names the app's module declaring the words of its audit events (kinerja.core.audit_labels);
    `documents_in_force` maps a kind of verifiable document the app issues to "module.function" giving the
    version of a subject in force (kinerja.core.verification.register_in_force)."""

    menu: dict[int, str] = {}
    home_cards: dict[int, str] = {}
    pegawai_panels: dict[int, str] = {}
    skp_panels: dict[int, str] = {}
    evaluasi_panels: dict[int, str] = {}
    hooks: dict[str, str] = {}
    audit_labels: str = ""
    documents_in_force: dict[str, str] = {}

    def _resolve(self, dotted: str):
        module, _, name = dotted.rpartition(".")
        return getattr(import_module(f"{self.name}.{module}"), name)

    def ready(self):
        from kinerja.core import audit_labels, hooks, navigation, verification

        for order, provider in self.menu.items():
            navigation.add_menu(order, self._resolve(f"navigation.{provider}"))
        for order, provider in self.home_cards.items():
            navigation.add_home_card(order, self._resolve(f"navigation.{provider}"))
        for place in navigation.PLACES:
            for order, provider in getattr(self, f"{place}_panels").items():
                navigation.add_panel(place, order, self._resolve(f"navigation.{provider}"))
        for event, handler in self.hooks.items():
            hooks.on(event, self._resolve(handler))
        for jenis, resolver in self.documents_in_force.items():
            verification.register_in_force(jenis, self._resolve(resolver))
        if self.audit_labels:
            module = import_module(f"{self.name}.{self.audit_labels}")
            audit_labels.add(
                getattr(module, "ACTIONS", {}),
                getattr(module, "FIELDS", {}),
                getattr(module, "LINKS", {}),
                getattr(module, "DATA_KEYED", ()),
            )
