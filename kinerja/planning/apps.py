from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "kinerja.planning"
    label = "planning"
    verbose_name = "Kinerja: perencanaan (SKP)"

    def ready(self):
        from kinerja.core import hooks, navigation
        from kinerja.planning import navigation as planning_navigation
        from kinerja.planning import services

        hooks.on(hooks.ASSIGNMENT_ENDED, services.skp_end_with_assignment)
        navigation.add_menu(40, planning_navigation.menu)
        navigation.add_home_card(30, planning_navigation.my_skp)
