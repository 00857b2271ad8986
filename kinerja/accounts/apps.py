from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "kinerja.accounts"
    label = "accounts"
    verbose_name = "Kinerja: akun dan akses"
