from kinerja.core import appconfig


class OrgConfig(appconfig.KinerjaAppConfig):
    name = "kinerja.org"
    label = "org"
    verbose_name = "Kinerja: organisasi dan pegawai"
    audit_labels = "audit_labels"
    menu = {10: "menu", 30: "assessor_menu"}
    home_cards = {5: "instansi_switcher", 10: "my_position", 20: "people_i_assess", 80: "attention"}
