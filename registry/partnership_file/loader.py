"""Writes a validated partnership file into the registry: all or nothing, and idempotent.

Loading the same file twice changes nothing; a changed file updates what changed. It writes only
the rows of the partnership the file names: another partnership's rows are never read or changed.
Entries removed from the file are left in the registry (they may carry history: deadlines, updates, messages).
Two things the platform changes are not overwritten by a reload: a report, once created, follows
its own workflow; an action whose due date was extended keeps the extended date.
"""

from collections import Counter
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, select

from governance.reports.model import ReportOnRecord
from registry import tables as m
from registry.partnership_file.entries import CaseReviewEntry, PlanEntry, ReportEntry, StatisticEntry
from registry.partnership_file.file import PartnershipFile, read_partnership_file

BRADFORD_DEMO = Path(__file__).parents[1] / "demo" / "bradford.yaml"


class LoadSummary(Counter[str]):
    """Counts of ``created``, ``updated`` and ``unchanged`` rows."""

    def summary(self) -> str:
        return f"{self['created']} created, {self['updated']} updated, {self['unchanged']} unchanged"


def load_partnership_file(engine: Engine, path: Path = BRADFORD_DEMO) -> LoadSummary:
    return load_partnership(engine, read_partnership_file(path))


def load_partnership(engine: Engine, file: PartnershipFile) -> LoadSummary:
    report = LoadSummary()
    with Session(engine) as session:
        _Loader(session, report).load(file)
        session.commit()
    return report


def registry_is_empty(engine: Engine) -> bool:
    with Session(engine) as session:
        return session.exec(select(m.Partnership.id)).first() is None


