"""Passwords: the policy a new password meets. Hashing is the ``Accounts`` port's (argon2id, in the
registry), so only a hash ever reaches it."""

from governance.accounts.model import A_PASSWORD_IS_LONG_AND_NOT_OBVIOUS, AccountSettings, normalised
from governance.rules import RuleBroken

OBVIOUS = frozenset(
    {
        "password",
        "password123",
        "123456789012",
        "qwertyuiopas",
        "letmein12345",
        "safeguarding",
        "bradford2026",
    }
)


def check_password_policy(password: str, *, email: str, settings: AccountSettings) -> None:
    """Long enough, not too long, not one repeated character, not the address, not a well-known password."""
    problem = None
    if len(password) < settings.min_password_length:
        problem = f"use at least {settings.min_password_length} characters"
    elif len(password) > settings.max_password_length:
        problem = f"use at most {settings.max_password_length} characters"
    elif len(set(password)) < 4:
        problem = "use more than a few different characters"
    elif password.strip().lower() in {normalised(email), normalised(email).split("@")[0]}:
        problem = "do not use your e-mail address"
    elif password.lower() in OBVIOUS:
        problem = "that password is too well known"
    if problem:
        raise RuleBroken(A_PASSWORD_IS_LONG_AND_NOT_OBVIOUS, problem)
