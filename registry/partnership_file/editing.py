"""Editing a partnership on the Registry page, with the partnership file's checks, whole.

An edit takes the partnership as its file says it now (``partnership_document``), applies one change
to that document (the named changes below are pure functions: document in, new document out) and
loads the result as a file is loaded: checked whole, every problem at once, all or nothing. The edit
is one transaction holding the partnership, so two edits run one after the other and neither undoes
the other; each change is one audit event naming who made it and what. Only the business unit edits.

The document holds what the page edits and what that refers to: the partnership and its settings,
boards and meetings, agencies, sub-groups, people and their open roles, resolutions, enquiries and
the reviews register. Plans, reports and statistics are left out, as the loader leaves entries a
file omits as they are (and a report follows its own workflow once created).
"""

import json
from collections import defaultdict
from collections.abc import Callable
from copy import deepcopy
from datetime import UTC, date, datetime
from functools import partial
from typing import Any

from pydantic import ValidationError
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from governance.partnership.people import PersonOnRecord
from governance.permissions import PermissionRefused, check_may_keep_registry
from governance.rules import (
    ONE_DECISION_AT_A_TIME,
    ONLY_THE_BUSINESS_UNIT_KEEPS_THE_REGISTRY,
    ConcurrentChange,
)
from governance.vocabulary import Role
from registry import tables as m
from registry.partnership_file.cross_checks import cross_entry_problems
from registry.partnership_file.errors import PartnershipFileError
from registry.partnership_file.file import _CHECKED_APART, PartnershipFile
from registry.partnership_file.loader import _Loader
from registry.partnership_file.messages import field_problem, last_path, quoted
from registry.partnership_file.plain import entries, named
from registry.partnership_file.reading import shape_problem
from registry.partnership_file.writer import LoadSummary
from registry.sql.audit_trail import SqlAuditTrail
from registry.sql.people import SqlPeople
from registry.sql.scope import Scope, chosen_partnership_id, hold_partnership
from registry.unit_of_work import CONCURRENT, SqlUnitOfWork, is_a_race

EDITED = "registry edited"
Document = dict[str, Any]
Change = Callable[[Document], Document]
_ELSEWHERE = " is not defined in this file (a partnership file refers only to its own entries, never to another partnership's)"


