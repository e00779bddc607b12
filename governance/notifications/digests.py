"""Use case: the daily digest for each person who chose one, and the business manager's alert about
messages that did not plainly arrive (dead, uncertain, or stuck with a stopped sender).

A digest carries everything held for its person since the last one, grouped by board and then by
what is asked, newest first, with the count in its subject; a group of many items is summarised
(how many, the three oldest, and a link to the full list). The held messages become "digested",
pointing at the digest that carried them. The digest itself, and the alert, go at once, through
the person's own channel where they chose one (``PersonOnRecord.channel``), else by e-mail.
"""

from collections import defaultdict
from datetime import date, datetime

from pydantic import BaseModel

from governance.dates import spoken
from governance.notifications.delivery import DEAD_LETTER_ASK, DIGEST_ASK, DeliveryPolicy
from governance.notifications.links import Page, link, workspace_of
from governance.notifications.messages import contact_of
from governance.notifications.model import MessageRenderer, OutboxMessage, QueuedMessage
from governance.partnership.people import NotifyBy, PersonOnRecord
from governance.ports import UnitOfWork
from governance.vocabulary import Cycle

SUMMARISE_OVER = 5
"""A group with more items than this is summarised: its count, the three oldest, and a link."""
NO_BOARD = "Not about one board"


class DigestRun(BaseModel):
    cycle: str = Cycle.DIGESTS.value
    as_of: date
    recipients: list[str] = []
    asked: list[str] = []
    sent: list[str] = []
    overdue: list[str] = []
    carried: int = 0
    """Held messages the digests carried."""
    undelivered: int = 0
    """Dead, uncertain and stale messages the business manager was alerted to."""

    def summary(self) -> str:
        said = f"digests: {len(self.sent)} queued, carrying {self.carried} messages"
        if self.undelivered:
            said += f"; {self.undelivered} undelivered messages reported to the business manager"
        return said


def send_digests(
    as_of: date,
    *,
    uow: UnitOfWork,
    render: MessageRenderer,
    now: datetime,
    policy: DeliveryPolicy = DeliveryPolicy(),
) -> DigestRun:
    """Queue the day's digests and the dead-letter alert (idempotent per day: their keys carry the date)."""
    run = DigestRun(as_of=as_of)
    with uow:
        partnership = uow.partnership.snapshot()
        base = workspace_of(render)
        manager = contact_of(partnership)
        stuck = uow.outbox.stuck(stale_before=now - policy.claim_lease)
        alert = _alert_lines(stuck, manager, base, partnership.key) if stuck else []
        alerted = False
        for person in partnership.people:
            if getattr(person, "notify_by", NotifyBy.IMMEDIATE) != NotifyBy.DIGEST:
                continue
            held = uow.outbox.held(person.key, now=now)
            extra = alert if manager is not None and person.key == manager.key else []
            if not held and not extra:
                continue
            digest = _digest(person, held, extra, as_of=as_of, base=base, partnership=partnership.key)
            if uow.outbox.enqueue(digest, at=now):
                uow.outbox.mark_digested([m.id for m in held], digest_key=digest.key)
                run.recipients.append(person.name)
                run.sent.append(f"{person.name}: {digest.subject}")
                run.carried += len(held)
            alerted = alerted or bool(extra)
        if stuck and manager is not None and not alerted:
            uow.outbox.enqueue(_alert(manager, alert, len(stuck), as_of=as_of), at=now)
            run.recipients.append(manager.name)
        run.undelivered = len(stuck)
        uow.commit()
    return run


def _digest(
    person: PersonOnRecord,
    held: list[QueuedMessage],
    alert: list[str],
    *,
    as_of: date,
    base: str,
    partnership: str,
) -> OutboxMessage:
    count = len(held)
    lines = [f"Dear {person.name},", "", f"Your daily digest for {spoken(as_of)}: {count} message{'s' * (count != 1)}, newest first.", ""]  # fmt: skip
    if alert:
        lines += ["Messages that did not arrive, and need your decision:", *alert, ""]
    groups: dict[str, dict[str, list[QueuedMessage]]] = defaultdict(lambda: defaultdict(list))
    for message in held:  # newest first already
        groups[message.board_key or NO_BOARD][message.ask or "other messages"].append(message)
    for board, asks in sorted(groups.items(), key=lambda g: (g[0] == NO_BOARD, g[0])):
        lines += [board.upper() if board != NO_BOARD else NO_BOARD, ""]
        for ask, messages in asks.items():
            lines.append(f"  {_ask_words(ask)} ({len(messages)})")
            lines += _group_lines(messages, base, partnership)
            lines.append("")
    subject = f"Your daily digest: {count} message{'s' * (count != 1)}" + (f", and {len(alert)} not delivered" if alert else "")  # fmt: skip
    return OutboxMessage(
        key=f"digest/{person.key}/{as_of.isoformat()}",
        recipient_key=person.key,
        recipient_name=person.name,
        address=person.email,
        subject=subject,
        body="\n".join(lines).rstrip() + "\n",
        ask=DIGEST_ASK,
    )


def _group_lines(messages: list[QueuedMessage], base: str, partnership: str) -> list[str]:
    if len(messages) <= SUMMARISE_OVER:
        return [line for m in messages for line in (f"  - {m.subject}", *_indented(m.body))]
    oldest = messages[-3:][::-1]
    return [
        f"  {len(messages)} messages; the three oldest:",
        *(f"  - {m.subject}" for m in oldest),
        f"  The full list: {link(base, Page.MY_WORK, partnership)}",
    ]


def _indented(body: str) -> list[str]:
    return [f"      {line}" if line else "" for line in body.strip().splitlines()]


def _ask_words(ask: str) -> str:
    return ask.replace("_", " ").replace("-", " ").removesuffix(".txt.j2").capitalize()


def _alert_lines(
    stuck: list[QueuedMessage], manager: PersonOnRecord | None, base: str, partnership: str
) -> list[str]:
    own = manager is not None and any(m.address == manager.email for m in stuck)
    warning = (
        ["  Messages to your own address are among them: this alert may not reach you by e-mail either."]
        if own and manager is not None and not getattr(manager, "channel", None)
        else []
    )
    shown = [
        f"  - #{m.id} to {m.recipient_name} <{m.address}>: {m.status.value}, {m.last_error or 'no reason recorded'}"
        for m in stuck[:10]
    ]
    more = [f"  … and {len(stuck) - 10} more"] if len(stuck) > 10 else []
    return [
        *warning,
        *shown,
        *more,
        f"  Confirm or resend each on the outbox page: {link(base, Page.OUTBOX, partnership)}",
    ]


def _alert(manager: PersonOnRecord, lines: list[str], count: int, *, as_of: date) -> OutboxMessage:
    body = [
        f"Dear {manager.name},",
        "",
        f"{count} message{'s' * (count != 1)} did not plainly arrive:",
        *lines,
        "",
    ]
    return OutboxMessage(
        key=f"dead-letters/{as_of.isoformat()}",
        recipient_key=manager.key,
        recipient_name=manager.name,
        address=manager.email,
        subject=f"{count} message{'s' * (count != 1)} not delivered: your decision is needed",
        body="\n".join(body),
        ask=DEAD_LETTER_ASK,
    )
