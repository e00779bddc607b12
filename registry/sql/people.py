"""The registry's side of ``People``: a person with the roles they hold, and where."""

from collections import defaultdict

from sqlmodel import Session, col, select

from governance.partnership.people import PersonOnRecord, RoleHeld
from registry import tables as m


class SqlPeople:
    def __init__(self, session: Session) -> None:
        self._session = session

    def find(self, key: str) -> PersonOnRecord | None:
        return self.find_many({key}).get(key)

    def find_many(self, keys: set[str]) -> dict[str, PersonOnRecord]:
        people = self._session.exec(select(m.Person).where(col(m.Person.key).in_(keys))).all()
        agencies = dict(self._session.exec(select(m.Agency.id, m.Agency.key)).all())
        roles = self._roles({p.id for p in people})
        return {
            p.key: PersonOnRecord(
                key=p.key,
                name=p.name,
                email=p.email,
                agency_key=agencies.get(p.agency_id),
                roles=frozenset(roles[p.id]),
            )
            for p in people
        }

    def _roles(self, person_ids: set[int | None]) -> dict[int | None, set[RoleHeld]]:
        rows = self._session.exec(
            select(m.Membership, m.Board.key, m.SubGroup.key)
            .join(m.Board, col(m.Membership.board_id) == m.Board.id, isouter=True)
            .join(m.SubGroup, col(m.Membership.sub_group_id) == m.SubGroup.id, isouter=True)
            .where(col(m.Membership.person_id).in_(person_ids))
        )
        roles: dict[int | None, set[RoleHeld]] = defaultdict(set)
        for membership, board_key, sub_group_key in rows:
            roles[membership.person_id].add(
                RoleHeld(role=membership.role, body_key=board_key or sub_group_key)
            )
        return roles
