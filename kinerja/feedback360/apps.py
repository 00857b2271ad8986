from kinerja.core import appconfig


class Feedback360Config(appconfig.KinerjaAppConfig):
    name = "kinerja.feedback360"
    label = "feedback360"
    verbose_name = "Kinerja: umpan balik 360 dan profil kompetensi"
    audit_labels = "audit_labels"
    menu = {55: "menu"}
    home_cards = {41: "todo_card"}
    pegawai_panels = {26: "profile_panel"}
    evaluasi_panels = {10: "evaluation_panel"}
