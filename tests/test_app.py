"""The workspace through AppTest on a real SQLite registry holding the Bradford demo and its demo
accounts: sign-in, the pages each role is offered, and the deadline board."""

import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from flows.adapters.message_templates import TemplateRenderer
from governance.accounts.use_cases import add_account
from governance.action_plans.model import ActionPlanPolicy
from governance.action_plans.use_cases import run_action_plan_update
from governance.deadlines.use_cases import run_calendar
from registry.demo.accounts import demo_password
from registry.engine import make_engine
from registry.migrate import upgrade
from registry.partnership_file.loader import load_partnership_file
from registry.sql.accounts import SqlAccounts
from registry.unit_of_work import SqlUnitOfWork

EVERY_PAGE = [
    "my_work",
    "calendar",
    "submit",
    "approvals",
    "deadlines",
    "registry",
    "action_plans",
    "reports",
    "statistics",
]
CALENDAR_RUN = datetime(2026, 11, 25, 6, tzinfo=UTC)
ENTRY = Path(__file__).resolve().parents[1] / "app" / "web" / "main.py"
EMAIL = {
    "joanne-pickering": "joanne.pickering@bradford-council.example",  # business manager
    "helen-achebe": "helen.achebe@bradford-partnership.example",  # independent chair (TBP)
    "graham-whitfield": "graham.whitfield@bradford-partnership.example",  # independent scrutineer (TBP)
    "mark-ellison": "mark.ellison@wyp.example",  # sub-group chair, action owner
    "ewa-nowak": "ewa.nowak@bradford-council.example",  # action owner on no body of the exempt plan
    "lena-hart": "lena.hart@school-a.example",  # a school's designated safeguarding lead
    "rukhsana-malik": "rukhsana.malik@bradford-partnership.example",  # independent chair (BSAB)
    "alison-fairbairn": "alison.fairbairn@bradford-council.example",  # lead safeguarding partner, owner
    "tom-greenwood": "tom.greenwood@bradford-council.example",  # committee chair
    "siobhan-kelly": "siobhan.kelly@bthft-nhs.example",  # agency representative, owner
}


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One registry file per module: the Bradford demo, accounts for the people these tests sign in
    as, the January 2026 action-plan update and the calendar of 25 November 2026. Each test works on
    a copy of it."""
    path = tmp_path_factory.mktemp("registry") / "registry.db"
    url = f"sqlite:///{path}"
    upgrade(url)
    engine = make_engine(url)
    load_partnership_file(engine)
    for person, email in EMAIL.items():
        add_account(email, demo_password(person), accounts=SqlAccounts(engine), now=datetime.now(UTC))
    run_action_plan_update(
        date(2026, 1, 5),
        uow=SqlUnitOfWork(engine),
        render=TemplateRenderer(),
        now=datetime(2026, 1, 5, 9, 0, tzinfo=UTC),
        policy=ActionPlanPolicy(),
    )
    run_calendar(date(2026, 11, 25), uow=SqlUnitOfWork(engine), render=TemplateRenderer(), now=CALENDAR_RUN)
    engine.dispose()
    return path


@pytest.fixture
def demo(prepared: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A copy of the prepared registry, with the app's settings pointing at it."""
    copy = tmp_path / "registry.db"
    shutil.copy(prepared, copy)
    url = f"sqlite:///{copy}"
    monkeypatch.setenv("GOVERN_DATABASE_URL", url)
    monkeypatch.setenv("GOVERN_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("GOVERN_EMAIL_URL", raising=False)
    monkeypatch.delenv("GOVERN_DUE_SOON_DAYS", raising=False)
    engine = make_engine(url)
    yield engine
    engine.dispose()


def signed_in_as(person: str, password: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ENTRY), default_timeout=30).run()
    at.text_input(key="email").set_value(EMAIL[person])
    at.text_input(key="password").set_value(password or demo_password(person))
    at.button[0].click().run()
    assert not at.exception, at.exception
    return at


def open_page(at: AppTest, file: str) -> AppTest:
    at.switch_page(f"views/{file}").run()
    assert not at.exception, at.exception
    return at


def texts(at: AppTest) -> str:
    return " ".join(e.value for kind in ("info", "warning", "error", "success") for e in getattr(at, kind))


