"""Workflows as data: a status field moved by a table of transitions, and the one function that moves it.

Each row says from which status an action leads where, who may take it (a predicate of (user, obj), or the
name of a role the app resolves with `with_roles`) and whether a reason is required. Buttons, the API and the
permission layer ask the table which actions a user has; services call `transition`, which checks the same
rows, sets the status and writes the audit event. An app's extra conditions (deadlines, completeness) stay in
its service, before the transition.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _

from kinerja.core import audit
from kinerja.core.errors import ApplicationError
from kinerja.core.services import deny_unless, require_reason

Actor = Callable[[Any, Any], bool]


@dataclass(frozen=True)
class Transition:
    action: str
    source: str
    # A status, or a function of the object for a target that depends on it.
    target: str | Callable[[Any], str]
    # A predicate (user, obj) -> bool, or the name of a role the workflow resolves.
    by: str | Actor
    needs_reason: bool = False

    def target_for(self, obj) -> str:
        return self.target(obj) if callable(self.target) else self.target


@dataclass(frozen=True)
class Workflow:
    """The transitions of one kind of object; `name` prefixes the audit action ("planning.skp.ajukan")."""

    name: str
    transitions: tuple[Transition, ...]
    roles: Mapping[str, Actor] = field(default_factory=dict)
    state: str = "status"
    # The refusal of an action the status does not allow (may be lazy); %(status)s is the status's label.
    not_now: str | Promise = ""

    def with_roles(self, roles: Mapping[str, Actor]) -> "Workflow":
        """The same table with its named roles resolved to predicates (done by the app's permission layer)."""
        return replace(self, roles={**self.roles, **roles})

    def transition_for(self, action: str, source: str) -> Transition | None:
        """The transition `action` takes from `source`, or None when the table does not allow it."""
        return next((t for t in self.transitions if t.action == action and t.source == source), None)

    def transitions_from(self, source: str) -> list[Transition]:
        return [t for t in self.transitions if t.source == source]

    def sources(self, action: str) -> frozenset[str]:
        """The statuses from which `action` may be taken."""
        return frozenset(t.source for t in self.transitions if t.action == action)

    def _acts(self, user, obj, by: str | Actor, known: dict) -> bool:
        # Predicates are asked once per call: two actions of one role cost one permission check.
        if by not in known:
            predicate = self.roles[by] if isinstance(by, str) else by
            known[by] = bool(predicate(user, obj))
        return known[by]

    def allows(self, user, obj, action: str) -> bool:
        """Whether the user may take the action on the object now."""
        transition = self.transition_for(action, getattr(obj, self.state))
        return transition is not None and self._acts(user, obj, transition.by, {})

    def actions_for(self, user, obj) -> list[str]:
        """The actions the user may take on the object now, in the table's order (for buttons and the API)."""
        known: dict = {}
        return [
            t.action
            for t in self.transitions_from(getattr(obj, self.state))
            if self._acts(user, obj, t.by, known)
        ]

    def check(self, *, actor, obj, action: str) -> Transition:
        """Refuse (PermissionDenied, ApplicationError) unless the actor may take the action now; no writes.

        Someone who could not take the action in any status is refused before the status is, so that a
        stranger learns nothing of the object's state."""
        known: dict = {}
        deny_unless(any(self._acts(actor, obj, t.by, known) for t in self.transitions if t.action == action))
        transition = self.transition_for(action, getattr(obj, self.state))
        if transition is None:
            display = getattr(obj, f"get_{self.state}_display", None)
            label = str(display() if display else getattr(obj, self.state)).lower()
            message = str(self.not_now) or _("This cannot be done now (%(status)s).")
            raise ApplicationError(message % {"status": label})
        deny_unless(self._acts(actor, obj, transition.by, known))
        return transition

    def transition(
        self,
        *,
        actor,
        obj,
        action: str,
        reason: str = "",
        changes: Mapping[str, Any] | None = None,
        save: Callable[[Any], None] | None = None,
        **audit_fields: Any,
    ) -> str:
        """Check, move the object to the target, save it (`save`, else its status field), record from, to and
        the reason; return the new status. Call in the service's transaction, with the object locked."""
        transition = self.check(actor=actor, obj=obj, action=action)
        if transition.needs_reason:
            reason = require_reason(reason)
        source, target = getattr(obj, self.state), transition.target_for(obj)
        setattr(obj, self.state, target)
        if save is None:
            obj.save(update_fields=[self.state])
        else:
            save(obj)
        audit.record(
            actor=actor,
            action=f"{self.name}.{action}",
            obj=obj,
            changes={self.state: [source, target], **(changes or {})},
            reason=reason,
            **audit_fields,
        )
        return target
