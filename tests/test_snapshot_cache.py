"""A replay keeps each partnership's snapshot until something it holds changes.

Only the replay's scratch copy keeps snapshots (``registry.sql.snapshot_cache``): a live registry
has other writers. The kept snapshot must never show a partnership other than the one on record.
"""

import re
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa
from sqlmodel import SQLModel, select

from flows.replay import replay
from registry import tables as m
from registry.engine import make_engine
from registry.replay import scratch_engine
from registry.sql.snapshot_cache import NOT_IN_SNAPSHOT, kept_snapshots
from registry.unit_of_work import SqlUnitOfWork


@pytest.fixture
def copy_url(sqlite_url: str, bradford) -> str:
    """A registry holding the Bradford demo, as a replay's copy would."""
    return sqlite_url


@pytest.fixture
def kept(copy_url: str):
    engine = scratch_engine(copy_url)
    yield engine
    engine.dispose()


def snapshot(engine):
    with SqlUnitOfWork(engine) as uow:
        return uow.partnership.snapshot()


def mailbox(partnership, key: str) -> str | None:
    return next(a.mailbox for a in partnership.agencies if a.key == key)


def tables_read(statements: list[str]) -> set[str]:
    named = re.compile(r'\b(?:FROM|JOIN)\s+"?(\w+)"?', re.IGNORECASE)
    return {t.lower() for s in statements for t in named.findall(s)}


def test_the_tables_said_to_be_outside_the_snapshot_are_never_read_by_it(copy_url: str):
    engine = make_engine(copy_url)
    statements: list[str] = []
    sa.event.listen(engine, "before_cursor_execute", lambda c, cur, sql, *a: statements.append(sql))
    snapshot(engine)
    read = tables_read(statements)
    engine.dispose()
    assert read.isdisjoint(NOT_IN_SNAPSHOT), read & NOT_IN_SNAPSHOT
    unclassified = set(SQLModel.metadata.tables) - read - NOT_IN_SNAPSHOT
    assert not unclassified, f"say whether the snapshot reads {sorted(unclassified)}"


def test_a_live_registry_keeps_no_snapshot(copy_url: str):
    engine = make_engine(copy_url)
    assert kept_snapshots(engine) is None
    assert snapshot(engine) is not snapshot(engine)
    engine.dispose()


def test_the_snapshot_is_kept_while_only_deadlines_messages_and_the_audit_trail_change(kept):
    first = snapshot(kept)
    with SqlUnitOfWork(kept) as uow:
        uow.audit.record(
            at=datetime(2025, 4, 1, 7, tzinfo=UTC),
            actor="system",
            event="cycle run",
            subject="calendar",
            details={},
        )
        uow.commit()
    assert snapshot(kept) is first


def test_a_change_to_what_the_snapshot_holds_is_seen_at_once(kept):
    before = snapshot(kept)
    with SqlUnitOfWork(kept) as uow:
        agency = uow._scope.session.exec(select(m.Agency).order_by(m.Agency.key)).first()
        agency.mailbox = "safeguarding.returns@example.org"
        uow._scope.session.add(agency)
        uow.commit()
    after = snapshot(kept)
    assert after is not before
    assert mailbox(after, agency.key) == "safeguarding.returns@example.org"


def test_a_change_not_yet_flushed_is_seen_by_the_same_unit_of_work(kept):
    snapshot(kept)
    with SqlUnitOfWork(kept) as uow:
        agency = uow._scope.session.exec(select(m.Agency).order_by(m.Agency.key)).first()
        agency.mailbox = "pending@example.org"
        uow._scope.session.add(agency)
        assert mailbox(uow.partnership.snapshot(), agency.key) == "pending@example.org"


def test_what_a_rolled_back_unit_of_work_read_is_not_kept(kept):
    original = snapshot(kept)
    with SqlUnitOfWork(kept) as uow:  # never committed
        agency = uow._scope.session.exec(select(m.Agency).order_by(m.Agency.key)).first()
        key, agency.mailbox = agency.key, "never.committed@example.org"
        uow._scope.session.add(agency)
        uow.partnership.snapshot()
    again = snapshot(kept)
    assert mailbox(again, key) == mailbox(original, key)


def test_a_fortnight_replayed_with_kept_snapshots_is_the_fortnight_replayed_without(
    copy_url: str, monkeypatch: pytest.MonkeyPatch
):
    april = (date(2025, 4, 1), date(2025, 4, 14))
    with_kept = replay(copy_url, *april).report
    monkeypatch.setattr("registry.replay.keep_snapshots", lambda engine: None)
    without = replay(copy_url, *april).report
    fields = {"months", "falling_due", "listed", "problems", "already_run"}
    assert with_kept.model_dump(include=fields) == without.model_dump(include=fields)
    assert sum(t.requests + t.reminders + t.escalations for t in with_kept.months["2025-04"].values()) > 0


def test_the_calendar_looks_back_again_only_for_the_same_snapshot_and_window(kept):
    """What the calendar derives from a snapshot alone is given again only for that snapshot (the
    same object) and the same window; any other snapshot or window is worked out afresh."""
    from governance.deadlines.obligations import CALENDAR, occurrences
    from governance.deadlines.use_cases import _calendar_occurrences

    p = snapshot(kept)
    year = (date(2025, 4, 1), date(2026, 3, 31))
    first = _calendar_occurrences(p, *year)
    assert first == occurrences(p, *year, recorded_by=CALENDAR) and len(first) > 0
    assert _calendar_occurrences(p, *year) is first
    autumn = (date(2025, 9, 1), date(2025, 11, 30))
    assert _calendar_occurrences(p, *autumn) == occurrences(p, *autumn, recorded_by=CALENDAR) != first
    published = p.model_copy(
        update={"reports": tuple(r.model_copy(update={"published_on": None}) for r in p.reports)}
    )
    assert _calendar_occurrences(published, *year) == occurrences(published, *year, recorded_by=CALENDAR)
    assert _calendar_occurrences(published, *year) != first
