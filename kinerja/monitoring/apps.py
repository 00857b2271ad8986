from kinerja.core import appconfig


class MonitoringConfig(appconfig.KinerjaAppConfig):
    name = "kinerja.monitoring"
    label = "monitoring"
    verbose_name = "Kinerja: pemantauan (realisasi)"
    audit_labels = "audit_labels"
    menu = {45: "menu.items"}
    home_cards = {
        32: "realisasi.due",
        34: "dialog.feedback",
        36: "dialog.actions",
        37: "dialog.innovations",
        38: "team.team",
    }
    skp_panels = {10: "realisasi.capaian"}
    pegawai_panels = {20: "kehadiran.disiplin", 22: "kehadiran.inovasi"}
