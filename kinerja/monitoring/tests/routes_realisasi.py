"""Routes of monitoring: realisasi."""

ROUTES: list = []
