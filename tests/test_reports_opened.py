"""A cycle puts next year's draft report on record; a key already on record is refused."""

import pytest

from governance.reports.model import ReportKind, ReportOnRecord, ReportState
from registry.partnership_file.loader import load_partnership_file
from registry.unit_of_work import SqlUnitOfWork

NEXT_YEAR = ReportOnRecord(
    key="bsab-annual-report-2026-27",
    kind=ReportKind.SAB_ANNUAL_REPORT,
    board_key="bsab",
    period="2026/27",
    title="BSAB annual report 2026/27",
)


@pytest.fixture
def loaded(engine):
    load_partnership_file(engine)
    return engine


def test_a_report_put_on_record_is_found_as_a_draft_of_its_board(loaded):
    with SqlUnitOfWork(loaded) as uow:
        uow.reports.add(NEXT_YEAR)
        uow.commit()
    with SqlUnitOfWork(loaded) as uow:
        found = uow.reports.find(NEXT_YEAR.key)
    assert (found.state, found.board_key, found.period, found.approvals) == (
        ReportState.DRAFT,
        "bsab",
        "2026/27",
        (),
    )


def test_a_key_already_on_record_is_refused(loaded):
    with SqlUnitOfWork(loaded) as uow, pytest.raises(ValueError, match="already on record"):
        uow.reports.add(NEXT_YEAR.model_copy(update={"key": "bsab-annual-report-2025-26"}))
