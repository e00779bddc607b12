"""A partnership described in one YAML file, validated with pydantic before anything is written.

Errors name the entry (``plans[0] cse-thematic-review › recommendations[3] › actions[0]: …``) and
what is wrong with it, so the business unit can fix the file. The entries are in
``partnership_entries``; what crosses entries (keys defined once, references that resolve,
reports on the right kind of board) is checked here.
"""

from collections import Counter
from pathlib import Path
from typing import Any, Self

import yaml
from pydantic import Field, ValidationError, model_validator

from governance.policy import GovernancePolicy
from governance.vocabulary import BoardKind, ReportKind
from registry.partnership_file.entries import (
    AgencyEntry,
    BoardEntry,
    CaseReviewEntry,
    EnquiryEntry,
    Entry,
    PersonEntry,
    PlanEntry,
    ReportEntry,
    ResolutionEntry,
    StatisticEntry,
    SubGroupEntry,
)

REPORT_BOARDS = {
    ReportKind.SAB_ANNUAL_REPORT: (BoardKind.ADULTS_BOARD,),
    ReportKind.SAB_STRATEGIC_PLAN: (BoardKind.ADULTS_BOARD,),
    ReportKind.CHILDRENS_YEARLY_REPORT: (BoardKind.CHILDRENS_PARTNERSHIP,),
    ReportKind.COMMITTEE_REPORT: (BoardKind.COUNCIL_COMMITTEE, BoardKind.AREA_COMMITTEE),
}


class PartnershipEntry(Entry):
    key: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{0,79}$")
    name: str
    area: str


class PartnershipFile(Entry):
    partnership: PartnershipEntry
    policy: GovernancePolicy = GovernancePolicy()
    boards: list[BoardEntry]
    agencies: list[AgencyEntry] = []
    sub_groups: list[SubGroupEntry] = []
    people: list[PersonEntry] = []
    plans: list[PlanEntry] = []
    resolutions: list[ResolutionEntry] = []
    enquiries: list[EnquiryEntry] = []
    case_reviews: list[CaseReviewEntry] = []
    reports: list[ReportEntry] = []
    statistics: list[StatisticEntry] = []

    @model_validator(mode="after")
    def _references_resolve(self) -> Self:
        problems = _duplicate_keys(self) + _unresolved_references(self) + _misplaced_reports(self)
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def policy_overrides(self) -> dict[str, Any]:
        """The settings the file sets explicitly (the rest follow the defaults as they evolve)."""
        return self.policy.model_dump(mode="json", exclude_unset=True)


def _duplicate_keys(file: PartnershipFile) -> list[str]:
    groups = {
        "board key": [b.key for b in file.boards],
        "agency key": [a.key for a in file.agencies],
        "sub-group key": [s.key for s in file.sub_groups],
        "person key": [p.key for p in file.people],
        "plan key": [p.key for p in file.plans],
        "action reference": [a.reference for p in file.plans for r in p.recommendations for a in r.actions],
        "resolution key": [r.key for r in file.resolutions],
        "enquiry reference": [e.reference for e in file.enquiries],
        "review reference": [r.reference for r in file.case_reviews],
        "report key": [r.key for r in file.reports],
        "statistic key": [s.key for s in file.statistics],
    }
    groups |= {f"meeting date of board {b.key}": [str(m.held_on) for m in b.meetings] for b in file.boards}
    groups |= {
        f"recommendation number of plan {p.key}": [str(r.number) for r in p.recommendations]
        for p in file.plans
    }
    groups |= {
        f"protocol of sub-group {s.key}": [r.document for r in s.protocol_reviews] for s in file.sub_groups
    }
    groups |= {
        f"finding number of review {r.reference}": [str(f.number) for f in r.findings]
        for r in file.case_reviews
    }
    groups |= {f"period of statistic {s.key}": [v.period for v in s.values] for s in file.statistics}
    return [
        f"{kind} {key!r} appears {n} times"
        for kind, keys in groups.items()
        for key, n in Counter(keys).items()
        if n > 1
    ]


