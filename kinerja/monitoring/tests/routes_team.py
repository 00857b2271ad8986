"""Routes of monitoring: team."""

ROUTES: list = []
