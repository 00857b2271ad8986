"""Every write to the organisation: the instansi and its units, positions, pegawai and assignments.

Each service checks the actor's permission and the state, validates, writes, and records an audit event in the
same transaction, so a refused action changes nothing. One module per concern, all re-exported here:
`from kinerja.org import services; services.unit_move(...)`.
"""

from kinerja.org.services.assignments import (
    PENUGASAN_FIELDS,
    pegawai_transfer,
    penugasan_create,
    penugasan_end,
)
from kinerja.org.services.pegawai import (
    PEGAWAI_FIELDS,
    pegawai_create,
    pegawai_update,
)
from kinerja.org.services.positions import (
    JABATAN_FIELDS,
    jabatan_create,
    jabatan_update,
)
from kinerja.org.services.units import (
    INSTANSI_FIELDS,
    UNIT_FIELDS,
    instansi_create,
    instansi_update,
    unit_create,
    unit_move,
    unit_update,
)

__all__ = [
    "INSTANSI_FIELDS",
    "JABATAN_FIELDS",
    "PEGAWAI_FIELDS",
    "PENUGASAN_FIELDS",
    "UNIT_FIELDS",
    "instansi_create",
    "instansi_update",
    "jabatan_create",
    "jabatan_update",
    "pegawai_create",
    "pegawai_transfer",
    "pegawai_update",
    "penugasan_create",
    "penugasan_end",
    "unit_create",
    "unit_move",
    "unit_update",
]
