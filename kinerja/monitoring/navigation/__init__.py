"""Monitoring's menu entries and home cards, one module per area (declared in MonitoringConfig)."""
