"""Checks of a report to a council committee: the council's structure (seeds 001 and 003), its
background documents (LGA 1972 s100D) and its exempt appendices (Sch 12A)."""

from governance.partnership.model import PartnershipOnRecord
from governance.reports.checks import ContentCheck, names, said
from governance.reports.content import OTHER_IMPLICATIONS, CommitteeReportContent
from governance.reports.model import ReportOnRecord
from governance.sources import LGA_1972_SCH12A, law, seed
from governance.vocabulary import BoardKind, ReportKind

COMMITTEE = ReportKind.COMMITTEE_REPORT
STRUCTURE = seed("seeds 001 and 003 (the council's report structure)")

COVER = (
    ("report_of", "who the report is of (the officer)"),
    ("document_letter", "the document letter"),
    ("subject", "the subject"),
    ("summary_statement", "the summary statement"),
    ("portfolio", "the portfolio"),
    ("overview_scrutiny_area", "the Overview & Scrutiny area"),
)
SECTIONS = (
    ("summary", "1 Summary"),
    ("background", "2 Background"),
    ("other_considerations", "3 Other considerations"),
    ("financial_appraisal", "4 Financial & resource appraisal"),
    ("risk_management", "5 Risk management and governance issues"),
    ("legal_appraisal", "6 Legal appraisal"),
    ("not_for_publication", "8 Not for publication documents"),
    ("options", "9 Options"),
)


def _report(report: ReportOnRecord) -> CommitteeReportContent:
    content = report.typed()
    assert isinstance(content, CommitteeReportContent)
    return content


def has_the_cover(report: ReportOnRecord, p: PartnershipOnRecord) -> list[str]:
    content = _report(report)
    problems = [f"The cover lacks {label}" for field, label in COVER if not said(getattr(content, field))]
    contact = {"name": "a name", "role": "a role", "phone": "a phone number", "email": "an e-mail address"}
    problems += [
        f"The report contact lacks {words}"
        for part, words in contact.items()
        if not said(getattr(content.contact, part))
    ]
    if report.meeting_on is None:
        problems.append("The cover lacks the date of the meeting it goes to")
    return problems


def has_every_numbered_section(report: ReportOnRecord, p: PartnershipOnRecord) -> list[str]:
    content = _report(report)
    problems = [
        f"Section {label} is missing (write 'None' where there is nothing to say)"
        for field, label in SECTIONS
        if not said(getattr(content, field))
    ]
    if not [r for r in content.recommendations if said(r)]:
        problems.append("Section 10 Recommendations is missing")
    return problems


def covers_every_other_implication(report: ReportOnRecord, p: PartnershipOnRecord) -> list[str]:
    given = {heading.lower(): text for heading, text in _report(report).other_implications.items()}
    area_committee = p.board(report.board_key).kind is BoardKind.AREA_COMMITTEE
    needed = [h for h in OTHER_IMPLICATIONS if area_committee or h != "area committee action plan"]
    return [
        f"Section 7 lacks the heading '{h}' (write 'None' where there is nothing to say)"
        for h in needed
        if not said(given.get(h, ""))
    ]


def lists_its_background_documents(report: ReportOnRecord, p: PartnershipOnRecord) -> list[str]:
    if [d for d in _report(report).background_documents if said(d)]:
        return []
    return ["Section 12 Background documents is empty: list the background papers, or write 'None'"]


def marks_each_exempt_appendix(report: ReportOnRecord, p: PartnershipOnRecord) -> list[str]:
    content = _report(report)
    problems = []
    for appendix in content.appendices:
        if appendix.exempt_paragraph is None:
            continue
        name = f"Appendix {appendix.letter} ({appendix.title})"
        if not said(appendix.public_interest_test):
            problems.append(
                f"{name} is exempt under paragraph {appendix.exempt_paragraph} but states no public interest test"
            )
        if not names(content.not_for_publication, f"Appendix {appendix.letter}"):
            problems.append(f"{name} is exempt but section 8 Not for publication documents does not name it")
    return problems


COMMITTEE_CHECKS = (
    ContentCheck(
        name="committee_report_has_the_council_cover",
        requirement="the cover: report of, meeting and date, document letter, subject, summary statement, portfolio, report contact, O&S area",
        source=STRUCTURE,
        applies_to=COMMITTEE,
        test=has_the_cover,
    ),
    ContentCheck(
        name="committee_report_has_every_numbered_section",
        requirement="sections 1–12 in the council's order",
        source=STRUCTURE,
        applies_to=COMMITTEE,
        test=has_every_numbered_section,
    ),
    ContentCheck(
        name="committee_report_covers_every_other_implication",
        requirement="section 7's headings, the area committee action plan for area committees only",
        source=STRUCTURE,
        applies_to=COMMITTEE,
        test=covers_every_other_implication,
    ),
    ContentCheck(
        name="committee_report_lists_its_background_documents",
        requirement="a list of the background papers",
        source=law("Local Government Act 1972 s100D(1)"),
        applies_to=COMMITTEE,
        test=lists_its_background_documents,
    ),
    ContentCheck(
        name="committee_report_marks_each_exempt_appendix",
        requirement="each exempt appendix carries its paragraph and public interest test and is named in section 8",
        source=law(LGA_1972_SCH12A),
        applies_to=COMMITTEE,
        test=marks_each_exempt_appendix,
    ),
)
