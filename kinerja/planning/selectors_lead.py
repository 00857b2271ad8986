"""Kept only because kinerja.core.context_processors imports the menu's counts by this name; the portal takes
the menu over (issue 9) and this module then goes. Planning's reads live in kinerja.planning.selectors."""

from kinerja.planning.selectors import waiting_counts

__all__ = ["waiting_counts"]