def test_before_signing_in_only_the_sign_in_page_shows(demo):
    at = AppTest.from_file(str(ENTRY), default_timeout=30).run()
    assert [t.value for t in at.title] == ["Sign in"]
    assert not at.exception


def test_a_wrong_password_is_refused_without_saying_whether_the_account_exists(demo):
    at = signed_in_as("joanne-pickering", password="not-the-password")
    assert [t.value for t in at.title] == ["Sign in"]
    assert "The e-mail address or the password is not right" in texts(at)


def test_an_empty_form_asks_for_the_address_and_the_password(demo):
    at = AppTest.from_file(str(ENTRY), default_timeout=30).run()
    at.button[0].click().run()
    assert "Give your e-mail address and your password." in texts(at)


def test_signing_in_lands_on_my_work(demo):
    at = signed_in_as("mark-ellison")
    assert [t.value for t in at.title] == ["My work"]
    assert "Waiting on me" in [h.value for h in at.header]


def test_an_idle_session_ends_and_says_so(demo):
    at = signed_in_as("mark-ellison")
    session = at.session_state["signed_in"]
    at.session_state["signed_in"] = session.model_copy(
        update={"last_seen_at": session.last_seen_at - timedelta(hours=1)}
    )
    at.run()
    assert [t.value for t in at.title] == ["Sign in"]
    assert "Your session has ended" in texts(at)


@pytest.mark.parametrize(
    ("person", "pages"),
    [
        ("joanne-pickering", ["my_work", "calendar", "submit", "approvals", "deadlines", "outbox", "registry", "action_plans", "reports", "statistics"]),
        ("helen-achebe", ["my_work", "calendar", "approvals", "action_plans", "reports", "statistics"]),
        ("mark-ellison", ["my_work", "calendar", "submit", "action_plans", "reports", "statistics"]),
        ("lena-hart", ["my_work", "calendar", "submit", "action_plans", "reports", "statistics"]),  # her Section 175 return is open
        ("graham-whitfield", ["my_work", "calendar", "approvals", "action_plans", "reports", "statistics"]),
        ("alison-fairbairn", ["my_work", "calendar", "submit", "approvals", "action_plans", "reports", "statistics"]),
        ("tom-greenwood", ["my_work", "calendar", "approvals", "action_plans", "reports", "statistics"]),
        ("siobhan-kelly", ["my_work", "calendar", "submit", "action_plans", "reports", "statistics"]),
    ],
)  # fmt: skip
def test_each_role_opens_each_page_it_is_offered_and_no_other(demo, person, pages):
    at = signed_in_as(person)
    for file in pages:
        open_page(at, f"{file}.py")
        assert at.title, file
        assert not at.exception, (file, at.exception)
    for file in sorted(set(EVERY_PAGE) - set(pages)):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(f"views/{file}.py")


def test_a_chair_is_not_offered_the_business_units_pages(demo):
    from app.web.navigation import pages_for
    from registry.read_models.work import owns_open_work

    with SqlUnitOfWork(demo) as uow:
        chair = uow.people.find("helen-achebe")
    titles = [p.title for entries in pages_for(chair, owns_work=False).values() for p in entries]
    assert "Deadlines" not in titles and "Registry" not in titles and "Approvals" in titles
    assert not owns_open_work(demo, partnership="bradford", person="helen-achebe")


def test_the_board_counts_only_open_deadlines_as_open_and_says_days_overdue_in_words(demo):
    at = open_page(signed_in_as("joanne-pickering"), "deadlines.py")
    at.text_input(key="as_of").set_value("01/03/2026").run()
    table = at.table[0].value
    standings = list(table["Standing"])
    assert "None" not in " ".join(map(str, table.to_numpy().ravel()))
    assert any(s.startswith("overdue by ") and s.endswith(" days") for s in standings)
    assert list(table.columns) == ["Standing", "Due", "What", "Owner", "Board and sub-group"]
    open_metric = next(m for m in at.metric if m.label == "Open deadlines")
    assert int(open_metric.value) == sum(
        not s.startswith(("submitted", "accepted", "scheduled")) for s in standings
    )


