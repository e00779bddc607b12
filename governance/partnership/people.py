"""People as the rules see them: who they are, which roles they hold, where, and how they are told."""

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from governance.vocabulary import Role

BUSINESS_UNIT_ROLES = frozenset(
    {Role.BUSINESS_MANAGER, Role.DEPUTY_BUSINESS_MANAGER, Role.BUSINESS_ADMINISTRATOR}
)


class NotifyBy(StrEnum):
    """How a person chooses to receive what the platform tells them."""

    IMMEDIATE = "immediate"
    """A message as each thing happens."""
    DIGEST = "digest"
    """One daily message, grouped by board and by what is asked."""


class RoleHeld(BaseModel):
    model_config = ConfigDict(frozen=True)

    role: Role
    body_key: str | None = None
    """The board or sub-group the role is held on; ``None`` for partnership-wide roles."""


class PersonOnRecord(BaseModel):
    model_config = ConfigDict(frozen=True)

    key: str
    name: str
    email: str
    agency_key: str | None = None
    roles: frozenset[RoleHeld] = frozenset()
    notify_by: NotifyBy = NotifyBy.IMMEDIATE
    channel: str | None = None
    """An Apprise tag the person is reached by instead of e-mail; ``None``: by e-mail (``email``)."""

    def holds(self, *roles: Role) -> bool:
        return any(held.role in roles for held in self.roles)

    def holds_on(self, role: Role, body_key: str | None) -> bool:
        """Holds ``role`` on that board or sub-group. A partnership-wide role counts everywhere; a
        role held on a body (``Role.is_held_on_a_body``) counts only there, and never without one."""
        if role.is_held_on_a_body:
            return body_key is not None and RoleHeld(role=role, body_key=body_key) in self.roles
        return any(held.role is role and held.body_key in (body_key, None) for held in self.roles)

    def sits_on(self, *body_keys: str | None) -> bool:
        """Holds any role on one of these boards or sub-groups."""
        return any(held.body_key is not None and held.body_key in body_keys for held in self.roles)

    @property
    def works_in_business_unit(self) -> bool:
        return self.holds(*BUSINESS_UNIT_ROLES)
