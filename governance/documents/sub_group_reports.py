"""A sub-group's highlight report, and a board pack: every sub-group report submitted for one
meeting of one board. One submission serves every board the sub-group reports to, so the same
highlight report appears in the pack of each of them."""

from datetime import date

from governance.dates import spoken
from governance.documents.blocks import written
from governance.documents.model import Block, BulletList, Document, Fields, Heading, Paragraph
from governance.partnership.model import PartnershipOnRecord
from governance.returns.model import SubmissionOnRecord

NOT_SAID = "Nothing reported."


def _meetings(submission: SubmissionOnRecord, p: PartnershipOnRecord) -> str:
    names = {b.key: b.short_name for b in p.boards}
    return "; ".join(
        f"{names.get(board, board)} meeting on {spoken(date.fromisoformat(period))}"
        for board, period in submission.meetings
    )


def _sub_group_name(submission: SubmissionOnRecord, p: PartnershipOnRecord) -> str:
    found = next((g for g in p.sub_groups if g.key == submission.sub_group_key), None)
    return found.name if found else str(submission.sub_group_key)


def highlight_blocks(
    submission: SubmissionOnRecord, p: PartnershipOnRecord, *, level: int = 1
) -> list[Block]:
    """The highlight report's parts, with headings at ``level`` (1 on its own, 2 inside a pack)."""
    highlight = submission.highlight()
    rag = highlight.rag.value.title() if highlight.rag else "Not given"
    return [
        Fields(
            caption=f"About the report of {_sub_group_name(submission, p)}",
            pairs=(
                ("Sub-group", _sub_group_name(submission, p)),
                ("Submitted by", submission.submitted_by_name),
                ("Submitted on", spoken(submission.submitted_on)),
                ("For", _meetings(submission, p) or "No meeting on record"),
                ("RAG status", rag),
            ),
        ),
        Heading(level=level, text="Progress since the last report"),
        written(highlight.progress, NOT_SAID),
        Heading(level=level, text="Risks and issues"),
        written(highlight.risks_and_issues, NOT_SAID),
        Heading(level=level, text="What we ask of the board"),
        written(highlight.asks_of_the_board, NOT_SAID),
    ]


def highlight_report(submission: SubmissionOnRecord, p: PartnershipOnRecord) -> Document:
    name = _sub_group_name(submission, p)
    return Document(
        key=f"{submission.sub_group_key}-report-{submission.submitted_on.isoformat()}",
        title=f"{name}: highlight report",
        subtitle=f"Submitted on {spoken(submission.submitted_on)}",
        author=name,
        draft=False,
        blocks=tuple(highlight_blocks(submission, p)),
    )


def board_pack(
    board_key: str, meeting_on: date, submissions: list[SubmissionOnRecord], p: PartnershipOnRecord
) -> Document:
    """Every sub-group report submitted for the board's meeting on ``meeting_on``, in one document."""
    board = p.board(board_key)
    meeting = next((m for m in board.meetings if m.held_on == meeting_on), None)
    expected = [g for g in p.sub_groups if board_key in g.reports_to]
    came_in = {s.sub_group_key for s in submissions}
    missing = [g.name for g in expected if g.key not in came_in]
    blocks: list[Block] = [
        Fields(
            caption="About this pack",
            pairs=(
                ("Board", board.name),
                ("Meeting", (meeting.title if meeting and meeting.title else "Board meeting")),
                ("Held on", spoken(meeting_on)),
                ("Sub-group reports", str(len(submissions))),
            ),
        ),
        Heading(level=1, text="Contents"),
        BulletList(
            items=tuple(f"{_sub_group_name(s, p)}: highlight report" for s in submissions) or (NOT_SAID,)
        ),
    ]
    if missing:
        blocks += [Heading(level=1, text="Reports not received"), BulletList(items=tuple(missing))]
    for submission in submissions:
        blocks += [
            Heading(level=1, text=f"{_sub_group_name(submission, p)}: highlight report"),
            *highlight_blocks(submission, p, level=2),
        ]
    if not submissions:
        blocks.append(Paragraph(text="No sub-group report has been submitted for this meeting."))
    return Document(
        key=f"{board_key}-pack-{meeting_on.isoformat()}",
        title=f"{board.name}: board pack",
        subtitle=f"Sub-group reports for the meeting on {spoken(meeting_on)}",
        author=board.name,
        draft=False,
        blocks=tuple(blocks),
    )
