from kinerja.core import appconfig


class AccountsConfig(appconfig.KinerjaAppConfig):
    name = "kinerja.accounts"
    label = "accounts"
    verbose_name = "Kinerja: akun dan akses"
    audit_labels = "audit_labels"
    menu = {95: "roles_menu"}
