"""The registry's side of extension requests and the decisions on them."""

from datetime import date

from sqlmodel import col, select

from governance.extensions.model import ExtensionDecision, ExtensionRequestOnRecord, RequestExtension
from governance.lifecycles import ExtensionState
from registry import tables as m
from registry.sql.scope import Scope


class SqlExtensionRecords:
    def __init__(self, scope: Scope) -> None:
        self._scope = scope
        self._session = scope.session

    def _person_id(self, key: str) -> int:
        return self._scope.id_of(m.Person, key)

    def _request(self, request_id: int) -> m.ExtensionRequest | None:
        """The request, if it is one of this partnership's (its deadline says whose it is)."""
        row = self._session.get(m.ExtensionRequest, request_id)
        if row is None:
            return None
        deadline = self._session.get(m.Deadline, row.deadline_id)
        return row if deadline is not None and deadline.partnership_id == self._scope.partnership_id else None

    def add(
        self, request: RequestExtension, *, deadline_id: int, current_due_on: date, required: tuple[str, ...]
    ) -> int:
        row = m.ExtensionRequest(
            deadline_id=deadline_id,
            requested_by_id=self._person_id(request.requested_by),
            requested_on=request.requested_on,
            reason=request.reason,
            evidence=request.evidence,
            current_due_on=current_due_on,
            proposed_due_on=request.proposed_due_on,
            required=list(required),
        )
        self._session.add(row)
        self._session.flush()
        assert row.id is not None
        return row.id

    def _on_record(self, row: m.ExtensionRequest) -> ExtensionRequestOnRecord:
        deadline = self._session.get(m.Deadline, row.deadline_id)
        requester = self._session.get(m.Person, row.requested_by_id)
        assert deadline is not None and requester is not None
        decisions = self._session.exec(
            select(m.ExtensionDecisionMade, m.Person)
            .join(m.Person, col(m.ExtensionDecisionMade.person_id) == m.Person.id)
            .where(m.ExtensionDecisionMade.request_id == row.id)
            .order_by(m.ExtensionDecisionMade.id)
        )
        return ExtensionRequestOnRecord(
            id=row.id,
            deadline_id=row.deadline_id,
            deadline_key=(deadline.duty.value, deadline.subject, deadline.period),
            requested_by=requester.key,
            requested_on=row.requested_on,
            reason=row.reason,
            evidence=row.evidence,
            current_due_on=row.current_due_on,
            proposed_due_on=row.proposed_due_on,
            required=tuple(row.required),
            state=row.state,
            decisions=tuple(
                ExtensionDecision(
                    person_key=p.key,
                    person_name=p.name,
                    role=d.role,
                    approve=d.approve,
                    note=d.note,
                    decided_on=d.decided_on,
                )
                for d, p in decisions
            ),
        )

    def find(self, request_id: int) -> ExtensionRequestOnRecord | None:
        row = self._request(request_id)
        return None if row is None else self._on_record(row)

    def awaiting_decision(self, deadline_id: int) -> list[ExtensionRequestOnRecord]:
        rows = self._session.exec(
            select(m.ExtensionRequest).where(
                m.ExtensionRequest.deadline_id == deadline_id,
                m.ExtensionRequest.state == ExtensionState.REQUESTED,
            )
        )
        return [self._on_record(row) for row in rows]

    def decide(self, request_id: int, decision: ExtensionDecision, *, state: ExtensionState) -> None:
        row = self._request(request_id)
        assert row is not None
        row.state = state
        self._session.add(row)
        self._session.add(
            m.ExtensionDecisionMade(
                request_id=request_id,
                person_id=self._person_id(decision.person_key),
                role=decision.role,
                approve=decision.approve,
                note=decision.note,
                decided_on=decision.decided_on,
            )  # fmt: skip
        )
