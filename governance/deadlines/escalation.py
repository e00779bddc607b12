"""The escalation ladder: reminders before a deadline, then overdue notices and escalation.

Each step is taken once per due date (an extension starts the ladder again). When the calendar
first sees a deadline late, or after a pause, it takes only the latest step reached and records
the earlier ones as skipped, so nobody receives a stale "due in 14 days" about an overdue return.
"""

from datetime import date, timedelta

from pydantic import BaseModel, ConfigDict

from governance.deadlines.model import Deadline, DeadlineOnRecord
from governance.deadlines.obligations import MetBy, obligation_for
from governance.notifications.links import Page
from governance.partnership.model import PartnershipOnRecord
from governance.partnership.people import PersonOnRecord
from governance.policy import Audience, EscalationStep
from governance.vocabulary import Role


class StepsDue(BaseModel):
    model_config = ConfigDict(frozen=True)

    take: EscalationStep | None = None
    skip: tuple[EscalationStep, ...] = ()


def trigger_day(step: EscalationStep, due_on: date) -> date:
    return due_on + timedelta(days=step.days)


def steps_due(
    due_on: date, as_of: date, ladder: tuple[EscalationStep, ...], taken: frozenset[str]
) -> StepsDue:
    """The step to take on ``as_of`` (the latest reached and not yet taken) and the earlier ones to skip."""
    reached = [s for s in ladder if trigger_day(s, due_on) <= as_of and s.name not in taken]
    if not reached:
        return StepsDue()
    return StepsDue(take=reached[-1], skip=tuple(reached[:-1]))


class DueStep(BaseModel):
    """A deadline with a step of the ladder to take on the day, and the earlier ones it passed untaken."""

    model_config = ConfigDict(frozen=True)

    deadline_id: int
    deadline: Deadline
    take: str
    skip: tuple[str, ...] = ()


class TakenStep(BaseModel):
    """A rung recorded once for a deadline's due date: sent (with its message's key) or skipped."""

    model_config = ConfigDict(frozen=True)

    deadline_id: int
    step: str
    for_due_on: date
    skipped: bool = False
    message_key: str | None = None


class StepsRecorded(BaseModel):
    """What a sweep recorded: the steps taken, to be told in the day's messages, and those skipped."""

    model_config = ConfigDict(frozen=True)

    to_tell: int = 0
    skipped: int = 0

    def __add__(self, other: "StepsRecorded") -> "StepsRecorded":
        return StepsRecorded(to_tell=self.to_tell + other.to_tell, skipped=self.skipped + other.skipped)


def due_step(deadline: DeadlineOnRecord, as_of: date, ladder: tuple[EscalationStep, ...]) -> DueStep | None:
    """``steps_due`` for one recorded deadline, as the deadlines port gives it (None: nothing to take)."""
    due = steps_due(deadline.due_on, as_of, ladder, deadline.steps_taken)
    if due.take is None:
        return None
    return DueStep(
        deadline_id=deadline.id,
        deadline=Deadline.model_validate(deadline.model_dump(include=set(Deadline.model_fields))),
        take=due.take.name,
        skip=tuple(s.name for s in due.skip),
    )


def trigger_cutoffs(as_of: date, ladder: tuple[EscalationStep, ...]) -> list[tuple[int, str, date]]:
    """For each step (in ladder order), the latest due date for which it is reached on ``as_of``:
    a step is reached when ``due_on + days <= as_of``, that is ``due_on <= as_of - days``."""
    return [(i, s.name, as_of - timedelta(days=s.days)) for i, s in enumerate(ladder)]


def audience(step: EscalationStep, deadline: Deadline, p: PartnershipOnRecord) -> PersonOnRecord:
    """Who the step tells. Where nobody holds the role, the business manager is told instead."""
    owner = p.person(deadline.owner_key)
    if step.audience is Audience.OWNER:
        return owner
    if step.audience is Audience.SUB_GROUP_LEAD_OR_BUSINESS_MANAGER and deadline.sub_group_key:
        leads = [
            x
            for x in p.holders(Role.SUB_GROUP_LEAD, deadline.sub_group_key)
            + p.holders(Role.SUB_GROUP_CHAIR, deadline.sub_group_key)
            if x.key != owner.key
        ]
        if leads:
            return leads[0]
    if step.audience is Audience.INDEPENDENT_CHAIR:
        chairs = p.holders(Role.INDEPENDENT_CHAIR, deadline.board_key) or p.holders(
            Role.COMMITTEE_CHAIR, deadline.board_key
        )
        if chairs:
            return chairs[0]
    return p.business_manager()


def describe(step: EscalationStep, deadline: Deadline, as_of: date) -> str:
    """How the deadline stands, in the words the message uses."""
    days = (deadline.due_on - as_of).days
    if days > 1:
        return f"due in {days} days"
    if days == 1:
        return "due tomorrow"
    if days == 0:
        return "due today"
    return f"overdue by {-days} day{'s' if days != -1 else ''}"


def where_to_act(deadline: Deadline, person: PersonOnRecord) -> Page:
    """The page a reminder links to: the owner's Submit page for what is met by a return or an update;
    the business unit's deadline board; for anyone else, their own work."""
    if deadline.owner_key == person.key and obligation_for(deadline.duty).met_by in (
        MetBy.RETURN,
        MetBy.UPDATE,
    ):
        return Page.SUBMIT
    return Page.DEADLINES if person.works_in_business_unit else Page.MY_WORK
