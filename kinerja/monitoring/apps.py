from kinerja.core import appconfig


class MonitoringConfig(appconfig.KinerjaAppConfig):
    name = "kinerja.monitoring"
    label = "monitoring"
    verbose_name = "Kinerja: pemantauan (realisasi)"
    audit_labels = "audit_labels"
