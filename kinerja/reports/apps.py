from kinerja.core import appconfig


class ReportsConfig(appconfig.KinerjaAppConfig):
    name = "kinerja.reports"
    label = "reports"
    verbose_name = "Kinerja: laporan dan pemantauan pimpinan"
    menu = {48: "items"}
    home_cards = {31: "leader", 33: "my_progress", 39: "team_warnings"}
