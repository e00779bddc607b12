"""A person's calendar: their deadlines and the meetings of their boards, as iCalendar (RFC 5545).

Exempt items (the deadlines of an action plan exempt from publication, Local Government Act 1972
Sch 12A) are said only as "exempt item" to those who may not see exempt material
(``governance.permissions.may_see_exempt``), with no title, reference or description; their date
stays, so the person still knows something is due. A feed is reached through a token that is shown
once, kept only as its SHA-256, and revocable.
"""

import hashlib
import secrets
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict

from governance.accounts.model import (
    A_FEED_TOKEN_MUST_BE_CURRENT,
    AN_ACCOUNT_MUST_EXIST,
    Identity,
    normalised,
)
from governance.accounts.ports import Accounts
from governance.deadlines.model import DeadlineOnRecord, Duty
from governance.partnership.model import PartnershipOnRecord
from governance.partnership.people import PersonOnRecord
from governance.permissions import may_see_exempt
from governance.ports import GovernanceUnitOfWork
from governance.rules import RuleBroken

EXEMPT_ITEM = "exempt item"
EXEMPT_DESCRIPTION = "Exempt from publication: sign in to see it."
ACTION_DUTIES = (Duty.ACTION_PLAN_UPDATE, Duty.ACTION_COMPLETION)


class CalendarEntry(BaseModel):
    model_config = ConfigDict(frozen=True)

    uid: str
    day: date
    summary: str
    description: str = ""
    category: Literal["deadline", "meeting"]


def exempt_bodies(
    deadline: DeadlineOnRecord, partnership: PartnershipOnRecord
) -> tuple[str | None, ...] | None:
    """The bodies an exempt deadline belongs to (its plan's board and lead sub-group); None when it is not exempt."""
    if deadline.duty in ACTION_DUTIES:
        action = next((a for a in partnership.actions if a.reference == deadline.subject), None)
        if action is not None and action.plan_exempt_paragraph is not None:
            return (action.board_key, action.lead_sub_group_key)
    if deadline.duty is Duty.ACTION_PLAN_IMPACT_REVIEW:
        plan = partnership.plan(deadline.subject)
        if plan is not None and plan.exempt_paragraph is not None:
            return (plan.board_key, plan.lead_sub_group_key)
    return None


def _uid(*parts: object) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:32] + "@governance"


def calendar_entries(
    person: PersonOnRecord, partnership: PartnershipOnRecord, deadlines: Iterable[DeadlineOnRecord]
) -> list[CalendarEntry]:
    """The person's deadlines (those they own and that are not closed) and the meetings of the
    boards they hold a role on (every board, for the business unit)."""
    entries = []
    for d in deadlines:
        if d.owner_key != person.key:
            continue
        bodies = exempt_bodies(d, partnership)
        hidden = bodies is not None and not may_see_exempt(person, *bodies)
        entries.append(
            CalendarEntry(
                uid=_uid(partnership.key, "deadline", d.id),
                day=d.due_on,
                summary=EXEMPT_ITEM if hidden else f"Due: {d.title or d.subject}",
                description=EXEMPT_DESCRIPTION
                if hidden
                else f"{d.duty.value} ({d.state.value}), {d.board_key}",
                category="deadline",
            )
        )
    for board in partnership.boards:
        if person.works_in_business_unit or person.sits_on(board.key):
            entries += [
                CalendarEntry(
                    uid=_uid(partnership.key, "meeting", board.key, m.held_on),
                    day=m.held_on,
                    summary=m.title or f"{board.short_name} meeting",
                    description=board.name,
                    category="meeting",
                )
                for m in board.meetings
            ]
    return sorted(entries, key=lambda e: (e.day, e.category, e.summary))


def my_calendar(
    identities: Iterable[Identity], *, unit_of_work: Callable[[str], GovernanceUnitOfWork]
) -> list[CalendarEntry]:
    """Every entry of the person in each partnership they serve."""
    entries: list[CalendarEntry] = []
    for identity in identities:
        with unit_of_work(identity.partnership_key) as uow:
            snapshot = uow.partnership.snapshot()
            person = uow.people.find(identity.person_key)
            if person is not None:
                entries += calendar_entries(person, snapshot, uow.deadlines.live())
    return sorted(entries, key=lambda e: (e.day, e.category, e.summary))


def _text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _folded(line: str) -> str:
    """Lines of at most 75 octets, continued with a space (RFC 5545 3.1)."""
    out, current = [], ""
    for char in line:
        if len((current + char).encode()) > 75:
            out.append(current)
            current = " "
        current += char
    return "\r\n".join([*out, current])


def to_ics(entries: Iterable[CalendarEntry], *, name: str, stamp: datetime) -> str:
    """The entries as one iCalendar of all-day events."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//safeguarding-governance//calendar//EN"]
    lines += ["CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{_text(name)}"]
    for e in entries:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{e.uid}",
            f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
            f"DTSTART;VALUE=DATE:{e.day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{e.day + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_text(e.summary)}",
            f"DESCRIPTION:{_text(e.description)}",
            f"CATEGORIES:{e.category}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_folded(line) for line in lines) + "\r\n"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_calendar_feed(email: str, *, accounts: Accounts, now: datetime) -> str:
    """A new feed token for the account (shown once; any earlier feed is revoked)."""
    account = accounts.find(normalised(email))
    if account is None or not account.may_sign_in:
        raise RuleBroken(AN_ACCOUNT_MUST_EXIST, normalised(email))
    accounts.revoke_feeds(account.id, at=now)
    token = secrets.token_urlsafe(32)
    accounts.add_feed(account.id, token_hash=token_hash(token), at=now)
    return token


def revoke_calendar_feed(email: str, *, accounts: Accounts, now: datetime) -> int:
    account = accounts.find(normalised(email))
    if account is None:
        raise RuleBroken(AN_ACCOUNT_MUST_EXIST, normalised(email))
    return accounts.revoke_feeds(account.id, at=now)


def calendar_feed(
    token: str,
    *,
    accounts: Accounts,
    unit_of_work: Callable[[str], GovernanceUnitOfWork],
    stamp: datetime,
) -> str:
    """The ICS of the feed's account, as its person sees it now; refused for a revoked or unknown token
    or a disabled account."""
    account = accounts.feed_account(token_hash(token))
    if account is None or not account.may_sign_in:
        raise RuleBroken(A_FEED_TOKEN_MUST_BE_CURRENT)
    entries = my_calendar(accounts.identities(account.email), unit_of_work=unit_of_work)
    return to_ics(entries, name=f"Governance calendar of {account.email}", stamp=stamp)