class EditRefused(PartnershipFileError):
    """The edit would make the partnership invalid; nothing was changed. ``problems``: each, in words."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = [p.replace(_ELSEWHERE, " is not in this partnership") for p in problems]
        super().__init__("; ".join(self.problems))


def edit_partnership(
    engine: Engine, partnership: str, change: Change, *, edited_by: str, at: datetime | None = None
) -> LoadSummary:
    """Apply ``change`` for the person with key ``edited_by``; refused (``PermissionRefused``, recorded
    as a security event) unless they work in the business unit, or (``EditRefused``) if invalid."""
    at = at or datetime.now(UTC)
    summary = LoadSummary()
    refusal: PermissionRefused | None = None
    try:
        with Session(engine) as session:
            scope = Scope(session, chosen_partnership_id(session, partnership))
            hold_partnership(session, partnership)
            person = SqlPeople(scope).find(edited_by)
            try:  # decided by the engine's permission table, as every other action is
                if person is None:
                    raise PermissionRefused(
                        ONLY_THE_BUSINESS_UNIT_KEEPS_THE_REGISTRY, edited_by, actor=edited_by
                    )
                check_may_keep_registry(person)
            except PermissionRefused as refused:
                refused.subject, refusal = f"partnership {partnership}", refused
            else:
                file = checked(change(partnership_document(session, scope.partnership_id)))
                loader = _Loader(session, summary, at=at)
                loader.load(file)
                if summary.changed_anything:
                    SqlAuditTrail(scope).record(
                        at=at, actor=edited_by, role=_business_unit_role(person), event=EDITED,
                        subject=f"partnership {partnership}", details={"change": described(change), **loader.details()},
                    )  # fmt: skip
                session.commit()
                summary.changes = tuple(loader.changes)
    except CONCURRENT as error:
        if not is_a_race(error):
            raise
        raise ConcurrentChange(ONE_DECISION_AT_A_TIME, "another edit ran at the same moment") from error
    if refusal is not None:
        with SqlUnitOfWork(engine, partnership=partnership):  # records it, in its own transaction
            raise refusal
    return summary


def _business_unit_role(person: PersonOnRecord) -> str:
    """The role in which they edit: the first they hold of business manager, deputy, administrator."""
    return next(r.value for r in _IN_ORDER if person.holds(r))


_IN_ORDER = (Role.BUSINESS_MANAGER, Role.DEPUTY_BUSINESS_MANAGER, Role.BUSINESS_ADMINISTRATOR)


def described(change: Change) -> str:
    """``add meeting: board=tbp, held_on=2027-01-12``: a change in words, for the audit trail."""
    if isinstance(change, partial):
        fields = ", ".join(f"{k}={v}" for k, v in change.keywords.items() if v not in (None, ""))
        return f"{change.func.__name__.replace('_', ' ')}: {fields}"
    return getattr(change, "__name__", "change").replace("_", " ")


def checked(document: Document) -> PartnershipFile:
    """The document as a valid file, or ``EditRefused`` with every problem (the file's checks)."""
    if problem := shape_problem(document):
        raise EditRefused([problem])
    problems: list[str] = []
    try:
        file = PartnershipFile.model_validate(document, context=_CHECKED_APART)
    except ValidationError as error:
        end = last_path(document)
        problems = [field_problem(document, e, end) for e in error.errors()]
    problems += cross_entry_problems(document) + shared_addresses(document)
    if problems:
        raise EditRefused(problems)
    return file


def shared_addresses(document: Document) -> list[str]:
    """Each person signs in with their own e-mail address, so no two people share one."""
    first: dict[str, str] = {}
    problems = []
    for i, person in entries(document, "people"):
        email = str(person.get("email", "")).strip().lower()
        here = named("people", i, person)
        if email in first:
            problems.append(f"{here} › email: {quoted(email)} is already the address of {first[email]}")
        first.setdefault(email, here)
    return problems


def partnership_document(session: Session, partnership_id: int) -> Document:
    """The partnership as its file says it now: the registry's rows as a file's plain data."""

    def rows(table: Any, *where: Any) -> list[Any]:
        return list(session.exec(select(table).where(*where).order_by(col(table.id))).all())

    partnership = session.get(m.Partnership, partnership_id)
    assert partnership is not None
    boards = rows(m.Board, m.Board.partnership_id == partnership_id)
    agencies = rows(m.Agency, m.Agency.partnership_id == partnership_id)
    groups = rows(m.SubGroup, m.SubGroup.partnership_id == partnership_id)
    people = rows(m.Person, m.Person.partnership_id == partnership_id)
    key = {("board", b.id): b.key for b in boards} | {("group", g.id): g.key for g in groups}
    key |= {("agency", a.id): a.key for a in agencies} | {("person", p.id): p.key for p in people}
    ids = {t: [r.id for r in rs] for t, rs in (("b", boards), ("g", groups), ("p", people))}
    roles = defaultdict[int, list[dict[str, str]]](list)
    for r in rows(
        m.Membership, col(m.Membership.person_id).in_(ids["p"]), col(m.Membership.ended_on).is_(None)
    ):
        body = {"board": key["board", r.board_id]} if r.board_id else {}
        body |= {"sub_group": key["group", r.sub_group_id]} if r.sub_group_id else {}
        roles[r.person_id].append({"role": r.role, **body})
    protocols, meetings, reports_to, findings = (defaultdict[int, list[Any]](list) for _ in range(4))
    for line in rows(m.ReportingLine, col(m.ReportingLine.sub_group_id).in_(ids["g"])):
        reports_to[line.sub_group_id].append(key["board", line.board_id])
    for pr in rows(m.ProtocolReview, col(m.ProtocolReview.sub_group_id).in_(ids["g"])):
        protocols[pr.sub_group_id].append(_fields(pr, "document", "last_reviewed_on", "every_months"))
    for mt in rows(m.Meeting, col(m.Meeting.board_id).in_(ids["b"])):
        meetings[mt.board_id].append(_fields(mt, "held_on", "title", "public"))
    reviews = rows(m.CaseReview, m.CaseReview.partnership_id == partnership_id)
    for f in rows(m.ReviewFinding, col(m.ReviewFinding.case_review_id).in_([c.id for c in reviews])):
        findings[f.case_review_id].append(_fields(f, "number", "text", "decision", "decided_on", "reason"))
    document = {
        "partnership": _fields(partnership, "key", "name", "area"),
        "policy": partnership.policy,
        "boards": [_fields(b, "key", "name", "short_name", "kind", "updates_since") | {"meetings": meetings[b.id]} for b in boards],
        "agencies": [_fields(a, "key", "name", "kind", "statutory_partner", "section_11", "mailbox") for a in agencies],
        "sub_groups": [_fields(g, "key", "name", "purpose") | {"reports_to": reports_to[g.id], "protocol_reviews": protocols[g.id]} for g in groups],
        "people": [_fields(p, "key", "name", "email", "job_title", "notify_by", "channel") | {"agency": key.get(("agency", p.agency_id)), "roles": roles[p.id]} for p in people],
        "resolutions": [_fields(r, "key", "resolved_on", "number", "text", "further_report_months") | {"board": key["board", r.board_id], "action_owner": key["person", r.action_owner_id]} for r in rows(m.Resolution, m.Resolution.partnership_id == partnership_id)],
        "enquiries": [_fields(e, "reference", "received_on", "subject", "answered_on") | {"board": key["board", e.board_id], "owner": key["person", e.owner_id]} for e in rows(m.Enquiry, m.Enquiry.partnership_id == partnership_id)],
        "case_reviews": [_fields(c, "reference", "kind", "title", "mandatory", *REVIEW_DATES) | {"board": key["board", c.board_id], "findings": findings[c.id]} for c in reviews],
    }  # fmt: skip
    return json.loads(json.dumps(document, default=str))


REVIEW_DATES = ("became_aware_on", "notified_on", "rapid_review_on", "initiated_on", "concluded_on", "published_on")  # fmt: skip


def _fields(row: Any, *names: str) -> dict[str, Any]:
    return {name: getattr(row, name) for name in names}


# --- the named changes: each a pure function, document in, new document out ---------------------


def _plain(value: Any) -> Any:
    """A date as the file writes it (YYYY-MM-DD), a choice by its value."""
    if isinstance(value, date):
        return value.isoformat()
    return getattr(value, "value", value)


def _find(document: Document, section: str, what: str, value: Any, field: str = "key") -> Document:
    for _, entry in entries(document, section):
        if entry.get(field) == value:
            return entry
    raise EditRefused([f"{what} {quoted(value)} is not in this partnership"])


def _with(document: Document, edit: Callable[[Document], Any]) -> Document:
    edit(copy := deepcopy(document))
    return copy


def add_meeting(
    document: Document, *, board: str, held_on: date | str, title: str = "", public: bool = False
) -> Document:
    meeting = {"held_on": _plain(held_on), "title": title, "public": public}
    return _with(document, lambda d: _find(d, "boards", "board", board)["meetings"].append(meeting))


def record_enquiry(
    document: Document, *, reference: str, board: str, received_on: date | str, subject: str, owner: str,
    answered_on: date | str | None = None,
) -> Document:  # fmt: skip
    enquiry = {"reference": reference, "board": board, "received_on": _plain(received_on), "subject": subject,
               "owner": owner, "answered_on": _plain(answered_on)}  # fmt: skip
    return _with(document, lambda d: d.setdefault("enquiries", []).append(enquiry))


def answer_enquiry(document: Document, *, reference: str, answered_on: date | str) -> Document:
    def edit(d: Document) -> None:
        _find(d, "enquiries", "enquiry", reference, "reference")["answered_on"] = _plain(answered_on)

    return _with(document, edit)


def _role(role: Any, board: str | None, sub_group: str | None) -> dict[str, Any]:
    held = {"role": _plain(role)}
    return held | ({"board": board} if board else {}) | ({"sub_group": sub_group} if sub_group else {})


def add_person(
    document: Document, *, key: str, name: str, email: str, job_title: str = "", agency: str | None = None,
    role: Any = None, board: str | None = None, sub_group: str | None = None,
) -> Document:  # fmt: skip
    roles = [_role(role, board, sub_group)] if role else []
    person = dict(key=key, name=name, email=email, job_title=job_title, agency=agency or None, roles=roles)  # fmt: skip
    return _with(document, lambda d: d.setdefault("people", []).append(person))


def add_role(
    document: Document, *, person: str, role: Any, board: str | None = None, sub_group: str | None = None
) -> Document:
    held = _role(role, board, sub_group)
    return _with(document, lambda d: _find(d, "people", "person", person)["roles"].append(held))


def end_role(
    document: Document, *, person: str, role: Any, board: str | None = None, sub_group: str | None = None
) -> Document:
    held = _role(role, board, sub_group)

    def edit(d: Document) -> None:
        entry = _find(d, "people", "person", person)
        if held not in entry["roles"]:
            where = board or sub_group or "the whole partnership"
            raise EditRefused([f"{person} holds no role {held['role']!r} on {where}"])
        entry["roles"].remove(held)

    return _with(document, edit)


def add_agency(
    document: Document, *, key: str, name: str, kind: Any = "organisation", statutory_partner: bool = False,
    section_11: bool = False,
) -> Document:  # fmt: skip
    agency = dict(key=key, name=name, kind=_plain(kind), statutory_partner=statutory_partner, section_11=section_11)  # fmt: skip
    return _with(document, lambda d: d.setdefault("agencies", []).append(agency))


def set_review_dates(document: Document, *, reference: str, **dates: date | str | None) -> Document:
    """Set (or, with ``None``, clear) any of a review's dates: became_aware_on … published_on."""

    def edit(d: Document) -> None:
        review = _find(d, "case_reviews", "review", reference, "reference")
        review.update({k: _plain(v) for k, v in dates.items()})

    return _with(document, edit)


def decide_finding(
    document: Document, *, reference: str, number: int, decision: Any, decided_on: date | str | None, reason: str = ""
) -> Document:  # fmt: skip
    def edit(d: Document) -> None:
        review = _find(d, "case_reviews", "review", reference, "reference")
        finding = _find(review, "findings", f"finding of {reference}", number, "number")
        finding.update(decision=_plain(decision), decided_on=_plain(decided_on), reason=reason)

    return _with(document, edit)


def add_resolution(
    document: Document, *, key: str, board: str, resolved_on: date | str, number: int, text: str,
    action_owner: str, further_report_months: int | None = None,
) -> Document:  # fmt: skip
    resolution = {"key": key, "board": board, "resolved_on": _plain(resolved_on), "number": number, "text": text,
                  "action_owner": action_owner, "further_report_months": further_report_months}  # fmt: skip
    return _with(document, lambda d: d.setdefault("resolutions", []).append(resolution))
