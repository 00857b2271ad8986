"""Routes of monitoring: dialog."""

ROUTES: list = []
