"""What each kind of report contains, as structured parts the statutory checks can read.

Every part may be empty while a report is drafted; the checks say what is missing and why. Keys
of per-member parts are agency keys; keys of review parts are review references.
"""

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from governance.vocabulary import ReportKind


class Content(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SabAnnualReportContent(Content):
    """Care Act 2014 Sch 2 para 4(1), a part per letter."""

    objective: str = Field("", description="(a) what the SAB did during the year to achieve its objective")
    strategy: str = Field("", description="(b) what it did to implement its strategy")
    member_contributions: dict[str, str] = Field(
        default_factory=dict, description="(c) what each member did to implement the strategy, by agency"
    )
    concluded_reviews: dict[str, str] = Field(
        default_factory=dict, description="(d) the findings of each SAR concluded in the year, by reference"
    )
    ongoing_reviews: list[str] = Field(
        default_factory=list, description="(e) the SARs ongoing at the end of the year"
    )
    implementing_findings: str = Field(
        "", description="(f) what it did to implement the findings of its SARs"
    )
    findings_not_implemented: dict[str, str] = Field(
        default_factory=dict,
        description="(g) the reasons for each decision not to implement a finding, by 'REFERENCE/number'",
    )
    alternative_formats: str = Field("", description="how to ask for the report in another format")


class SabStrategicPlanContent(Content):
    """Care Act 2014 Sch 2 para 3."""

    strategy: str = Field("", description="the SAB's strategy for achieving its objective")
    member_actions: dict[str, str] = Field(
        default_factory=dict, description="what each member is to do to implement the strategy, by agency"
    )
    healthwatch_consultation: str = Field("", description="how Local Healthwatch was consulted")
    community_involvement: str = Field("", description="how the community was involved in preparing the plan")


class ChildrensYearlyReportContent(Content):
    """Working Together 2023 and seed 003 §6.4: the yearly report of the safeguarding partners."""

    what_partners_did: str = Field("", description="what the partners did as a result of the arrangements")
    practice_reviews: str = Field(
        "", description="what they did on child safeguarding practice reviews (name each by reference)"
    )
    effectiveness: str = Field("", description="how effective the arrangements were in practice")
    impact_on_outcomes: str = Field(
        "",
        description="evidence of impact on outcomes, from early help to looked-after children and care leavers",
    )
    training_impact: str = Field("", description="the impact of multi-agency training")
    little_or_no_progress: str = Field(
        "", description="analysis of agreed priorities with little or no evidence of progress"
    )
    review_recommendations: str = Field(
        "", description="actions taken on local and national review recommendations"
    )
    voice_of_children_and_families: str = Field(
        "", description="how children's and families' views were sought and used"
    )
    independent_scrutiny: str = Field("", description="the contribution of independent scrutiny")


class ReportContact(Content):
    name: str = ""
    role: str = ""
    phone: str = ""
    email: str = ""


class Appendix(Content):
    letter: str = Field(min_length=1, max_length=3)
    title: str
    exempt_paragraph: int | None = Field(
        None, ge=1, le=7, description="Local Government Act 1972 Sch 12A Part 1 paragraph"
    )
    public_interest_test: str = Field(
        "", description="why the public interest in withholding it outweighs disclosure"
    )
    text: str = Field("", description="the appendix itself (withheld from those not entitled when exempt)")


OTHER_IMPLICATIONS = (
    "equality and diversity",
    "sustainability",
    "greenhouse gas emissions",
    "community safety",
    "human rights act",
    "trade union",
    "ward implications",
    "area committee action plan",
    "corporate parenting",
    "privacy impact assessment",
)
"""Section 7's headings, in the council's order (seeds 001 and 003); the area committee action
plan heading is for reports to area committees only."""


class CommitteeReportContent(Content):
    """A report in the council's structure: the cover, then sections 1–12 (seeds 001 and 003)."""

    report_of: str = ""
    document_letter: str = ""
    subject: str = ""
    summary_statement: str = ""
    portfolio: str = ""
    contact: ReportContact = ReportContact()
    overview_scrutiny_area: str = ""
    summary: str = Field("", description="1 Summary")
    background: str = Field("", description="2 Background")
    other_considerations: str = Field("", description="3 Other considerations")
    financial_appraisal: str = Field("", description="4 Financial & resource appraisal")
    risk_management: str = Field("", description="5 Risk management and governance issues")
    legal_appraisal: str = Field("", description="6 Legal appraisal")
    other_implications: dict[str, str] = Field(
        default_factory=dict, description="7 Other implications, by heading"
    )
    not_for_publication: str = Field("", description="8 Not for publication documents")
    options: str = Field("", description="9 Options")
    recommendations: list[str] = Field(default_factory=list, description="10 Recommendations")
    appendices: list[Appendix] = Field(default_factory=list, description="11 Appendices")
    background_documents: list[str] = Field(default_factory=list, description="12 Background documents")


CONTENT_BY_KIND: dict[ReportKind, type[Content]] = {
    ReportKind.SAB_ANNUAL_REPORT: SabAnnualReportContent,
    ReportKind.SAB_STRATEGIC_PLAN: SabStrategicPlanContent,
    ReportKind.CHILDRENS_YEARLY_REPORT: ChildrensYearlyReportContent,
    ReportKind.COMMITTEE_REPORT: CommitteeReportContent,
}


def parse_content(kind: ReportKind, raw: dict[str, Any]) -> Content:
    """The report's content, validated for its kind (unknown parts refused, each named)."""
    return CONTENT_BY_KIND[kind].model_validate(raw)


def narrative_sections(kind: ReportKind) -> dict[str, str]:
    """The parts of a report of ``kind`` that people write, by name, with what each is for. A part
    kept per agency or per finding (``member_contributions``) is edited one entry at a time:
    ``member_contributions/west-yorkshire-police``."""
    sections: dict[str, str] = {}
    for name, field in CONTENT_BY_KIND[kind].model_fields.items():
        if field.annotation is str:
            sections[name] = field.description or name.replace("_", " ")
        elif field.annotation == dict[str, str]:
            sections[f"{name}/KEY"] = (field.description or name.replace("_", " ")) + ", one KEY at a time"
    return sections


def with_section(kind: ReportKind, content: dict[str, Any], section: str, text: str) -> dict[str, Any] | None:
    """The content with ``section`` (a name from ``narrative_sections``, ``name/KEY`` for a part
    kept by key) set to ``text``; ``None`` when the kind has no such section. An empty text removes
    a keyed entry."""
    name, _, key = section.partition("/")
    field = CONTENT_BY_KIND[kind].model_fields.get(name)
    if field is None:
        return None
    if field.annotation is str and not key:
        return {**content, name: text}
    if field.annotation == dict[str, str] and key:
        entries = {k: v for k, v in dict(content.get(name) or {}).items() if k != key}
        return {**content, name: {**entries, key: text} if text else entries}
    return None
