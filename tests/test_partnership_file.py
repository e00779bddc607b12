"""Rules for the partnership file: the Bradford demo, loading it into the registry, and broken files."""

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import exc, func
from sqlmodel import Session, select

from registry import tables as m
from registry.partnership_file.file import PartnershipFile, PartnershipFileError, read_partnership_file
from registry.partnership_file.loader import (
    BRADFORD_DEMO,
    load_partnership,
    load_partnership_file,
    registry_is_empty,
)
from registry.tables import partnership as pt

EXPECTED_ROWS = {
    "Partnership": 1, "Board": 8, "Meeting": 41, "Agency": 23, "SubGroup": 8, "ReportingLine": 12,
    "Person": 32, "Membership": 44, "Plan": 1, "Recommendation": 30, "Action": 38,
    "ProtocolReview": 1, "Resolution": 4, "Enquiry": 2, "CaseReview": 8, "ReviewFinding": 3,
    "Report": 6, "ReportApproval": 7, "ReportDispatch": 8, "Statistic": 6, "StatisticValue": 13,
    "StatutoryAddressee": 7,
}  # fmt: skip
TODAY = date(2026, 11, 22)


def demo() -> dict[str, Any]:
    return yaml.safe_load(BRADFORD_DEMO.read_text(encoding="utf-8"))


def write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "partnership.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def row_counts(engine) -> dict[str, int]:
    with Session(engine) as session:
        return {
            name: session.exec(
                select(func.count()).select_from(getattr(m, name, None) or getattr(pt, name))
            ).one()
            for name in EXPECTED_ROWS
        }


def last_action(data: dict[str, Any]) -> dict[str, Any]:
    return data["plans"][-1]["recommendations"][-1]["actions"][-1]


# The demo file


def test_the_demo_file_is_valid_with_thirty_recommendations_and_a_tri_board_exploitation_sub_group():
    file = read_partnership_file(BRADFORD_DEMO)
    (plan,) = file.plans
    assert [r.number for r in plan.recommendations] == list(range(1, 31))
    assert sum(len(r.actions) for r in plan.recommendations) == 38
    assert (plan.board, plan.lead_sub_group, plan.exempt_paragraph) == ("tbp", "all-age-exploitation", 7)
    aae = next(s for s in file.sub_groups if s.key == "all-age-exploitation")
    assert set(aae.reports_to) == {"tbp", "bsab"}
    assert {a.key for a in file.agencies if a.statutory_partner} == {
        "bradford-council",
        "west-yorkshire-police",
        "wy-icb-bradford",
    }


def test_the_demo_people_are_fictional_on_reserved_domains_and_recommendations_are_placeholders():
    file = read_partnership_file(BRADFORD_DEMO)
    assert all(p.email.endswith(".example") for p in file.people)
    real_names = {"Kersten England", "Darren Minton", "Richard Padwell", "Sarah Henry"}
    assert not real_names & {p.name for p in file.people}
    assert all(r.text.startswith("[Placeholder] Recommendation ") for r in file.plans[0].recommendations)


def test_the_demo_plan_has_overdue_due_soon_and_completed_actions_as_of_today():
    actions = [a for r in read_partnership_file(BRADFORD_DEMO).plans[0].recommendations for a in r.actions]
    overdue = [a for a in actions if a.completed_on is None and a.due_on < TODAY]
    due_soon = [a for a in actions if a.completed_on is None and TODAY < a.due_on <= date(2026, 12, 6)]
    completed = [a for a in actions if a.completed_on]
    assert len(overdue) >= 3 and len(due_soon) >= 2
    assert any(a.due_on == date(2026, 1, 30) for a in actions)
    assert max(a.completed_on for a in completed) <= date(2026, 11, 20)
    assert sum(a.completed_on > a.due_on for a in completed) == 2
    assert len({a.owner for a in actions}) in range(8, 11)


# Loading into the registry


def test_the_demo_partnership_loads_on_sqlite_and_postgresql(engine):
    report = load_partnership_file(engine)
    assert report["created"] == sum(EXPECTED_ROWS.values())
    assert row_counts(engine) == EXPECTED_ROWS
    with Session(engine) as session:
        boards = session.exec(
            select(m.Board.key)
            .join(m.ReportingLine, m.ReportingLine.board_id == m.Board.id)
            .join(m.SubGroup, m.SubGroup.id == m.ReportingLine.sub_group_id)
            .where(m.SubGroup.key == "all-age-exploitation")
            .order_by(m.Board.key)
        ).all()
        assert boards == ["bsab", "tbp"]


