"""Monitoring over the JSON API: realisasi."""

from ninja import Router

router = Router()
