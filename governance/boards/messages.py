"""The sub-group reporting cycle's messages: the request to a sub-group lead for a meeting's
highlight reports, and the board pack to each of the board's readers, its PDF attached."""

from collections.abc import Mapping

from governance.boards.model import BoardMeeting
from governance.deadlines.model import DeadlineOnRecord
from governance.notifications.links import Item, Page, link
from governance.notifications.messages import message_to
from governance.notifications.model import Attachment, MessageRenderer, OutboxMessage
from governance.partnership.model import PartnershipOnRecord
from governance.partnership.people import PersonOnRecord
from governance.returns.model import SubmissionOnRecord

REQUEST_TEMPLATE = "sub_group_report_request"
PACK_TEMPLATE = "board_pack"
PDF = "application/pdf"


def report_request(
    lead: PersonOnRecord,
    meeting: BoardMeeting,
    asked: list[DeadlineOnRecord],
    p: PartnershipOnRecord,
    render: MessageRenderer,
    *,
    base: str,
    contact: PersonOnRecord | None,
) -> OutboxMessage:
    """The one request to a sub-group lead for a meeting: each of their sub-groups' reports, with a
    link to submit it (one report serves every board the sub-group reports to)."""
    items = []
    for deadline in asked:
        group = p.sub_group(deadline.sub_group_key or "")
        others = [p.board(b).short_name for b in group.reports_to if b != meeting.board.key]
        items.append(
            {
                "sub_group": group.name,
                "title": deadline.title,
                "also_serves": others,
                "link": link(base, Page.SUBMIT, p.key, Item.DEADLINE, deadline.id),
            }
        )
    context = {
        "board": meeting.board.name,
        "board_short_name": meeting.board.short_name,
        "meeting_on": meeting.held_on,
        "due_on": meeting.reports_due_on,
        "items": items,
    }
    message = message_to(
        lead,
        key=meeting.key("request", lead.key),
        template=REQUEST_TEMPLATE,
        context=context,
        renderer=render,
        contact=contact,
    )
    return message.model_copy(update={"board_key": meeting.board.key, "ask": REQUEST_TEMPLATE})


def pack_message(
    reader: PersonOnRecord,
    meeting: BoardMeeting,
    submissions: list[SubmissionOnRecord],
    pdf: Attachment,
    p: PartnershipOnRecord,
    render: MessageRenderer,
    *,
    owners: Mapping[str, PersonOnRecord],
    contact: PersonOnRecord | None,
) -> OutboxMessage:
    """The board pack to one reader, its PDF attached, naming each report still missing and who owes it."""
    missing = []
    for key in meeting.missing(submissions):
        deadline = next(d for d in meeting.deadlines if d.sub_group_key == key)
        owner = owners.get(deadline.owner_key)
        missing.append({"sub_group": p.sub_group(key).name, "owner": owner.name if owner else ""})
    context = {
        "board": meeting.board.name,
        "board_short_name": meeting.board.short_name,
        "meeting_on": meeting.held_on,
        "meeting_title": meeting.meeting.title,
        "received": [p.sub_group(s.sub_group_key or "").name for s in submissions],
        "expected": len(meeting.deadlines),
        "missing": missing,
        "attachment": pdf.filename,
    }
    message = message_to(
        reader,
        key=meeting.key("pack", reader.key),
        template=PACK_TEMPLATE,
        context=context,
        renderer=render,
        contact=contact,
    )
    return message.model_copy(
        update={"board_key": meeting.board.key, "ask": PACK_TEMPLATE, "attachments": (pdf,)}
    )
