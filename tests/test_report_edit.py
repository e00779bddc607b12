"""The business unit writes a report a section at a time, on the version it opened: a draft with a
blocking finding is put right by writing what is missing, an edit sends the report back to draft
and needs its approvals again, and an edit of a version someone changed since is refused."""

from datetime import UTC, datetime

import pytest
from sqlmodel import Session, select

from governance.lifecycles import ReportState
from governance.reports.content import narrative_sections
from governance.reports.use_cases import approve_report, check_report, edit_report_section, send_for_review
from governance.rules import (
    A_SECTION_IS_ONE_THE_REPORT_HAS,
    A_TEXT_IS_PLAIN_AND_OF_READABLE_LENGTH,
    AN_EDIT_IS_BASED_ON_THE_CURRENT_TEXT,
    ONLY_BUSINESS_UNIT_EDITS_AND_PUBLISHES_REPORTS,
    RuleBroken,
)
from governance.vocabulary import ReportKind
from registry import tables as m
from registry.unit_of_work import SqlUnitOfWork

NOW = datetime(2026, 11, 25, 10, tzinfo=UTC)
SAB = "bsab-annual-report-2025-26"
MANAGER, BSAB_CHAIR = "joanne-pickering", "rukhsana-malik"
REASON = "The regional advocacy contract from April 2026 covers it."
HEALTHWATCH = "[Demo text] Ran the Voice survey and reported it to the Board."


def version(engine) -> str:
    return check_report(SAB, uow=SqlUnitOfWork(engine)).version


def write(engine, section: str, text: str, *, by: str = MANAGER, based_on: str | None = None):
    return edit_report_section(
        SAB,
        section=section,
        text=text,
        edited_by=by,
        based_on=based_on or version(engine),
        uow=SqlUnitOfWork(engine),
        now=NOW,
    )


def refused(rule, move) -> RuleBroken:
    with pytest.raises(RuleBroken) as error:
        move()
    assert error.value.rule is rule, str(error.value)
    return error.value


def blocking(status) -> list[str]:
    return [f.citation for f in status.findings if f.blocking]


def test_writing_the_missing_member_and_reason_puts_the_demo_sab_report_right(bradford):
    # (c) only: the reason for (g) is drafted from the reviews register; writing it here overrides it
    assert len(blocking(check_report(SAB, uow=SqlUnitOfWork(bradford)))) == 1
    write(bradford, "findings_not_implemented/BSAB-SAR-2025-01/2", REASON)
    status = write(bradford, "member_contributions/healthwatch-bradford", HEALTHWATCH)
    assert blocking(status) == []
    send_for_review(SAB, by=MANAGER, uow=SqlUnitOfWork(bradford), now=NOW)
    approved = approve_report(
        SAB, approved_by=BSAB_CHAIR, version=status.version, uow=SqlUnitOfWork(bradford), now=NOW
    )
    assert approved.state is ReportState.APPROVED


def test_an_edit_of_an_approved_report_sends_it_back_to_draft_and_its_approval_is_needed_again(bradford):
    write(bradford, "findings_not_implemented/BSAB-SAR-2025-01/2", REASON)
    status = write(bradford, "member_contributions/healthwatch-bradford", HEALTHWATCH)
    send_for_review(SAB, by=MANAGER, uow=SqlUnitOfWork(bradford), now=NOW)
    approve_report(SAB, approved_by=BSAB_CHAIR, version=status.version, uow=SqlUnitOfWork(bradford), now=NOW)
    edited = write(bradford, "strategy", "[Demo text] Three priorities, with figures corrected.")
    assert edited.state is ReportState.DRAFT and edited.version != status.version
    assert [r.label for r in edited.outstanding_approvals] == ["the independent chair of BSAB"]