def test_loading_the_same_file_twice_changes_nothing(engine):
    load_partnership_file(engine)
    before = row_counts(engine)
    second = load_partnership_file(engine)
    assert (second["created"], second["updated"], second["unchanged"]) == (0, 0, sum(EXPECTED_ROWS.values()))
    assert row_counts(engine) == before


def test_a_changed_file_updates_the_changed_row_only(engine, tmp_path):
    load_partnership_file(engine)
    data = demo()
    data["plans"][0]["recommendations"][3]["actions"][0]["due_on"] = date(2026, 4, 30)
    report = load_partnership_file(engine, write(tmp_path, data))
    assert (report["created"], report["updated"]) == (0, 1)
    assert row_counts(engine) == EXPECTED_ROWS
    with Session(engine) as session:
        action = session.exec(select(m.Action).where(m.Action.reference == "CSE-2021/R04.1")).one()
        assert action.due_on == date(2026, 4, 30)


def test_an_extended_action_keeps_its_extended_date_when_the_file_is_loaded_again(engine):
    load_partnership_file(engine)
    with Session(engine) as session:
        action = session.exec(select(m.Action).where(m.Action.reference == "CSE-2021/R07.2")).one()
        action.due_on, action.extensions = date(2027, 1, 29), 1
        session.add(action)
        session.commit()
    load_partnership_file(engine)
    with Session(engine) as session:
        action = session.exec(select(m.Action).where(m.Action.reference == "CSE-2021/R07.2")).one()
    assert (action.due_on, action.original_due_on, action.extensions) == (
        date(2027, 1, 29),
        date(2026, 12, 4),
        1,
    )


def test_a_report_once_loaded_follows_its_workflow_and_a_reload_does_not_overwrite_it(engine, tmp_path):
    load_partnership_file(engine)
    data = demo()
    data["reports"][3]["title"] = "A title from the file"
    load_partnership_file(engine, write(tmp_path, data))
    with Session(engine) as session:
        assert (
            session.exec(select(m.Report.title).where(m.Report.key == "bsab-annual-report-2025-26")).one()
            == "Bradford Safeguarding Adults Board annual report 2025/26"
        )


# Broken files: the message names the entry


def unknown_owner(data: dict[str, Any]) -> list[str]:
    last_action(data)["owner"] = "no-such-person"
    return ["CSE-2021/R30.1", "'no-such-person'", "not defined"]


def bad_board_kind(data: dict[str, Any]) -> list[str]:
    data["boards"][2]["kind"] = "safeguarding board"
    return ["boards[2] csp › kind"]


def duplicate_person(data: dict[str, Any]) -> list[str]:
    data["people"].append({**data["people"][0], "email": "someone.else@bradford-council.example"})
    return ["person key 'helen-achebe' appears 2 times"]


def impossible_date(data: dict[str, Any]) -> list[str]:
    data["plans"][0]["recommendations"][4]["actions"][0]["due_on"] = "2026-02-30"
    return ["recommendations[4] 5 › actions[0] CSE-2021/R05.1 › due_on"]


def unknown_action_owner_of_a_resolution(data: dict[str, Any]) -> list[str]:
    data["resolutions"][1]["action_owner"] = "the-chief-executive"
    return [
        "resolutions[1] keighley-2026-01-22-r2 › action_owner: person 'the-chief-executive' is not defined"
    ]


def enquiry_answered_before_it_was_received(data: dict[str, Any]) -> list[str]:
    data["enquiries"][0]["answered_on"] = "2026-06-01"
    return ["enquiries[0] ENQ-2026-011", "answered_on (2026-06-01) is before received_on (2026-06-18)"]


def review_concluded_before_it_began(data: dict[str, Any]) -> list[str]:
    data["case_reviews"][5]["concluded_on"] = "2025-01-01"
    return [
        "case_reviews[5] BSAB-SAR-2025-01",
        "concluded_on (2025-01-01) is before initiated_on (2025-03-03)",
    ]


def finding_not_implemented_without_a_date(data: dict[str, Any]) -> list[str]:
    del data["case_reviews"][5]["findings"][1]["decided_on"]
    return ["findings[1] 2", "a finding not implemented needs the date of that decision"]


def report_with_a_part_its_kind_does_not_have(data: dict[str, Any]) -> list[str]:
    data["reports"][3]["content"]["objectve"] = "typo"
    return [
        "reports[3] bsab-annual-report-2025-26",
        "not the content of a SAB annual report: content › objectve: Extra inputs are not permitted",
    ]


def sab_report_for_the_childrens_partnership(data: dict[str, Any]) -> list[str]:
    data["reports"][3]["board"] = "tbp"
    return [
        "reports[3] bsab-annual-report-2025-26 › board: a SAB annual report is not for tbp (a children's safeguarding partnership)"
    ]


