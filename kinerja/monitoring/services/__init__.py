"""Every write of monitoring, one module per area."""

from kinerja.monitoring.services.bukti import bukti_link, bukti_upload, bukti_withdraw  # noqa: F401
from kinerja.monitoring.services.dialog import (  # noqa: F401
    dialog_confirm,
    dialog_create,
    dialog_update,
    tindak_lanjut_done,
)
from kinerja.monitoring.services.inovasi import (  # noqa: F401
    inovasi_ajukan,
    inovasi_create,
    inovasi_kembalikan,
    inovasi_tarik,
    inovasi_update,
    inovasi_verifikasi,
)
from kinerja.monitoring.services.kehadiran import kehadiran_apply, kehadiran_check  # noqa: F401
from kinerja.monitoring.services.pembukaan import pembukaan_create  # noqa: F401
from kinerja.monitoring.services.realisasi import realisasi_save  # noqa: F401
from kinerja.monitoring.services.record import realisasi_record  # noqa: F401
from kinerja.monitoring.services.rencana_aksi import rencana_aksi_comment, rencana_aksi_save  # noqa: F401
from kinerja.monitoring.services.sanksi import sanksi_cancel, sanksi_create  # noqa: F401
from kinerja.monitoring.services.umpan_balik import umpan_balik_add  # noqa: F401
