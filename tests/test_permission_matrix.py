"""Every (role, action) pair of the engine's own table (``governance.permissions.PERMISSIONS``) is
allowed or refused as the table says, exercised through the real use cases on a real SQLite
registry holding the Bradford demo. The cases are generated from the table, so a new action or role
cannot go untested: a new action needs its use case here, or the first test fails.

For each role, a person holding only that role (on the body the item belongs to, the business
unit's roles partnership-wide) tries each action; each try runs as a dry run, so nothing one case
does is seen by the next. The owner of an item, with no role at all, and someone holding the role
on another body are tried too.
"""

import contextlib
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from flows.adapters.message_templates import TemplateRenderer
from governance.action_plans.use_cases import SubmitActionUpdate, submit_action_update
from governance.deadlines.model import Duty
from governance.deadlines.use_cases import run_calendar
from governance.extensions.model import RequestExtension
from governance.extensions.use_cases import request_extension
from governance.partnership.people import BUSINESS_UNIT_ROLES
from governance.permissions import PERMISSIONS, Action, PermissionRefused, permission_matrix
from governance.reports.use_cases import WITHHELD, check_report, edit_report_section, read_report
from governance.returns.use_cases import DecideSubmission, SubmitReturn, decide_submission, submit_return
from governance.rules import EXEMPT_MATERIAL_ONLY_FOR_THOSE_ENTITLED
from governance.vocabulary import Role
from registry import tables as m
from registry.engine import make_engine
from registry.migrate import upgrade
from registry.partnership_file.editing import edit_partnership
from registry.partnership_file.loader import load_partnership_file
from registry.unit_of_work import SqlUnitOfWork

NOW = datetime(2027, 1, 5, 10, tzinfo=UTC)
ON = date(2027, 1, 5)
SUBMITTED = (Duty.SUB_GROUP_REPORT, "all-age-exploitation/tbp", "2027-01-19")  # to the TBP, submitted
OPEN = (Duty.SUB_GROUP_REPORT, "all-age-exploitation/bsab", "2027-01-26")  # to the BSAB, open
ACTION = "CSE-2021/R01.2"  # of the CSE thematic review plan (TBP, led by All-Age Exploitation)
EXEMPT_REPORT = "executive-exploitation-update-2027"  # to the Executive, with an exempt appendix
REPORT = "bsab-strategic-plan-2027-28"
OWNER = "t-owner"  # owns ACTION, OPEN and SUBMITTED, and holds no role

BODY: dict[Action, str] = {
    Action.UPDATE_ACTION: "tbp",
    Action.SUBMIT_RETURN: "all-age-exploitation",
    Action.REQUEST_EXTENSION: "all-age-exploitation",
    Action.DECIDE_SUBMISSION: "tbp",
    Action.MANAGE_REPORTS: "bsab",
    Action.SEE_EXEMPT: "executive",
    Action.KEEP_REGISTRY: "tbp",
}
"""Where a role is held for each action: the body the item belongs to."""
ELSEWHERE = {"tbp": "csp", "bsab": "csp", "executive": "csp", "all-age-exploitation": "learning-improvement"}
SUB_GROUPS = {"all-age-exploitation", "learning-improvement"}


def slug(role: Role) -> str:
    return role.name.lower().replace("_", "-")


def person_key(role: Role, body: str | None) -> str:
    return f"t-{slug(role)}" + (f"-on-{body}" if body and role not in BUSINESS_UNIT_ROLES else "")


@pytest.fixture(scope="module")
def registry(tmp_path_factory) -> Engine:
    """Bradford on 5 January 2027: the calendar run, the TBP's sub-group report submitted by the
    business manager, the items given to a role-less owner, and one test person per role and body."""
    url = f"sqlite:///{Path(tmp_path_factory.mktemp('matrix')) / 'registry.db'}"
    upgrade(url)
    engine = make_engine(url)
    load_partnership_file(engine)
    for day in (date(2026, 11, 25), ON):
        run_calendar(day, uow=SqlUnitOfWork(engine), render=TemplateRenderer(), now=NOW)
    duty, subject, period = SUBMITTED
    command = SubmitReturn(
        duty=duty, subject=subject, period=period, submitted_by="joanne-pickering", submitted_on=ON
    )
    submit_return(command, uow=SqlUnitOfWork(engine), now=NOW)
    with Session(engine) as session:
        partnership_id = session.exec(select(m.Partnership.id)).one()
        ids = {
            key: (board_id, None) for board_id, key in session.exec(select(m.Board.id, m.Board.key)).all()
        } | {key: (None, sg_id) for sg_id, key in session.exec(select(m.SubGroup.id, m.SubGroup.key)).all()}

        def add(key: str, role: Role | None, body: str | None) -> int:
            person = m.Person(partnership_id=partnership_id, key=key, name=key, email=f"{key}@test.example")
            session.add(person)
            session.flush()
            if role is not None:
                board_id, sub_group_id = ids[body] if body else (None, None)
                session.add(
                    m.Membership(person_id=person.id, role=role, board_id=board_id, sub_group_id=sub_group_id)
                )
            return person.id

        owner_id = add(OWNER, None, None)
        add("t-stranger", None, None)
        for role in Role:
            for body in (
                {None} if role in BUSINESS_UNIT_ROLES else set(BODY.values()) | set(ELSEWHERE.values())
            ):
                add(person_key(role, body), role, body)
        for action in session.exec(select(m.Action).where(m.Action.reference == ACTION)):
            action.owner_id = owner_id
            session.add(action)
        for deadline in session.exec(
            select(m.Deadline).where(m.Deadline.subject.in_([SUBMITTED[1], OPEN[1]]))
        ):
            deadline.owner_id = owner_id
            session.add(deadline)
        session.commit()
    yield engine
    engine.dispose()


