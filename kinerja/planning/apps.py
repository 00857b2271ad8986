from kinerja.core import appconfig, hooks


class PlanningConfig(appconfig.KinerjaAppConfig):
    name = "kinerja.planning"
    label = "planning"
    verbose_name = "Kinerja: perencanaan (SKP)"
    audit_labels = "audit_labels"
    menu = {40: "menu"}
    home_cards = {30: "my_skp", 40: "year_state"}
    pegawai_panels = {10: "pegawai_skp"}
    # An SKP ends with the assignment it plans for (a transfer, retirement, the end of an acting post).
    hooks = {hooks.ASSIGNMENT_ENDED: "services.skp_end_with_assignment"}
    # A print of an SKP is in force while its version is the SKP's last approved one (kinerja.core.verification).
    documents_in_force = {"planning.skp": "selectors.version_in_force"}
