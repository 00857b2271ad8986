"""Lifecycle hooks: how a lower app lets higher apps react to its events, inside the same transaction.

The organisation cannot import planning (layers run one way), yet an SKP must end when the assignment it plans
for ends. So org announces `ASSIGNMENT_ENDED` and planning registers a handler in its AppConfig.ready. Unlike
Django signals, the events are a closed list named here, handlers run in a stated order, and an exception in a
handler rolls back the announcing service's transaction with it.
"""

from collections.abc import Callable
from dataclasses import dataclass

# The events, with the keyword arguments each announcement carries.
ASSIGNMENT_ENDED = "assignment_ended"  # actor, pegawai, jabatan, last_day, reason
FRAMEWORK_PUBLISHED = "framework_published"  # actor, kerangka

EVENTS = frozenset({ASSIGNMENT_ENDED, FRAMEWORK_PUBLISHED})


@dataclass(frozen=True)
class _Handler:
    order: int
    name: str
    fn: Callable[..., object]


_handlers: dict[str, list[_Handler]] = {event: [] for event in EVENTS}


def on(event: str, fn: Callable[..., object], *, order: int = 100) -> None:
    """Register a handler (from an AppConfig.ready). Registering the same function twice has no effect."""
    if event not in EVENTS:
        raise ValueError(f"unknown hook event {event!r}")
    name = f"{fn.__module__}.{fn.__qualname__}"
    if any(h.name == name for h in _handlers[event]):
        return
    _handlers[event].append(_Handler(order, name, fn))
    _handlers[event].sort(key=lambda h: (h.order, h.name))


def announce(event: str, **payload) -> None:
    """Call every handler of the event in order, in the caller's transaction."""
    if event not in EVENTS:
        raise ValueError(f"unknown hook event {event!r}")
    for handler in _handlers[event]:
        handler.fn(**payload)


def handlers_of(event: str) -> list[str]:
    """The registered handlers of an event by dotted name, in the order they run (for tests and docs)."""
    return [h.name for h in _handlers[event]]
