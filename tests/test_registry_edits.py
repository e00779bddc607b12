"""Editing the registry from the page: each change is applied to the partnership as its file says it
now and loaded through the file's checks, all or nothing; only the business unit edits, and every
edit (and every refused attempt by someone else) is in the audit trail, which still verifies."""

import threading
import time
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import Session, SQLModel, col, select

from governance.audit.use_cases import verify_audit_trail
from governance.permissions import PermissionRefused
from governance.vocabulary import Role
from registry import tables as m
from registry.partnership_file import editing as edits
from registry.partnership_file import edits_bodies as bodies
from registry.partnership_file.editing import EditRefused, edit_partnership
from registry.partnership_file.loader import load_partnership_file
from registry.unit_of_work import SqlUnitOfWork

MANAGER, CHAIR = "joanne-pickering", "helen-achebe"
AT = datetime(2026, 12, 1, 10, tzinfo=UTC)
CALDERDALE = Path(__file__).parent / "partnerships" / "calderdale.yaml"


def edit(engine, change, by: str = MANAGER):
    return edit_partnership(engine, "bradford", change, edited_by=by, at=AT)


def dump(engine) -> dict[str, list[tuple]]:
    """Every row of every table, in order: what "nothing changed" is compared on."""
    with engine.connect() as connection:
        return {
            t.name: [tuple(r) for r in connection.execute(sa.select(t).order_by(*t.primary_key.columns))]
            for t in SQLModel.metadata.sorted_tables
        }


def audit(engine, event: str) -> list[m.AuditEvent]:
    with Session(engine) as session:
        return list(session.exec(select(m.AuditEvent).where(m.AuditEvent.event == event)))


def refusal(engine, change) -> list[str]:
    before = dump(engine)
    with pytest.raises(EditRefused) as refused:
        edit(engine, change)
    assert dump(engine) == before
    return refused.value.problems


def one(engine, table, **match):
    with Session(engine) as session:
        return session.exec(select(table).filter_by(**match)).one()


def test_an_edit_that_changes_nothing_writes_nothing(bradford):
    before = dump(bradford)
    summary = edit(bradford, lambda document: document)
    assert (summary["created"], summary["updated"], summary["ended"]) == (0, 0, 0)
    assert dump(bradford) == before


def test_a_meeting_added_to_a_board_is_on_record_and_the_edit_is_audited(bradford):
    summary = edit(
        bradford, partial(edits.add_meeting, board="tbp", held_on=date(2027, 3, 9), title="Spring")
    )
    assert summary["created"] == 1
    board = one(bradford, m.Board, key="tbp")
    assert one(bradford, m.Meeting, board_id=board.id, held_on=date(2027, 3, 9)).title == "Spring"
    [event] = audit(bradford, edits.EDITED)
    assert (event.actor, event.role) == (MANAGER, "business manager")
    assert event.details["change"] == "add meeting: board=tbp, held_on=2027-03-09, title=Spring"
    assert verify_audit_trail(uow=SqlUnitOfWork(bradford)).intact


def test_an_enquiry_is_recorded_then_answered(bradford):
    record = partial(edits.record_enquiry, reference="ENQ-2026/99", board="keighley-area-committee",
                     received_on=date(2026, 11, 30), subject="Thresholds", owner=MANAGER)  # fmt: skip
    edit(bradford, record)
    assert one(bradford, m.Enquiry, reference="ENQ-2026/99").answered_on is None
    edit(bradford, partial(edits.answer_enquiry, reference="ENQ-2026/99", answered_on=date(2026, 12, 1)))
    assert one(bradford, m.Enquiry, reference="ENQ-2026/99").answered_on == date(2026, 12, 1)


def test_an_enquiry_answered_before_it_was_received_is_refused(bradford):
    edit(bradford, partial(edits.record_enquiry, reference="ENQ-2026/98", board="tbp",
                           received_on="2026-11-30", subject="Thresholds", owner=MANAGER))  # fmt: skip
    [problem] = refusal(
        bradford, partial(edits.answer_enquiry, reference="ENQ-2026/98", answered_on="2026-11-01")
    )
    assert "answered_on (2026-11-01) is before received_on (2026-11-30)" in problem


def test_a_person_added_with_a_role_holds_it_and_a_role_ended_grants_nothing_from_that_day(bradford):
    edit(bradford, partial(edits.add_agency, key="bradford-college", name="Bradford College"))
    add = partial(edits.add_person, key="sam-okoro", name="Sam Okoro", email="sam.okoro@college.example",
                  agency="bradford-college", role="member", board="tbp")  # fmt: skip
    summary = edit(bradford, add)
    assert summary.roles_changed() == ["role added: sam-okoro, member on board tbp"]
    person = one(bradford, m.Person, key="sam-okoro")
    assert person.agency_id == one(bradford, m.Agency, key="bradford-college").id
    summary = edit(bradford, partial(edits.end_role, person="sam-okoro", role="member", board="tbp"))
    assert summary.roles_changed() == ["role ended: sam-okoro, member on board tbp"]
    assert one(bradford, m.Membership, person_id=person.id).ended_on == date(2026, 12, 1)
    with SqlUnitOfWork(bradford) as uow:
        assert uow.people.find("sam-okoro").roles == frozenset()


