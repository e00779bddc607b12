"""Sign-in's use cases: add and look after accounts, sign in (password or OpenID Connect), keep a
session current, and say who acts on the command line. The clock is an input (``now``)."""

import math
from datetime import datetime

from governance.accounts.model import (
    A_COMMAND_ACTS_AS_ITS_OPERATOR,
    A_SESSION_EXPIRES,
    AN_ACCOUNT_IS_A_PERSON_ON_RECORD,
    AN_ACCOUNT_MUST_EXIST,
    DEFAULT_SETTINGS,
    FAILED_SIGN_INS_ARE_LIMITED,
    ONE_ACCOUNT_PER_ADDRESS,
    ONLY_THE_BUSINESS_UNIT_MANAGES_ACCOUNTS,
    RATE_LIMITED,
    SIGN_IN_NEEDS_A_MATCHING_ACCOUNT,
    AccountOnRecord,
    AccountSettings,
    Method,
    SessionExpired,
    SignedIn,
    SignInAttempt,
    SignInRefused,
    looks_like_an_address,
    normalised,
)
from governance.accounts.passwords import check_password_policy
from governance.accounts.ports import Accounts
from governance.partnership.people import BUSINESS_UNIT_ROLES
from governance.rules import RuleBroken, refuse_unless


def add_account(
    email: str,
    password: str | None,
    *,
    accounts: Accounts,
    now: datetime,
    settings: AccountSettings = DEFAULT_SETTINGS,
) -> AccountOnRecord:
    """An account for a person on record in some partnership; without a password it signs in only
    through OpenID Connect."""
    email = normalised(email)
    refuse_unless(
        looks_like_an_address(email), AN_ACCOUNT_IS_A_PERSON_ON_RECORD, f"{email!r} is not an e-mail address"
    )
    if accounts.find(email) is not None:
        raise RuleBroken(ONE_ACCOUNT_PER_ADDRESS, email)
    if not accounts.identities(email):
        raise RuleBroken(AN_ACCOUNT_IS_A_PERSON_ON_RECORD, email)
    if password is not None:
        check_password_policy(password, email=email, settings=settings)
    return accounts.add(email, password_hash=accounts.hash_password(password) if password else None, at=now)


def change_password(
    email: str, password: str, *, accounts: Accounts, settings: AccountSettings = DEFAULT_SETTINGS
) -> None:
    email = _existing(email, accounts).email
    check_password_policy(password, email=email, settings=settings)
    accounts.set_password(email, accounts.hash_password(password))


def disable_account(email: str, *, accounts: Accounts, now: datetime) -> None:
    """The account may no longer sign in, and its sessions and calendar feeds stop at their next use."""
    account = _existing(email, accounts)
    accounts.disable(account.email, at=now)
    accounts.revoke_feeds(account.id, at=now)


def _existing(email: str, accounts: Accounts) -> AccountOnRecord:
    account = accounts.find(normalised(email))
    if account is None:
        raise RuleBroken(AN_ACCOUNT_MUST_EXIST, normalised(email))
    return account


def sign_in(
    email: str,
    password: str,
    *,
    accounts: Accounts,
    now: datetime,
    settings: AccountSettings = DEFAULT_SETTINGS,
) -> SignedIn:
    """Signed in with a password, or refused in words that do not tell whether the account exists.
    Each attempt is recorded and audited; after too many failures the address is refused unchecked
    until the window has passed."""
    email = normalised(email)
    _refuse_while_limited(email, accounts=accounts, now=now, settings=settings)
    account = accounts.find(email)
    matches = accounts.password_matches(account.password_hash if account else None, password)
    if account is None:
        cause = "no such account"
    elif not matches:
        cause = "wrong password"
    else:
        cause = _why_not(account, has_identities=bool(accounts.identities(email)))
    return _outcome(email, "password", cause, accounts=accounts, now=now)


def sign_in_with_oidc(email: str, issuer: str, *, accounts: Accounts, now: datetime) -> SignedIn:
    """An identity the OpenID Connect provider vouched for, mapped to the account of that address
    (made, without a password, on first sign-in) and the person it is in each partnership."""
    email = normalised(email)
    account = accounts.find(email)
    identities = accounts.identities(email)
    if account is None and identities:
        account = accounts.add(email, password_hash=None, at=now)
    cause = "no person on record" if account is None else _why_not(account, has_identities=bool(identities))
    return _outcome(email, "oidc", cause, accounts=accounts, now=now, detail=f"issuer {issuer}")


