"""A partnership described in one YAML file, validated with pydantic before anything is written.

Errors name the entry (``plans[0] cse-thematic-review › recommendations[3] › actions[0]: …``) and
what is wrong with it, so the business unit can fix the file.
"""

from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any, Self

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from governance.vocabulary import BoardKind, Role

KEY = r"^[a-z0-9][a-z0-9-]{0,79}$"
EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MeetingEntry(Entry):
    held_on: date
    title: str = ""


class BoardEntry(Entry):
    key: str = Field(pattern=KEY)
    name: str
    short_name: str = Field(max_length=40)
    kind: BoardKind
    meetings: list[MeetingEntry] = []


class AgencyEntry(Entry):
    key: str = Field(pattern=KEY)
    name: str
    statutory_partner: bool = False


class SubGroupEntry(Entry):
    key: str = Field(pattern=KEY)
    name: str
    purpose: str = ""
    reports_to: list[str] = Field(min_length=1, description="keys of the boards it reports to")


class RoleEntry(Entry):
    role: Role
    board: str | None = None
    sub_group: str | None = None

    @model_validator(mode="after")
    def _one_body_at_most(self) -> Self:
        if self.board and self.sub_group:
            raise ValueError("a role is held on a board or on a sub-group, not both")
        return self


class PersonEntry(Entry):
    key: str = Field(pattern=KEY)
    name: str
    email: str = Field(pattern=EMAIL)
    job_title: str = ""
    agency: str | None = None
    roles: list[RoleEntry] = []


class ActionEntry(Entry):
    reference: str = Field(min_length=1, max_length=80)
    text: str
    owner: str
    due_on: date
    completed_on: date | None = None


class RecommendationEntry(Entry):
    number: int = Field(ge=1, le=999)
    text: str
    actions: list[ActionEntry] = Field(min_length=1)


class PlanEntry(Entry):
    key: str = Field(pattern=KEY)
    title: str
    source: str = ""
    board: str
    lead_sub_group: str | None = None
    starts_on: date
    completion_target: date | None = None
    exempt_paragraph: int | None = Field(None, ge=1, le=7, description="Local Government Act 1972 Sch 12A paragraph")
    recommendations: list[RecommendationEntry] = Field(min_length=1)


class PartnershipEntry(Entry):
    key: str = Field(pattern=KEY)
    name: str
    area: str


class PartnershipFile(Entry):
    partnership: PartnershipEntry
    boards: list[BoardEntry]
    agencies: list[AgencyEntry] = []
    sub_groups: list[SubGroupEntry] = []
    people: list[PersonEntry] = []
    plans: list[PlanEntry] = []

    @model_validator(mode="after")
    def _references_resolve(self) -> Self:
        problems = _duplicate_keys(self) + _unresolved_references(self)
        if problems:
            raise ValueError("; ".join(problems))
        return self


def _duplicate_keys(file: PartnershipFile) -> list[str]:
    groups = {
        "board key": [b.key for b in file.boards],
        "agency key": [a.key for a in file.agencies],
        "sub-group key": [s.key for s in file.sub_groups],
        "person key": [p.key for p in file.people],
        "plan key": [p.key for p in file.plans],
        "action reference": [a.reference for p in file.plans for r in p.recommendations for a in r.actions],
    }
    groups |= {f"meeting date of board {b.key}": [str(m.held_on) for m in b.meetings] for b in file.boards}
    groups |= {f"recommendation number of plan {p.key}": [str(r.number) for r in p.recommendations] for p in file.plans}
    return [f"{kind} {key!r} appears {n} times" for kind, keys in groups.items() for key, n in Counter(keys).items() if n > 1]


def _unresolved_references(file: PartnershipFile) -> list[str]:
    boards = {b.key for b in file.boards}
    agencies = {a.key for a in file.agencies}
    sub_groups = {s.key for s in file.sub_groups}
    people = {p.key for p in file.people}
    problems: list[str] = []

    def check(where: str, what: str, key: str | None, known: set[str]) -> None:
        if key is not None and key not in known:
            problems.append(f"{where}: {what} {key!r} is not defined in this file")

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
                check(f"plans[{i}] {plan.key} › recommendations[{j}] › actions[{k}] {action.reference} › owner", "person", action.owner, people)
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
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_TextDatesLoader)  # noqa: S506 (a SafeLoader)
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
            name = next((node[k] for k in ("key", "reference", "number") if isinstance(node, dict) and k in node), None)
            parts[-1] += f"[{step}]" + (f" {name}" if name is not None else "")
        else:
            node = node.get(step) if isinstance(node, dict) else None
            parts.append(str(step))
    return " › ".join(parts) or "file"
