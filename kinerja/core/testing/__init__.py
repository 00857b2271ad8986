"""Test support shared by the apps (imported by tests only)."""