def committee_report_for_a_meeting_not_on_the_calendar(data: dict[str, Any]) -> list[str]:
    data["reports"][5]["meeting_on"] = "2027-02-03"
    return [
        "reports[5] executive-exploitation-update-2027 › meeting_on: 2027-02-03 is not a meeting of executive"
    ]


def percentage_without_its_denominator(data: dict[str, Any]) -> list[str]:
    del data["statistics"][2]["denominator"]
    return ["statistics[2] missing-incidents-children-in-care", "a percentage needs its denominator"]


def figure_that_does_not_say_whether_it_is_cumulative(data: dict[str, Any]) -> list[str]:
    del data["statistics"][0]["measure"]
    return ["statistics[0] children-at-risk-of-exploitation › measure: required, but missing"]


def target_day_that_does_not_come_every_year(data: dict[str, Any]) -> list[str]:
    data["policy"]["yearly_report_due"] = "02-29"
    return ["policy › yearly_report_due", "'02-29' is not a day that comes every year"]


@pytest.mark.parametrize(
    "break_it",
    [
        unknown_owner, bad_board_kind, duplicate_person, impossible_date, unknown_action_owner_of_a_resolution,
        enquiry_answered_before_it_was_received, review_concluded_before_it_began, finding_not_implemented_without_a_date,
        report_with_a_part_its_kind_does_not_have, sab_report_for_the_childrens_partnership, committee_report_for_a_meeting_not_on_the_calendar,
        percentage_without_its_denominator, figure_that_does_not_say_whether_it_is_cumulative, target_day_that_does_not_come_every_year,
    ],
    ids=lambda f: f.__name__,
)  # fmt: skip
def test_a_broken_file_is_refused_with_a_message_naming_the_entry(
    tmp_path, break_it: Callable[[dict[str, Any]], list[str]]
):
    data = demo()
    fragments = break_it(data)
    with pytest.raises(PartnershipFileError) as refused:
        read_partnership_file(write(tmp_path, data))
    for fragment in fragments:
        assert fragment in str(refused.value)


def test_a_file_that_is_not_yaml_is_refused_with_its_path(tmp_path):
    path = tmp_path / "partnership.yaml"
    path.write_text("partnership: {key: bradford\nboards: [", encoding="utf-8")
    with pytest.raises(PartnershipFileError, match="not valid YAML") as refused:
        read_partnership_file(path)
    assert str(path) in str(refused.value)


def test_an_impossible_unquoted_date_is_a_file_error_not_a_crash(tmp_path):
    path = tmp_path / "partnership.yaml"
    path.write_text(
        BRADFORD_DEMO.read_text(encoding="utf-8").replace("due_on: 2026-01-30", "due_on: 2026-02-30"),
        encoding="utf-8",
    )
    with pytest.raises(PartnershipFileError, match="CSE-2021/R01.1"):
        read_partnership_file(path)


# All or nothing


def test_a_broken_file_writes_nothing(engine, tmp_path):
    data = demo()
    unknown_owner(data)
    with pytest.raises(PartnershipFileError):
        load_partnership_file(engine, write(tmp_path, data))
    assert registry_is_empty(engine)


def test_a_file_the_database_rejects_part_way_through_leaves_the_registry_as_it_was(engine):
    # The schema bounds recommendation numbers, so the out-of-range number is put in past validation
    # (model_construct), as a gap in the schema would; neither database can take 2**63 as an INTEGER,
    # and the last recommendation is the last thing loaded.
    load_partnership_file(engine)
    data = demo()
    data["partnership"]["name"] = "Renamed before the failure"
    file = PartnershipFile.model_validate(data)
    plan = file.plans[-1]
    last = plan.recommendations[-1]
    broken = type(last).model_construct(**{**dict(last), "number": 2**63})
    plan = plan.model_copy(update={"recommendations": [*plan.recommendations[:-1], broken]})
    file = file.model_copy(update={"plans": [*file.plans[:-1], plan]})
    with pytest.raises((exc.DataError, OverflowError)):  # PostgreSQL; SQLite's driver
        load_partnership(engine, file)
    assert row_counts(engine) == EXPECTED_ROWS
    with Session(engine) as session:
        assert session.exec(select(m.Partnership.name)).one() == "Bradford District safeguarding partnerships"


def test_two_meetings_of_one_board_on_the_same_day_are_refused(tmp_path):
    data = demo()
    data["boards"][0]["meetings"].append(dict(data["boards"][0]["meetings"][0]))
    with pytest.raises(PartnershipFileError, match="meeting date of board tbp"):
        read_partnership_file(write(tmp_path, data))
