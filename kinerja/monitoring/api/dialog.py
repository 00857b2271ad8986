"""Monitoring over the JSON API: dialog."""

from ninja import Router

router = Router()
