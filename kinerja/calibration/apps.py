from kinerja.core import appconfig


class CalibrationConfig(appconfig.KinerjaAppConfig):
    name = "kinerja.calibration"
    label = "calibration"
    verbose_name = "Kinerja: kalibrasi dan objektivitas"
    menu = {56: "menu"}
