"""Reads the partnership as the rules see it (``governance.partnership.model``) in a handful of queries."""

from collections import defaultdict
from typing import Any

from sqlmodel import col, select

from governance.partnership.model import (
    ActionUpdateOnRecord,
    AgencyOnRecord,
    BoardOnRecord,
    CaseReviewOnRecord,
    EnquiryOnRecord,
    MeetingOnRecord,
    PartnershipOnRecord,
    PlanOnRecord,
    ProtocolReviewOnRecord,
    RecommendationOnRecord,
    ReportSummary,
    ResolutionOnRecord,
    ReviewFinding,
    StatutoryAddressee,
    SubGroupOnRecord,
)
from governance.partnership.statistics import StatisticDefinition, StatisticOnRecord, StatisticValue
from governance.policy import GovernancePolicy
from governance.reports.model import Recipient
from governance.vocabulary import Rag, UpdateStatus
from registry import tables as m
from registry.sql.action_plan_records import SqlActionPlanRecords
from registry.sql.people import SqlPeople
from registry.sql.scope import Scope
from registry.sql.snapshot_cache import kept_or_read
from registry.tables.partnership import StatutoryAddressee as Addressee


class SqlPartnershipRecords:
    def __init__(self, scope: Scope) -> None:
        self._scope = scope
        self._session = scope.session

    def _keys(self, table: type) -> dict[int, str]:
        return dict(self._session.exec(select(table.id, table.key).where(self._mine(table))).all())

    def _mine(self, table: type) -> Any:
        return table.partnership_id == self._scope.partnership_id

    def policy(self) -> GovernancePolicy:
        partnership = self._session.get(m.Partnership, self._scope.partnership_id)
        if partnership is None:
            raise LookupError(
                "No partnership is loaded: run `govern demo load` (or load your partnership file)"
            )
        return GovernancePolicy.model_validate(partnership.policy)

    def snapshot(self) -> PartnershipOnRecord:
        return kept_or_read(self._session, self._scope.partnership_id, self._read)

    def _read(self) -> PartnershipOnRecord:
        s = self._session
        partnership = s.get(m.Partnership, self._scope.partnership_id)
        if partnership is None:
            raise LookupError(
                "No partnership is loaded: run `govern demo load` (or load your partnership file)"
            )
        boards, people = self._keys(m.Board), self._keys(m.Person)
        recommendations = self._recommendations()
        return PartnershipOnRecord(
            key=partnership.key,
            name=partnership.name,
            policy=GovernancePolicy.model_validate(partnership.policy),
            boards=self._boards(),
            agencies=tuple(
                AgencyOnRecord(
                    key=a.key,
                    name=a.name,
                    kind=a.kind,
                    statutory_partner=a.statutory_partner,
                    section_11=a.section_11,
                    mailbox=a.mailbox,
                )
                for a in s.exec(select(m.Agency).where(self._mine(m.Agency)).order_by(m.Agency.key))
            ),
            sub_groups=self._sub_groups(boards),
            people=tuple(SqlPeople(self._scope).everyone().values()),
            plans=tuple(
                PlanOnRecord(
                    key=plan.key,
                    title=plan.title,
                    board_key=boards[plan.board_id],
                    impact_review_on=plan.impact_review_on,
                    exempt_paragraph=plan.exempt_paragraph,
                    recommendations=tuple(recommendations[plan.id]),
                    lead_sub_group_key=self._keys(m.SubGroup).get(plan.lead_sub_group_id)
                    if plan.lead_sub_group_id
                    else None,
                )  # fmt: skip
                for plan in s.exec(select(m.Plan).where(self._mine(m.Plan)).order_by(m.Plan.key))
            ),
            actions=tuple(SqlActionPlanRecords(self._scope).actions()),
            resolutions=tuple(
                ResolutionOnRecord(
                    key=r.key,
                    board_key=boards[r.board_id],
                    resolved_on=r.resolved_on,
                    number=r.number,
                    text=r.text,
                    action_owner_key=people[r.action_owner_id],
                    further_report_months=r.further_report_months,
                )  # fmt: skip
                for r in s.exec(
                    select(m.Resolution).where(self._mine(m.Resolution)).order_by(m.Resolution.key)
                )
            ),
            enquiries=tuple(
                EnquiryOnRecord(
                    reference=e.reference,
                    board_key=boards[e.board_id],
                    received_on=e.received_on,
                    subject=e.subject,
                    owner_key=people[e.owner_id],
                    answered_on=e.answered_on,
                )  # fmt: skip
                for e in s.exec(select(m.Enquiry).where(self._mine(m.Enquiry)).order_by(m.Enquiry.reference))
            ),
            case_reviews=self._case_reviews(boards),
            statutory_recipients=self._statutory_recipients(),
            statistics=self._statistics(),
            reports=tuple(
                ReportSummary(
                    key=r.key,
                    kind=r.kind,
                    state=r.state,
                    board_key=boards[r.board_id],
                    period=r.period,
                    title=r.title,
                    meeting_on=r.meeting_on,
                    published_on=r.published_on,
                )  # fmt: skip
                for r in s.exec(select(m.Report).where(self._mine(m.Report)).order_by(m.Report.key))
            ),
        )

    def _statutory_recipients(self) -> dict[Recipient, StatutoryAddressee]:
        rows = self._session.exec(select(Addressee).where(self._mine(Addressee))).all()
        found = {row.recipient: StatutoryAddressee(name=row.name, address=row.address) for row in rows}
        return {r: found[r] for r in Recipient if r in found}  # in the order the law lists them

    def _boards(self) -> tuple[BoardOnRecord, ...]:
        meetings: dict[int, list[MeetingOnRecord]] = defaultdict(list)
        for meeting in self._session.exec(
            select(m.Meeting)
            .join(m.Board, col(m.Meeting.board_id) == m.Board.id)
            .where(self._mine(m.Board))
            .order_by(m.Meeting.held_on)
        ):
            meetings[meeting.board_id].append(
                MeetingOnRecord(held_on=meeting.held_on, title=meeting.title, public=meeting.public)
            )
        return tuple(
            BoardOnRecord(
                key=b.key,
                name=b.name,
                short_name=b.short_name,
                kind=b.kind,
                updates_since=b.updates_since,
                meetings=tuple(meetings[b.id]),
            )
            for b in self._session.exec(select(m.Board).where(self._mine(m.Board)).order_by(m.Board.id))
        )

    def _sub_groups(self, boards: dict[int, str]) -> tuple[SubGroupOnRecord, ...]:
        lines: dict[int, list[str]] = defaultdict(list)
        for line in self._session.exec(
            select(m.ReportingLine)
            .join(m.SubGroup, col(m.ReportingLine.sub_group_id) == m.SubGroup.id)
            .where(self._mine(m.SubGroup))
            .order_by(m.ReportingLine.id)
        ):
            lines[line.sub_group_id].append(boards[line.board_id])
        reviews: dict[int, list[ProtocolReviewOnRecord]] = defaultdict(list)
        for r in self._session.exec(
            select(m.ProtocolReview)
            .join(m.SubGroup, col(m.ProtocolReview.sub_group_id) == m.SubGroup.id)
            .where(self._mine(m.SubGroup))
            .order_by(m.ProtocolReview.document)
        ):
            reviews[r.sub_group_id].append(
                ProtocolReviewOnRecord(
                    document=r.document, last_reviewed_on=r.last_reviewed_on, every_months=r.every_months
                )
            )
        return tuple(
            SubGroupOnRecord(
                key=g.key, name=g.name, reports_to=tuple(lines[g.id]), protocol_reviews=tuple(reviews[g.id])
            )
            for g in self._session.exec(
                select(m.SubGroup).where(self._mine(m.SubGroup)).order_by(m.SubGroup.id)
            )
            if lines[g.id]
        )

    def _case_reviews(self, boards: dict[int, str]) -> tuple[CaseReviewOnRecord, ...]:
        findings: dict[int, list[ReviewFinding]] = defaultdict(list)
        for f in self._session.exec(
            select(m.ReviewFinding)
            .join(m.CaseReview, col(m.ReviewFinding.case_review_id) == m.CaseReview.id)
            .where(self._mine(m.CaseReview))
            .order_by(col(m.ReviewFinding.number))
        ):
            findings[f.case_review_id].append(
                ReviewFinding(
                    number=f.number,
                    text=f.text,
                    decision=f.decision,
                    decided_on=f.decided_on,
                    reason=f.reason,
                )
            )
        dates = (
            "became_aware_on",
            "notified_on",
            "rapid_review_on",
            "initiated_on",
            "concluded_on",
            "published_on",
        )
        return tuple(
            CaseReviewOnRecord(
                reference=r.reference,
                kind=r.kind,
                board_key=boards[r.board_id],
                title=r.title,
                mandatory=r.mandatory,
                findings=tuple(findings[r.id]),
                **{d: getattr(r, d) for d in dates},
            )  # fmt: skip
            for r in self._session.exec(
                select(m.CaseReview).where(self._mine(m.CaseReview)).order_by(m.CaseReview.reference)
            )
        )

    def _recommendations(self) -> dict[int, list[RecommendationOnRecord]]:
        actions: dict[int, list[str]] = defaultdict(list)
        for recommendation_id, reference in self._session.exec(
            select(m.Action.recommendation_id, m.Action.reference)
            .where(self._mine(m.Action))
            .order_by(m.Action.reference)
        ):
            actions[recommendation_id].append(reference)
        found: dict[int, list[RecommendationOnRecord]] = defaultdict(list)
        for r in self._session.exec(
            select(m.Recommendation)
            .join(m.Plan, col(m.Recommendation.plan_id) == m.Plan.id)
            .where(self._mine(m.Plan))
            .order_by(m.Recommendation.number)
        ):
            found[r.plan_id].append(
                RecommendationOnRecord(number=r.number, text=r.text, action_references=tuple(actions[r.id]))
            )
        return found

    def _statistics(self) -> tuple[StatisticOnRecord, ...]:
        values: dict[int, list[StatisticValue]] = defaultdict(list)
        for v in self._session.exec(
            select(m.StatisticValue)
            .join(m.Statistic, col(m.StatisticValue.statistic_id) == m.Statistic.id)
            .where(self._mine(m.Statistic))
            .order_by(m.StatisticValue.starts_on)
        ):
            values[v.statistic_id].append(
                StatisticValue(
                    period=v.period, starts_on=v.starts_on, ends_on=v.ends_on, value=v.value, note=v.note
                )
            )
        fields = ("key", "title", "definition", "unit", "measure", "denominator", "source")
        return tuple(
            StatisticOnRecord(
                definition=StatisticDefinition(**{f: getattr(s, f) for f in fields}),
                values=tuple(values[s.id]),
            )
            for s in self._session.exec(
                select(m.Statistic).where(self._mine(m.Statistic)).order_by(m.Statistic.key)
            )
        )

    def action_updates(self, plan_key: str) -> list[ActionUpdateOnRecord]:
        """Every monthly update on the plan's actions, oldest first, with its evidence files' names."""
        evidence: dict[int, list[str]] = defaultdict(list)
        for update_id, name in self._session.exec(
            select(m.Evidence.action_update_id, m.Evidence.file_name)
            .where(self._mine(m.Evidence), col(m.Evidence.action_update_id).is_not(None))
            .order_by(m.Evidence.id)
        ):
            evidence[update_id].append(name)
        rows = self._session.exec(
            select(m.ActionUpdate, m.Action.reference, m.Person.name)
            .join(m.Action, col(m.ActionUpdate.action_id) == m.Action.id)
            .join(m.Recommendation, col(m.Action.recommendation_id) == m.Recommendation.id)
            .join(m.Plan, col(m.Recommendation.plan_id) == m.Plan.id)
            .join(m.Person, col(m.ActionUpdate.submitted_by_id) == m.Person.id)
            .where(self._mine(m.Action), m.Plan.key == plan_key)
            .order_by(m.ActionUpdate.period, m.ActionUpdate.id)
        )
        return [
            ActionUpdateOnRecord(
                reference=reference,
                period=u.period,
                progress=u.progress,
                status=UpdateStatus(u.status) if u.status else None,
                rag=Rag(u.rag) if u.rag else None,
                submitted_on=u.submitted_on,
                submitted_by=name,
                evidence=tuple(evidence[u.id]),
            )
            for u, reference, name in rows
        ]
