"""Accounts: one per person on record, by e-mail address, with the password kept only as an
argon2 hash; added, disabled and reset through the use cases, on a real SQLite registry."""

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from governance.accounts.model import AccountSettings, SignInRefused
from governance.accounts.passwords import check_password_policy
from governance.accounts.use_cases import add_account, change_password, disable_account, sign_in
from governance.rules import RuleBroken
from registry.demo.accounts import demo_password
from registry.sql.accounts import SqlAccounts

NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)
CHAIR = "helen.achebe@bradford-partnership.example"
PASSWORD = "correct horse battery staple"


@pytest.fixture
def accounts(bradford) -> SqlAccounts:
    return SqlAccounts(bradford)


def test_an_account_is_added_for_a_person_on_record(accounts):
    account = add_account(" Helen.Achebe@Bradford-Partnership.example ", PASSWORD, accounts=accounts, now=NOW)
    assert account.email == CHAIR  # lower case, trimmed
    assert account.created_at == NOW and account.disabled_at is None


def test_an_address_nobody_holds_in_any_partnership_gets_no_account(accounts):
    with pytest.raises(
        RuleBroken, match="No person with this e-mail address is on record in any partnership"
    ):
        add_account("stranger@example.org", PASSWORD, accounts=accounts, now=NOW)
    assert accounts.find("stranger@example.org") is None


def test_something_that_is_not_an_address_is_refused(accounts):
    with pytest.raises(RuleBroken, match="is not an e-mail address"):
        add_account("helen-achebe", PASSWORD, accounts=accounts, now=NOW)


def test_one_account_per_address(accounts):
    add_account(CHAIR, PASSWORD, accounts=accounts, now=NOW)
    with pytest.raises(RuleBroken, match="An account with this e-mail address exists already"):
        add_account(CHAIR.upper(), "another long password", accounts=accounts, now=NOW)


def test_the_password_is_kept_only_as_an_argon2id_hash(accounts, bradford):
    add_account(CHAIR, PASSWORD, accounts=accounts, now=NOW)
    with bradford.connect() as connection:
        rows = connection.execute(sa.text("SELECT * FROM account")).all()
        every_value = " ".join(str(v) for row in rows for v in row)
    assert PASSWORD not in every_value
    (row,) = rows
    assert row.password_hash.startswith("$argon2id$v=19$m=65536,t=3,p=4$")  # RFC 9106's second option


def test_two_accounts_with_the_same_password_have_different_hashes(accounts):
    one = add_account(CHAIR, PASSWORD, accounts=accounts, now=NOW)
    other = add_account("rukhsana.malik@bradford-partnership.example", PASSWORD, accounts=accounts, now=NOW)
    assert one.password_hash != other.password_hash  # salted


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("short1", "use at least 12 characters"),
        ("x" * 257, "use at most 256 characters"),
        ("abababababababab", "use more than a few different characters"),
        ("helen.achebe", "do not use your e-mail address"),
        ("Helen.Achebe@Bradford-Partnership.example", "do not use your e-mail address"),
        ("password123", "use at least 12 characters"),
        ("Safeguarding", "that password is too well known"),
    ],
)
def test_a_password_is_long_and_not_obvious(password, why):
    with pytest.raises(RuleBroken, match=why):
        check_password_policy(password, email=CHAIR, settings=AccountSettings())


def test_a_refused_password_adds_no_account(accounts):
    with pytest.raises(RuleBroken, match="Choose another password"):
        add_account(CHAIR, "short", accounts=accounts, now=NOW)
    assert accounts.find(CHAIR) is None


def test_the_demo_password_rule_meets_the_policy(bradford):
    from sqlmodel import Session, select

    from registry import tables as m

    with Session(bradford) as session:
        people = session.exec(select(m.Person.key, m.Person.email)).all()
    for key, email in people:
        check_password_policy(demo_password(key), email=email, settings=AccountSettings())


def test_an_account_without_a_password_never_signs_in_with_one(accounts):
    add_account(CHAIR, None, accounts=accounts, now=NOW)
    assert accounts.find(CHAIR).password_hash is None
    with pytest.raises(SignInRefused):
        sign_in(CHAIR, "", accounts=accounts, now=NOW)


def test_a_disabled_account_no_longer_signs_in(accounts):
    add_account(CHAIR, PASSWORD, accounts=accounts, now=NOW)
    disable_account(CHAIR, accounts=accounts, now=NOW)
    assert accounts.find(CHAIR).disabled_at == NOW
    with pytest.raises(SignInRefused, match="The e-mail address or the password is not right"):
        sign_in(CHAIR, PASSWORD, accounts=accounts, now=NOW)


def test_a_changed_password_replaces_the_old_one(accounts):
    add_account(CHAIR, PASSWORD, accounts=accounts, now=NOW)
    change_password(CHAIR, "a brand new passphrase", accounts=accounts)
    with pytest.raises(SignInRefused):
        sign_in(CHAIR, PASSWORD, accounts=accounts, now=NOW)
    assert sign_in(CHAIR, "a brand new passphrase", accounts=accounts, now=NOW).email == CHAIR


def test_a_new_password_meets_the_policy_too(accounts):
    add_account(CHAIR, PASSWORD, accounts=accounts, now=NOW)
    with pytest.raises(RuleBroken, match="use at least 12 characters"):
        change_password(CHAIR, "short", accounts=accounts)


def test_changing_the_password_of_no_account_is_refused(accounts):
    with pytest.raises(RuleBroken, match="No account with this e-mail address"):
        change_password("nobody@example.org", PASSWORD, accounts=accounts)