def test_a_resolution_and_a_reviews_decisions_are_recorded(bradford):
    with Session(bradford) as session:
        review, finding = session.exec(
            select(m.CaseReview.reference, m.ReviewFinding.number).join(
                m.ReviewFinding, col(m.ReviewFinding.case_review_id) == m.CaseReview.id
            )
        ).first()
    edit(bradford, partial(edits.decide_finding, reference=review, number=finding, decision="not implemented",
                           decided_on=date(2026, 11, 20), reason="superseded by the new protocol"))  # fmt: skip
    assert one(bradford, m.ReviewFinding, number=finding).reason == "superseded by the new protocol"
    edit(bradford, partial(edits.set_review_dates, reference=review, concluded_on=date(2026, 11, 25)))
    assert one(bradford, m.CaseReview, reference=review).concluded_on == date(2026, 11, 25)
    edit(bradford, partial(edits.add_resolution, key="keighley-2026-12-r1", board="keighley-area-committee",
                           resolved_on=date(2026, 12, 1), number=1, text="Noted.", action_owner=MANAGER))  # fmt: skip
    assert one(bradford, m.Resolution, key="keighley-2026-12-r1").text == "Noted."


def test_a_meeting_on_the_31st_of_february_is_refused_and_nothing_changes(bradford):
    [problem] = refusal(bradford, partial(edits.add_meeting, board="tbp", held_on="2027-02-31"))
    assert "should be a real date, written YYYY-MM-DD (given '2027-02-31')" in problem
    assert problem.startswith("boards[0] tbp › meetings[")


def test_a_person_with_an_address_someone_already_has_is_refused(bradford):
    taken = one(bradford, m.Person, key=CHAIR).email
    add = partial(edits.add_person, key="h-achebe", name="H Achebe", email=taken.upper())
    [problem] = refusal(bradford, add)
    assert "is already the address of people[" in problem and CHAIR in problem


def test_a_role_on_a_board_that_does_not_exist_is_refused_naming_it(bradford):
    problems = refusal(bradford, partial(edits.add_role, person=CHAIR, role="member", board="no-such-board"))
    assert any("board 'no-such-board' is not in this partnership" in p for p in problems)


def test_a_role_held_in_the_wrong_place_is_refused_in_the_files_words(bradford):
    problems = refusal(bradford, partial(edits.add_role, person=CHAIR, role="business manager", board="tbp"))
    assert any("belongs to the whole partnership: name no board or sub-group" in p for p in problems)


def test_a_change_to_something_not_on_record_is_refused(bradford):
    [problem] = refusal(bradford, partial(edits.add_meeting, board="nowhere", held_on="2027-01-05"))
    assert problem == "board 'nowhere' is not in this partnership"


def test_someone_outside_the_business_unit_is_refused_and_the_refusal_is_a_security_event(bradford):
    before = {k: v for k, v in dump(bradford).items() if k != "auditevent"}
    with pytest.raises(
        PermissionRefused, match="Only the safeguarding business unit may change the registry"
    ):
        edit(bradford, partial(edits.add_meeting, board="tbp", held_on="2027-01-05"), by=CHAIR)
    assert {k: v for k, v in dump(bradford).items() if k not in ("auditevent", "partnership")} == {
        k: v for k, v in before.items() if k != "partnership"
    }
    [event] = audit(bradford, "permission refused")
    assert event.actor == CHAIR and event.details["security event"] is True
    assert verify_audit_trail(uow=SqlUnitOfWork(bradford)).intact


def test_edits_land_and_bad_ones_are_refused_on_postgresql_too(engine):
    load_partnership_file(engine)
    edit(engine, partial(edits.add_meeting, board="bsab", held_on=date(2027, 2, 2)))
    assert one(engine, m.Meeting, board_id=one(engine, m.Board, key="bsab").id, held_on=date(2027, 2, 2))
    refusal(engine, partial(edits.add_meeting, board="bsab", held_on="2027-02-30"))
    assert verify_audit_trail(uow=SqlUnitOfWork(engine)).intact


def test_an_edit_of_one_partnership_leaves_another_as_it_was(bradford):
    load_partnership_file(bradford, CALDERDALE)
    with Session(bradford) as session:
        calderdale = session.exec(select(m.Partnership.id).where(m.Partnership.key == "calderdale")).one()
        boards = session.exec(select(m.Board.id).where(m.Board.partnership_id == calderdale)).all()
        meetings = session.exec(select(m.Meeting).where(col(m.Meeting.board_id).in_(boards))).all()
    edit(bradford, partial(edits.add_meeting, board="tbp", held_on=date(2027, 4, 6)))
    with Session(bradford) as session:
        assert session.exec(select(m.Meeting).where(col(m.Meeting.board_id).in_(boards))).all() == meetings
    with pytest.raises(PermissionRefused):  # Bradford's business manager keeps only Bradford's registry
        edit_partnership(bradford, "calderdale", partial(edits.add_meeting, board="tbp", held_on="2027-04-06"),
                         edited_by=MANAGER, at=AT)  # fmt: skip


