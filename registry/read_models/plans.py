"""Action plans as the workspace shows them: recommendations, then actions with their updates."""

from datetime import date

from pydantic import BaseModel
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from registry import tables as m
from registry.sql.scope import chosen_partnership_id


class UpdateRow(BaseModel):
    period: str
    progress: str
    status: str = ""
    """The owner's word for where the action stands; empty where the update gave none."""
    rag: str = ""
    submitted_by: str
    submitted_on: date


class ActionRow(BaseModel):
    reference: str
    text: str
    owner: str
    owner_key: str
    due_on: date
    original_due_on: date
    extensions: int
    completed_on: date | None
    updates: list[UpdateRow]


class RecommendationRow(BaseModel):
    number: int
    text: str
    actions: list[ActionRow]


class PlanRow(BaseModel):
    key: str
    title: str
    board_key: str
    board: str
    lead_sub_group_key: str | None
    exempt_paragraph: int | None
    starts_on: date
    recommendations: list[RecommendationRow]


def action_plans(engine: Engine, *, partnership: str) -> list[PlanRow]:
    """Every plan of the partnership with everything in it, by title; updates newest first."""
    with Session(engine) as session:
        pid = chosen_partnership_id(session, partnership)
        names = dict(
            session.exec(select(m.Person.id, m.Person.name).where(m.Person.partnership_id == pid)).all()
        )
        keys = dict(
            session.exec(select(m.Person.id, m.Person.key).where(m.Person.partnership_id == pid)).all()
        )
        updates: dict[int, list[UpdateRow]] = {}
        for u in session.exec(
            select(m.ActionUpdate)
            .join(m.Action, col(m.ActionUpdate.action_id) == m.Action.id)
            .where(m.Action.partnership_id == pid)
            .order_by(col(m.ActionUpdate.period).desc(), col(m.ActionUpdate.id).desc())
        ):
            updates.setdefault(u.action_id, []).append(
                UpdateRow(
                    period=u.period,
                    progress=u.progress,
                    status=u.status,
                    rag=u.rag,
                    submitted_by=names.get(u.submitted_by_id, ""),
                    submitted_on=u.submitted_on,
                )
            )
        recommendations: dict[int, list[m.Recommendation]] = {}
        for r in session.exec(
            select(m.Recommendation)
            .join(m.Plan, col(m.Recommendation.plan_id) == m.Plan.id)
            .where(m.Plan.partnership_id == pid)
            .order_by(m.Recommendation.number)
        ):
            recommendations.setdefault(r.plan_id, []).append(r)
        actions: dict[int, list[ActionRow]] = {}
        for a in session.exec(
            select(m.Action).where(m.Action.partnership_id == pid).order_by(m.Action.reference)
        ):
            actions.setdefault(a.recommendation_id, []).append(
                ActionRow(
                    reference=a.reference,
                    text=a.text,
                    owner=names.get(a.owner_id, ""),
                    owner_key=keys.get(a.owner_id, ""),
                    due_on=a.due_on,
                    original_due_on=a.original_due_on or a.due_on,
                    extensions=a.extensions,
                    completed_on=a.completed_on,
                    updates=updates.get(a.id, []),
                )
            )
        plans = [
            PlanRow(
                key=plan.key,
                title=plan.title,
                board_key=board.key,
                board=board.short_name,
                lead_sub_group_key=lead,
                exempt_paragraph=plan.exempt_paragraph,
                starts_on=plan.starts_on,
                recommendations=[
                    RecommendationRow(number=r.number, text=r.text, actions=actions.get(r.id, []))
                    for r in recommendations.get(plan.id, [])
                ],
            )
            for plan, board, lead in session.exec(
                select(m.Plan, m.Board, m.SubGroup.key)
                .join(m.Board, col(m.Plan.board_id) == m.Board.id)
                .join(m.SubGroup, col(m.Plan.lead_sub_group_id) == m.SubGroup.id, isouter=True)
                .where(m.Plan.partnership_id == pid)
                .order_by(m.Plan.title)
            )
        ]
        return plans
