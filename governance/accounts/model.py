"""Accounts as the rules see them: the settings of sign-in, the signed-in person, and the refusals.

An account is one e-mail address across every partnership where a person with that address is on
record; the roles come from each partnership's memberships when the person signs in, never from
the account itself.
"""

import re
from datetime import datetime, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from governance.partnership.people import PersonOnRecord, RoleHeld
from governance.rules import Rule, RuleBroken
from governance.sources import local_policy


class AccountSettings(BaseModel):
    """How sign-in behaves (local policy). The defaults follow common practice for staff systems
    holding sensitive, non-personal governance data (NCSC password and session guidance)."""

    model_config = ConfigDict(frozen=True)

    max_failures: int = Field(
        5, ge=1, description="failed sign-ins to one e-mail address within the window before it is refused"
    )
    failure_window: timedelta = Field(
        timedelta(minutes=15),
        description="the window the failures are counted in; the refusal lasts until the oldest counted failure leaves it",
    )
    idle_timeout: timedelta = Field(
        timedelta(minutes=30), description="a session ends after this long without activity"
    )
    absolute_timeout: timedelta = Field(
        timedelta(hours=8), description="a session ends this long after sign-in, active or not"
    )
    min_password_length: int = Field(12, ge=8, description="the shortest password accepted")
    max_password_length: int = Field(
        256, ge=64, description="the longest password accepted (hashing a huge one is a denial of service)"
    )


DEFAULT_SETTINGS = AccountSettings()

Method = Literal["password", "oidc"]


class AccountOnRecord(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    email: str
    password_hash: str | None = None
    created_at: datetime
    disabled_at: datetime | None = None

    @property
    def may_sign_in(self) -> bool:
        return self.disabled_at is None


class Identity(BaseModel):
    """Who the account is in one partnership: the person on record there and the roles they hold."""

    model_config = ConfigDict(frozen=True)

    partnership_key: str
    person_key: str
    name: str
    roles: frozenset[RoleHeld] = frozenset()

    @classmethod
    def of(cls, partnership_key: str, person: PersonOnRecord) -> "Identity":
        return cls(
            partnership_key=partnership_key, person_key=person.key, name=person.name, roles=person.roles
        )


class SignedIn(BaseModel):
    """A session: who signed in, how, until when, and who they are in each partnership."""

    model_config = ConfigDict(frozen=True)

    email: str
    method: Method
    signed_in_at: datetime
    last_seen_at: datetime
    partnerships: tuple[Identity, ...]

    def expires_at(self, settings: AccountSettings = DEFAULT_SETTINGS) -> datetime:
        """The earlier of the idle and the absolute limit."""
        return min(self.last_seen_at + settings.idle_timeout, self.signed_in_at + settings.absolute_timeout)

    def person_in(self, partnership_key: str) -> str | None:
        """The person key this account acts as in that partnership; None when it holds none there."""
        return next((i.person_key for i in self.partnerships if i.partnership_key == partnership_key), None)

    @property
    def name(self) -> str:
        return self.partnerships[0].name if self.partnerships else self.email


class SignInAttempt(BaseModel):
    """One attempt, as it is recorded (for the rate limit and the audit trail)."""

    model_config = ConfigDict(frozen=True)

    email: str
    at: datetime
    succeeded: bool
    method: Method
    detail: str = ""


RATE_LIMITED = "too many failures"
"""The detail of an attempt refused by the rate limit, unchecked; such attempts do not count as failures."""


# --- rules --------------------------------------------------------------------------------

SIGN_IN_NEEDS_A_MATCHING_ACCOUNT = Rule(
    name="a sign-in needs an enabled account, its password and a person on record",
    message="The e-mail address or the password is not right, or the account may not sign in",
    source=local_policy(),
)
"""One message for every cause, so that a refusal never tells whether an account exists."""
FAILED_SIGN_INS_ARE_LIMITED = Rule(
    name="failed sign-ins to one address are limited",
    message="Too many failed sign-ins for this e-mail address",
    source=local_policy(),
)
A_SESSION_EXPIRES = Rule(
    name="a session ends when idle or after a working day",
    message="Your session has ended",
    source=local_policy(),
)
AN_ACCOUNT_IS_A_PERSON_ON_RECORD = Rule(
    name="an account belongs to a person on record in a partnership",
    message="No person with this e-mail address is on record in any partnership",
    source=local_policy(),
)
ONE_ACCOUNT_PER_ADDRESS = Rule(
    name="one account per e-mail address",
    message="An account with this e-mail address exists already",
    source=local_policy(),
)
A_PASSWORD_IS_LONG_AND_NOT_OBVIOUS = Rule(
    name="a password is long and not obvious",
    message="Choose another password",
    source=local_policy(),
)
AN_ACCOUNT_MUST_EXIST = Rule(
    name="the account named must exist",
    message="No account with this e-mail address",
    source=local_policy(),
)
A_FEED_TOKEN_MUST_BE_CURRENT = Rule(
    name="a calendar feed's token must be one issued and not revoked",
    message="This calendar feed does not exist or was revoked",
    source=local_policy(),
)
A_COMMAND_ACTS_AS_ITS_OPERATOR = Rule(
    name="a command acts as the signed-in operator, or as the service identity of the flows",
    message="A command acts as the person signed in",
    source=local_policy(),
)
ONLY_THE_BUSINESS_UNIT_MANAGES_ACCOUNTS = Rule(
    name="only the business unit adds, disables and resets accounts",
    message="Only the safeguarding business unit may add, disable or reset another person's account",
    source=local_policy(),
)


class SignInRefused(RuleBroken):
    """A refused sign-in; ``str(error)`` says why without saying whether the account exists."""


class SessionExpired(RuleBroken):
    """The session has ended; sign in again."""


def normalised(email: str) -> str:
    return email.strip().lower()


_ADDRESS = re.compile(r"[^@\s]{1,64}@[^@\s]{1,255}\.[^@\s]{2,63}")


def looks_like_an_address(email: str) -> bool:
    return len(email) <= 320 and _ADDRESS.fullmatch(email) is not None


def account_rules() -> list[Rule]:
    """Every rule of sign-in, for the rule catalogue."""
    return [value for value in globals().values() if isinstance(value, Rule)]
