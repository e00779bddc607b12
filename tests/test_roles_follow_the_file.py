"""Roles follow the partnership file: a role the file no longer lists is ended at once (kept for
history, granting nothing), a role held on a board or sub-group names it, a published report carries
its approvals, and a load that changes anything is one audit event."""

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlmodel import Session, col, select

from flows.adapters.message_templates import TemplateRenderer
from governance.action_plans.model import ActionPlanPolicy
from governance.action_plans.use_cases import run_action_plan_update
from governance.deadlines.model import Duty
from governance.deadlines.use_cases import run_calendar
from governance.extensions.model import DecideExtension, RequestExtension
from governance.extensions.use_cases import decide_extension, request_extension
from governance.reports.use_cases import check_report
from governance.rules import RuleBroken
from governance.vocabulary import Role
from registry import tables as m
from registry.partnership_file.file import PartnershipFileError, read_partnership_file
from registry.partnership_file.loader import BRADFORD_DEMO, LOADED, load_partnership_file
from registry.unit_of_work import SqlUnitOfWork

NOW = datetime(2026, 11, 25, 10, tzinfo=UTC)
TODAY = date(2026, 11, 25)
LATER = datetime(2026, 12, 1, 9, tzinfo=UTC)
CHAIR, SCRUTINEER = "helen-achebe", "graham-whitfield"


def demo() -> dict[str, Any]:
    return yaml.safe_load(BRADFORD_DEMO.read_text(encoding="utf-8"))