def _why_not(account: AccountOnRecord, *, has_identities: bool) -> str:
    """Why an account whose owner proved who they are still may not sign in; empty when it may."""
    if not account.may_sign_in:
        return "account disabled"
    return "" if has_identities else "no person on record"


def _outcome(
    email: str, method: Method, cause: str, *, accounts: Accounts, now: datetime, detail: str = ""
) -> SignedIn:
    said = "; ".join(d for d in (cause, detail) if d)
    accounts.record_sign_in(
        SignInAttempt(email=email, at=now, succeeded=not cause, method=method, detail=said)
    )
    if cause:
        raise SignInRefused(SIGN_IN_NEEDS_A_MATCHING_ACCOUNT)
    identities = tuple(accounts.identities(email))
    return SignedIn(email=email, method=method, signed_in_at=now, last_seen_at=now, partnerships=identities)


def _refuse_while_limited(
    email: str, *, accounts: Accounts, now: datetime, settings: AccountSettings
) -> None:
    failures = accounts.failures_since(email, now - settings.failure_window)
    if len(failures) < settings.max_failures:
        return
    accounts.record_sign_in(
        SignInAttempt(email=email, at=now, succeeded=False, method="password", detail=RATE_LIMITED)
    )
    free_at = failures[-settings.max_failures] + settings.failure_window
    minutes = max(1, math.ceil((free_at - now).total_seconds() / 60))
    raise SignInRefused(FAILED_SIGN_INS_ARE_LIMITED, f"try again in {minutes} minute{'s' * (minutes != 1)}")


def check_session(
    signed_in: SignedIn,
    now: datetime,
    *,
    accounts: Accounts | None = None,
    settings: AccountSettings = DEFAULT_SETTINGS,
) -> SignedIn:
    """The session, seen again now (its idle limit starts again), or ``SessionExpired`` saying why.
    Given ``accounts``, a disabled account ends the session and the roles are read again."""
    if now >= signed_in.signed_in_at + settings.absolute_timeout:
        raise SessionExpired(A_SESSION_EXPIRES, f"{_hours(settings)} after signing in; sign in again")
    if now >= signed_in.last_seen_at + settings.idle_timeout:
        raise SessionExpired(A_SESSION_EXPIRES, f"after {_minutes(settings)} without activity; sign in again")
    identities = signed_in.partnerships
    if accounts is not None:
        account = accounts.find(signed_in.email)
        identities = tuple(accounts.identities(signed_in.email))
        if account is None or not account.may_sign_in or not identities:
            raise SessionExpired(A_SESSION_EXPIRES, "the account may no longer sign in")
    return signed_in.model_copy(update={"last_seen_at": now, "partnerships": identities})


def _hours(settings: AccountSettings) -> str:
    hours = settings.absolute_timeout.total_seconds() / 3600
    return f"{hours:g} hours"


def _minutes(settings: AccountSettings) -> str:
    return f"{settings.idle_timeout.total_seconds() / 60:g} minutes"


def acting_person(operator: SignedIn, *, by: str | None, partnership_key: str | None) -> str:
    """The person key a command acts as: the signed-in operator's in the partnership (the only one
    they serve when none is named). ``by`` may name the operator (key or address), nobody else."""
    if partnership_key is None and len(operator.partnerships) != 1:
        serves = ", ".join(i.partnership_key for i in operator.partnerships)
        raise RuleBroken(
            A_COMMAND_ACTS_AS_ITS_OPERATOR,
            f"you serve several partnerships ({serves}): name one with --partnership",
        )
    key = operator.person_in(partnership_key) if partnership_key else operator.partnerships[0].person_key
    if key is None:
        raise RuleBroken(
            A_COMMAND_ACTS_AS_ITS_OPERATOR, f"{operator.email} is nobody in partnership {partnership_key!r}"
        )
    if by is not None and by != key and normalised(by) != operator.email:
        raise RuleBroken(
            A_COMMAND_ACTS_AS_ITS_OPERATOR, f"--by names {by!r}, but {operator.email} ({key}) is signed in"
        )
    return key


def check_may_manage_accounts(operator: SignedIn, *, email: str | None = None) -> None:
    """The business unit (of any partnership the operator serves) manages accounts; anyone changes their own password."""
    own = email is not None and normalised(email) == operator.email
    in_business_unit = any(r.role in BUSINESS_UNIT_ROLES for i in operator.partnerships for r in i.roles)
    refuse_unless(own or in_business_unit, ONLY_THE_BUSINESS_UNIT_MANAGES_ACCOUNTS, operator.email)
