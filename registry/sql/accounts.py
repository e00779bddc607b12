"""The registry's side of ``Accounts``. Accounts span partnerships, so each call here is a
transaction of its own on the engine, outside any partnership's unit of work.

A sign-in attempt is committed at once, so a refusal is kept whatever the caller does next, and is
audited (``signed in`` / ``sign-in refused``) in the hash-chained trail of each partnership where
the address is a person on record; an address nobody holds leaves only the attempt.
"""

from datetime import datetime

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from governance.accounts.model import RATE_LIMITED, AccountOnRecord, Identity, SignInAttempt, normalised
from registry import tables as m
from registry.sql.audit_trail import SqlAuditTrail
from registry.sql.people import SqlPeople
from registry.sql.scope import Scope

STRONG = PasswordHasher()
"""argon2id with argon2-cffi's defaults (RFC 9106's second recommended option: 64 MiB, 3 passes)."""
PUBLIC_PASSWORDS = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
"""argon2id at its lightest, for passwords that are public anyway (the demo's, written in the README):
still never kept in clear, and cheap to make for every person each time the demo is loaded."""
_NOBODY = STRONG.hash("no account has this password")
"""Checked against when there is no hash, so that a miss takes as long as a wrong password."""


class SqlAccounts:
    def __init__(self, engine: Engine, *, hasher: PasswordHasher = STRONG) -> None:
        self._engine = engine
        self._hasher = hasher

    def hash_password(self, password: str) -> str:
        return self._hasher.hash(password)

    def password_matches(self, password_hash: str | None, password: str) -> bool:
        """Any argon2 hash verifies (its parameters are written in it), whichever hasher made it."""
        try:
            return STRONG.verify(password_hash or _NOBODY, password) and password_hash is not None
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def _session(self) -> Session:
        return Session(self._engine, expire_on_commit=False)

    @staticmethod
    def _on_record(row: m.Account) -> AccountOnRecord:
        return AccountOnRecord.model_validate(row, from_attributes=True)

    def find(self, email: str) -> AccountOnRecord | None:
        with self._session() as session:
            row = session.exec(select(m.Account).where(m.Account.email == normalised(email))).first()
            return self._on_record(row) if row else None

    def everyone(self) -> list[AccountOnRecord]:
        with self._session() as session:
            return [self._on_record(r) for r in session.exec(select(m.Account).order_by(m.Account.email))]

    def add(self, email: str, *, password_hash: str | None, at: datetime) -> AccountOnRecord:
        with self._session() as session:
            row = m.Account(email=normalised(email), password_hash=password_hash, created_at=at)
            session.add(row)
            session.commit()
            return self._on_record(row)

    def _change(self, email: str, **values: object) -> None:
        with self._session() as session:
            session.execute(sa.update(m.Account).where(m.Account.email == normalised(email)).values(**values))
            session.commit()

    def set_password(self, email: str, password_hash: str) -> None:
        self._change(email, password_hash=password_hash)

    def disable(self, email: str, *, at: datetime) -> None:
        self._change(email, disabled_at=at)

    def identities(self, email: str) -> list[Identity]:
        with self._session() as session:
            return [identity for _, identity in self._identities(session, email)]

    @staticmethod
    def _identities(session: Session, email: str) -> list[tuple[int, Identity]]:
        found = []
        for partnership_id, key in session.exec(
            select(m.Partnership.id, m.Partnership.key).order_by(m.Partnership.key)
        ).all():
            person = SqlPeople(Scope(session, partnership_id)).find_by_email(email)
            if person is not None:
                found.append((partnership_id, Identity.of(key, person)))
        return found

    def failures_since(self, email: str, since: datetime) -> list[datetime]:
        email = normalised(email)
        with self._session() as session:
            last_success = session.exec(
                select(sa.func.max(m.SignIn.at)).where(m.SignIn.email == email, col(m.SignIn.succeeded))
            ).one()
            after = max(since, last_success) if last_success else since
            return list(
                session.exec(
                    select(m.SignIn.at)
                    .where(
                        m.SignIn.email == email,
                        col(m.SignIn.succeeded).is_(False),
                        m.SignIn.method == "password",
                        m.SignIn.detail != RATE_LIMITED,
                        m.SignIn.at > after,
                    )
                    .order_by(m.SignIn.at)
                )
            )

    def record_sign_in(self, attempt: SignInAttempt) -> None:
        email = normalised(attempt.email)
        with self._session() as session:
            session.add(
                m.SignIn(
                    email=email,
                    at=attempt.at,
                    succeeded=attempt.succeeded,
                    method=attempt.method,
                    detail=attempt.detail[:200],
                )
            )
            trails = []  # kept alive until the commit, whose hook chains their events
            for partnership_id, identity in self._identities(session, email):
                trail = SqlAuditTrail(Scope(session, partnership_id))
                trail.record(
                    at=attempt.at,
                    actor=identity.person_key,
                    event="signed in" if attempt.succeeded else "sign-in refused",
                    subject=email,
                    details={"method": attempt.method, "detail": attempt.detail}
                    | ({} if attempt.succeeded else {"security event": True}),
                )
                trails.append(trail)
            session.commit()

    def add_feed(self, account_id: int, *, token_hash: str, at: datetime) -> None:
        with self._session() as session:
            session.add(m.CalendarFeed(account_id=account_id, token_hash=token_hash, created_at=at))
            session.commit()

    def revoke_feeds(self, account_id: int, *, at: datetime) -> int:
        with self._session() as session:
            done = session.execute(
                sa.update(m.CalendarFeed)
                .where(m.CalendarFeed.account_id == account_id, col(m.CalendarFeed.revoked_at).is_(None))
                .values(revoked_at=at)
            )
            session.commit()
            return done.rowcount

    def feed_account(self, token_hash: str) -> AccountOnRecord | None:
        with self._session() as session:
            row = session.exec(
                select(m.Account)
                .join(m.CalendarFeed, col(m.CalendarFeed.account_id) == m.Account.id)
                .where(m.CalendarFeed.token_hash == token_hash, col(m.CalendarFeed.revoked_at).is_(None))
            ).first()
            return self._on_record(row) if row else None
