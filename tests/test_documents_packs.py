"""Sub-group highlight reports, board packs and the monthly action-plan update (issue 10): one
submission is in the pack of every board it serves; the update gives each action's owner, dates,
RAG status, evidence and progress; an exempt plan's texts stay in the restricted version."""

from datetime import UTC, date, datetime

import pytest
from sqlmodel import Session, select

from flows.adapters.message_templates import TemplateRenderer
from governance.action_plans.use_cases import SubmitActionUpdate, submit_action_update
from governance.deadlines.use_cases import run_calendar
from governance.documents.model import Audience, Document, ExemptNotice, ExemptPart, Fields, Table
from governance.documents.use_cases import draft_action_plan_update, draft_board_pack, draft_highlight_report
from governance.permissions import PermissionRefused
from governance.returns.model import HighlightReport
from governance.returns.use_cases import SubmitSubGroupReport, submit_sub_group_report
from governance.rules import UnknownRecord
from governance.vocabulary import Rag, UpdateStatus
from registry import tables as m
from registry.unit_of_work import SqlUnitOfWork

NOW = datetime(2027, 1, 5, 10, tzinfo=UTC)
ON = date(2027, 1, 5)
MANAGER, SCHOOL_LEAD = "joanne-pickering", "lena-hart"
PLAN = "cse-thematic-review-2021"
HIGHLIGHT = HighlightReport(
    progress="[Demo text] The CE Protocol review is complete and awaits sign-off.",
    risks_and_issues="[Demo text] Two partners have not yet returned their audit samples.",
    asks_of_the_board="[Demo text] Sign off the revised CE Protocol.",
    rag=Rag.AMBER,
)


@pytest.fixture
def submitted(bradford):
    """The All-Age Exploitation sub-group's report, submitted on 5 January 2027 for TBP and BSAB."""
    for day in (date(2026, 11, 25), ON):
        run_calendar(day, uow=SqlUnitOfWork(bradford), render=TemplateRenderer(), now=NOW)
    command = SubmitSubGroupReport(
        sub_group="all-age-exploitation", submitted_by="grace-mensah", submitted_on=ON, highlight=HIGHLIGHT
    )
    submit_sub_group_report(command, uow=SqlUnitOfWork(bradford), now=NOW)
    return bradford


def pack(engine, board: str, meeting: date, audience: Audience = Audience.RESTRICTED, reader: str = MANAGER):
    return draft_board_pack(board, meeting, reader=reader, audience=audience, uow=SqlUnitOfWork(engine))


def texts(document: Document) -> str:
    return document.model_dump_json()


def test_one_submission_is_kept_once_with_its_highlight_and_every_deadline_it_meets_points_at_it(submitted):
    with Session(submitted) as session:
        [submission] = session.exec(select(m.Submission)).all()
        met = session.exec(select(m.Deadline).where(m.Deadline.submission_id == submission.id)).all()
    assert submission.content == HIGHLIGHT.model_dump(mode="json")
    assert sorted(d.period for d in met) == ["2027-01-19", "2027-01-26"]


def test_the_submission_is_in_the_pack_of_each_board_it_serves(submitted):
    tbp, bsab = pack(submitted, "tbp", date(2027, 1, 19)), pack(submitted, "bsab", date(2027, 1, 26))
    assert (tbp.key, bsab.key) == ("tbp-pack-2027-01-19", "bsab-pack-2027-01-26")
    for document in (tbp, bsab):
        assert "All-Age Exploitation: highlight report" in [h.text for h in document.headings()]
        assert HIGHLIGHT.progress in texts(document) and HIGHLIGHT.asks_of_the_board in texts(document)
    assert HIGHLIGHT.progress not in texts(pack(submitted, "tbp", date(2026, 11, 17)))


def test_a_pack_lists_the_sub_groups_whose_report_has_not_come_in(submitted):
    document = pack(submitted, "tbp", date(2027, 1, 19))
    missing = [h for h in document.headings() if h.text == "Reports not received"]
    assert missing and "Training" in texts(document)


