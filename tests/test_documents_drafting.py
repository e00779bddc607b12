"""Documents drafted from the registry, never retyped (issue 10): the Bradford demo's reports as
their readers will see them, with the registry's facts and figures, in the order the law and the
council's structure give, and exempt text only where those entitled read it."""

import re
from pathlib import Path

import pytest

from governance.documents.model import (
    Audience,
    Chart,
    ExemptNotice,
    ExemptPart,
    Fields,
    Findings,
    Severity,
    Table,
)
from governance.documents.use_cases import draft_report_document
from governance.permissions import PermissionRefused
from governance.reports.model import RECIPIENTS
from governance.vocabulary import ReportKind
from registry.unit_of_work import SqlUnitOfWork

SEEDS = Path("/work/shared/seeds")
SAB, PLAN = "bsab-annual-report-2025-26", "bsab-strategic-plan-2027-28"
YEARLY, PUBLISHED_SAB = "tbp-yearly-report-2025-26", "bsab-annual-report-2024-25"
COMMITTEE = "executive-exploitation-update-2027"
MANAGER, SCHOOL_LEAD = "joanne-pickering", "lena-hart"


def document(engine, key: str, audience: Audience = Audience.RESTRICTED, reader: str = MANAGER):
    return draft_report_document(key, reader=reader, audience=audience, uow=SqlUnitOfWork(engine))


def snapshot(engine):
    with SqlUnitOfWork(engine) as uow:
        return uow.partnership.snapshot()


def table(doc, caption_starts: str) -> Table:
    return next(b for b in doc.blocks if isinstance(b, Table) and b.caption.startswith(caption_starts))


def test_the_sab_annual_report_has_a_part_per_item_of_para_4_1_in_the_order_of_the_act(bradford):
    numbered = [h.number for h in document(bradford, SAB).headings() if h.number]
    assert numbered == ["(a)", "(b)", "(c)", "(d)", "(e)", "(f)", "(g)"]


def test_part_c_is_by_member_agency_each_with_its_recorded_contribution_or_not_yet_received(bradford):
    p = snapshot(bradford)
    rows = table(document(bradford, SAB), "What each member").rows
    assert [name for name, _ in rows] == [a.name for a in p.member_agencies("bsab")]
    assert dict(rows)["Healthwatch Bradford and District"] == "Not yet received"
    assert dict(rows)["West Yorkshire Police"] == "[Demo text] Trained neighbourhood teams on cuckooing."


def test_part_g_gives_the_reason_the_reviews_register_holds_so_the_draft_no_longer_fails_it(bradford):
    doc = document(bradford, SAB)
    [row] = table(doc, "Findings the Board decided").rows
    assert row[0] == "BSAB-SAR-2025-01/2"
    assert (
        row[3]
        == "Covered by the regional advocacy contract from April 2026; a local pilot would duplicate it."
    )
    [findings] = [b for b in doc.blocks if isinstance(b, Findings)]
    assert not any("4(1)(g)" in f.source for f in findings.findings)


def test_parts_d_and_e_list_the_reviews_the_register_shows_concluded_in_and_ongoing_at_the_end_of_the_year(
    bradford,
):
    texts = [t for b in document(bradford, SAB).blocks for t in getattr(b, "items", ())]
    assert "Finding 2: Commission an independent advocacy pilot for adults at risk of exploitation." in texts
    assert "BSAB-SAR-2025-02, initiated on 1 October 2025" in texts
    assert not any(t.startswith("BSAB-SAR-2026-01") for t in texts)  # initiated after the year end


def test_the_distribution_list_names_each_para_4_2_recipient_with_what_was_sent_and_when(bradford):
    rows = table(document(bradford, PUBLISHED_SAB), "Who the report is sent to").rows
    assert [r[0] for r in rows] == [r.value for r in RECIPIENTS[ReportKind.SAB_ANNUAL_REPORT]]
    assert rows[1] == ("the leader of the council", "Cllr Margaret Lindqvist", "3 October 2025")
    assert rows[4] == ("the chair of the Health and Wellbeing Board", "Cllr Owen Pryce", "6 October 2025")
    assert {r[1] for r in table(document(bradford, SAB), "Who the report is sent to").rows} == {
        "Not yet sent"
    }


def test_the_charts_show_the_registrys_figures_saying_unit_and_whether_cumulative_or_for_the_period(bradford):
    charts = {c.title: c for c in document(bradford, SAB).blocks if isinstance(c, Chart)}
    at_risk = charts["Children assessed as at risk of child exploitation by month (count, cumulative)"]
    assert [(pt.label, pt.value) for pt in at_risk.points] == [
        ("January 2020", 283),
        ("May 2020", 389),
        ("August 2020", 311),
    ]
    assert (at_risk.x_title, at_risk.y_title) == ("Month", "Count, cumulative")
    assert "389 (count, cumulative, May 2020) (peak)" in at_risk.alternative
    missing = charts["Missing incidents reported to the police by year (count, for the period)"]
    assert [pt.value for pt in missing.points] == [3653, 2973, 1671]
    assert "Highest in 2018, lowest in 2020" in missing.alternative
    share = next(
        c for c in charts.values() if c.title.startswith("Missing incidents involving children in care")
    )
    assert share.y_title == "Percentage of missing incidents reported to the police, for the period"


