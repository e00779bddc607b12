"""Roles follow the file: after a load, the open memberships are exactly the roles the file lists.

A role the file no longer lists (or a person it no longer lists) is ended on the load's date: the
row is kept for history and grants nothing from then on (``registry.sql.people`` reads open ones
only). A role the file lists again later starts a new membership; the ended one stays as it was.
"""

from collections.abc import Iterable
from datetime import date
from typing import Any, NamedTuple

from sqlmodel import Session, col, select

from governance.vocabulary import Role
from registry import tables as m
from registry.partnership_file.entries import PersonEntry


class Held(NamedTuple):
    person_id: int
    role: Role
    board_id: int | None
    sub_group_id: int | None


def follow_the_file(
    session: Session,
    partnership_id: int,
    people: Iterable[PersonEntry],
    ids: dict[str, dict[str, Any]],
    on: date,
) -> tuple[list[dict[str, str]], dict[str, int]]:
    """End the open memberships the file does not list and start those it lists anew; returns the
    changes (role added / role ended, with person, role and body) and their counts."""
    wanted = {
        Held(ids["people"][p.key], r.role, ids["boards"].get(r.board), ids["sub_groups"].get(r.sub_group))
        for p in people
        for r in p.roles
    }
    open_rows = session.exec(
        select(m.Membership)
        .join(m.Person, col(m.Membership.person_id) == m.Person.id)
        .where(m.Person.partnership_id == partnership_id, col(m.Membership.ended_on).is_(None))
        .order_by(col(m.Membership.id))
    ).all()
    names = _names(session, partnership_id)
    changes: list[dict[str, str]] = []
    counts = {"created": 0, "ended": 0, "unchanged": 0}
    kept: set[Held] = set()
    for row in open_rows:
        held = Held(row.person_id, row.role, row.board_id, row.sub_group_id)
        if held in wanted and held not in kept:
            kept.add(held)
            counts["unchanged"] += 1
            continue
        row.ended_on = on
        session.add(row)
        counts["ended"] += 1
        changes.append(_change("role ended", held, names))
    for held in sorted(wanted - kept, key=repr):
        session.add(m.Membership(**held._asdict(), started_on=on))
        counts["created"] += 1
        changes.append(_change("role added", held, names))
    session.flush()
    return changes, counts


def _names(session: Session, partnership_id: int) -> dict[str, dict[int, str]]:
    def keys(table: Any) -> dict[int, str]:
        return dict(
            session.exec(select(table.id, table.key).where(table.partnership_id == partnership_id)).all()
        )

    return {"people": keys(m.Person), "boards": keys(m.Board), "sub_groups": keys(m.SubGroup)}


def _change(what: str, held: Held, names: dict[str, dict[int, str]]) -> dict[str, str]:
    body = (
        f"board {names['boards'][held.board_id]}"
        if held.board_id is not None
        else f"sub-group {names['sub_groups'][held.sub_group_id]}"
        if held.sub_group_id is not None
        else "the whole partnership"
    )
    return {"change": what, "person": names["people"][held.person_id], "role": held.role.value, "on": body}
