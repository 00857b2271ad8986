"""Every write of monitoring, one module per area."""
