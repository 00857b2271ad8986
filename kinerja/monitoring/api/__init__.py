"""Monitoring over the JSON API: realisations with their evidence, feedback and dialogs, through the same
services as the screens (each area's module declares its operations)."""

from ninja import Router

from kinerja.monitoring.api import catatan, dialog, kehadiran, realisasi

router = Router(tags=["pemantauan (realisasi)"])
router.add_router("/", realisasi.router)
router.add_router("/", dialog.router)
router.add_router("/", kehadiran.router)
router.add_router("/", catatan.router)