def test_two_edits_at_once_run_one_after_the_other_and_neither_undoes_the_other(engine):
    load_partnership_file(engine)

    def after(seconds: float, change):
        def applied(document):
            time.sleep(seconds)  # were the partnership not held, the slower would end the quicker's role
            return change(document)

        return applied

    gives = [partial(edits.add_role, person=p, role="member", board="bsab") for p in (CHAIR, "mark-ellison")]
    threads = [
        threading.Thread(target=edit, args=(engine, after(s, g)))
        for s, g in zip((0.1, 1.5), gives, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with SqlUnitOfWork(engine) as uow:
        for person in (CHAIR, "mark-ellison"):
            assert uow.people.find(person).holds_on(Role.MEMBER, "bsab"), person


def reports_to(engine, sub_group: str) -> set[str]:
    with Session(engine) as session:
        return set(
            session.exec(
                select(m.Board.key)
                .join(m.ReportingLine, col(m.ReportingLine.board_id) == m.Board.id)
                .join(m.SubGroup, col(m.ReportingLine.sub_group_id) == m.SubGroup.id)
                .where(m.SubGroup.key == sub_group)
            )
        )


def test_a_board_added_is_on_record_and_a_sub_group_added_reports_to_it(bradford):
    edit(bradford, partial(bodies.add_board, key="ilkley-area-committee", name="Ilkley Area Committee",
                           short_name="Ilkley AC", kind="area committee"))  # fmt: skip
    board = one(bradford, m.Board, key="ilkley-area-committee")
    assert (board.name, board.short_name, board.kind) == (
        "Ilkley Area Committee",
        "Ilkley AC",
        "area committee",
    )
    summary = edit(bradford, partial(bodies.add_sub_group, key="neglect", name="Neglect",
                                     reports_to=["tbp", "ilkley-area-committee"], purpose="Neglect strategy"))  # fmt: skip
    assert summary.changed_anything
    assert one(bradford, m.SubGroup, key="neglect").purpose == "Neglect strategy"
    assert reports_to(bradford, "neglect") == {"tbp", "ilkley-area-committee"}
    [*_, event] = audit(bradford, edits.EDITED)
    assert event.details["change"].startswith("add sub group: key=neglect, name=Neglect, reports_to=")


def test_a_sub_group_given_another_board_to_report_to_reports_to_both(bradford):
    assert reports_to(bradford, "safeguarding-professional-practice") == {"tbp"}
    edit(bradford, partial(bodies.set_reporting_lines, sub_group="safeguarding-professional-practice",
                           reports_to=["tbp", "bsab"]))  # fmt: skip
    assert reports_to(bradford, "safeguarding-professional-practice") == {"tbp", "bsab"}


def test_a_sub_group_that_stops_reporting_to_a_board_no_longer_reports_to_it(bradford):
    edit(bradford, partial(bodies.set_reporting_lines, sub_group="all-age-exploitation", reports_to=["bsab"]))
    assert reports_to(bradford, "all-age-exploitation") == {"bsab"}


def test_a_sub_group_reporting_to_a_board_that_does_not_exist_is_refused_naming_it(bradford):
    problems = refusal(bradford, partial(bodies.add_sub_group, key="neglect", name="Neglect",
                                         reports_to=["tbp", "no-such-board"]))  # fmt: skip
    assert any("board 'no-such-board' is not in this partnership" in p for p in problems), problems
    problems = refusal(
        bradford, partial(bodies.set_reporting_lines, sub_group="training", reports_to=["nowhere"])
    )
    assert any("board 'nowhere' is not in this partnership" in p for p in problems), problems


def test_a_sub_group_reporting_to_no_board_is_refused(bradford):
    [problem] = refusal(bradford, partial(bodies.set_reporting_lines, sub_group="training", reports_to=[]))
    assert problem.startswith("sub_groups[3] training › reports_to: List should have at least 1 item")


def test_reporting_lines_of_a_sub_group_not_on_record_are_refused(bradford):
    [problem] = refusal(bradford, partial(bodies.set_reporting_lines, sub_group="nobody", reports_to=["tbp"]))
    assert problem == "sub-group 'nobody' is not in this partnership"


def test_a_board_whose_key_is_already_used_is_refused_naming_the_key(bradford):
    [problem] = refusal(bradford, partial(bodies.add_board, key="tbp", name="Another", short_name="TBP2",
                                          kind="council committee"))  # fmt: skip
    assert "board key 'tbp' appears 2 times" in problem


def test_a_board_of_a_kind_the_file_does_not_know_is_refused_naming_the_kind(bradford):
    [problem] = refusal(bradford, partial(bodies.add_board, key="parish", name="Parish Council",
                                          short_name="Parish", kind="parish council"))  # fmt: skip
    assert problem.startswith("boards[8] parish › kind: should be one of")
    assert "'area committee' (given 'parish council')" in problem
