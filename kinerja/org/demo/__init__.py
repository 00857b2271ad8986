"""A fictional city government for trials and tests: the same every time (fixed seed).

Seed data is written in bulk, not through the services, so that 100,000 pegawai load in minutes; the load
itself is recorded as one audit event. Dates are anchored on the current year (1 January). The cast, the
structure, the people and the loader each have a module, re-exported here: `from kinerja.org import demo`.
"""

from kinerja.org.demo.cast import (
    DEMO_PASSWORD,
    LOGINS,
    NIP_KABID_KESMAS,
    NIP_KASI_IMUNISASI,
    NIP_KEPALA_DINKES,
    NIP_MUTASI,
    NIP_PELAKSANA_IMUNISASI,
    NIP_SEKDA,
    NIP_SEKRETARIS_PUPR,
    STAFF_LOGINS,
)
from kinerja.org.demo.loader import load
from kinerja.org.demo.structure import DemoBuilder

__all__ = [
    "DEMO_PASSWORD",
    "LOGINS",
    "NIP_KABID_KESMAS",
    "NIP_KASI_IMUNISASI",
    "NIP_KEPALA_DINKES",
    "NIP_MUTASI",
    "NIP_PELAKSANA_IMUNISASI",
    "NIP_SEKDA",
    "NIP_SEKRETARIS_PUPR",
    "STAFF_LOGINS",
    "DemoBuilder",
    "load",
]
