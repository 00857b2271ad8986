"""The screens of monitoring, one module per area (realisasi, feedback, dialog, team, rencana aksi, reopening)."""
