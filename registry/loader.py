"""Writes a validated partnership file into the registry: all or nothing, and idempotent.

Loading the same file twice changes nothing; a changed file updates what changed. Entries removed
from the file are left in the registry (they may carry history: deadlines, updates, messages).
"""

from collections import Counter
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, select

from registry import models as m
from registry.partnership_file import PartnershipFile, read_partnership_file

BRADFORD_DEMO = Path(__file__).parent / "demo" / "bradford.yaml"


class LoadReport(Counter[str]):
    """Counts of ``created``, ``updated`` and ``unchanged`` rows."""

    def summary(self) -> str:
        return f"{self['created']} created, {self['updated']} updated, {self['unchanged']} unchanged"


def load_partnership_file(engine: Engine, path: Path = BRADFORD_DEMO) -> LoadReport:
    return load_partnership(engine, read_partnership_file(path))


def load_partnership(engine: Engine, file: PartnershipFile) -> LoadReport:
    report = LoadReport()
    with Session(engine) as session:
        _Loader(session, report).load(file)
        session.commit()
    return report


def registry_is_empty(engine: Engine) -> bool:
    with Session(engine) as session:
        return session.exec(select(m.Partnership.id)).first() is None


class _Loader:
    def __init__(self, session: Session, report: LoadReport) -> None:
        self.session = session
        self.report = report

    def upsert(self, model: type[SQLModel], match: dict[str, Any], **values: Any) -> Any:
        query = select(model).filter_by(**match)
        row = self.session.exec(query).first()
        if row is None:
            row = model(**match, **values)
            self.session.add(row)
            self.session.flush()
            self.report["created"] += 1
            return row
        changed = {k: v for k, v in values.items() if getattr(row, k) != v}
        for name, value in changed.items():
            setattr(row, name, value)
        self.report["updated" if changed else "unchanged"] += 1
        return row

    def load(self, file: PartnershipFile) -> None:
        p = file.partnership
        partnership = self.upsert(m.Partnership, {"key": p.key}, name=p.name, area=p.area)
        boards = {b.key: self._board(partnership.id, b) for b in file.boards}
        agencies = {
            a.key: self.upsert(m.Agency, {"key": a.key}, partnership_id=partnership.id, name=a.name, statutory_partner=a.statutory_partner)
            for a in file.agencies
        }
        sub_groups = {s.key: self._sub_group(partnership.id, s, boards) for s in file.sub_groups}
        people = {person.key: self._person(person, agencies, boards, sub_groups) for person in file.people}
        for plan in file.plans:
            self._plan(partnership.id, plan, boards, sub_groups, people)

    def _board(self, partnership_id: int, entry: Any) -> m.Board:
        board = self.upsert(
            m.Board, {"key": entry.key}, partnership_id=partnership_id, name=entry.name, short_name=entry.short_name, kind=entry.kind
        )
        for meeting in entry.meetings:
            self.upsert(m.Meeting, {"board_id": board.id, "held_on": meeting.held_on}, title=meeting.title)
        return board

    def _sub_group(self, partnership_id: int, entry: Any, boards: dict[str, m.Board]) -> m.SubGroup:
        sub_group = self.upsert(m.SubGroup, {"key": entry.key}, partnership_id=partnership_id, name=entry.name, purpose=entry.purpose)
        for board_key in entry.reports_to:
            self.upsert(m.ReportingLine, {"sub_group_id": sub_group.id, "board_id": boards[board_key].id})
        return sub_group

    def _person(self, entry: Any, agencies: dict[str, m.Agency], boards: dict[str, m.Board], sub_groups: dict[str, m.SubGroup]) -> m.Person:
        agency_id = agencies[entry.agency].id if entry.agency else None
        person = self.upsert(m.Person, {"key": entry.key}, name=entry.name, email=entry.email, job_title=entry.job_title, agency_id=agency_id)
        for role in entry.roles:
            self.upsert(
                m.Membership,
                {
                    "person_id": person.id,
                    "role": role.role,
                    "board_id": boards[role.board].id if role.board else None,
                    "sub_group_id": sub_groups[role.sub_group].id if role.sub_group else None,
                },
            )
        return person

    def _plan(self, partnership_id: int, entry: Any, boards: dict[str, m.Board], sub_groups: dict[str, m.SubGroup], people: dict[str, m.Person]) -> None:
        plan = self.upsert(
            m.Plan,
            {"key": entry.key},
            partnership_id=partnership_id,
            title=entry.title,
            source=entry.source,
            board_id=boards[entry.board].id,
            lead_sub_group_id=sub_groups[entry.lead_sub_group].id if entry.lead_sub_group else None,
            starts_on=entry.starts_on,
            completion_target=entry.completion_target,
            exempt_paragraph=entry.exempt_paragraph,
        )
        for rec in entry.recommendations:
            recommendation = self.upsert(m.Recommendation, {"plan_id": plan.id, "number": rec.number}, text=rec.text)
            for action in rec.actions:
                self.upsert(
                    m.Action,
                    {"reference": action.reference},
                    recommendation_id=recommendation.id,
                    text=action.text,
                    owner_id=people[action.owner].id,
                    due_on=action.due_on,
                    completed_on=action.completed_on,
                )