def test_a_date_typed_and_confirmed_applies_and_a_wrong_one_is_explained(demo):
    at = open_page(signed_in_as("joanne-pickering"), "deadlines.py")
    before = [m.value for m in at.metric if m.label == "Overdue"]
    at.text_input(key="as_of").set_value("1 March 2026").run()
    after = [m.value for m in at.metric if m.label == "Overdue"]
    assert before != after
    at.text_input(key="as_of").set_value("31/02/2026").run()
    assert "is not a date" in texts(at)


def test_the_sub_group_filter_keeps_only_that_sub_groups_deadlines(demo):
    at = open_page(signed_in_as("joanne-pickering"), "deadlines.py")
    at.multiselect(key="sub_group_filter").set_value(["All-Age Exploitation"]).run()
    bodies = set(at.table[0].value["Board and sub-group"])
    assert bodies and all(body.endswith(", All-Age Exploitation") for body in bodies)


def test_a_person_on_no_body_of_the_exempt_plan_sees_no_exempt_action_text(demo):
    from registry.read_models.plans import action_plans

    exempt = [
        a.text
        for p in action_plans(demo, partnership="bradford")
        if p.exempt_paragraph
        for r in p.recommendations
        for a in r.actions
    ]
    at = signed_in_as("ewa-nowak")
    for file in ("my_work.py", "action_plans.py", "submit.py", "calendar.py", "reports.py", "statistics.py"):
        open_page(at, file)
        shown = " ".join(str(e.value) for e in at.get("markdown") + at.get("caption") + at.get("text"))
        shown += " ".join(e.label for e in at.expander)
        shown += " ".join(" ".join(map(str, table.value.to_numpy().ravel())) for table in at.table)
        shown += " ".join(" ".join(map(str, box.options)) for box in at.selectbox)
        leaked = [t for t in exempt if t in shown]
        assert not leaked, (file, leaked[:1])
    assert "Exempt item" in " ".join(str(e.value) for e in open_page(at, "action_plans.py").get("markdown"))
    from app.web.identity import my_calendar_ics

    ics = my_calendar_ics(demo, at.session_state["signed_in"], now=datetime.now(UTC)).decode()
    assert "exempt item" in ics and not [t for t in exempt if t[:60] in ics.replace("\r\n ", "")]


def test_a_business_manager_sees_the_exempt_action_text(demo):
    at = open_page(signed_in_as("joanne-pickering"), "action_plans.py")
    assert "Revise the CE risk assessment tool" in " ".join(str(e.value) for e in at.get("markdown"))


def test_a_registry_without_tables_says_to_upgrade_it(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVERN_DATABASE_URL", f"sqlite:///{tmp_path / 'nothing.db'}")
    monkeypatch.setenv("GOVERN_DATA_DIR", str(tmp_path))
    at = AppTest.from_file(str(ENTRY), default_timeout=30).run()
    assert "govern db upgrade" in texts(at) and not at.text_input


def test_an_empty_registry_says_to_load_a_partnership(sqlite_engine, sqlite_url, tmp_path, monkeypatch):
    monkeypatch.setenv("GOVERN_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("GOVERN_DATA_DIR", str(tmp_path))
    at = AppTest.from_file(str(ENTRY), default_timeout=30).run()
    assert "govern demo load" in texts(at)


def test_a_person_signed_in_through_openid_connect_lands_on_my_work(demo):
    at = AppTest.from_file(str(ENTRY), default_timeout=30)
    at.user = {"is_logged_in": True, "email": EMAIL["helen-achebe"], "iss": "https://login.example"}
    at.run()
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == ["My work"]


def test_an_address_nobody_holds_is_refused_through_openid_connect(demo):
    at = AppTest.from_file(str(ENTRY), default_timeout=30)
    at.user = {"is_logged_in": True, "email": "stranger@elsewhere.example", "iss": "https://login.example"}
    at.run()
    assert [t.value for t in at.title] == ["Sign in"]
    assert "not right" in texts(at) or "may not sign in" in texts(at)


def test_signing_out_returns_to_the_sign_in_page(demo):
    at = signed_in_as("mark-ellison")
    at.sidebar.button(key="sign_out").click().run()
    assert [t.value for t in at.title] == ["Sign in"]
    assert "signed_in" not in at.session_state
