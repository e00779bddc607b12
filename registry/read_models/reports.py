"""The partnership's reports and where each stands."""

from datetime import date

from pydantic import BaseModel
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from governance.lifecycles import ReportState
from governance.vocabulary import ReportKind
from registry import tables as m
from registry.sql.scope import chosen_partnership_id


class ReportRow(BaseModel):
    key: str
    title: str
    kind: ReportKind
    board: str
    board_key: str
    period: str
    state: ReportState
    version: str
    published_on: date | None


def report_list(engine: Engine, *, partnership: str) -> list[ReportRow]:
    with Session(engine) as session:
        pid = chosen_partnership_id(session, partnership)
        rows = session.exec(
            select(m.Report, m.Board)
            .join(m.Board, col(m.Report.board_id) == m.Board.id)
            .where(m.Report.partnership_id == pid)
            .order_by(m.Report.title)
        )
        return [
            ReportRow(
                key=r.key,
                title=r.title,
                kind=r.kind,
                board=b.short_name,
                board_key=b.key,
                period=r.period,
                state=r.state,
                version=r.version,
                published_on=r.published_on,
            )
            for r, b in rows
        ]