def _unresolved_references(file: PartnershipFile) -> list[str]:
    boards = {b.key for b in file.boards}
    agencies = {a.key for a in file.agencies}
    sub_groups = {s.key for s in file.sub_groups}
    people = {p.key for p in file.people}
    problems: list[str] = []

    def check(where: str, what: str, key: str | None, known: set[str]) -> None:
        if key is not None and key not in known:
            problems.append(
                f"{where}: {what} {key!r} is not defined in this file "
                "(a partnership file refers only to its own entries, never to another partnership's)"
            )

    for i, s in enumerate(file.sub_groups):
        for board in s.reports_to:
            check(f"sub_groups[{i}] {s.key} › reports_to", "board", board, boards)
    for i, p in enumerate(file.people):
        check(f"people[{i}] {p.key} › agency", "agency", p.agency, agencies)
        for j, r in enumerate(p.roles):
            check(f"people[{i}] {p.key} › roles[{j}]", "board", r.board, boards)
            check(f"people[{i}] {p.key} › roles[{j}]", "sub-group", r.sub_group, sub_groups)
    for i, plan in enumerate(file.plans):
        check(f"plans[{i}] {plan.key} › board", "board", plan.board, boards)
        check(f"plans[{i}] {plan.key} › lead_sub_group", "sub-group", plan.lead_sub_group, sub_groups)
        for j, rec in enumerate(plan.recommendations):
            for k, action in enumerate(rec.actions):
                check(
                    f"plans[{i}] {plan.key} › recommendations[{j}] › actions[{k}] {action.reference} › owner",
                    "person",
                    action.owner,
                    people,
                )
    for i, r in enumerate(file.resolutions):
        check(f"resolutions[{i}] {r.key} › board", "board", r.board, boards)
        check(f"resolutions[{i}] {r.key} › action_owner", "person", r.action_owner, people)
    for i, e in enumerate(file.enquiries):
        check(f"enquiries[{i}] {e.reference} › board", "board", e.board, boards)
        check(f"enquiries[{i}] {e.reference} › owner", "person", e.owner, people)
    for i, r in enumerate(file.case_reviews):
        check(f"case_reviews[{i}] {r.reference} › board", "board", r.board, boards)
    for i, r in enumerate(file.reports):
        check(f"reports[{i}] {r.key} › board", "board", r.board, boards)
    return problems


def _misplaced_reports(file: PartnershipFile) -> list[str]:
    """A report goes to the kind of board its kind is for; a committee report to one of that committee's meetings."""
    boards = {b.key: b for b in file.boards}
    problems = []
    for i, report in enumerate(file.reports):
        board = boards.get(report.board)
        if board is None:
            continue
        where = f"reports[{i}] {report.key}"
        if board.kind not in REPORT_BOARDS[report.kind]:
            problems.append(
                f"{where} › board: a {report.kind.value} is not for {board.key} (a {board.kind.value})"
            )
        if report.kind is ReportKind.COMMITTEE_REPORT and report.meeting_on not in {
            m.held_on for m in board.meetings
        }:
            problems.append(
                f"{where} › meeting_on: {report.meeting_on} is not a meeting of {board.key} in this file"
            )
    return problems


class PartnershipFileError(ValueError):
    """The file is not a valid partnership; the message lists each bad entry and why."""


class _TextDatesLoader(yaml.SafeLoader):
    """Leaves dates as text, so pydantic checks them and an impossible one is named like any other error."""


_TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_partnership_file(path: Path) -> PartnershipFile:
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_TextDatesLoader)
    except yaml.YAMLError as error:
        raise PartnershipFileError(f"{path}: not valid YAML: {error}") from error
    try:
        return PartnershipFile.model_validate(raw)
    except ValidationError as error:
        lines = [f"{_where(raw, e['loc'])}: {e['msg']}" for e in error.errors()]
        raise PartnershipFileError(f"{path} has {len(lines)} problem(s):\n  " + "\n  ".join(lines)) from error


def _where(raw: Any, loc: tuple[int | str, ...]) -> str:
    """``plans[0] cse-thematic-review › recommendations[3] › due_on``: the path, naming keyed entries."""
    parts: list[str] = []
    node = raw
    for step in loc:
        if isinstance(step, int) and parts:
            node = node[step] if isinstance(node, list) and step < len(node) else None
            name = next(
                (node[k] for k in ("key", "reference", "number") if isinstance(node, dict) and k in node),
                None,
            )
            parts[-1] += f"[{step}]" + (f" {name}" if name is not None else "")
        else:
            node = node.get(step) if isinstance(node, dict) else None
            parts.append(str(step))
    return " › ".join(parts) or "file"