def test_an_edit_of_a_version_changed_since_it_was_opened_is_refused_and_overwrites_nothing(bradford):
    opened = version(bradford)
    write(bradford, "strategy", "First editor's text.", based_on=opened)
    refused(
        AN_EDIT_IS_BASED_ON_THE_CURRENT_TEXT,
        lambda: write(bradford, "strategy", "Second editor's text.", based_on=opened),
    )
    with SqlUnitOfWork(bradford) as uow:
        assert uow.reports.find(SAB).content["strategy"] == "First editor's text."


def test_a_section_the_report_does_not_have_is_refused_naming_those_it_has(bradford):
    error = refused(A_SECTION_IS_ONE_THE_REPORT_HAS, lambda: write(bradford, "nonsense", "text"))
    assert "member_contributions/KEY" in str(error) and "alternative_formats" in str(error)
    refused(A_SECTION_IS_ONE_THE_REPORT_HAS, lambda: write(bradford, "ongoing_reviews", "a list, not a text"))
    refused(A_SECTION_IS_ONE_THE_REPORT_HAS, lambda: write(bradford, "strategy/KEY", "not kept by key"))


def test_only_the_business_unit_writes_a_section_and_only_plain_text(bradford):
    refused(
        ONLY_BUSINESS_UNIT_EDITS_AND_PUBLISHES_REPORTS,
        lambda: write(bradford, "strategy", "x", by=BSAB_CHAIR),
    )
    refused(A_TEXT_IS_PLAIN_AND_OF_READABLE_LENGTH, lambda: write(bradford, "strategy", "bell\x07"))
    refused(A_TEXT_IS_PLAIN_AND_OF_READABLE_LENGTH, lambda: write(bradford, "strategy", "x" * 20_001))


def test_an_empty_text_removes_a_keyed_entry(bradford):
    write(bradford, "member_contributions/healthwatch-bradford", HEALTHWATCH)
    write(bradford, "member_contributions/healthwatch-bradford", "  ")
    with SqlUnitOfWork(bradford) as uow:
        assert "healthwatch-bradford" not in uow.reports.find(SAB).content["member_contributions"]


def test_each_section_edit_is_audited_with_the_text_before_and_after(bradford):
    write(bradford, "strategy", "New strategy text.")
    with Session(bradford) as session:
        (event,) = session.exec(
            select(m.AuditEvent).where(m.AuditEvent.event == "report section edited")
        ).all()
    assert (event.actor, event.details["section"], event.details["text after"]) == (
        MANAGER,
        "strategy",
        "New strategy text.",
    )
    assert event.details["text before"] != "New strategy text."


def test_every_kind_of_report_has_sections_to_write():
    for kind in ReportKind:
        assert narrative_sections(kind), kind


# --- on the command line ---------------------------------------------------------------------------


@pytest.fixture
def govern(govern):
    """The command line on a registry the Bradford demo was loaded into."""
    result = govern("demo", "load")
    assert result.exit_code == 0, result.output
    return govern


def test_govern_report_edit_writes_a_section_from_a_file(govern, tmp_path):
    text = tmp_path / "reason.txt"
    text.write_text(REASON + "\n", encoding="utf-8")
    opened = govern("check", "report", SAB).output.split("version ")[1].split(")")[0]
    result = govern(
        "report", "edit", SAB, "--by", "joanne.pickering@bradford-council.example",
        "--section", "findings_not_implemented/BSAB-SAR-2025-01/2", "--file", str(text), "--version", opened,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "draft (version " in result.output and opened not in result.output
    assert "para 4(1)(g)" not in govern("check", "report", SAB).output
    again = govern(
        "report", "edit", SAB, "--by", MANAGER, "--section", "strategy", "--file", str(text), "--version", opened
    )  # fmt: skip
    assert again.exit_code == 2 and "changed after you opened it" in again.output


def test_govern_report_edit_refuses_a_file_that_is_not_utf8_in_one_sentence(govern, tmp_path):
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("caf\xe9".encode("latin-1"))
    result = govern(
        "report", "edit", SAB, "--by", MANAGER, "--section", "strategy", "--file", str(latin), "--version", "x"
    )  # fmt: skip
    assert result.exit_code == 2 and "is not UTF-8 text (byte 0xe9" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
