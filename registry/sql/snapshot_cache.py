"""Each partnership's snapshot, kept between units of work on an engine this process alone writes.

A replay runs ten cycles a day, each reading the whole partnership (``SqlPartnershipRecords.snapshot``)
in some thirty queries, though most days nothing the snapshot holds has changed: the cycles record
deadlines, steps, messages and audit events, which it does not hold. On an engine marked with
``keep_snapshots`` a snapshot is kept, and every kept snapshot is dropped as soon as a statement
writes to a table the snapshot reads, and again when a transaction that wrote one is rolled back
(a snapshot read after the write holds what was never committed). A statement is taken to write such a table unless it is a read or names one of
``NOT_IN_SNAPSHOT``: whatever is not known to be outside the snapshot drops it.

Only for an engine no other process writes (the replay's scratch copy): a kept snapshot cannot see
another process's writes. The live registry's engines never keep one.
"""

import re
import weakref
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from governance.partnership.model import PartnershipOnRecord

NOT_IN_SNAPSHOT = frozenset(
    {
        "account",
        "auditevent",
        "calendarfeed",
        "deadline",
        "escalationsteptaken",
        "evidence",
        "extensiondecisionmade",
        "extensionrequest",
        "notification",
        "notificationattachment",
        "reportapproval",
        "reportdispatch",
        "reportfile",
        "signin",
        "submission",
    }
)
"""The tables ``snapshot()`` never reads (``tests/test_snapshot_cache.py`` checks it)."""
COLUMNS_NOT_IN_SNAPSHOT = {"partnership": frozenset({"id", "audit_sequence", "audit_head"})}
"""Columns of a table it reads that it does not: the audit trail's head, and the row lock (``SET id=id``)."""

_WRITES = re.compile(r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)
_SETS = re.compile(r"\bSET\s+(.*?)\s+WHERE\b", re.IGNORECASE | re.DOTALL)
_READS = re.compile(r"^\s*(?:SELECT|WITH|PRAGMA|SAVEPOINT|RELEASE|BEGIN)\b", re.IGNORECASE)


class KeptSnapshots:
    """The snapshots kept for one engine, by partnership id."""

    def __init__(self) -> None:
        self._kept: dict[int, PartnershipOnRecord] = {}
        self._uncommitted = False
        self.dropped = 0

    def get(self, partnership_id: int) -> PartnershipOnRecord | None:
        return self._kept.get(partnership_id)

    def keep(self, partnership_id: int, snapshot: PartnershipOnRecord) -> None:
        self._kept[partnership_id] = snapshot

    def drop(self) -> None:
        if self._kept:
            self.dropped += 1
        self._kept.clear()

    def saw(self, statement: str) -> None:
        """A statement about to run: drop the kept snapshots if it may change what they hold."""
        if _READS.match(statement):
            return
        if _may_change_snapshot(statement):
            self._uncommitted = True
            self.drop()

    def committed(self) -> None:
        self._uncommitted = False

    def rolled_back(self, *, savepoint: bool = False) -> None:
        if self._uncommitted:
            self.drop()
        if not savepoint:
            self._uncommitted = False


def _may_change_snapshot(statement: str) -> bool:
    written = _WRITES.match(statement)
    if written is None:
        return True
    table = written.group(1).lower()
    if table in NOT_IN_SNAPSHOT:
        return False
    unread = COLUMNS_NOT_IN_SNAPSHOT.get(table)
    sets = _SETS.search(statement) if unread and statement.lstrip()[:6].upper() == "UPDATE" else None
    if sets is None:
        return True
    columns = {part.split("=")[0].strip().strip('"').lower() for part in sets.group(1).split(",")}
    return not columns <= unread


_ENGINES: "weakref.WeakKeyDictionary[Engine, KeptSnapshots]" = weakref.WeakKeyDictionary()


def keep_snapshots(engine: Engine) -> KeptSnapshots:
    """Keep snapshots on ``engine``, which this process alone writes."""
    kept = _ENGINES.get(engine)
    if kept is None:
        kept = _ENGINES[engine] = KeptSnapshots()

        def before(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
            kept.saw(statement)

        sa.event.listen(engine, "before_cursor_execute", before)
        sa.event.listen(engine, "commit", lambda conn: kept.committed())
        sa.event.listen(engine, "rollback", lambda conn: kept.rolled_back())
        sa.event.listen(engine, "rollback_savepoint", lambda conn, *a: kept.rolled_back(savepoint=True))
    return kept


def kept_snapshots(engine: Any) -> KeptSnapshots | None:
    """The snapshots kept for ``engine``, or None where it keeps none (every live registry)."""
    return _ENGINES.get(engine) if isinstance(engine, Engine) else None


def kept_or_read(
    session: Session, partnership_id: int, read: Callable[[], PartnershipOnRecord]
) -> PartnershipOnRecord:
    """The partnership's kept snapshot where its engine keeps one and nothing has changed; else ``read()``."""
    kept = kept_snapshots(session.get_bind())
    if kept is None:
        return read()
    session.flush()  # what this unit of work has not yet written must drop the kept one first
    snapshot = kept.get(partnership_id)
    if snapshot is None:
        snapshot = read()
        kept.keep(partnership_id, snapshot)
    return snapshot
