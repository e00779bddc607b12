"""Sign-in: accounts, every attempt to sign in, and calendar feeds.

An account is a person by e-mail address, across every partnership that person serves (a police
officer whose force serves several districts has one account); the roles come from the
memberships of each partnership's register, never from the account. Passwords are kept as argon2
hashes only; an account signed in through OpenID Connect has none.

No ``from __future__ import annotations``: SQLModel needs the real types.
"""

from datetime import datetime

from sqlmodel import Field, SQLModel

from registry.types import UTCDateTime


class Account(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=320, unique=True, index=True)
    """Lower case; matched against the e-mail of the person on record in each partnership."""
    password_hash: str | None = Field(default=None, max_length=200)
    created_at: datetime = Field(sa_type=UTCDateTime)
    disabled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class SignIn(SQLModel, table=True):
    """One attempt to sign in, kept for rate limiting and as a security record."""

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=320, index=True)
    at: datetime = Field(sa_type=UTCDateTime, index=True)
    succeeded: bool
    method: str = Field(max_length=20)
    """``password`` or ``oidc``."""
    detail: str = Field(default="", max_length=200)


class CalendarFeed(SQLModel, table=True):
    """A subscribable calendar of one account; the token is shown once and kept only as a hash."""

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    created_at: datetime = Field(sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
