from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "kinerja.org"
    label = "org"
    verbose_name = "Kinerja: organisasi dan pegawai"

    def ready(self):
        from kinerja.core import navigation
        from kinerja.org import navigation as org_navigation

        navigation.add_menu(10, org_navigation.menu)
        navigation.add_menu(30, org_navigation.assessor_menu)
        navigation.add_home_card(10, org_navigation.my_position)
        navigation.add_home_card(20, org_navigation.people_i_assess)
        navigation.add_home_card(80, org_navigation.attention)
