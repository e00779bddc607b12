"""What crosses entries, checked over plain data: keys defined once, references that resolve,
reports on the right kind of board, published reports with their approvals.

The checks read the file's data as parsed (or a validated file's ``model_dump()``) and skip
whatever is malformed, so they run on a file with field errors too and every problem is reported
in one pass; the field errors themselves are pydantic's.
"""

from collections import Counter, defaultdict
from typing import Any

from governance.vocabulary import BoardKind, ReportKind
from registry.partnership_file.messages import entry_name, quoted, shorten
from registry.partnership_file.plain import entries, label, member, named
from registry.partnership_file.published import approval_problems

REPORT_BOARDS = {
    ReportKind.SAB_ANNUAL_REPORT: (BoardKind.ADULTS_BOARD,),
    ReportKind.SAB_STRATEGIC_PLAN: (BoardKind.ADULTS_BOARD,),
    ReportKind.CHILDRENS_YEARLY_REPORT: (BoardKind.CHILDRENS_PARTNERSHIP,),
    ReportKind.COMMITTEE_REPORT: (BoardKind.COUNCIL_COMMITTEE, BoardKind.AREA_COMMITTEE),
}
KEYED = {
    "board key": ("boards", "key"),
    "agency key": ("agencies", "key"),
    "sub-group key": ("sub_groups", "key"),
    "person key": ("people", "key"),
    "plan key": ("plans", "key"),
    "resolution key": ("resolutions", "key"),
    "enquiry reference": ("enquiries", "reference"),
    "review reference": ("case_reviews", "reference"),
    "report key": ("reports", "key"),
    "statistic key": ("statistics", "key"),
}
NESTED = {
    "meeting date of board": ("boards", "meetings", "held_on"),
    "recommendation number of plan": ("plans", "recommendations", "number"),
    "protocol of sub-group": ("sub_groups", "protocol_reviews", "document"),
    "finding number of review": ("case_reviews", "findings", "number"),
    "period of statistic": ("statistics", "values", "period"),
}


def cross_entry_problems(data: Any) -> list[str]:
    return (
        _duplicate_keys(data)
        + _unresolved_references(data)
        + _misplaced_reports(data)
        + approval_problems(data)
    )


def _duplicate_keys(data: Any) -> list[str]:
    seen: dict[tuple[str, str], list[str]] = defaultdict(list)
    for kind, (section, field) in KEYED.items():
        for i, entry in entries(data, section):
            if (key := label(entry.get(field))) is not None:
                seen[kind, key].append(f"{section}[{i}]")
    for kind, (section, inner, field) in NESTED.items():
        for i, entry in entries(data, section):
            owner = entry_name(entry) or f"{section}[{i}]"
            for j, item in entries(entry, inner):
                if (key := label(item.get(field))) is not None:
                    seen[f"{kind} {owner}", key].append(f"{section}[{i}] › {inner}[{j}]")
    return [
        f"{kind} {quoted(key)} appears {len(places)} times ({', '.join(places[:5])}{', …' * (len(places) > 5)})"
        for (kind, key), places in seen.items()
        if len(places) > 1
    ]


def _unresolved_references(data: Any) -> list[str]:
    known = {
        what: {key for _, e in entries(data, section) if (key := label(e.get("key"))) is not None}
        for what, section in (("board", "boards"), ("agency", "agencies"), ("sub-group", "sub_groups"), ("person", "people"))
    }  # fmt: skip
    problems: list[str] = []

    def check(where: str, what: str, value: Any) -> None:
        if isinstance(value, str) and value not in known[what]:
            problems.append(
                f"{where}: {what} {quoted(value)} is not defined in this file "
                "(a partnership file refers only to its own entries, never to another partnership's)"
            )

    def each(where: str, what: str, values: Any) -> None:
        for value in values if isinstance(values, list) else ():
            check(where, what, value)

    for section, fields in REFERENCES.items():
        for i, entry in entries(data, section):
            here = named(section, i, entry)
            for field, what in fields:
                (each if field in LISTS else check)(f"{here} › {field}", what, entry.get(field))
    for i, person in entries(data, "people"):
        for j, role in entries(person, "roles"):
            check(f"{named('people', i, person)} › roles[{j}]", "board", role.get("board"))
            check(f"{named('people', i, person)} › roles[{j}]", "sub-group", role.get("sub_group"))
    for i, plan in entries(data, "plans"):
        for j, rec in entries(plan, "recommendations"):
            for k, action in entries(rec, "actions"):
                check(
                    f"{named('plans', i, plan)} › {named('recommendations', j, rec)} › {named('actions', k, action)} › owner",
                    "person",
                    action.get("owner"),
                )
    return problems


REFERENCES = {
    "sub_groups": [("reports_to", "board")],
    "people": [("agency", "agency")],
    "plans": [("board", "board"), ("lead_sub_group", "sub-group")],
    "resolutions": [("board", "board"), ("action_owner", "person")],
    "enquiries": [("board", "board"), ("owner", "person")],
    "case_reviews": [("board", "board")],
    "reports": [("board", "board"), ("approved_by", "person")],
}
LISTS = {"reports_to", "approved_by"}


def _misplaced_reports(data: Any) -> list[str]:
    """A report goes to the kind of board its kind is for; a committee report to one of that committee's meetings."""
    boards = {key: b for _, b in entries(data, "boards") if (key := label(b.get("key"))) is not None}
    problems = []
    for i, report in entries(data, "reports"):
        board = boards.get(label(report.get("board")))
        kind = member(ReportKind, report.get("kind"))
        board_kind = member(BoardKind, board.get("kind")) if board else None
        if board is None or kind is None or board_kind is None:
            continue
        where = named("reports", i, report)
        if board_kind not in REPORT_BOARDS[kind]:
            problems.append(
                f"{where} › board: a {kind.value} is not for {board['key']} (a {board_kind.value})"
            )
        meetings = Counter(label(m.get("held_on")) for _, m in entries(board, "meetings"))
        if kind is ReportKind.COMMITTEE_REPORT and label(report.get("meeting_on")) not in meetings:
            problems.append(
                f"{where} › meeting_on: {shorten(report.get('meeting_on'))} is not a meeting of {board['key']} in this file"
            )
    return problems