def test_a_highlight_report_says_who_submitted_it_for_which_meetings_and_its_rag(submitted):
    with Session(submitted) as session:
        submission_id = session.exec(select(m.Submission.id)).one()
    document = draft_highlight_report(
        submission_id, reader=SCHOOL_LEAD, audience=Audience.PUBLIC, uow=SqlUnitOfWork(submitted)
    )
    about = dict(next(b for b in document.blocks if isinstance(b, Fields)).pairs)
    assert about["Submitted by"] == "Grace Mensah" and about["RAG status"] == "Amber"
    assert about["For"] == "BSAB meeting on 26 January 2027; TBP meeting on 19 January 2027"


def test_a_pack_for_a_meeting_the_board_does_not_hold_is_refused(bradford):
    with pytest.raises(UnknownRecord):
        pack(bradford, "tbp", date(2027, 1, 20))


def update(engine, month: date, audience: Audience = Audience.RESTRICTED, reader: str = MANAGER) -> Document:
    return draft_action_plan_update(PLAN, month, reader=reader, audience=audience, uow=SqlUnitOfWork(engine))


def action(document: Document, reference: str) -> dict[str, str]:
    [part] = [b for b in document.blocks if isinstance(b, ExemptPart)]
    return dict(
        next(b for b in part.blocks if isinstance(b, Fields) and b.caption == f"Action {reference}").pairs
    )


def test_each_action_gives_owner_dates_rag_evidence_and_the_progress_reported_that_month(bradford):
    progress = "[Demo text] Sample of 40 assessments drawn; audit under way."
    command = SubmitActionUpdate(
        reference="CSE-2021/R01.2",
        submitted_by="mark-ellison",
        progress=progress,
        submitted_on=date(2026, 7, 20),
    )
    submit_action_update(command, uow=SqlUnitOfWork(bradford), now=NOW)
    july = action(update(bradford, date(2026, 7, 1)), "CSE-2021/R01.2")
    assert july["Owner"] == "Mark Ellison"
    assert (july["Due date"], july["Original due date"], july["Extensions"]) == (
        "31 July 2026",
        "31 July 2026",
        "0",
    )
    assert july["RAG status"] == "Amber: due soon"
    assert july["Progress since last month"].startswith(progress)
    assert july["Evidence"] == "None uploaded"
    august = action(update(bradford, date(2026, 8, 1)), "CSE-2021/R01.2")
    assert august["RAG status"] == "Red: overdue"
    assert august["Progress since last month"] == "No update reported for this month."
    assert action(update(bradford, date(2026, 7, 1)), "CSE-2021/R01.1")["RAG status"].startswith(
        "Green: completed"
    )


def test_the_owners_own_status_and_rating_stand_over_the_one_the_dates_suggest(bradford):
    command = SubmitActionUpdate(
        reference="CSE-2021/R01.2",
        submitted_by="mark-ellison",
        progress="[Demo text] The auditor is off sick; the sample is not drawn.",
        status=UpdateStatus.DELAYED,
        rag=Rag.RED,
        submitted_on=date(2026, 7, 20),
    )
    submit_action_update(command, uow=SqlUnitOfWork(bradford), now=NOW)
    july = action(update(bradford, date(2026, 7, 1)), "CSE-2021/R01.2")
    assert july["RAG status"] == "Red: rated by the owner, delayed"  # the dates alone say amber, due soon


def test_the_exempt_plans_recommendations_and_actions_are_only_in_the_restricted_update(bradford):
    restricted = update(bradford, date(2026, 7, 1))
    public = update(bradford, date(2026, 7, 1), Audience.PUBLIC, reader=SCHOOL_LEAD)
    exempt = restricted.exempt_texts()
    assert (
        "Revise the CE risk assessment tool and publish practice guidance for all partner agencies." in exempt
    )
    assert not [t for t in exempt if t in texts(public)]
    assert [b.paragraph for b in public.blocks if isinstance(b, ExemptNotice)] == [7]
    summary = next(b for b in public.blocks if isinstance(b, Table))
    assert dict(summary.rows)["All actions"] == str(len(action_references(restricted)))
    with pytest.raises(PermissionRefused):
        update(bradford, date(2026, 7, 1), reader=SCHOOL_LEAD)


def action_references(document: Document) -> list[str]:
    [part] = [b for b in document.blocks if isinstance(b, ExemptPart)]
    return [b.caption for b in part.blocks if isinstance(b, Fields)]
