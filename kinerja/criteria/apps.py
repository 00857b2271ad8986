from kinerja.core import appconfig


class CriteriaConfig(appconfig.KinerjaAppConfig):
    name = "kinerja.criteria"
    label = "criteria"
    verbose_name = "Kinerja: kerangka penilaian"
    audit_labels = "audit_labels"
    menu = {20: "menu"}
    home_cards = {35: "my_criteria", 50: "framework_review"}