def dry(engine: Engine) -> SqlUnitOfWork:
    return SqlUnitOfWork(engine, dry_run=True)


def update_action(engine: Engine, by: str) -> None:
    command = SubmitActionUpdate(
        reference=ACTION, submitted_by=by, progress="Audit under way", submitted_on=ON
    )
    submit_action_update(command, uow=dry(engine), now=NOW)


def submit(engine: Engine, by: str) -> None:
    duty, subject, period = OPEN
    command = SubmitReturn(duty=duty, subject=subject, period=period, submitted_by=by, submitted_on=ON)
    submit_return(command, uow=dry(engine), now=NOW)


def ask_for_extension(engine: Engine, by: str) -> None:
    duty, subject, period = OPEN
    command = RequestExtension(
        duty=duty,
        subject=subject,
        period=period,
        requested_by=by,
        reason="The sub-group meets after the deadline",
        evidence="Minutes of the rescheduled meeting",
        proposed_due_on=date(2027, 1, 22),
        requested_on=ON,
    )
    request_extension(command, uow=dry(engine), now=NOW)


def decide(engine: Engine, by: str) -> None:
    duty, subject, period = SUBMITTED
    command = DecideSubmission(
        duty=duty, subject=subject, period=period, decided_by=by, accept=True, decided_on=ON
    )
    decide_submission(command, uow=dry(engine), now=NOW)


def manage_reports(engine: Engine, by: str) -> None:
    version = check_report(REPORT, uow=SqlUnitOfWork(engine)).version
    edit_report_section(
        REPORT,
        section="strategy",
        text="Three priorities.",
        edited_by=by,
        based_on=version,
        uow=dry(engine),
        now=NOW,
    )


def see_exempt(engine: Engine, by: str) -> None:
    report = read_report(EXEMPT_REPORT, reader=by, uow=SqlUnitOfWork(engine))
    if any(
        a["text"].startswith(WITHHELD.split("{")[0])
        for a in report.content["appendices"]
        if a.get("exempt_paragraph")
    ):
        raise PermissionRefused(EXEMPT_MATERIAL_ONLY_FOR_THOSE_ENTITLED, actor=by)  # withheld


class PastThePermissionCheck(Exception):
    """Raised by the change itself, which runs only once the permission check has let it through."""


def keep_registry(engine: Engine, by: str) -> None:
    def change(document: dict) -> dict:
        raise PastThePermissionCheck

    with contextlib.suppress(PastThePermissionCheck):  # allowed: nothing was written
        edit_partnership(engine, "bradford", change, edited_by=by, at=NOW)


USE_CASES: dict[Action, Callable[[Engine, str], None]] = {
    Action.UPDATE_ACTION: update_action,
    Action.SUBMIT_RETURN: submit,
    Action.REQUEST_EXTENSION: ask_for_extension,
    Action.DECIDE_SUBMISSION: decide,
    Action.MANAGE_REPORTS: manage_reports,
    Action.SEE_EXEMPT: see_exempt,
    Action.KEEP_REGISTRY: keep_registry,
}
"""The real use case of each action (read_report withholds rather than refuses: withheld counts as refused)."""


def outcome(engine: Engine, action: Action, by: str) -> str:
    try:
        USE_CASES[action](engine, by)
    except PermissionRefused:
        return "refused"
    return "allowed"


def said(allowed: bool) -> str:
    return "allowed" if allowed else "refused"


def test_every_action_of_the_table_has_its_use_case_and_its_body_here():
    assert set(USE_CASES) == set(Action) == set(BODY) == set(PERMISSIONS)


MATRIX = permission_matrix()


@pytest.mark.parametrize(("role", "action"), list(MATRIX), ids=[f"{r.name}-{a.name}" for r, a in MATRIX])
def test_a_role_is_allowed_or_refused_as_the_table_says(registry, role, action):
    assert outcome(registry, action, person_key(role, BODY[action])) == said(MATRIX[role, action])


ALLOWED_ON_A_BODY = [(r, a) for (r, a), allowed in MATRIX.items() if allowed and r not in BUSINESS_UNIT_ROLES]


@pytest.mark.parametrize(
    ("role", "action"), ALLOWED_ON_A_BODY, ids=[f"{r.name}-{a.name}" for r, a in ALLOWED_ON_A_BODY]
)
def test_a_role_held_on_another_body_grants_nothing_there(registry, role, action):
    assert outcome(registry, action, person_key(role, ELSEWHERE[BODY[action]])) == "refused"


@pytest.mark.parametrize("action", list(Action), ids=[a.name for a in Action])
def test_the_owner_of_an_item_with_no_role_is_allowed_only_where_the_table_says(registry, action):
    assert outcome(registry, action, OWNER) == said(PERMISSIONS[action].owner)


@pytest.mark.parametrize("action", list(Action), ids=[a.name for a in Action])
def test_someone_with_no_role_who_owns_nothing_is_refused_everything(registry, action):
    assert outcome(registry, action, "t-stranger") == "refused"
