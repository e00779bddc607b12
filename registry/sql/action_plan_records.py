"""The registry's side of ``ActionPlanRecords``: one partnership's actions with their plan, owner and
the months already updated."""

from collections import defaultdict
from datetime import date
from typing import Any

from sqlmodel import col, select

from governance.action_plans.model import ActionOnRecord
from registry import tables as m
from registry.sql.scope import Scope


class SqlActionPlanRecords:
    def __init__(self, scope: Scope) -> None:
        self._scope = scope
        self._session = scope.session

    def _query(self) -> Any:
        return (
            select(m.Action, m.Plan, m.Board.key, m.Person, m.SubGroup.key)
            .join(m.Recommendation, col(m.Action.recommendation_id) == m.Recommendation.id)
            .join(m.Plan, col(m.Recommendation.plan_id) == m.Plan.id)
            .join(m.Board, col(m.Plan.board_id) == m.Board.id)
            .join(m.Person, col(m.Action.owner_id) == m.Person.id)
            .join(m.SubGroup, col(m.Plan.lead_sub_group_id) == m.SubGroup.id, isouter=True)
            .where(m.Action.partnership_id == self._scope.partnership_id)
            .order_by(m.Action.reference)
        )

    def _updated_periods(self, *conditions: Any) -> dict[int, set[str]]:
        periods: dict[int, set[str]] = defaultdict(set)
        rows = self._session.exec(
            select(m.ActionUpdate.action_id, m.ActionUpdate.period)
            .join(m.Action, col(m.ActionUpdate.action_id) == m.Action.id)
            .where(m.Action.partnership_id == self._scope.partnership_id, *conditions)
        )
        for action_id, period in rows:
            periods[action_id].add(period)
        return periods

    def actions(self) -> list[ActionOnRecord]:
        periods = self._updated_periods()
        return [_action(*row, periods[row[0].id]) for row in self._session.exec(self._query())]

    def find(self, reference: str) -> ActionOnRecord | None:
        row = self._session.exec(self._query().where(m.Action.reference == reference)).first()
        if row is None:
            return None
        return _action(*row, self._updated_periods(m.Action.id == row[0].id)[row[0].id])

    def _row(self, reference: str) -> m.Action:
        action = self._session.get(m.Action, self._scope.id_of(m.Action, reference, column="reference"))
        assert action is not None
        return action

    def add_update(
        self,
        reference: str,
        *,
        period: str,
        progress: str,
        submitted_by: str,
        submitted_on: date,
        status: str = "",
        rag: str = "",
    ) -> None:
        self._session.add(
            m.ActionUpdate(
                action_id=self._row(reference).id,
                period=period,
                progress=progress,
                status=status,
                rag=rag,
                submitted_by_id=self._scope.id_of(m.Person, submitted_by),
                submitted_on=submitted_on,
            )
        )

    def move_due_date(self, reference: str, *, to: date) -> None:
        action = self._row(reference)
        action.original_due_on = action.original_due_on or action.due_on
        action.due_on = to
        action.extensions += 1
        self._session.add(action)


def _action(
    action: m.Action,
    plan: m.Plan,
    board_key: str,
    owner: m.Person,
    sub_group_key: str | None,
    periods: set[str],
) -> ActionOnRecord:
    return ActionOnRecord(
        reference=action.reference,
        text=action.text,
        plan_key=plan.key,
        plan_title=plan.title,
        plan_starts_on=plan.starts_on,
        plan_exempt_paragraph=plan.exempt_paragraph,
        plan_extension_approvers=tuple(plan.extension_approvers),
        board_key=board_key,
        lead_sub_group_key=sub_group_key,
        owner_key=owner.key,
        owner_name=owner.name,
        due_on=action.due_on,
        original_due_on=action.original_due_on,
        extensions=action.extensions,
        completed_on=action.completed_on,
        updated_periods=frozenset(periods),
    )