def test_a_draft_opens_with_the_checks_findings_blocking_and_advisory_and_an_approved_report_has_none(
    bradford,
):
    doc = document(bradford, SAB)
    assert doc.draft and isinstance(doc.blocks[0], Findings)
    [blocking] = [f for f in doc.blocks[0].findings if f.severity is Severity.BLOCKS_APPROVAL]
    assert "Healthwatch Bradford and District" in blocking.rule and blocking.source.endswith("4(1)(c)")
    published = document(bradford, PUBLISHED_SAB)
    assert not published.draft and not any(isinstance(b, Findings) for b in published.blocks)
    assert not any(isinstance(b, Findings) for b in document(bradford, SAB, Audience.PUBLIC).blocks)


def seed_sections(name: str) -> list[str]:
    text = (SEEDS / name).read_text(encoding="utf-8")
    return re.findall(r"^\s*(?:1[0-2]|[1-9])\. ([A-Z][A-Z &]+)$", text, flags=re.MULTILINE)


@pytest.mark.parametrize("seed", ["001_4633f5d0551700fb.txt", "003_95aeb947146a965a.txt"])
def test_the_committee_reports_numbered_sections_are_the_seeds_sections_1_to_12_in_order(bradford, seed):
    sections = [(h.number, h.text.upper()) for h in document(bradford, COMMITTEE).headings() if h.level == 1]
    assert sections == [(str(n), title) for n, title in enumerate(seed_sections(seed), start=1)]


def test_section_7s_implications_are_numbered_7_1_onwards_under_section_7(bradford):
    numbers = [h.number for h in document(bradford, COMMITTEE).headings() if h.number.startswith("7.")]
    assert numbers == [f"7.{n}" for n in range(1, 10)]


def test_the_committee_reports_cover_says_who_reports_to_which_meeting_when(bradford):
    cover = dict(next(b for b in document(bradford, COMMITTEE).blocks if isinstance(b, Fields)).pairs)
    assert cover["Report of"] == "the Chief Executive"
    assert cover["To the meeting of"] == "The Executive"
    assert cover["To be held on"] == "2 February 2027"
    assert cover["Document"] == "AU"
    assert cover["Report contact"].startswith("Joanne Pickering, Business Manager")
    assert set(cover) >= {"Subject", "Summary statement", "Portfolio", "Overview & Scrutiny Area"}


def test_the_exempt_appendix_is_in_the_restricted_version_only_and_the_public_one_says_it_exists(bradford):
    restricted = document(bradford, COMMITTEE)
    [part] = [b for b in restricted.blocks if isinstance(b, ExemptPart)]
    assert (part.paragraph, part.title) == (7, "Appendix E: CSE Thematic Review updated action plan")
    exempt = restricted.exempt_texts()
    assert "[Demo text] The 30 recommendations and their actions, owners and due dates." in exempt
    public = document(bradford, COMMITTEE, Audience.PUBLIC)
    assert [b.paragraph for b in public.blocks if isinstance(b, ExemptNotice)] == [7]
    said = public.model_dump_json()
    assert exempt and not [t for t in exempt if t in said]


def test_the_restricted_version_is_refused_to_someone_without_a_role_on_the_board_and_the_public_one_is_not(
    bradford,
):
    with pytest.raises(PermissionRefused):
        document(bradford, COMMITTEE, reader=SCHOOL_LEAD)
    assert document(bradford, COMMITTEE, Audience.PUBLIC, reader=SCHOOL_LEAD).audience is Audience.PUBLIC
    assert document(bradford, SAB, reader="rukhsana-malik").audience is Audience.RESTRICTED  # BSAB's chair


def test_the_childrens_yearly_report_names_its_practice_reviews_from_the_register_and_its_lead_partners(
    bradford,
):
    doc = document(bradford, YEARLY)
    reviews = table(doc, "Practice reviews and serious incidents open during 2025/26")
    assert [r[0] for r in reviews.rows] == ["TBP-LCSPR-2025-01"]
    signatories = table(doc, "The lead safeguarding partners who sign off")
    assert sorted(name for _, name in signatories.rows) == ["Alison Fairbairn", "David Okafor", "Susan Marsh"]


def test_the_strategic_plan_says_what_each_member_will_do_and_how_healthwatch_and_the_community_took_part(
    bradford,
):
    doc = document(bradford, PLAN)
    assert [h.text for h in doc.headings()] == [
        "About this plan",
        "Our strategy",
        "What each member will do",
        "How Local Healthwatch was consulted",
        "How the community was involved",
    ]
    assert len(table(doc, "What each member").rows) == len(snapshot(bradford).member_agencies("bsab"))


def test_a_document_drafted_twice_from_the_same_registry_is_the_same_version(bradford):
    assert document(bradford, SAB).fingerprint == document(bradford, SAB).fingerprint
    assert document(bradford, SAB).fingerprint != document(bradford, SAB, Audience.PUBLIC).fingerprint
