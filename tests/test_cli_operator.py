"""The command line acts as the signed-in operator: `govern login` keeps an expiring session in the
data directory, `--by` may name only that operator, and only the service identity of the flows acts
on someone else's behalf. A script meets the permissions the page would."""

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, select

from governance.accounts.use_cases import add_account
from registry import tables as m
from registry.demo.accounts import demo_password
from registry.sql.accounts import SqlAccounts

GRACE = "grace.mensah@bradford-council.example"
MARK = "mark.ellison@wyp.example"
NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)


@pytest.fixture
def cli(bradford, govern, tmp_path, monkeypatch):
    """`govern` on the Bradford demo, with accounts for Grace Mensah (sub-group lead, owner of
    CSE-2021/R18.1) and Mark Ellison (owner of CSE-2021/R01.2), and nobody signed in."""
    monkeypatch.delenv("GOVERN_SERVICE_IDENTITY", raising=False)
    for email, key in ((GRACE, "grace-mensah"), (MARK, "mark-ellison")):
        add_account(email, demo_password(key), accounts=SqlAccounts(bradford), now=NOW)
    return govern


def session_file(tmp_path: Path) -> Path:
    return tmp_path / "data" / "operator-session.json"


def login(cli, email: str, password: str):
    return cli("login", email, "--password-stdin", input=password + "\n")


def updates_by(engine, reference: str) -> list[str]:
    with Session(engine) as session:
        return list(
            session.exec(
                select(m.Person.key)
                .join(m.ActionUpdate, m.ActionUpdate.submitted_by_id == m.Person.id)
                .join(m.Action, m.Action.id == m.ActionUpdate.action_id)
                .where(m.Action.reference == reference)
            )
        )


def test_a_command_that_acts_is_refused_until_someone_signs_in(cli):
    result = cli("action", "update", "CSE-2021/R18.1", "--by", "grace-mensah", "--progress", "Done")
    assert result.exit_code == 2
    assert "Sign in first: `govern login EMAIL`" in result.output


def test_a_signed_in_operator_acts_without_naming_themselves(cli, bradford, tmp_path):
    signed = login(cli, GRACE, demo_password("grace-mensah"))
    assert signed.exit_code == 0, signed.output
    assert "signed in as grace.mensah@bradford-council.example" in signed.output
    assert session_file(tmp_path).stat().st_mode & 0o077 == 0  # readable by its owner only

    result = cli("action", "update", "CSE-2021/R18.1", "--progress", "Protocol reviewed with partners")
    assert result.exit_code == 0, result.output
    assert updates_by(bradford, "CSE-2021/R18.1") == ["grace-mensah"]


def test_whoami_says_who_the_operator_is_in_each_partnership_and_their_roles(cli):
    login(cli, GRACE, demo_password("grace-mensah"))
    result = cli("whoami")
    assert result.exit_code == 0, result.output
    assert "bradford: grace-mensah (Grace Mensah)" in result.output
    assert "sub-group lead (all-age-exploitation)" in result.output


def test_by_naming_someone_else_than_the_operator_is_refused(cli, bradford):
    login(cli, GRACE, demo_password("grace-mensah"))
    result = cli("action", "update", "CSE-2021/R01.2", "--by", "mark-ellison", "--progress", "Audit done")
    assert result.exit_code == 2
    assert (
        "--by names 'mark-ellison', but grace.mensah@bradford-council.example (grace-mensah) is signed in"
        in (result.output)
    )
    assert updates_by(bradford, "CSE-2021/R01.2") == []


def test_by_may_name_the_operator_by_key_or_address(cli, bradford):
    login(cli, GRACE, demo_password("grace-mensah"))
    assert (
        cli("action", "update", "CSE-2021/R18.1", "--by", GRACE.upper(), "--progress", "Done").exit_code == 0
    )
    assert updates_by(bradford, "CSE-2021/R18.1") == ["grace-mensah"]


def test_the_operator_meets_the_same_permission_as_the_page(cli, bradford):
    """Grace is not the owner of Mark's action, and the use case refuses her as it would on the page."""
    login(cli, GRACE, demo_password("grace-mensah"))
    result = cli("action", "update", "CSE-2021/R01.2", "--progress", "Audit done")
    assert result.exit_code == 2
    assert "Only the action's owner or the safeguarding business unit may submit an update" in result.output


def test_a_wrong_password_is_refused_and_keeps_no_session(cli, tmp_path):
    result = login(cli, GRACE, "not-the-password-at-all")
    assert result.exit_code == 2
    assert "The e-mail address or the password is not right" in result.output
    assert not session_file(tmp_path).exists()


def test_an_idle_session_expires_and_is_forgotten(cli, tmp_path):
    login(cli, GRACE, demo_password("grace-mensah"))
    path = session_file(tmp_path)
    kept = json.loads(path.read_text())
    kept["last_seen_at"] = (datetime.now(UTC) - timedelta(minutes=31)).isoformat()
    path.write_text(json.dumps(kept))
    result = cli("whoami")
    assert result.exit_code == 2
    assert "Your session has ended: after 30 minutes without activity" in result.output
    assert not path.exists()


