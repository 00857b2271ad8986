from django.apps import AppConfig


class CriteriaConfig(AppConfig):
    name = "kinerja.criteria"
    label = "criteria"
    verbose_name = "Kinerja: kerangka penilaian"
