"""Approval of what was read (issue 10): the version approved is the drafted document's fingerprint,
registry facts included; the approval that completes a report freezes its rendered files with their
hashes; publishing issues the frozen public files and an accessibility statement once each passes
the accessibility check."""

import hashlib
from datetime import UTC, date, datetime

import pytest
from sqlmodel import Session, select

from governance.documents.files import Purpose
from governance.documents.model import Audience, Document, Findings, Severity
from governance.documents.use_cases import draft_report_document
from governance.lifecycles import ReportState
from governance.reports.use_cases import (
    approve_report,
    check_report,
    edit_report_section,
    publish_report,
    send_for_review,
)
from governance.rules import (
    A_REPORT_FAILING_A_CHECK_CANNOT_BE_APPROVED,
    AN_APPROVAL_IS_BOUND_TO_THE_VERSION_APPROVED,
    PUBLISHED_DOCUMENTS_ARE_ACCESSIBLE,
    ConcurrentChange,
    RuleBroken,
)
from registry import tables as m
from registry.partnership_file.loader import load_partnership_file
from registry.unit_of_work import SqlUnitOfWork

NOW = datetime(2026, 12, 1, 10, tzinfo=UTC)
SAB, COMMITTEE = "bsab-annual-report-2025-26", "executive-exploitation-update-2027"
MANAGER, BSAB_CHAIR = "joanne-pickering", "rukhsana-malik"
HEALTHWATCH = "[Demo text] Ran the Safeguarding Voice survey of people who use services."


class AsJson:
    """Renders a document as its own JSON: what the use cases keep does not depend on the format."""

    def render(self, document: Document, fmt: str) -> bytes:
        return f"{fmt}\n{document.model_dump_json()}".encode()


class FindsProblems:
    def __init__(self, *problems: str) -> None:
        self.problems = list(problems)
        self.checked: list[str] = []

    def check(self, fmt: str, content: bytes) -> list[str]:
        self.checked.append(fmt)
        return self.problems


def read(engine, key: str = SAB, audience: Audience = Audience.RESTRICTED) -> Document:
    return draft_report_document(key, reader=MANAGER, audience=audience, uow=SqlUnitOfWork(engine))


def approve(engine, version: str, key: str = SAB, by: str = BSAB_CHAIR):
    return approve_report(
        key, approved_by=by, version=version, uow=SqlUnitOfWork(engine), now=NOW, renderer=AsJson()
    )


def review(engine, key: str = SAB) -> None:
    send_for_review(key, by=MANAGER, uow=SqlUnitOfWork(engine), now=NOW)


def add_healthwatch(engine, based_on: str):
    return edit_report_section(
        SAB,
        section="member_contributions/healthwatch-bradford",
        text=HEALTHWATCH,
        edited_by=MANAGER,
        based_on=based_on,
        uow=SqlUnitOfWork(engine),
        now=NOW,
    )


def blocking(document: Document) -> list[str]:
    [findings] = [b for b in document.blocks if isinstance(b, Findings)]
    return [f.rule for f in findings.findings if f.severity is Severity.BLOCKS_APPROVAL]


def files(engine, key: str = SAB) -> list[m.ReportFile]:
    with Session(engine) as session:
        report_id = session.exec(select(m.Report.id).where(m.Report.key == key)).one()
        return list(session.exec(select(m.ReportFile).where(m.ReportFile.report_id == report_id)))


def approved_sab(engine) -> str:
    version = add_healthwatch(engine, read(engine).fingerprint).version
    review(engine)
    approve(engine, version)
    return version


def test_a_sab_report_missing_one_members_contribution_shows_it_and_cannot_be_approved_until_it_is_added(
    bradford,
):
    draft = read(bradford)
    assert blocking(draft) == [
        "What Healthwatch Bradford and District did to implement the strategy is missing"
    ]
    review(bradford)
    with pytest.raises(RuleBroken) as refused:
        approve(bradford, draft.fingerprint)
    assert refused.value.rule is A_REPORT_FAILING_A_CHECK_CANNOT_BE_APPROVED
    add_healthwatch(bradford, draft.fingerprint)
    corrected = read(bradford)
    assert blocking(corrected) == []
    review(bradford)
    assert approve(bradford, corrected.fingerprint).state is ReportState.APPROVED


def test_the_version_to_approve_is_the_fingerprint_of_the_document_the_approver_reads(bradford):
    assert check_report(SAB, uow=SqlUnitOfWork(bradford)).version == read(bradford).fingerprint


def test_an_approval_of_a_document_whose_registry_facts_changed_since_it_was_read_is_refused(bradford):
    version = add_healthwatch(bradford, read(bradford).fingerprint).version
    review(bradford)
    with Session(bradford) as session:  # the figures move after the chair read the report
        value = session.exec(select(m.StatisticValue).where(m.StatisticValue.value == 389)).one()
        value.value = 390
        session.add(value)
        session.commit()
    with pytest.raises(ConcurrentChange) as refused:
        approve(bradford, version)
    assert refused.value.rule is AN_APPROVAL_IS_BOUND_TO_THE_VERSION_APPROVED
    assert approve(bradford, read(bradford).fingerprint).state is ReportState.APPROVED


