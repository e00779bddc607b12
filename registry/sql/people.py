"""The registry's side of ``People``: a partnership's people with the roles they hold, and where.

An ended membership (``ended_on`` set when the partnership file no longer lists it) grants nothing.
"""

from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from sqlmodel import col, select

from governance.partnership.people import NotifyBy, PersonOnRecord, RoleHeld
from registry import tables as m
from registry.sql.scope import Scope


class SqlPeople:
    def __init__(self, scope: Scope) -> None:
        self._scope = scope
        self._session = scope.session

    def find(self, key: str) -> PersonOnRecord | None:
        return self.find_many({key}).get(key)

    def find_many(self, keys: set[str]) -> dict[str, PersonOnRecord]:
        return self._people(col(m.Person.key).in_(keys))

    def find_by_email(self, email: str) -> PersonOnRecord | None:
        """The person with this e-mail address (any case), if exactly one of the partnership has it."""
        found = self._people(sa.func.lower(m.Person.email) == email.strip().lower())
        return next(iter(found.values())) if len(found) == 1 else None

    def everyone(self) -> dict[str, PersonOnRecord]:
        """Every person of the partnership (for the snapshot), by key."""
        return self._people()

    def _people(self, *conditions: Any) -> dict[str, PersonOnRecord]:
        mine = m.Person.partnership_id == self._scope.partnership_id
        people = self._session.exec(select(m.Person).where(mine, *conditions).order_by(m.Person.key)).all()
        agencies = dict(
            self._session.exec(
                select(m.Agency.id, m.Agency.key).where(m.Agency.partnership_id == self._scope.partnership_id)
            ).all()
        )
        roles = self._roles(mine, *conditions)
        return {
            p.key: PersonOnRecord(
                key=p.key,
                name=p.name,
                email=p.email,
                agency_key=agencies.get(p.agency_id),
                roles=frozenset(roles[p.id]),
                notify_by=NotifyBy(p.notify_by),
                channel=p.channel,
            )
            for p in people
        }

    def _roles(self, *conditions: Any) -> dict[int | None, set[RoleHeld]]:
        rows = self._session.exec(
            select(m.Membership, m.Board.key, m.SubGroup.key)
            .join(m.Person, col(m.Membership.person_id) == m.Person.id)
            .join(m.Board, col(m.Membership.board_id) == m.Board.id, isouter=True)
            .join(m.SubGroup, col(m.Membership.sub_group_id) == m.SubGroup.id, isouter=True)
            .where(col(m.Membership.ended_on).is_(None), *conditions)
        )
        roles: dict[int | None, set[RoleHeld]] = defaultdict(set)
        for membership, board_key, sub_group_key in rows:
            roles[membership.person_id].add(
                RoleHeld(role=membership.role, body_key=board_key or sub_group_key)
            )
        return roles
