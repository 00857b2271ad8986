"""Reads of calibration: the distribution curve (curve) and the calibration sessions (sesi)."""

from kinerja.calibration.selectors.curve import LEVELS, Bar, Curve, Group, curve, unit_choices

__all__ = ["LEVELS", "Bar", "Curve", "Group", "curve", "unit_choices"]