def test_the_approval_that_completes_a_report_freezes_the_document_and_its_six_files_with_their_hashes(
    bradford,
):
    version = approved_sab(bradford)
    kept = files(bradford)
    assert sorted((f.audience, f.format) for f in kept) == [
        ("public", "docx"), ("public", "html"), ("public", "pdf"),
        ("restricted", "document"), ("restricted", "docx"), ("restricted", "html"), ("restricted", "pdf"),
    ]  # fmt: skip
    assert {(f.version, f.purpose) for f in kept} == {(version, Purpose.APPROVAL.value)}
    assert all(f.sha256 == hashlib.sha256(f.content).hexdigest() for f in kept)
    source = Document.model_validate_json(next(f for f in kept if f.format == "document").content)
    assert not source.draft and source.audience is Audience.RESTRICTED
    assert HEALTHWATCH in source.model_dump_json()
    public_html = next(f for f in kept if (f.audience, f.format) == ("public", "html")).content
    assert public_html == AsJson().render(source.public(), "html")


def test_an_approved_report_stays_the_document_approved_whatever_the_registry_does_next(bradford):
    version = approved_sab(bradford)
    approved_document = read(bradford)
    with Session(bradford) as session:
        value = session.exec(select(m.StatisticValue).where(m.StatisticValue.value == 389)).one()
        value.value = 390
        session.add(value)
        session.commit()
    status = check_report(SAB, uow=SqlUnitOfWork(bradford))
    assert (status.version, status.outstanding_approvals) == (version, [])
    assert read(bradford) == approved_document and "389" in approved_document.model_dump_json()


def test_editing_an_approved_report_withdraws_its_approval_as_before(bradford):
    version = approved_sab(bradford)
    edited = edit_report_section(
        SAB, section="strategy", text="[Demo text] Four priorities.", edited_by=MANAGER, based_on=version,
        uow=SqlUnitOfWork(bradford), now=NOW,
    )  # fmt: skip
    assert edited.state is ReportState.DRAFT and edited.version == read(bradford).fingerprint != version
    assert [r.label for r in edited.outstanding_approvals] == ["the independent chair of BSAB"]


def publish(engine, checker, key: str = SAB):
    return publish_report(
        key,
        by=MANAGER,
        on=date(2026, 12, 1),
        uow=SqlUnitOfWork(engine),
        now=NOW,
        renderer=AsJson(),
        checker=checker,
    )


def test_publishing_is_refused_naming_what_the_accessibility_check_found(bradford):
    approved_sab(bradford)
    with pytest.raises(RuleBroken) as refused:
        publish(bradford, FindsProblems("a table has no header row"))
    assert refused.value.rule is PUBLISHED_DOCUMENTS_ARE_ACCESSIBLE
    assert "html: a table has no header row" in str(refused.value)
    assert check_report(SAB, uow=SqlUnitOfWork(bradford)).state is ReportState.APPROVED
    assert {f.purpose for f in files(bradford)} == {"approval"}


@pytest.fixture
def bradford_on_either(engine):
    """The Bradford demo on SQLite and on PostgreSQL, which enforces every column's length."""
    load_partnership_file(engine)
    return engine


def test_publishing_issues_the_frozen_public_files_and_an_accessibility_statement_each_checked(
    bradford_on_either,
):
    bradford = bradford_on_either
    approved_sab(bradford)
    checker = FindsProblems()
    assert publish(bradford, checker).state is ReportState.PUBLISHED
    assert sorted(checker.checked) == ["docx", "html", "html", "pdf"]
    kept = files(bradford)
    issued = {f.format: f for f in kept if f.purpose == "publication"}
    assert sorted(issued) == ["accessibility statement", "docx", "html", "pdf"]
    frozen = {f.format: f.sha256 for f in kept if f.purpose == "approval" and f.audience == "public"}
    assert all(issued[fmt].sha256 == frozen[fmt] for fmt in ("html", "docx", "pdf"))
    assert all(f.audience == "public" for f in issued.values())
    assert b"Accessibility statement" in issued["accessibility statement"].content


def test_no_exempt_text_is_in_any_public_file_kept_for_a_committee_report(bradford):
    restricted = read(bradford, COMMITTEE)
    review(bradford, COMMITTEE)
    approve(bradford, restricted.fingerprint, key=COMMITTEE, by=MANAGER)
    publish(bradford, FindsProblems(), key=COMMITTEE)
    exempt = restricted.exempt_texts()
    public = [f for f in files(bradford, COMMITTEE) if f.audience == "public"]
    assert exempt and len(public) == 7  # html, docx, pdf approved; the same three and a statement issued
    assert not [t for f in public for t in exempt if t.encode() in f.content]
    [kept] = [f for f in files(bradford, COMMITTEE) if f.audience == "restricted" and f.format == "pdf"]
    assert all(t.encode() in kept.content for t in exempt)


def test_the_approved_document_closes_with_who_approved_it_and_when(bradford):
    approved_sab(bradford)
    document = read(bradford)
    assert document.headings()[-1].text == "Approval"
    assert document.blocks[-1].rows == (("Rukhsana Malik", "independent chair", "1 December 2026"),)


def test_a_report_approved_without_a_renderer_is_rendered_from_its_frozen_document_when_published(bradford):
    version = add_healthwatch(bradford, read(bradford).fingerprint).version
    review(bradford)
    approve_report(SAB, approved_by=BSAB_CHAIR, version=version, uow=SqlUnitOfWork(bradford), now=NOW)
    assert [f.format for f in files(bradford)] == ["document"]
    assert publish(bradford, FindsProblems()).state is ReportState.PUBLISHED
    source = Document.model_validate_json(next(f for f in files(bradford) if f.format == "document").content)
    [issued] = [f for f in files(bradford) if (f.purpose, f.format) == ("publication", "html")]
    assert issued.content == AsJson().render(source.public(), "html")
