"""Signing in: with a password or through OpenID Connect, rate-limited per address with the clock as
an input, every attempt kept and audited in each partnership the person serves, and sessions that
expire when idle and after a working day."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, select

from governance.accounts.model import AccountSettings, SessionExpired, SignInRefused
from governance.accounts.use_cases import (
    add_account,
    check_session,
    disable_account,
    sign_in,
    sign_in_with_oidc,
)
from governance.audit.use_cases import verify_audit_trail
from governance.vocabulary import Role
from registry import tables as m
from registry.partnership_file.loader import load_partnership_file
from registry.sql.accounts import SqlAccounts
from registry.unit_of_work import SqlUnitOfWork

NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)
MARK = "mark.ellison@wyp.example"
PASSWORD = "a police officer's passphrase"
CALDERDALE = Path(__file__).parent / "partnerships" / "calderdale.yaml"
NOT_RIGHT = "The e-mail address or the password is not right, or the account may not sign in"


@pytest.fixture
def two_partnerships(bradford, tmp_path):
    """Bradford, and Calderdale where the same police officer (Mark Ellison, by his address) leads
    the All-Age Exploitation sub-group: one force serving two districts."""
    text = CALDERDALE.read_text(encoding="utf-8")
    text = text.replace("tariq.bello@west-yorkshire-police.example", MARK).replace(
        "Tariq Bello", "Mark Ellison"
    )
    (tmp_path / "calderdale.yaml").write_text(text, encoding="utf-8")
    load_partnership_file(bradford, tmp_path / "calderdale.yaml")
    return bradford


@pytest.fixture
def accounts(two_partnerships) -> SqlAccounts:
    accounts = SqlAccounts(two_partnerships)
    add_account(MARK, PASSWORD, accounts=accounts, now=NOW)
    return accounts


def attempts(engine, email: str = MARK) -> list[tuple[bool, str, str]]:
    with Session(engine) as session:
        rows = session.exec(select(m.SignIn).where(m.SignIn.email == email).order_by(m.SignIn.id)).all()
        return [(r.succeeded, r.method, r.detail) for r in rows]


def audit_events(engine, partnership: str) -> list[tuple[str, str, str]]:
    with Session(engine) as session:
        rows = session.exec(
            select(m.AuditEvent)
            .join(m.Partnership, m.Partnership.id == m.AuditEvent.partnership_id)
            .where(m.Partnership.key == partnership, m.AuditEvent.event.in_(["signed in", "sign-in refused"]))
            .order_by(m.AuditEvent.sequence)
        ).all()
        return [(r.event, r.actor, r.subject) for r in rows]


def test_a_person_with_roles_in_two_partnerships_gets_both(accounts):
    signed_in = sign_in(MARK, PASSWORD, accounts=accounts, now=NOW)
    by_partnership = {i.partnership_key: i for i in signed_in.partnerships}
    assert set(by_partnership) == {"bradford", "calderdale"}
    assert {(r.role, r.body_key) for r in by_partnership["bradford"].roles} == {
        (Role.SUB_GROUP_CHAIR, "all-age-exploitation")
    }
    assert by_partnership["calderdale"].person_key == "lead"
    assert {(r.role, r.body_key) for r in by_partnership["calderdale"].roles} == {
        (Role.SUB_GROUP_LEAD, "all-age-exploitation")
    }
    assert signed_in.person_in("bradford") == "mark-ellison" and signed_in.person_in("nowhere") is None


def test_a_session_expires_after_thirty_idle_minutes_or_eight_hours(accounts):
    signed_in = sign_in(MARK, PASSWORD, accounts=accounts, now=NOW)
    assert signed_in.expires_at() == NOW + timedelta(minutes=30)


def test_the_address_is_matched_in_any_case(accounts):
    assert sign_in("  Mark.Ellison@WYP.example", PASSWORD, accounts=accounts, now=NOW).email == MARK


@pytest.mark.parametrize(
    ("email", "password", "cause"),
    [
        ("nobody@wyp.example", PASSWORD, "no such account"),
        (MARK, "not his passphrase", "wrong password"),
    ],
)
def test_a_refusal_does_not_tell_whether_the_account_exists(
    accounts, two_partnerships, email, password, cause
):
    with pytest.raises(SignInRefused) as refused:
        sign_in(email, password, accounts=accounts, now=NOW)
    assert str(refused.value) == NOT_RIGHT
    assert attempts(two_partnerships, email) == [(False, "password", cause)]


def test_a_disabled_account_is_refused_in_the_same_words(accounts, two_partnerships):
    disable_account(MARK, accounts=accounts, now=NOW)
    with pytest.raises(SignInRefused) as refused:
        sign_in(MARK, PASSWORD, accounts=accounts, now=NOW)
    assert str(refused.value) == NOT_RIGHT
    assert attempts(two_partnerships)[-1] == (False, "password", "account disabled")


def fail(accounts, times: int, *, start: datetime, every: timedelta = timedelta(minutes=1)) -> None:
    for n in range(times):
        with pytest.raises(SignInRefused, match="not right"):
            sign_in(MARK, "a wrong guess", accounts=accounts, now=start + n * every)


def test_five_failures_in_fifteen_minutes_refuse_even_the_right_password(accounts, two_partnerships):
    fail(accounts, 5, start=NOW)  # 09:00 … 09:04
    with pytest.raises(SignInRefused) as refused:
        sign_in(MARK, PASSWORD, accounts=accounts, now=NOW + timedelta(minutes=6))
    assert str(refused.value) == "Too many failed sign-ins for this e-mail address: try again in 9 minutes"
    assert attempts(two_partnerships)[-1] == (False, "password", "too many failures")


def test_the_refusal_lasts_until_the_window_has_passed(accounts):
    fail(accounts, 5, start=NOW)
    with pytest.raises(SignInRefused, match="try again in 1 minute$"):
        sign_in(MARK, PASSWORD, accounts=accounts, now=NOW + timedelta(minutes=14, seconds=30))
    assert (
        sign_in(MARK, PASSWORD, accounts=accounts, now=NOW + timedelta(minutes=15, seconds=1)).email == MARK
    )


def test_attempts_refused_by_the_limit_do_not_prolong_it(accounts):
    fail(accounts, 5, start=NOW)
    for minute in (6, 8, 10, 12, 14):
        with pytest.raises(SignInRefused, match="Too many failed sign-ins"):
            sign_in(MARK, "a wrong guess", accounts=accounts, now=NOW + timedelta(minutes=minute))
    assert sign_in(MARK, PASSWORD, accounts=accounts, now=NOW + timedelta(minutes=15, seconds=1))


def test_failures_spread_beyond_the_window_are_not_limited(accounts):
    fail(accounts, 8, start=NOW, every=timedelta(minutes=4))  # never 5 within 15 minutes
    assert sign_in(MARK, PASSWORD, accounts=accounts, now=NOW + timedelta(minutes=33))


def test_a_success_starts_the_count_again(accounts):
    fail(accounts, 4, start=NOW)
    sign_in(MARK, PASSWORD, accounts=accounts, now=NOW + timedelta(minutes=5))
    fail(accounts, 4, start=NOW + timedelta(minutes=6))
    assert sign_in(MARK, PASSWORD, accounts=accounts, now=NOW + timedelta(minutes=11))


def test_the_limit_is_a_setting(accounts):
    strict = AccountSettings(max_failures=2, failure_window=timedelta(hours=1))
    fail(accounts, 2, start=NOW)
    with pytest.raises(SignInRefused, match="try again in 58 minutes"):
        sign_in(MARK, PASSWORD, accounts=accounts, now=NOW + timedelta(minutes=2), settings=strict)


def test_an_unknown_address_is_limited_too(accounts):
    """Else the limit itself would tell which addresses have accounts."""
    for n in range(5):
        with pytest.raises(SignInRefused, match="not right"):
            sign_in("nobody@wyp.example", "guess", accounts=accounts, now=NOW + timedelta(minutes=n))
    with pytest.raises(SignInRefused, match="Too many failed sign-ins"):
        sign_in("nobody@wyp.example", "guess", accounts=accounts, now=NOW + timedelta(minutes=5))


def test_successes_and_failures_are_audited_in_each_partnership_of_the_person(accounts, two_partnerships):
    with pytest.raises(SignInRefused):
        sign_in(MARK, "a wrong guess", accounts=accounts, now=NOW)
    sign_in(MARK, PASSWORD, accounts=accounts, now=NOW + timedelta(minutes=1))
    assert audit_events(two_partnerships, "bradford") == [
        ("sign-in refused", "mark-ellison", MARK),
        ("signed in", "mark-ellison", MARK),
    ]
    assert audit_events(two_partnerships, "calderdale") == [
        ("sign-in refused", "lead", MARK),
        ("signed in", "lead", MARK),
    ]
    for partnership in ("bradford", "calderdale"):
        assert verify_audit_trail(uow=SqlUnitOfWork(two_partnerships, partnership=partnership)).intact


def test_a_refused_sign_in_is_kept_when_the_caller_rolls_back(accounts, two_partnerships):
    with pytest.raises(SignInRefused), SqlUnitOfWork(two_partnerships, partnership="bradford"):
        sign_in(MARK, "a wrong guess", accounts=accounts, now=NOW)  # the unit of work is undone
    assert attempts(two_partnerships) == [(False, "password", "wrong password")]
    assert audit_events(two_partnerships, "bradford") == [("sign-in refused", "mark-ellison", MARK)]


def test_openid_connect_maps_the_identity_to_the_person_in_each_partnership(two_partnerships):
    accounts = SqlAccounts(two_partnerships)
    signed_in = sign_in_with_oidc(
        "Mark.Ellison@wyp.example", "https://login.example", accounts=accounts, now=NOW
    )
    assert signed_in.method == "oidc"
    assert {i.partnership_key: i.person_key for i in signed_in.partnerships} == {
        "bradford": "mark-ellison",
        "calderdale": "lead",
    }
    assert accounts.find(MARK).password_hash is None  # made on first sign-in, without a password
    assert attempts(two_partnerships) == [(True, "oidc", "issuer https://login.example")]


def test_openid_connect_refuses_an_identity_nobody_holds(two_partnerships):
    accounts = SqlAccounts(two_partnerships)
    with pytest.raises(SignInRefused, match="not right"):
        sign_in_with_oidc("stranger@example.org", "https://login.example", accounts=accounts, now=NOW)
    assert accounts.find("stranger@example.org") is None


def test_openid_connect_refuses_a_disabled_account(accounts):
    disable_account(MARK, accounts=accounts, now=NOW)
    with pytest.raises(SignInRefused):
        sign_in_with_oidc(MARK, "https://login.example", accounts=accounts, now=NOW)


def test_a_session_used_within_thirty_minutes_goes_on(accounts):
    signed_in = sign_in(MARK, PASSWORD, accounts=accounts, now=NOW)
    later = check_session(signed_in, NOW + timedelta(minutes=29))
    assert later.expires_at() == NOW + timedelta(minutes=59)
    assert check_session(later, NOW + timedelta(minutes=58)).last_seen_at == NOW + timedelta(minutes=58)


def test_a_session_idle_for_thirty_minutes_has_ended(accounts):
    signed_in = sign_in(MARK, PASSWORD, accounts=accounts, now=NOW)
    with pytest.raises(SessionExpired, match="Your session has ended: after 30 minutes without activity"):
        check_session(signed_in, NOW + timedelta(minutes=30))


def test_a_session_ends_eight_hours_after_sign_in_however_busy(accounts):
    session = sign_in(MARK, PASSWORD, accounts=accounts, now=NOW)
    for minutes in range(20, 8 * 60, 20):
        session = check_session(session, NOW + timedelta(minutes=minutes))
    assert session.expires_at() == NOW + timedelta(hours=8)
    with pytest.raises(SessionExpired, match="8 hours after signing in"):
        check_session(session, NOW + timedelta(hours=8))


def test_a_session_of_an_account_disabled_since_ends(accounts):
    signed_in = sign_in(MARK, PASSWORD, accounts=accounts, now=NOW)
    disable_account(MARK, accounts=accounts, now=NOW + timedelta(minutes=1))
    assert check_session(signed_in, NOW + timedelta(minutes=2))  # without the registry: only the clock
    with pytest.raises(SessionExpired, match="the account may no longer sign in"):
        check_session(signed_in, NOW + timedelta(minutes=2), accounts=accounts)


def test_a_streamlit_oidc_user_becomes_the_same_signed_in_value(two_partnerships):
    from app.web.identity import sign_in_from_streamlit_user

    user = {"is_logged_in": True, "email": "mark.ellison@wyp.example", "iss": "https://login.example"}
    signed_in = sign_in_from_streamlit_user(two_partnerships, user, now=NOW)
    assert {i.partnership_key for i in signed_in.partnerships} == {"bradford", "calderdale"}
    assert signed_in.expires_at() == NOW + timedelta(minutes=30)
    assert sign_in_from_streamlit_user(two_partnerships, {"is_logged_in": False}, now=NOW) is None
    with pytest.raises(SignInRefused):
        sign_in_from_streamlit_user(
            two_partnerships, {"is_logged_in": True, "email": "x@example.org"}, now=NOW
        )
