"""Demo accounts: one for every person of the Bradford demo, so that anyone can sign in as any role.

The demo password of a person is ``demo-`` followed by their key (``govern people`` lists the keys):
Joanne Pickering, the business manager, signs in as ``joanne.pickering@bradford-council.example``
with ``demo-joanne-pickering``. For the demo only: a real partnership adds its accounts with
``govern user add``, each with a password of its own or none (OpenID Connect).
"""

from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from governance.accounts.use_cases import add_account
from registry import tables as m
from registry.sql.accounts import PUBLIC_PASSWORDS, SqlAccounts

DEMO_PARTNERSHIP = "bradford"


def demo_password(person_key: str) -> str:
    return f"demo-{person_key}"


def load_demo_accounts(engine: Engine, *, now: datetime, partnership: str = DEMO_PARTNERSHIP) -> int:
    """An account for each person of the demo partnership who has none yet; how many were added.
    Loading twice adds nothing."""
    with Session(engine) as session:
        people = session.exec(
            select(m.Person.key, m.Person.email)
            .join(m.Partnership, m.Partnership.id == m.Person.partnership_id)
            .where(m.Partnership.key == partnership)
            .order_by(m.Person.key)
        ).all()
    accounts = SqlAccounts(engine, hasher=PUBLIC_PASSWORDS)  # the demo passwords are public
    added = 0
    for key, email in people:
        if accounts.find(email) is None and accounts.identities(email):
            add_account(email, demo_password(key), accounts=accounts, now=now)
            added += 1
    return added
