from kinerja.core import appconfig


class EvaluationConfig(appconfig.KinerjaAppConfig):
    name = "kinerja.evaluation"
    label = "evaluation"
    verbose_name = "Kinerja: evaluasi dan predikat"
    audit_labels = "audit_labels"
    menu = {50: "menu"}
    home_cards = {39: "queue_card", 40: "my_result_card"}
    pegawai_panels = {24: "history_panel"}
    documents_in_force = {"evaluation.evaluasi": "selectors.history.version_in_force"}
