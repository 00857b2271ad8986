"""Every read of monitoring: the plan of each period (plan), and what the pages show."""

from kinerja.monitoring.selectors import catatan, dialog, feedback  # noqa: F401
from kinerja.monitoring.selectors.pembukaan import (  # noqa: F401
    can_reopen_any,
    pegawai_by_nip,
    pembukaan_visible_to,
    periods_of_year,
    units_in_scope,
)
from kinerja.monitoring.selectors.plan import (  # noqa: F401
    PeriodPlan,
    covered_periods,
    input_until,
    is_open,
    penilai_of_period,
    plan_for,
    plans,
    reopenings,
)
from kinerja.monitoring.selectors.realisasi import (  # noqa: F401
    Due,
    IndikatorRow,
    PeriodView,
    RealisasiDetail,
    RealisasiPage,
    akumulasi_of,
    due_for,
    my_skps,
    plan_numbered,
    realisasi_detail,
    realisasi_of,
    realisasi_page,
)
from kinerja.monitoring.selectors.rencana import (  # noqa: F401
    RencanaPage,
    get_rencana_for_user_or_404,
    partial_access,
    rencana_page,
    rhk_of,
)
from kinerja.monitoring.selectors.team import (  # noqa: F401
    TeamRow,
    TeamStatus,
    current_period,
    menu_summary,
    team_status,
)
