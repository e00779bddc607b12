"""Writes a validated partnership file into the registry: all or nothing, and idempotent.

Loading the same file twice changes nothing; a changed file updates what changed. It writes only
the rows of the partnership the file names: another partnership's rows are never read or changed.
Roles follow the file (``memberships``): one it no longer lists is ended on the load's date, kept
for history, and grants nothing from then on. Other entries removed from the file are left in the
registry (they may carry history: deadlines, updates, messages). Two things the platform changes
are not overwritten by a reload: a report, once created, follows its own workflow (only the
approvals the file records for its current published version are added); an action whose due date
was extended keeps the extended date. A load that changes anything is one audit event.
"""

from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from governance.dates import at_london_time, today_in_london
from governance.lifecycles import ReportState
from governance.reports.model import ReportOnRecord
from governance.rules import ONE_DECISION_AT_A_TIME, ConcurrentChange
from registry import tables as m
from registry.partnership_file.entries import CaseReviewEntry, PlanEntry, ReportEntry, StatisticEntry
from registry.partnership_file.file import PartnershipFile, read_partnership_file
from registry.partnership_file.memberships import follow_the_file
from registry.partnership_file.published import approvals_given, file_partnership
from registry.partnership_file.writer import LoadSummary, Writer
from registry.sql.audit_trail import SqlAuditTrail
from registry.sql.scope import Scope, hold_partnership
from registry.unit_of_work import CONCURRENT, is_a_race

BRADFORD_DEMO = Path(__file__).parents[1] / "demo" / "bradford.yaml"
LOADED = "partnership file loaded"


def load_partnership_file(
    engine: Engine,
    path: Path = BRADFORD_DEMO,
    *,
    loaded_by: str = "partnership file",
    at: datetime | None = None,
) -> LoadSummary:
    return load_partnership(engine, read_partnership_file(path), loaded_by=loaded_by, at=at)


def load_partnership(
    engine: Engine,
    file: PartnershipFile,
    *,
    loaded_by: str = "partnership file",
    at: datetime | None = None,
) -> LoadSummary:
    """Write ``file``; ``at`` (the clock, when not given) dates ended roles and the audit event."""
    at = at or datetime.now(UTC)
    report = LoadSummary()
    try:
        with Session(engine) as session:
            hold_partnership(session, file.partnership.key)  # two loads at once: one after the other
            loader = _Loader(session, report, at=at)
            loader.load(file)
            if report.changed_anything:
                SqlAuditTrail(Scope(session, loader.partnership_id)).record(
                    at=at,
                    actor=loaded_by,
                    event=LOADED,
                    subject=f"partnership {file.partnership.key}",
                    details=loader.details(),
                )
            session.commit()
            report.changes = tuple(loader.changes)
    except CONCURRENT as error:
        if not is_a_race(error):
            raise
        raise ConcurrentChange(  # the first load of a new partnership, twice at once: the other won
            ONE_DECISION_AT_A_TIME,
            f"another load of partnership {file.partnership.key!r} ran at the same moment",
        ) from error
    return report


def registry_is_empty(engine: Engine) -> bool:
    with Session(engine) as session:
        return session.exec(select(m.Partnership.id)).first() is None


class _Loader(Writer):
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
        self._roles(file)
        self.file_partnership = file_partnership(file.model_dump())
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
        kept = {self.boards[board_key].id for board_key in entry.reports_to}
        for board_id in sorted(kept):
            self.upsert(m.ReportingLine, {"sub_group_id": sub_group.id, "board_id": board_id})
        lines = {b.id: f"sub-group {entry.key}'s reporting line to board {k}" for k, b in self.boards.items()}
        self.keep_only(m.ReportingLine, {"sub_group_id": sub_group.id}, "board_id", kept, lines)
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
        return person

    def _roles(self, file: PartnershipFile) -> None:
        ids = {
            "people": {k: p.id for k, p in self.people.items()},
            "boards": {k: b.id for k, b in self.boards.items()},
            "sub_groups": {k: g.id for k, g in self.sub_groups.items()},
        }
        changes, counts = follow_the_file(
            self.session, self.partnership_id, file.people, ids, today_in_london(self.at)
        )
        self.changes += changes
        self.report.update(counts)
        self.created["Membership"] += counts["created"]

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
        version = ReportOnRecord(
            key=entry.key,
            kind=entry.kind,
            board_key=entry.board,
            period=entry.period,
            title=entry.title,
            meeting_on=entry.meeting_on,
            content=entry.content,
        ).version
        existing = self.session.exec(
            select(m.Report).where(m.Report.partnership_id == self.partnership_id, m.Report.key == entry.key)
        ).first()
        if existing is not None:  # a report follows its own workflow once created
            self.report["unchanged"] += 1 + len(entry.sent)
            if existing.version == version:
                self._approvals(existing, entry)
            return
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
        self._approvals(row, entry)

    def _approvals(self, row: m.Report, entry: ReportEntry) -> None:
        """The approvals a published report had, for its current version (once each)."""
        if row.state not in (ReportState.PUBLISHED, ReportState.DISTRIBUTED) or entry.published_on is None:
            return
        given, _ = approvals_given(self.file_partnership, entry.model_dump()) or ([], [])
        at = at_london_time(entry.approved_on or entry.published_on, time(12))
        for person_key, requirement in given:
            agency = self.agencies[requirement.agency_key].id if requirement.agency_key else None
            self.upsert(
                m.ReportApproval,
                {
                    "report_id": row.id,
                    "person_id": self.people[person_key].id,
                    "role": requirement.role,
                    "version": row.version,
                },
                create_only={"agency_id": agency, "at": at},
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
