"""The ports of the documents issue, as one contract run on in-memory fakes and on the SQL adapters
(SQLite and PostgreSQL): the files kept with an approval and a publication, and the submissions a
sub-group hands in. The fakes here are the in-memory side the use cases can be tested on."""

from datetime import UTC, date, datetime

import pytest

from governance.documents.files import Purpose, ReportFileOnRecord
from governance.documents.model import Audience
from registry.engine import make_engine
from registry.migrate import upgrade
from registry.partnership_file.loader import load_partnership_file
from registry.unit_of_work import SqlUnitOfWork
from tests.fakes import FakeReportFiles, FakeSubmissions

NOW = datetime(2026, 12, 1, 10, tzinfo=UTC)
SAB = "bsab-annual-report-2025-26"


class FakeDocumentsUnitOfWork:
    def __init__(self) -> None:
        self.report_files = FakeReportFiles()
        self.submissions = FakeSubmissions({"grace-mensah": "Grace Mensah"})

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        pass

    def commit(self) -> None:
        pass


@pytest.fixture(params=["memory", "sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def new_uow(request):
    if request.param == "memory":
        fake = FakeDocumentsUnitOfWork()
        return lambda: fake
    url = request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "postgres_url")
    upgrade(url)
    engine = make_engine(url)
    request.addfinalizer(engine.dispose)
    load_partnership_file(engine)
    return lambda: SqlUnitOfWork(engine)


def a_file(
    fmt: str = "html", *, version: str = "v1", purpose: Purpose = Purpose.APPROVAL, content: bytes = b"<html>"
):
    return ReportFileOnRecord(
        report_key=SAB, version=version, audience=Audience.PUBLIC, format=fmt, purpose=purpose, content=content,
        made_at=NOW, made_by="rukhsana-malik",
    )  # fmt: skip


def test_a_file_is_kept_once_per_version_audience_format_and_purpose(new_uow):
    with new_uow() as uow:
        uow.report_files.keep(a_file())
        uow.report_files.keep(a_file(content=b"<html>again"))
        uow.commit()
    with new_uow() as uow:
        [kept] = uow.report_files.files(SAB)
    assert (kept.content, kept.made_by, kept.sha256) == (b"<html>", "rukhsana-malik", a_file().sha256)


def test_files_are_found_by_purpose_and_version_and_the_latest_approval_is_the_frozen_version(new_uow):
    with new_uow() as uow:
        assert uow.report_files.frozen_version(SAB) is None
        uow.report_files.keep(a_file(version="v1"))
        uow.report_files.keep(a_file(version="v2"))
        uow.report_files.keep(a_file(version="v2", purpose=Purpose.PUBLICATION))
        uow.commit()
    with new_uow() as uow:
        assert uow.report_files.frozen_version(SAB) == "v2"
        assert [f.version for f in uow.report_files.files(SAB, purpose=Purpose.APPROVAL)] == ["v1", "v2"]
        assert [f.purpose for f in uow.report_files.files(SAB, version="v2")] == [
            Purpose.APPROVAL,
            Purpose.PUBLICATION,
        ]


def test_a_submission_is_kept_with_its_content_and_who_submitted_it(new_uow):
    content = {"progress": "[Demo text] On track.", "rag": "green"}
    with new_uow() as uow:
        number = uow.submissions.add(
            kind="sub-group report", sub_group_key="all-age-exploitation", submitted_by="grace-mensah",
            submitted_on=date(2027, 1, 5), content=content, deadline_ids=[],
        )  # fmt: skip
        uow.commit()
    with new_uow() as uow:
        found = uow.submissions.find(number)
        assert uow.submissions.find(number + 1000) is None
    assert (found.sub_group_key, found.submitted_by_name, found.content) == (
        "all-age-exploitation",
        "Grace Mensah",
        content,
    )
    assert found.meetings == ()  # it met no deadline


def test_the_registry_reads_a_plans_updates_and_a_meetings_submissions(new_uow):
    with new_uow() as uow:
        if isinstance(uow, FakeDocumentsUnitOfWork):
            pytest.skip("read from the registry's tables only")
        uow.actions.add_update(
            "CSE-2021/R01.2", period="2026-07", progress="[Demo text] Audit under way.",
            submitted_by="mark-ellison", submitted_on=date(2026, 7, 20),
        )  # fmt: skip
        uow.commit()
    with new_uow() as uow:
        [update] = uow.partnership.action_updates("cse-thematic-review-2021")
        assert (update.reference, update.period, update.submitted_by) == (
            "CSE-2021/R01.2",
            "2026-07",
            "Mark Ellison",
        )
        assert uow.partnership.action_updates("no-such-plan") == []
        assert uow.submissions.for_meeting("tbp", date(2027, 1, 19)) == []
