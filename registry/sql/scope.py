"""One partnership's rows: every SQL adapter is opened on a session and the partnership it serves.

Ids are unique across the registry; keys only within a partnership, so a key is always looked up
together with the partnership.
"""

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from governance.rules import UnknownRecord
from registry import tables as m


@dataclass(frozen=True)
class Scope:
    session: Session
    partnership_id: int

    def id_of(self, table: type, key: str, *, column: str = "key") -> int:
        """The id of the partnership's row with this key; a refusal naming it when there is none."""
        found = self.session.exec(
            select(table.id).where(table.partnership_id == self.partnership_id, getattr(table, column) == key)
        ).first()
        if found is None:
            raise UnknownRecord(f"No {table.__name__.lower()} with {column} {key!r} in this partnership")
        return found

    def lock(self, table: type, row_id: int) -> None:
        """Hold the row until the transaction ends, so a check made after this is still true at commit.

        PostgreSQL: ``SELECT … FOR UPDATE``, a lock on that row. SQLite locks the whole database for
        a writer: a no-op ``UPDATE`` takes that lock now (waiting up to the busy timeout), where
        pysqlite would otherwise take it only at the first write, after the check. Whatever the
        session read before is then read again.
        """
        self.session.flush()  # what this transaction changed is written before it is read again
        where = sa.column("id") == row_id
        if self.session.get_bind().dialect.name == "postgresql":
            self.session.execute(sa.select(table.__table__.c.id).where(where).with_for_update())
        else:
            self.session.execute(sa.update(table.__table__).where(where).values(id=table.__table__.c.id))
        self.session.expire_all()


def hold_partnership(session: Session, key: str) -> None:
    """Hold the partnership's row (if it exists yet) until the transaction ends: whole-partnership
    writes, such as loading its file, then run one after the other."""
    found = session.exec(select(m.Partnership.id).where(m.Partnership.key == key)).first()
    if found is not None:
        Scope(session, found).lock(m.Partnership, found)


def partnership_keys(session: Session) -> list[str]:
    return list(session.exec(select(m.Partnership.key).order_by(m.Partnership.key)))


def loaded_partnerships(engine: Engine) -> list[str]:
    """The keys of every partnership in the registry, in order."""
    with Session(engine) as session:
        return partnership_keys(session)


def chosen_partnership_id(session: Session, key: str | None) -> int:
    """The partnership named, or the only one loaded; otherwise a refusal that says which exist."""
    if key is not None:
        found = session.exec(select(m.Partnership.id).where(m.Partnership.key == key)).first()
        if found is None:
            known = ", ".join(partnership_keys(session)) or "none is loaded"
            raise UnknownRecord(f"No partnership {key!r} in the registry (loaded: {known})")
        return found
    rows = session.exec(select(m.Partnership.id, m.Partnership.key).order_by(m.Partnership.key)).all()
    if not rows:
        raise UnknownRecord(
            "No partnership is loaded: run `govern demo load` (or load your partnership file)"
        )
    if len(rows) > 1:
        raise UnknownRecord(
            "Several partnerships are loaded; name one with --partnership (or GOVERN_PARTNERSHIP): "
            + ", ".join(k for _, k in rows)
        )
    return rows[0][0]
