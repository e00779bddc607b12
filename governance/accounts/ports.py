"""What sign-in needs from the registry. Accounts span partnerships, so this port is not part of a
partnership's unit of work: each call is a transaction of its own."""

from datetime import datetime
from typing import Protocol

from governance.accounts.model import AccountOnRecord, Identity, SignInAttempt


class Accounts(Protocol):
    def hash_password(self, password: str) -> str:
        """A salted, slow hash of the password (argon2id): the only form in which it is kept."""

    def password_matches(self, password_hash: str | None, password: str) -> bool:
        """Whether the password is the one hashed; with no hash (no account, or OpenID Connect only),
        False after as long as a real check takes, so the time does not tell whether the account exists."""

    def find(self, email: str) -> AccountOnRecord | None: ...
    def everyone(self) -> list[AccountOnRecord]: ...
    def add(self, email: str, *, password_hash: str | None, at: datetime) -> AccountOnRecord: ...
    def set_password(self, email: str, password_hash: str) -> None: ...
    def disable(self, email: str, *, at: datetime) -> None: ...

    def identities(self, email: str) -> list[Identity]:
        """The person with this address in each partnership, with the roles they hold there now."""

    def failures_since(self, email: str, since: datetime) -> list[datetime]:
        """When each failed password sign-in to this address happened since ``since`` and since its
        last success, oldest first (attempts refused by the rate limit are not failures)."""

    def record_sign_in(self, attempt: SignInAttempt) -> None:
        """Keep the attempt in a transaction of its own (kept whatever the caller does next), and
        audit it in each partnership where the address is a person on record."""

    def add_feed(self, account_id: int, *, token_hash: str, at: datetime) -> None: ...
    def revoke_feeds(self, account_id: int, *, at: datetime) -> int:
        """Revoke every current feed of the account; how many were revoked."""

    def feed_account(self, token_hash: str) -> AccountOnRecord | None:
        """The account of a current (not revoked) feed with this token's hash."""