class _Loader:
    def __init__(self, session: Session, report: LoadSummary) -> None:
        self.session = session
        self.report = report

    def upsert(
        self,
        model: type[SQLModel],
        match: dict[str, Any],
        *,
        create_only: dict[str, Any] | None = None,
        **values: Any,
    ) -> Any:
        if model is not m.Partnership and "partnership_id" in model.model_fields:
            values.pop("partnership_id", None)
            match = {"partnership_id": self.partnership_id, **match}  # keys are unique within the partnership
        row = self.session.exec(select(model).filter_by(**match)).first()
        if row is None:
            row = model(**match, **values, **(create_only or {}))
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
        partnership = self.upsert(
            m.Partnership, {"key": p.key}, name=p.name, area=p.area, policy=file.policy_overrides()
        )
        self.partnership_id = partnership.id
        self.boards = {b.key: self._board(partnership.id, b) for b in file.boards}
        self.agencies = {
            a.key: self.upsert(
                m.Agency,
                {"key": a.key},
                partnership_id=partnership.id,
                name=a.name,
                kind=a.kind,
                statutory_partner=a.statutory_partner,
                section_11=a.section_11,
            )
            for a in file.agencies
        }
        self.sub_groups = {s.key: self._sub_group(partnership.id, s) for s in file.sub_groups}
        self.people = {person.key: self._person(person) for person in file.people}
        for plan in file.plans:
            self._plan(partnership.id, plan)
        for r in file.resolutions:
            self.upsert(
                m.Resolution, {"key": r.key}, board_id=self.boards[r.board].id, resolved_on=r.resolved_on, number=r.number, text=r.text,
                action_owner_id=self.people[r.action_owner].id, further_report_months=r.further_report_months,
            )  # fmt: skip
        for e in file.enquiries:
            self.upsert(
                m.Enquiry, {"reference": e.reference}, board_id=self.boards[e.board].id, received_on=e.received_on, subject=e.subject,
                owner_id=self.people[e.owner].id, answered_on=e.answered_on,
            )  # fmt: skip
        for review in file.case_reviews:
            self._case_review(review)
        for entry in file.reports:
            self._report(entry)
        for statistic in file.statistics:
            self._statistic(partnership.id, statistic)

    def _board(self, partnership_id: int, entry: Any) -> m.Board:
        board = self.upsert(
            m.Board,
            {"key": entry.key},
            partnership_id=partnership_id,
            name=entry.name,
            short_name=entry.short_name,
            kind=entry.kind,
            updates_since=entry.updates_since,
        )
        for meeting in entry.meetings:
            self.upsert(
                m.Meeting,
                {"board_id": board.id, "held_on": meeting.held_on},
                title=meeting.title,
                public=meeting.public,
            )
        return board

    def _sub_group(self, partnership_id: int, entry: Any) -> m.SubGroup:
        sub_group = self.upsert(
            m.SubGroup,
            {"key": entry.key},
            partnership_id=partnership_id,
            name=entry.name,
            purpose=entry.purpose,
        )
        for board_key in entry.reports_to:
            self.upsert(
                m.ReportingLine, {"sub_group_id": sub_group.id, "board_id": self.boards[board_key].id}
            )
        for review in entry.protocol_reviews:
            self.upsert(
                m.ProtocolReview,
                {"sub_group_id": sub_group.id, "document": review.document},
                last_reviewed_on=review.last_reviewed_on,
                every_months=review.every_months,
            )
        return sub_group

    def _person(self, entry: Any) -> m.Person:
        agency_id = self.agencies[entry.agency].id if entry.agency else None
        person = self.upsert(
            m.Person,
            {"key": entry.key},
            name=entry.name,
            email=entry.email,
            job_title=entry.job_title,
            agency_id=agency_id,
        )
        for role in entry.roles:
            self.upsert(
                m.Membership,
                {
                    "person_id": person.id,
                    "role": role.role,
                    "board_id": self.boards[role.board].id if role.board else None,
                    "sub_group_id": self.sub_groups[role.sub_group].id if role.sub_group else None,
                },
            )
        return person

    def _plan(self, partnership_id: int, entry: PlanEntry) -> None:
        plan = self.upsert(
            m.Plan,
            {"key": entry.key},
            partnership_id=partnership_id,
            title=entry.title,
            source=entry.source,
            board_id=self.boards[entry.board].id,
            lead_sub_group_id=self.sub_groups[entry.lead_sub_group].id if entry.lead_sub_group else None,
            starts_on=entry.starts_on,
            completion_target=entry.completion_target,
            exempt_paragraph=entry.exempt_paragraph,
            extension_approvers=[r.value for r in entry.extension_approvers],
            impact_review_on=entry.impact_review_on,
        )
        for rec in entry.recommendations:
            recommendation = self.upsert(
                m.Recommendation, {"plan_id": plan.id, "number": rec.number}, text=rec.text
            )
            for action in rec.actions:
                existing = self.session.exec(
                    select(m.Action).where(
                        m.Action.partnership_id == self.partnership_id, m.Action.reference == action.reference
                    )
                ).first()
                extended = existing is not None and existing.extensions > 0
                dates = {} if extended else {"due_on": action.due_on, "original_due_on": action.due_on}
                self.upsert(
                    m.Action, {"reference": action.reference}, recommendation_id=recommendation.id, text=action.text,
                    owner_id=self.people[action.owner].id, completed_on=action.completed_on, **dates,
                )  # fmt: skip

    def _case_review(self, entry: CaseReviewEntry) -> None:
        dates = entry.model_dump(
            include={
                "became_aware_on",
                "notified_on",
                "rapid_review_on",
                "initiated_on",
                "concluded_on",
                "published_on",
            }
        )
        review = self.upsert(
            m.CaseReview,
            {"reference": entry.reference},
            kind=entry.kind,
            board_id=self.boards[entry.board].id,
            title=entry.title,
            mandatory=entry.mandatory,
            **dates,
        )
        for f in entry.findings:
            self.upsert(
                m.ReviewFinding,
                {"case_review_id": review.id, "number": f.number},
                text=f.text,
                decision=f.decision,
                decided_on=f.decided_on,
                reason=f.reason,
            )

    def _report(self, entry: ReportEntry) -> None:
        if (
            self.session.exec(
                select(m.Report.id).where(
                    m.Report.partnership_id == self.partnership_id, m.Report.key == entry.key
                )
            ).first()
            is not None
        ):
            self.report["unchanged"] += 1 + len(entry.sent)  # a report follows its own workflow once created
            return
        version = ReportOnRecord(
            key=entry.key,
            kind=entry.kind,
            board_key=entry.board,
            period=entry.period,
            title=entry.title,
            meeting_on=entry.meeting_on,
            content=entry.content,
        ).version
        row = self.upsert(
            m.Report, {"key": entry.key}, kind=entry.kind, board_id=self.boards[entry.board].id, period=entry.period, title=entry.title,
            meeting_on=entry.meeting_on, state=entry.state, content=entry.content, version=version, published_on=entry.published_on,
        )  # fmt: skip
        for sent in entry.sent:
            self.upsert(
                m.ReportDispatch,
                {"report_id": row.id, "recipient": sent.recipient},
                sent_to=sent.sent_to,
                sent_on=sent.sent_on,
            )

    def _statistic(self, partnership_id: int, entry: StatisticEntry) -> None:
        definition = entry.model_dump(
            include={"title", "definition", "unit", "measure", "denominator", "source"}
        )
        statistic = self.upsert(m.Statistic, {"key": entry.key}, partnership_id=partnership_id, **definition)
        for value in entry.values:
            self.upsert(
                m.StatisticValue,
                {"statistic_id": statistic.id, "period": value.period},
                **value.model_dump(exclude={"period"}),
            )