def test_a_session_ends_eight_hours_after_sign_in_even_when_used(cli, tmp_path):
    login(cli, GRACE, demo_password("grace-mensah"))
    path = session_file(tmp_path)
    kept = json.loads(path.read_text())
    kept["signed_in_at"] = (datetime.now(UTC) - timedelta(hours=8, minutes=1)).isoformat()
    path.write_text(json.dumps(kept))
    result = cli("action", "update", "CSE-2021/R18.1", "--progress", "Done")
    assert result.exit_code == 2
    assert "8 hours after signing in" in result.output


def test_a_disabled_account_ends_its_session_at_the_next_command(cli, tmp_path, monkeypatch):
    login(cli, GRACE, demo_password("grace-mensah"))
    monkeypatch.setenv("GOVERN_SERVICE_IDENTITY", "flows")
    assert cli("user", "disable", GRACE).exit_code == 0
    monkeypatch.delenv("GOVERN_SERVICE_IDENTITY")
    result = cli("whoami")
    assert result.exit_code == 2
    assert "the account may no longer sign in" in result.output


def test_logout_ends_the_session(cli, tmp_path):
    login(cli, GRACE, demo_password("grace-mensah"))
    assert cli("logout").output.strip() == "signed out"
    assert cli("whoami").exit_code == 2


def test_the_service_identity_acts_for_the_person_by_names_with_their_permissions(cli, bradford, monkeypatch):
    monkeypatch.setenv("GOVERN_SERVICE_IDENTITY", "flows")
    assert (
        cli("action", "update", "CSE-2021/R01.2", "--by", "mark-ellison", "--progress", "Done").exit_code == 0
    )
    assert updates_by(bradford, "CSE-2021/R01.2") == ["mark-ellison"]
    refused = cli("action", "update", "CSE-2021/R01.2", "--by", "grace-mensah", "--progress", "Done")
    assert refused.exit_code == 2
    assert "Only the action's owner" in refused.output
    nobody = cli("action", "update", "CSE-2021/R18.1", "--progress", "Done")
    assert nobody.exit_code == 2
    assert "name them with --by" in nobody.output


def test_any_other_service_identity_is_refused(cli, monkeypatch):
    monkeypatch.setenv("GOVERN_SERVICE_IDENTITY", "root")
    result = cli("action", "update", "CSE-2021/R01.2", "--by", "mark-ellison", "--progress", "Done")
    assert result.exit_code == 2
    assert "GOVERN_SERVICE_IDENTITY must be 'flows'" in result.output


def test_once_accounts_exist_adding_one_needs_a_signed_in_operator(cli):
    result = cli("user", "add", "helen.achebe@bradford-partnership.example", "--no-password")
    assert result.exit_code == 2
    assert "Sign in first" in result.output


def test_the_business_unit_adds_an_account_kept_as_an_argon2_hash(cli, bradford):
    add_account(
        "joanne.pickering@bradford-council.example",
        demo_password("joanne-pickering"),
        accounts=SqlAccounts(bradford),
        now=NOW,
    )
    login(cli, "joanne.pickering@bradford-council.example", demo_password("joanne-pickering"))
    stranger = cli("user", "add", "stranger@example.org", "--password-stdin", input="a long pass phrase\n")
    assert stranger.exit_code == 2
    assert "No person with this e-mail address is on record in any partnership" in stranger.output
    added = cli(
        "user",
        "add",
        "helen.achebe@bradford-partnership.example",
        "--password-stdin",
        input="chair pass phrase 7\n",
    )
    assert added.exit_code == 0, added.output
    hashed = SqlAccounts(bradford).find("helen.achebe@bradford-partnership.example").password_hash
    assert hashed.startswith("$argon2id$") and "chair pass phrase 7" not in hashed
    listed = cli("user", "list").output
    assert "helen.achebe@bradford-partnership.example" in listed and "password" in listed


def test_a_person_without_a_business_unit_role_may_not_add_accounts(cli):
    login(cli, GRACE, demo_password("grace-mensah"))
    result = cli("user", "add", "helen.achebe@bradford-partnership.example", "--no-password")
    assert result.exit_code == 2
    assert "Only the safeguarding business unit may add, disable or reset" in result.output


def test_an_operator_changes_their_own_password(cli):
    login(cli, GRACE, demo_password("grace-mensah"))
    changed = cli("user", "password", "--password-stdin", input="a new long passphrase\n")
    assert changed.exit_code == 0, changed.output
    cli("logout")
    assert login(cli, GRACE, demo_password("grace-mensah")).exit_code == 2
    assert login(cli, GRACE, "a new long passphrase").exit_code == 0


def test_demo_load_gives_every_person_an_account_with_the_documented_password(govern, sqlite_url):
    from registry.engine import make_engine

    loaded = govern("demo", "load")
    assert loaded.exit_code == 0, loaded.output
    assert "demo accounts: 32 added (password: demo-<person key>)" in loaded.output
    engine = make_engine(sqlite_url)
    with Session(engine) as session:
        people = dict(session.exec(select(m.Person.email, m.Person.key)).all())
    accounts = SqlAccounts(engine).everyone()
    assert sorted(a.email for a in accounts) == sorted(e.lower() for e in people)
    assert all(a.password_hash.startswith("$argon2id$v=19$m=1024,t=1,p=1$") for a in accounts)  # public ones
    assert login(govern, "helen.achebe@bradford-partnership.example", "demo-helen-achebe").exit_code == 0
    assert "demo accounts: 0 added" in govern("demo", "load").output
