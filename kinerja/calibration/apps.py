from kinerja.core import appconfig


class CalibrationConfig(appconfig.KinerjaAppConfig):
    name = "kinerja.calibration"
    label = "calibration"
    verbose_name = "Kinerja: kalibrasi dan objektivitas"
    audit_labels = "audit_labels"
    menu = {56: "menu"}
    home_cards = {42: "sessions_card", 62: "rating_pattern_card"}