def write(tmp_path: Path, data: dict[str, Any], name: str = "partnership.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def person(data: dict[str, Any], key: str) -> dict[str, Any]:
    return next(p for p in data["people"] if p["key"] == key)


def without_roles(tmp_path: Path, key: str) -> Path:
    data = demo()
    person(data, key)["roles"] = []
    return write(tmp_path, data)


def memberships(engine, key: str) -> list[m.Membership]:
    with Session(engine) as session:
        return list(
            session.exec(
                select(m.Membership)
                .join(m.Person, col(m.Membership.person_id) == m.Person.id)
                .where(m.Person.key == key)
                .order_by(col(m.Membership.id))
            )
        )


def snapshot(engine):
    with SqlUnitOfWork(engine, partnership="bradford") as uow:
        return uow.partnership.snapshot()


def audit_events(engine) -> list[m.AuditEvent]:
    with Session(engine) as session:
        return list(session.exec(select(m.AuditEvent).where(m.AuditEvent.event == LOADED)))


# Removed roles end at once


def test_a_role_removed_from_the_file_is_ended_on_the_load_date_and_kept(engine, tmp_path):
    load_partnership_file(engine, at=NOW)
    summary = load_partnership_file(engine, without_roles(tmp_path, CHAIR), at=LATER)
    assert (summary["created"], summary["updated"], summary["ended"]) == (0, 0, 1)
    assert summary.summary().startswith("0 created, 0 updated, 1 ended, ")
    (chair,) = memberships(engine, CHAIR)
    assert (chair.role, chair.started_on, chair.ended_on) == (
        Role.INDEPENDENT_CHAIR,
        TODAY,
        date(2026, 12, 1),
    )
    assert snapshot(engine).holders(Role.INDEPENDENT_CHAIR, "tbp") == []


def test_a_departed_chair_can_no_longer_decide_an_extension(bradford, tmp_path):
    render = TemplateRenderer()
    run_action_plan_update(
        TODAY, uow=SqlUnitOfWork(bradford), render=render, now=NOW, policy=ActionPlanPolicy()
    )
    run_calendar(TODAY, uow=SqlUnitOfWork(bradford), render=render, now=NOW)
    request = request_extension(
        RequestExtension(
            duty=Duty.ACTION_COMPLETION, subject="CSE-2021/R07.2", period="once", requested_by="paul-hartley",
            proposed_due_on=date(2027, 1, 29), requested_on=TODAY, reason="The licensing committee meets in January.",
            evidence="Committee calendar 2026/27: next meeting 14 January 2027.",
        ),
        uow=SqlUnitOfWork(bradford), now=NOW,
    )  # fmt: skip
    load_partnership_file(bradford, without_roles(tmp_path, CHAIR), at=NOW)
    with pytest.raises(RuleBroken, match="Helen Achebe holds none of"):
        decide_extension(
            DecideExtension(request_id=request, decided_by=CHAIR, approve=True, decided_on=TODAY),
            uow=SqlUnitOfWork(bradford),
            now=NOW,
        )


def test_a_person_removed_from_the_file_keeps_their_record_but_their_roles_end(engine, tmp_path):
    load_partnership_file(engine, at=NOW)
    data = demo()
    data["people"] = [p for p in data["people"] if p["key"] != SCRUTINEER]
    summary = load_partnership_file(engine, write(tmp_path, data), at=LATER)
    assert summary["ended"] == 1
    assert [r.ended_on for r in memberships(engine, SCRUTINEER)] == [date(2026, 12, 1)]
    assert SCRUTINEER in {p.key for p in snapshot(engine).people}
    assert snapshot(engine).holders(Role.INDEPENDENT_SCRUTINEER, "tbp") == []


def test_a_role_given_back_starts_a_new_membership_and_the_ended_one_stays_ended(engine, tmp_path):
    load_partnership_file(engine, at=NOW)
    load_partnership_file(engine, without_roles(tmp_path, CHAIR), at=LATER)
    again = load_partnership_file(engine, at=datetime(2027, 1, 4, 9, tzinfo=UTC))
    assert (again["created"], again["ended"]) == (1, 0)
    first, second = memberships(engine, CHAIR)
    assert (first.started_on, first.ended_on) == (TODAY, date(2026, 12, 1))
    assert (second.started_on, second.ended_on) == (date(2027, 1, 4), None)
    assert [p.key for p in snapshot(engine).holders(Role.INDEPENDENT_CHAIR, "tbp")] == [CHAIR]


def test_a_role_moved_to_another_board_ends_the_old_and_starts_the_new(engine, tmp_path):
    load_partnership_file(engine, at=NOW)
    data = demo()
    person(data, SCRUTINEER)["roles"] = [{"role": "independent scrutineer", "board": "bsab"}]
    summary = load_partnership_file(engine, write(tmp_path, data), at=LATER)
    assert (summary["created"], summary["ended"]) == (1, 1)
    assert snapshot(engine).holders(Role.INDEPENDENT_SCRUTINEER, "tbp") == []
    assert [p.key for p in snapshot(engine).holders(Role.INDEPENDENT_SCRUTINEER, "bsab")] == [SCRUTINEER]


# A role held on a board or sub-group names it


def test_a_chair_without_a_board_is_refused_naming_the_entry(tmp_path):
    data = demo()
    person(data, "kwame-boateng")["roles"] = [{"role": "independent chair"}]
    with pytest.raises(PartnershipFileError) as refused:
        read_partnership_file(write(tmp_path, data))
    index = next(i for i, p in enumerate(data["people"]) if p["key"] == "kwame-boateng")
    assert (
        f"people[{index}] kwame-boateng › roles[0]: an independent chair is held on a board or sub-group; say which"
        in str(refused.value)
    )


@pytest.mark.parametrize(
    ("role", "body", "words"),
    [
        ("independent scrutineer", {}, "an independent scrutineer is held on a board or sub-group"),
        ("lead safeguarding partner", {}, "a lead safeguarding partner is held on a board or sub-group"),
        ("sub-group lead", {}, "a sub-group lead is held on a board or sub-group"),
        ("member", {}, "a member is held on a board or sub-group"),
        ("sub-group chair", {"board": "tbp"}, "a sub-group chair is held on a sub-group, not a board"),
        ("business manager", {"board": "tbp"}, "a business manager belongs to the whole partnership"),
    ],
)
def test_a_role_is_held_where_its_kind_is_held(tmp_path, role, body, words):
    data = demo()
    person(data, "kwame-boateng")["roles"] = [{"role": role, **body}]
    with pytest.raises(PartnershipFileError, match=words):
        read_partnership_file(write(tmp_path, data))


def test_the_demo_and_calderdale_hold_every_body_role_on_a_body():
    for path in (BRADFORD_DEMO, Path(__file__).parent / "partnerships" / "calderdale.yaml"):
        roles = [r for p in read_partnership_file(path).people for r in p.roles]
        assert all(r.board or r.sub_group for r in roles if r.role.is_held_on_a_body)


# A published report is never left awaiting approval


def test_a_published_report_without_its_approvals_is_refused(tmp_path):
    data = demo()
    yearly = next(r for r in data["reports"] if r["key"] == "tbp-yearly-report-2025-26")
    yearly["approved_by"] = ["alison-fairbairn", "david-okafor"]
    with pytest.raises(PartnershipFileError) as refused:
        read_partnership_file(write(tmp_path, data))
    assert (
        "tbp-yearly-report-2025-26 › approved_by: a published children's partnership yearly report needs"
        in str(refused.value)
    )
    assert "the lead safeguarding partner for West Yorkshire Police" in str(refused.value)


def test_an_approver_who_cannot_give_the_approval_is_refused(tmp_path):
    data = demo()
    annual = next(r for r in data["reports"] if r["key"] == "bsab-annual-report-2024-25")
    annual["approved_by"] = ["rukhsana-malik", CHAIR]
    with pytest.raises(PartnershipFileError, match="'helen-achebe' can give none of the approvals"):
        read_partnership_file(write(tmp_path, data))


def test_the_demos_published_reports_need_no_more_approvals(bradford):
    for key in ("tbp-yearly-report-2024-25", "tbp-yearly-report-2025-26", "bsab-annual-report-2024-25"):
        status = check_report(key, uow=SqlUnitOfWork(bradford))
        assert status.outstanding_approvals == [], key


def test_approvals_the_file_records_are_added_to_a_report_loaded_before_without_them(engine):
    load_partnership_file(engine, at=NOW)
    with Session(engine) as session:  # as a registry loaded before the files recorded approvals
        for approval in session.exec(select(m.ReportApproval)):
            session.delete(approval)
        session.commit()
    summary = load_partnership_file(engine, at=LATER)
    assert summary["created"] == 7
    assert check_report("tbp-yearly-report-2025-26", uow=SqlUnitOfWork(engine)).outstanding_approvals == []


# A load is audited


def test_a_load_that_changes_something_is_one_audit_event_naming_the_operator_and_each_change(
    engine, tmp_path
):
    load_partnership_file(engine, at=NOW)
    data = demo()
    person(data, CHAIR)["roles"] = []
    person(data, SCRUTINEER)["email"] = "g.whitfield@bradford-partnership.example"
    person(data, "kwame-boateng")["roles"].append({"role": "member", "board": "csp"})
    load_partnership_file(engine, write(tmp_path, data), loaded_by="joanne-pickering", at=LATER)
    first, second = audit_events(engine)
    assert (first.actor, second.actor) == ("partnership file", "joanne-pickering")
    assert (second.details["created"], second.details["updated"], second.details["ended"]) == (1, 1, 1)
    changes = second.details["changes"]
    assert {
        "change": "role ended",
        "person": CHAIR,
        "role": "independent chair",
        "on": "board tbp",
    } in changes
    assert {"change": "role added", "person": "kwame-boateng", "role": "member", "on": "board csp"} in changes
    assert {
        "change": "e-mail address changed",
        "person": SCRUTINEER,
        "before": "graham.whitfield@bradford-partnership.example",
        "after": "g.whitfield@bradford-partnership.example",
    } in changes


def test_a_load_that_changes_nothing_records_no_audit_event(engine):
    load_partnership_file(engine, at=NOW)
    load_partnership_file(engine, at=LATER)
    assert len(audit_events(engine)) == 1
