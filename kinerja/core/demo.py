"""The demo government, built by each app's `demo.load(demo)` in INSTALLED_APPS order, in one transaction.

The organisation goes first (people, accounts), the framework next, then planning and the apps above it: each
reads what the ones below it wrote and adds its part, so a new app adds a demo by writing its own `demo.py`.
"""

from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from django.apps import apps
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from kinerja.core import audit


@dataclass
class Demo:
    """What the app loaders share: the options, the counts they report, and the main instansi with its admin
    BKPSDM account (set by the organisation's loader for the ones after it)."""

    pegawai: int = 300
    seed: int = 2026
    year: int | None = None
    counts: dict = field(default_factory=dict)
    instansi: Any = None  # org.models.Instansi; the kernel names no model of the apps above it
    admin: Any = None


def loaders() -> list:
    """The `load` function of every installed app that has a demo module, in INSTALLED_APPS order."""
    found = []
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, "demo"):
            load = getattr(import_module(f"{config.name}.demo"), "load", None)
            if load is not None:
                found.append(load)
    return found


@transaction.atomic
def load_demo(*, pegawai: int = 300, seed: int = 2026, year: int | None = None) -> dict:
    """Build the demo government in an empty database; returns the counts and records one audit event."""
    demo = Demo(pegawai=pegawai, seed=seed, year=year)
    for load in loaders():
        load(demo)
    audit.record(
        actor=None,
        action="demo.load",
        object_type="org.instansi",
        object_id=str(demo.instansi.pk),
        object_repr=demo.instansi.nama,
        instansi=demo.instansi,
        changes={"counts": [None, demo.counts]},
        reason=f"Data demo (seed {seed}, tahun {demo.year})",
    )
    return demo.counts
