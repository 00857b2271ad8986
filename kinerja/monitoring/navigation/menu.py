"""Monitoring's menu entries (the team area owns them, for every area)."""


def items(request) -> list:
    return []
