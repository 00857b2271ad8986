from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "kinerja.accounts"
    label = "accounts"
    verbose_name = "Kinerja: akun dan akses"

    def ready(self):
        from kinerja.accounts import navigation as accounts_navigation
        from kinerja.core import navigation

        navigation.add_menu(95, accounts_navigation.roles_menu)
