"""Who is signed in, as the registry knows them: the partnerships where their e-mail address is a person."""

import sqlalchemy as sa
from pydantic import BaseModel
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from registry import tables as m


class Seat(BaseModel):
    """One person on one partnership's record: a signed-in account may have several."""

    partnership: str
    partnership_name: str
    person: str
    name: str


def seats_of(engine: Engine, email: str) -> list[Seat]:
    """Every partnership holding a person with this e-mail address (any case), by partnership name."""
    query = (
        select(m.Partnership, m.Person)
        .join(m.Person, col(m.Person.partnership_id) == m.Partnership.id)
        .where(sa.func.lower(m.Person.email) == email.strip().lower())
        .order_by(m.Partnership.name, m.Person.key)
    )
    with Session(engine) as session:
        return [
            Seat(partnership=p.key, partnership_name=p.name, person=person.key, name=person.name)
            for p, person in session.exec(query)
        ]
