from django.apps import AppConfig


class CriteriaConfig(AppConfig):
    name = "kinerja.criteria"
    label = "criteria"
    verbose_name = "Kinerja: kerangka penilaian"

    def ready(self):
        from kinerja.core import navigation
        from kinerja.criteria import navigation as criteria_navigation

        navigation.add_menu(20, criteria_navigation.menu)
