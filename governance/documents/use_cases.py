"""Use cases that give documents to read: a report as drafted from the registry, for the audience
asked; a board pack; an action plan's monthly update. Each reads in one transaction and changes nothing.

Who may read the restricted version (exempt parts included) is decided here: the business unit and
those who hold a role on the body the document belongs to (``permissions.may_see_exempt``).
"""

from datetime import date

from governance.documents.action_plan_update import action_plan_update
from governance.documents.drafting import FROZEN, approved, draft_report
from governance.documents.files import Purpose, frozen_document
from governance.documents.model import Audience, Document
from governance.documents.sub_group_reports import board_pack, highlight_report
from governance.partnership.use_cases import person_on_record
from governance.permissions import check_may_see_exempt
from governance.ports import GovernanceUnitOfWork
from governance.rules import UnknownRecord


def _check_audience(
    uow: GovernanceUnitOfWork, reader: str, audience: Audience, *body_keys: str | None
) -> None:
    person = person_on_record(uow, reader)
    if audience is Audience.RESTRICTED:
        check_may_see_exempt(person, *body_keys)


def draft_report_document(
    key: str, *, reader: str, audience: Audience, uow: GovernanceUnitOfWork
) -> Document:
    """The report as a document. Until it is approved it is drafted from its text and what the
    registry holds now, and opens with the checks' findings; once approved it is the document as
    approved, frozen with the approval. The public version leaves out exempt parts and findings; the
    restricted version is for those entitled to see exempt material of the report's board (refused
    to anyone else)."""
    with uow:
        report = uow.reports.find(key)
        if report is None:
            raise UnknownRecord(f"No report with key {key!r}")
        _check_audience(uow, reader, audience, report.board_key)
        frozen = None
        if report.state in FROZEN:
            files = uow.report_files.files(key, purpose=Purpose.APPROVAL, version=report.version)
            frozen = frozen_document(files)
        document = frozen or draft_report(report, uow.partnership.snapshot())
    if report.state in FROZEN and frozen is None:  # approved before documents were frozen
        document = approved(document, report.current_approvals())
    return document.for_audience(audience)


def draft_board_pack(
    board_key: str, meeting_on: date, *, reader: str, audience: Audience, uow: GovernanceUnitOfWork
) -> Document:
    """Every sub-group report submitted for the board's meeting on ``meeting_on``: key
    ``<board>-pack-<meeting date>``."""
    with uow:
        p = uow.partnership.snapshot()
        board = next((b for b in p.boards if b.key == board_key), None)
        if board is None:
            raise UnknownRecord(f"No board with key {board_key!r}")
        if all(m.held_on != meeting_on for m in board.meetings):
            raise UnknownRecord(f"{board.name} has no meeting on {meeting_on:%d %B %Y} on record")
        _check_audience(uow, reader, audience, board_key)
        submissions = uow.submissions.for_meeting(board_key, meeting_on)
    return board_pack(board_key, meeting_on, submissions, p).for_audience(audience)


def draft_highlight_report(
    submission_id: int, *, reader: str, audience: Audience, uow: GovernanceUnitOfWork
) -> Document:
    """One sub-group report as submitted, for every board it serves."""
    with uow:
        submission = uow.submissions.find(submission_id)
        if submission is None:
            raise UnknownRecord(f"No submission number {submission_id}")
        bodies = [board for board, _ in submission.meetings]
        _check_audience(uow, reader, audience, submission.sub_group_key, *bodies)
        p = uow.partnership.snapshot()
    return highlight_report(submission, p).for_audience(audience)


def draft_action_plan_update(
    plan_key: str,
    month: date,
    *,
    reader: str,
    audience: Audience,
    uow: GovernanceUnitOfWork,
    due_soon_days: int = 14,
) -> Document:
    """The plan's update for the month ``month`` falls in. The restricted version of an exempt plan
    (its recommendation and action texts) is for those entitled to see the plan's exempt material."""
    with uow:
        p = uow.partnership.snapshot()
        plan = p.plan(plan_key)
        if plan is None:
            raise UnknownRecord(f"No action plan with key {plan_key!r}")
        _check_audience(uow, reader, audience, plan.board_key, plan.lead_sub_group_key)
        updates = uow.partnership.action_updates(plan_key)
    document = action_plan_update(plan, month, p, updates, due_soon_days=due_soon_days)
    return document.for_audience(audience)
