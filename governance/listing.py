"""Use case (read only): every deadline the obligations produce for the registry in a date range,
in the words the business manager checks them in."""

from datetime import date

from pydantic import BaseModel, ConfigDict

from governance.obligations import obligation_for, occurrences
from governance.policy import GovernancePolicy
from governance.ports import GovernanceUnitOfWork


class ListedDeadline(BaseModel):
    model_config = ConfigDict(frozen=True)

    due_on: date
    duty: str
    duty_slug: str
    board: str
    sub_group: str
    owner: str
    what: str
    subject: str
    period: str
    source: str


def list_deadlines(start: date, end: date, *, uow: GovernanceUnitOfWork) -> list[ListedDeadline]:
    """Soonest first; raises ``LookupError`` when no partnership is loaded."""
    with uow:
        p = uow.partnership.snapshot()
    names = {person.key: person.name for person in p.people}
    boards = {b.key: b.short_name for b in p.boards}
    groups = {g.key: g.name for g in p.sub_groups}
    return [
        ListedDeadline(
            due_on=d.due_on,
            duty=d.duty.value,
            duty_slug=d.duty.slug,
            board=boards[d.board_key],
            sub_group=groups.get(d.sub_group_key or "", ""),
            owner=names[d.owner_key],
            what=d.title or d.subject,
            subject=d.subject,
            period=d.period,
            source=obligation_for(d.duty).source.citation,
        )
        for d in occurrences(p, start, end)
    ]


def policy_in_force(*, uow: GovernanceUnitOfWork) -> GovernancePolicy:
    """The loaded partnership's settings; the defaults when none is loaded."""
    with uow:
        try:
            return uow.partnership.snapshot().policy
        except LookupError:
            return GovernancePolicy()
