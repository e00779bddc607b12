"""Writes a validated partnership file into the registry: all or nothing, and idempotent.

Loading the same file twice changes nothing; a changed file updates what changed. It writes only
the rows of the partnership the file names: another partnership's rows are never read or changed.
Roles follow the file (``memberships``): one it no longer lists is ended on the load's date, kept
for history, and grants nothing from then on. Other entries removed from the file are left in the
registry (they may carry history: deadlines, updates, messages). Two things the platform changes
are not overwritten by a reload: a report, once created, follows its own workflow (only the
approvals the file records for its current published version are added); an action whose due date
was extended keeps the extended date. A load that changes anything is one audit event.

Each table is written in a few statements whatever its size (``writer``: one read of the
partnership's rows, one multi-row insert, an update per changed row), in one transaction.
"""

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from governance.dates import today_in_london
from governance.rules import ONE_DECISION_AT_A_TIME, ConcurrentChange
from registry import tables as m
from registry.partnership_file.file import PartnershipEntry, PartnershipFile, read_partnership_file
from registry.partnership_file.memberships import follow_the_file
from registry.partnership_file.published import file_partnership
from registry.partnership_file.sections import Sections, by_key
from registry.partnership_file.writer import LoadSummary
from registry.sql.audit_trail import SqlAuditTrail
from registry.sql.scope import Scope, hold_partnership
from registry.tables.partnership import StatutoryAddressee as Addressee
from registry.unit_of_work import CONCURRENT, is_a_race

BRADFORD_DEMO = Path(__file__).parents[1] / "demo" / "bradford.yaml"
LOADED = "partnership file loaded"


def load_partnership_file(
    engine: Engine,
    path: Path = BRADFORD_DEMO,
    *,
    key: str | None = None,
    name: str | None = None,
    loaded_by: str = "partnership file",
    at: datetime | None = None,
) -> LoadSummary:
    """Read, check and write the file; under ``key`` (and ``name``) instead of its own, when given."""
    file = read_partnership_file(path)
    if key is not None:
        file = as_partnership(file, key, name=name)
    return load_partnership(engine, file, loaded_by=loaded_by, at=at)


def as_partnership(file: PartnershipFile, key: str, *, name: str | None = None) -> PartnershipFile:
    """The same checked file for another partnership ``key``: a copy (a trial, a benchmark) made
    without reading or checking the file again. ``name`` defaults to the file's, with the key."""
    entry = PartnershipEntry.model_validate(
        {**file.partnership.model_dump(), "key": key, "name": name or f"{file.partnership.name} ({key})"}
    )
    return file.model_copy(update={"partnership": entry})


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


class _Loader(Sections):
    def load(self, file: PartnershipFile) -> None:
        p = file.partnership
        partnership = self.upsert(
            m.Partnership, {"key": p.key}, name=p.name, area=p.area, policy=file.policy_overrides()
        )
        self.partnership_id = partnership.id
        self._boards(file)
        self.agencies = by_key(
            self.sync(m.Agency, (_fields(a, *AGENCY) for a in file.agencies), match=("key",))
        )
        self.sync(
            Addressee,
            ({"recipient": r, "name": a.name, "address": a.address} for r, a in file.statutory_recipients.items()),
            match=("recipient",),
        )  # fmt: skip
        self._sub_groups(file)
        self._people(file)
        self._roles(file)
        self.file_partnership = file_partnership(file.model_dump())
        self.plans_of(file.plans)
        self.registers(file)
        self.reports_of(file.reports)
        self.statistics_of(file.statistics)

    def _boards(self, file: PartnershipFile) -> None:
        self.boards = by_key(self.sync(m.Board, (_fields(b, *BOARD) for b in file.boards), match=("key",)))
        meetings = (
            {"board_id": self.boards[b.key], **_fields(meeting, "held_on", "title", "public")}
            for b in file.boards
            for meeting in b.meetings
        )
        self.sync(
            m.Meeting,
            meetings,
            match=("board_id", "held_on"),
            where=self.mine(m.Meeting, m.Board, "board_id"),
        )

    def _sub_groups(self, file: PartnershipFile) -> None:
        rows = (_fields(g, "key", "name", "purpose") for g in file.sub_groups)
        self.sub_groups = by_key(self.sync(m.SubGroup, rows, match=("key",)))
        lines = [
            (self.sub_groups[g.key], board_id)
            for g in file.sub_groups
            for board_id in sorted({self.boards[b] for b in g.reports_to})
        ]
        where = self.mine(m.ReportingLine, m.SubGroup, "sub_group_id")
        pair = ("sub_group_id", "board_id")
        self.sync(
            m.ReportingLine, (dict(zip(pair, line, strict=True)) for line in lines), match=pair, where=where
        )
        groups, boards = _by_id(self.sub_groups), _by_id(self.boards)
        self.keep_only(
            m.ReportingLine, where, pair, set(lines), {self.sub_groups[g.key] for g in file.sub_groups},
            lambda line: f"sub-group {groups[line[0]]}'s reporting line to board {boards[line[1]]}",
        )  # fmt: skip
        reviews = (
            {
                "sub_group_id": self.sub_groups[g.key],
                **_fields(r, "document", "last_reviewed_on", "every_months"),
            }
            for g in file.sub_groups
            for r in g.protocol_reviews
        )
        where = self.mine(m.ProtocolReview, m.SubGroup, "sub_group_id")
        self.sync(m.ProtocolReview, reviews, match=("sub_group_id", "document"), where=where)

    def _people(self, file: PartnershipFile) -> None:
        rows = (
            {
                **_fields(p, "key", "name", "email", "job_title", "channel"),
                "agency_id": self.agencies[p.agency] if p.agency else None,
                "notify_by": p.notify_by.value,
            }
            for p in file.people
        )
        self.people = by_key(self.sync(m.Person, rows, match=("key",)))

    def _roles(self, file: PartnershipFile) -> None:
        ids = {"people": self.people, "boards": self.boards, "sub_groups": self.sub_groups}
        changes, counts = follow_the_file(
            self.session, self.partnership_id, file.people, ids, today_in_london(self.at)
        )
        self.changes += changes
        self.report.update(counts)
        self.created["Membership"] += counts["created"]


BOARD = ("key", "name", "short_name", "kind", "updates_since")
AGENCY = ("key", "name", "kind", "statutory_partner", "section_11", "mailbox")


def _fields(entry: Any, *names: str) -> dict[str, Any]:
    return {name: getattr(entry, name) for name in names}


def _by_id(keys: dict[str, int]) -> dict[int, str]:
    return {row_id: key for key, row_id in keys.items()}
