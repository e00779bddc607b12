"""Use cases: request an extension of a deadline, and decide it.

The roles that must approve are fixed when the request is made; the request is bound to the due
date it asks to move; the original due date is kept and the number of extensions counted.
"""

from datetime import datetime

from governance.deadlines.model import Duty
from governance.deadlines.obligations import obligation_for
from governance.extensions.model import (
    DecideExtension,
    ExtensionDecision,
    ExtensionRequestOnRecord,
    RequestExtension,
)
from governance.lifecycles import DEADLINE, EXTENSION, ExtensionState
from governance.notifications.follow_ups import tell_extension_decided, tell_extension_requested
from governance.notifications.model import MessageRenderer
from governance.partnership.use_cases import person_on_record
from governance.permissions import (
    BOARD_DECIDERS,
    check_may_decide_extension,
    check_may_request_extension,
    extension_deciders,
)
from governance.ports import GovernanceUnitOfWork
from governance.returns.use_cases import deadline_on_record
from governance.rules import (
    A_REFUSAL_GIVES_ITS_REASON,
    EXTENSION_IS_BOUND_TO_THE_DATE_IT_MOVES,
    EXTENSION_MOVES_THE_DATE_LATER,
    ONE_OPEN_EXTENSION_REQUEST_PER_DEADLINE,
    STATUTORY_TIMESCALES_ARE_NOT_EXTENDED,
    UnknownRecord,
    refuse_unless,
)


def request_extension(
    command: RequestExtension,
    *,
    uow: GovernanceUnitOfWork,
    now: datetime,
    render: MessageRenderer | None = None,
) -> int:
    """Record the request; returns its number. Nothing moves until every required role approves.

    With ``render``, each person who must decide it is told (``tell_extension_requested``)."""
    with uow:
        deadline = deadline_on_record(uow, command.deadline_key, hold=True)
        person = person_on_record(uow, command.requested_by)
        check_may_request_extension(person, deadline)
        obligation = obligation_for(deadline.duty)
        refuse_unless(
            obligation.extendable,
            STATUTORY_TIMESCALES_ARE_NOT_EXTENDED,
            f"{deadline.duty.value} ({obligation.source.citation})",
        )
        refuse_unless(
            command.proposed_due_on > deadline.due_on,
            EXTENSION_MOVES_THE_DATE_LATER,
            f"due {deadline.due_on:%d %B %Y}, proposed {command.proposed_due_on:%d %B %Y}",
        )
        awaiting = [
            r for r in uow.extensions.awaiting_decision(deadline.id) if r.still_moves(deadline.due_on)
        ]
        refuse_unless(
            not awaiting,
            ONE_OPEN_EXTENSION_REQUEST_PER_DEADLINE,
            f"request {awaiting[0].id}" if awaiting else "",
        )
        DEADLINE.after(deadline.state, "extend")  # refuses a submitted, accepted or closed deadline
        plan_approvers = None
        if (
            deadline.duty is Duty.ACTION_COMPLETION
            and (action := uow.actions.find(deadline.subject)) is not None
        ):
            plan_approvers = action.plan_extension_approvers
        partnership = uow.partnership.snapshot()
        board_roles = {role for role in BOARD_DECIDERS if partnership.holders(role, deadline.board_key)}
        required = extension_deciders(deadline, plan_approvers=plan_approvers, board_roles=board_roles)
        request_id = uow.extensions.add(
            command,
            deadline_id=deadline.id,
            current_due_on=deadline.due_on,
            required=tuple(r.value for r in required),
        )
        details = {
            "request": request_id,
            "proposed_due_on": command.proposed_due_on.isoformat(),
            "deciders": [r.value for r in required],
        }
        uow.audit.record(
            at=now,
            actor=person.key,
            event="extension requested",
            subject=" ".join(deadline.key),
            details=details,
        )
        if render is not None and (recorded := uow.extensions.find(request_id)) is not None:
            tell_extension_requested(uow, recorded, deadline, partnership, renderer=render, at=now)
        uow.commit()
    return request_id


def decide_extension(
    command: DecideExtension,
    *,
    uow: GovernanceUnitOfWork,
    now: datetime,
    render: MessageRenderer | None = None,
) -> ExtensionRequestOnRecord:
    """One decider's decision. A refusal ends the request; the last approval needed grants it.

    With ``render``, the person who asked is told of the decision (``tell_extension_decided``)."""
    with uow:
        asked = uow.extensions.find(command.request_id)
        if asked is None:
            raise UnknownRecord(f"No extension request number {command.request_id}")
        deadline = deadline_on_record(uow, asked.deadline_key, hold=True)  # deciders one at a time
        request = uow.extensions.find(command.request_id)  # as the decider before this one left it
        assert request is not None
        person = person_on_record(uow, command.decided_by)
        role = check_may_decide_extension(person, request, deadline.board_key)
        refuse_unless(command.approve or bool(command.note.strip()), A_REFUSAL_GIVES_ITS_REASON)
        refuse_unless(
            request.still_moves(deadline.due_on),
            EXTENSION_IS_BOUND_TO_THE_DATE_IT_MOVES,
            f"asked to move {request.current_due_on:%d %B %Y}, now due {deadline.due_on:%d %B %Y}",
        )
        decision = ExtensionDecision(
            person_key=person.key,
            person_name=person.name,
            role=role,
            approve=command.approve,
            note=command.note.strip(),
            decided_on=command.decided_on,
        )
        decided = request.model_copy(update={"decisions": request.decisions + (decision,)})
        state = EXTENSION.after(request.state, "approve" if command.approve else "refuse")
        if command.approve and not decided.awaiting():
            state = EXTENSION.after(state, "complete approval")
            _grant(uow, request, deadline.id)
        uow.extensions.decide(request.id, decision, state=state)
        details = {
            "request": request.id,
            "approve": command.approve,
            "note": decision.note,
            "before": request.state.value,
            "after": state.value,
            "due_on": deadline.due_on.isoformat(),
            "due_on after": (
                request.proposed_due_on if state is ExtensionState.APPROVED else deadline.due_on
            ).isoformat(),
        }
        uow.audit.record(
            at=now,
            actor=person.key,
            role=decision.role.value,
            event="extension decided",
            subject=" ".join(deadline.key),
            details=details,
        )
        outcome = decided.model_copy(update={"state": state})
        if render is not None:
            p = uow.partnership.snapshot()
            tell_extension_decided(uow, outcome, deadline, p, by=person, renderer=render, at=now)
        uow.commit()
    return outcome


def _grant(uow: GovernanceUnitOfWork, request: ExtensionRequestOnRecord, deadline_id: int) -> None:
    deadline = deadline_on_record(uow, request.deadline_key)
    DEADLINE.after(deadline.state, "extend")
    uow.deadlines.extend(deadline_id, to=request.proposed_due_on)
    if deadline.duty is Duty.ACTION_COMPLETION:
        uow.actions.move_due_date(deadline.subject, to=request.proposed_due_on)
