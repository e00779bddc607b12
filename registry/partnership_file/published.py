"""A report the file records as published carries the approvals its kind requires (``approved_by``).

The rules of who must approve are ``governance.reports.approvals``; here the file's people and roles
are put in its terms, so a published report is never left awaiting approval in the registry. The
same matching tells the loader which role (and agency) each approval is recorded in.
"""

from typing import Any

from governance.partnership.model import AgencyOnRecord, BoardOnRecord, PartnershipOnRecord
from governance.partnership.people import PersonOnRecord, RoleHeld
from governance.reports.approvals import Requirement, approvals_required
from governance.reports.model import ReportOnRecord
from governance.vocabulary import BoardKind, ReportKind, Role
from registry.partnership_file.messages import quoted
from registry.partnership_file.plain import entries, label, member, named


def approval_problems(data: Any) -> list[str]:
    partnership = file_partnership(data)
    problems = []
    for i, report in entries(data, "reports"):
        listed = report.get("approved_by")
        approvers = listed if isinstance(listed, list) else []
        found = approvals_given(partnership, report)
        if found is None:
            continue
        given, missing = found
        kind = ReportKind(report["kind"])
        where = f"{named('reports', i, report)} › approved_by"
        if report.get("published_on") is None:
            if approvers:
                problems.append(
                    f"{where}: only a published report is recorded approved; a draft is approved in the workflow"
                )
            continue
        problems += [
            f"{where}: a published {kind.value} needs the approval of {r.label}, and approved_by names nobody who "
            "can give it (a published report is never left awaiting approval)"
            for r in missing
        ]
        useful = {key for key, _ in given}
        problems += [
            f"{where}: {quoted(key)} can give none of the approvals a {kind.value} needs"
            for key in approvers
            if isinstance(key, str) and key in {p.key for p in partnership.people} and key not in useful
        ]
    return problems


def approvals_given(
    partnership: PartnershipOnRecord, report: dict[str, Any]
) -> tuple[list[tuple[str, Requirement]], list[Requirement]] | None:
    """Who of ``approved_by`` meets which requirement, and the requirements nobody meets; ``None``
    when the report's kind or board cannot be read (another problem names that)."""
    kind, board = member(ReportKind, report.get("kind")), report.get("board")
    if kind is None or not any(b.key == board for b in partnership.boards):
        return None
    on_record = ReportOnRecord.model_construct(key="", kind=kind, board_key=board)
    listed = report.get("approved_by")
    approvers = [
        p for key in (listed if isinstance(listed, list) else []) for p in partnership.people if p.key == key
    ]
    given, missing = [], []
    for requirement in approvals_required(on_record, partnership):
        able = [p for p in approvers if requirement.can_be_met_by(p)]
        given += [(p.key, requirement) for p in able[:1]]
        missing += [requirement] if not able else []
    return given, missing


def file_partnership(data: Any) -> PartnershipOnRecord:
    """The file's boards, agencies and people with their roles, as the approval rules read them."""
    boards = [
        BoardOnRecord.model_construct(
            key=key, short_name=str(b.get("short_name", key)), kind=kind, meetings=()
        )
        for _, b in entries(data, "boards")
        if (key := label(b.get("key"))) is not None and (kind := member(BoardKind, b.get("kind"))) is not None
    ]
    agencies = [
        AgencyOnRecord.model_construct(key=key, name=str(a.get("name", key)), statutory_partner=a.get("statutory_partner") is True)
        for _, a in entries(data, "agencies")
        if (key := label(a.get("key"))) is not None
    ]  # fmt: skip
    people = [
        PersonOnRecord.model_construct(
            key=key, name="", email="", agency_key=label(p.get("agency")), roles=frozenset(_roles(p))
        )
        for _, p in entries(data, "people")
        if (key := label(p.get("key"))) is not None
    ]
    return PartnershipOnRecord.model_construct(
        key="", name="", boards=tuple(boards), agencies=tuple(agencies), people=tuple(people)
    )


def _roles(person: dict[str, Any]) -> list[RoleHeld]:
    return [
        RoleHeld(role=role, body_key=label(r.get("board")) or label(r.get("sub_group")))
        for _, r in entries(person, "roles")
        if (role := member(Role, r.get("role"))) is not None
    ]
