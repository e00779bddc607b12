"""Writing the file's plans, registers, reports and statistics, a table at a time (``Writer.sync``).

Two things the platform changes are not overwritten by a reload: an action whose due date was
extended keeps the extended date, and a report, once created, follows its own workflow (only the
approvals the file records for its current published version are added).
"""

from collections.abc import Iterable
from datetime import time
from typing import Any

from governance.dates import at_london_time
from governance.lifecycles import ReportState
from governance.partnership.model import PartnershipOnRecord
from governance.reports.model import ReportOnRecord
from registry import tables as m
from registry.partnership_file.entries import PlanEntry, ReportEntry, StatisticEntry
from registry.partnership_file.published import approvals_given
from registry.partnership_file.writer import Match, Writer

REVIEW_DATES = ("became_aware_on", "notified_on", "rapid_review_on", "initiated_on", "concluded_on", "published_on")  # fmt: skip
STATISTIC = ("key", "title", "definition", "unit", "measure", "denominator", "source")


def by_key(ids: dict[Match, int]) -> dict[str, int]:
    """Ids by a one-column match (a key or reference)."""
    return {key: row_id for (key,), row_id in ids.items()}


class Sections(Writer):
    boards: dict[str, int]
    agencies: dict[str, int]
    sub_groups: dict[str, int]
    people: dict[str, int]
    file_partnership: PartnershipOnRecord

    def plans_of(self, plans: Iterable[PlanEntry]) -> None:
        plans = list(plans)
        ids = by_key(self.sync(m.Plan, (self._plan(p) for p in plans), match=("key",)))
        recommendations = self.sync(
            m.Recommendation,
            ({"plan_id": ids[p.key], "number": r.number, "text": r.text} for p in plans for r in p.recommendations),
            match=("plan_id", "number"),
            where=self.mine(m.Recommendation, m.Plan, "plan_id"),
        )  # fmt: skip
        where = self.mine(m.Action)
        found = self.existing(m.Action, where, ("reference",))
        rows = []
        for plan in plans:
            for rec in plan.recommendations:
                for a in rec.actions:
                    extended = (row := found.get((a.reference,))) is not None and row["extensions"] > 0
                    dates = {} if extended else {"due_on": a.due_on, "original_due_on": a.due_on}
                    rows.append(
                        {
                            "reference": a.reference,
                            "recommendation_id": recommendations[ids[plan.key], rec.number],
                            "text": a.text,
                            "owner_id": self.people[a.owner],
                            "completed_on": a.completed_on,
                            **dates,
                        }  # fmt: skip
                    )
        self.sync(m.Action, rows, match=("reference",), where=where, found=found)

    def _plan(self, entry: PlanEntry) -> dict[str, Any]:
        return {
            "key": entry.key, "title": entry.title, "source": entry.source, "board_id": self.boards[entry.board],
            "lead_sub_group_id": self.sub_groups[entry.lead_sub_group] if entry.lead_sub_group else None,
            "starts_on": entry.starts_on, "completion_target": entry.completion_target,
            "exempt_paragraph": entry.exempt_paragraph, "extension_approvers": [r.value for r in entry.extension_approvers],
            "impact_review_on": entry.impact_review_on,
        }  # fmt: skip

    def registers(self, file: Any) -> None:
        """Resolutions, enquiries and the reviews register with its findings."""
        self.sync(
            m.Resolution,
            (
                {"key": r.key, "board_id": self.boards[r.board], "resolved_on": r.resolved_on, "number": r.number, "text": r.text,
                 "action_owner_id": self.people[r.action_owner], "further_report_months": r.further_report_months}
                for r in file.resolutions
            ),
            match=("key",),
        )  # fmt: skip
        self.sync(
            m.Enquiry,
            (
                {"reference": e.reference, "board_id": self.boards[e.board], "received_on": e.received_on, "subject": e.subject,
                 "owner_id": self.people[e.owner], "answered_on": e.answered_on}
                for e in file.enquiries
            ),
            match=("reference",),
        )  # fmt: skip
        reviews = by_key(
            self.sync(
                m.CaseReview,
                (
                    {"reference": r.reference, "kind": r.kind, "board_id": self.boards[r.board], "title": r.title,
                     "mandatory": r.mandatory, **r.model_dump(include=set(REVIEW_DATES))}
                    for r in file.case_reviews
                ),
                match=("reference",),
            )
        )  # fmt: skip
        self.sync(
            m.ReviewFinding,
            (
                {"case_review_id": reviews[r.reference], "number": f.number, "text": f.text, "decision": f.decision,
                 "decided_on": f.decided_on, "reason": f.reason}
                for r in file.case_reviews
                for f in r.findings
            ),
            match=("case_review_id", "number"),
            where=self.mine(m.ReviewFinding, m.CaseReview, "case_review_id"),
        )  # fmt: skip

    def reports_of(self, reports: Iterable[ReportEntry]) -> None:
        reports = list(reports)
        where = self.mine(m.Report)
        found = self.existing(m.Report, where, ("key",))
        versions = {e.key: _version(e) for e in reports}
        new = [e for e in reports if (e.key,) not in found]
        for entry in reports:
            if (entry.key,) in found:  # a report follows its own workflow once created
                self.report["unchanged"] += 1 + len(entry.sent)
        rows = (
            {"key": e.key, "kind": e.kind, "board_id": self.boards[e.board], "period": e.period, "title": e.title,
             "meeting_on": e.meeting_on, "state": e.state, "content": e.content, "version": versions[e.key],
             "published_on": e.published_on}
            for e in new
        )  # fmt: skip
        ids = by_key(self.sync(m.Report, rows, match=("key",), where=where, found=found))
        self.sync(
            m.ReportDispatch,
            (
                {
                    "report_id": ids[e.key],
                    "recipient": d.recipient,
                    "sent_to": d.sent_to,
                    "sent_on": d.sent_on,
                }
                for e in new
                for d in e.sent
            ),
            match=("report_id", "recipient"),
            where=self.mine(m.ReportDispatch, m.Report, "report_id"),
        )
        states = {e.key: (e.state, versions[e.key]) for e in new} | {
            key: (row["state"], row["version"]) for (key,), row in found.items()
        }
        approvals = [
            a
            for e in reports
            if states[e.key][1] == versions[e.key]
            for a in self._approvals(ids[e.key], states[e.key][0], versions[e.key], e)
        ]
        self.sync(
            m.ReportApproval,
            approvals,
            match=("report_id", "person_id", "role", "version"),
            where=self.mine(m.ReportApproval, m.Report, "report_id"),
            create_only=("agency_id", "at"),
        )

    def _approvals(
        self, report_id: int, state: ReportState, version: str, entry: ReportEntry
    ) -> list[dict[str, Any]]:
        """The approvals a published report had, for its current version (once each)."""
        if state not in (ReportState.PUBLISHED, ReportState.DISTRIBUTED) or entry.published_on is None:
            return []
        given, _ = approvals_given(self.file_partnership, entry.model_dump()) or ([], [])
        at = at_london_time(entry.approved_on or entry.published_on, time(12))
        return [
            {"report_id": report_id, "person_id": self.people[person_key], "role": requirement.role, "version": version,
             "agency_id": self.agencies[requirement.agency_key] if requirement.agency_key else None, "at": at}
            for person_key, requirement in given
        ]  # fmt: skip

    def statistics_of(self, statistics: Iterable[StatisticEntry]) -> None:
        statistics = list(statistics)
        ids = by_key(
            self.sync(m.Statistic, (s.model_dump(include=set(STATISTIC)) for s in statistics), match=("key",))
        )
        self.sync(
            m.StatisticValue,
            ({"statistic_id": ids[s.key], **v.model_dump()} for s in statistics for v in s.values),
            match=("statistic_id", "period"),
            where=self.mine(m.StatisticValue, m.Statistic, "statistic_id"),
        )


def _version(entry: ReportEntry) -> str:
    return ReportOnRecord(
        key=entry.key,
        kind=entry.kind,
        board_key=entry.board,
        period=entry.period,
        title=entry.title,
        meeting_on=entry.meeting_on,
        content=entry.content,
    ).version
