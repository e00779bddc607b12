"""The Registry page through AppTest, on a copy of the demo registry: the business manager sees the
registry with a form per change; a refused change says why and changes nothing; a good one shows."""

from datetime import date

import pytest

from tests.test_app import EMAIL, demo, open_page, prepared, signed_in_as, texts  # noqa: F401  (fixtures)

FORMS = ["Add a meeting", "Add a board", "Add a sub-group", "Change whom a sub-group reports to", "Add an agency", "Add a person", "Give a role", "End a role", "Add a resolution",
         "Record a review's date", "Record a decision on a finding", "Record an enquiry", "Record an answer"]  # fmt: skip


pytestmark = pytest.mark.usefixtures("demo")  # a copy of the demo registry for each test


def registry_page():
    return open_page(signed_in_as("joanne-pickering"), "registry.py")


def press(at, label: str):
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, at.exception
    return at


def test_the_business_manager_sees_the_registry_with_a_form_for_each_change():
    at = registry_page()
    assert [t.value for t in at.title] == ["Registry"]
    assert [h.value for h in at.subheader] == FORMS
    assert "Helen Achebe" in at.table[3].value["Name"].tolist()


def test_a_chair_is_offered_no_registry_page_and_so_no_form():
    at = signed_in_as("helen-achebe")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("views/registry.py")
    assert "Add a meeting" not in [h.value for h in at.subheader]


def test_a_person_with_an_address_already_used_is_refused_with_the_reason():
    at = registry_page()
    at.text_input(key="person_name").set_value("Helen Achebe Two")
    at.text_input(key="person_email").set_value(EMAIL["helen-achebe"])
    press(at, "Add the person")
    assert "Not done: nothing was changed." in texts(at)
    assert "is already the address of people[" in texts(at)
    assert "Helen Achebe Two" not in at.table[3].value["Name"].tolist()


def test_an_answer_before_the_enquiry_was_received_is_refused_with_the_reason():
    at = registry_page()
    at.date_input(key="answer_answered_on").set_value(date(2026, 1, 1))
    press(at, "Record the answer")
    assert "answered_on (2026-01-01) is before received_on (2026-11-20)" in texts(at)


def test_a_meeting_added_shows_on_the_board_and_says_what_was_done():
    at = registry_page()
    at.date_input(key="meeting_held_on").set_value(date(2027, 3, 9))
    at.text_input(key="meeting_title").set_value("Spring meeting")
    press(at, "Add the meeting")
    assert "Meeting of TBP on 9 Mar 2027 added." in texts(at)
    assert "9 Mar 2027" in at.table[0].value["Meetings"].iloc[0]


def roles_of(at, name: str) -> str:
    people = at.table[3].value
    return people.loc[people["Name"] == name, "Roles"].iloc[0]


def test_a_role_given_shows_against_the_person_and_ends_when_ended():
    at = registry_page()
    before = roles_of(at, "Helen Achebe")
    at.selectbox(key="role_person").set_value("helen-achebe")
    at.selectbox(key="role_role").set_value("member")
    at.selectbox(key="role_body").set_value("board:bsab")
    press(at, "Give the role")
    assert "Helen Achebe is now member on BSAB." in texts(at)
    assert roles_of(at, "Helen Achebe") != before
    at.selectbox(key="end_role_held").set_value("helen-achebe|member|bsab")
    press(at, "End the role")
    assert "Ended: Helen Achebe, member on BSAB." in texts(at)
    assert roles_of(at, "Helen Achebe") == before


def test_a_sub_group_added_shows_with_the_boards_it_reports_to():
    at = registry_page()
    at.text_input(key="group_name").set_value("Neglect Strategy")
    at.multiselect(key="group_reports_to").set_value(["tbp", "bsab"])
    press(at, "Add the sub-group")
    assert "Neglect Strategy added." in texts(at)
    groups = at.table[1].value
    assert groups.loc[groups["Sub-group"] == "Neglect Strategy", "Reports to"].iloc[0] == "TBP, BSAB"


def test_a_sub_group_reporting_to_no_board_is_refused_with_the_reason():
    at = registry_page()
    at.selectbox(key="lines_group").set_value("training")
    at.multiselect(key="lines_reports_to").set_value([])
    press(at, "Change the reporting lines")
    assert "Not done: nothing was changed." in texts(at)
    assert "training › reports_to: List should have at least 1 item" in texts(at)


def test_a_reporting_line_added_shows_and_one_ended_goes():
    at = registry_page()
    at.selectbox(key="lines_group").set_value("training")
    at.multiselect(key="lines_reports_to").set_value(["tbp", "bsab", "csp"])
    press(at, "Change the reporting lines")
    assert "Training now reports to TBP, BSAB, CSP." in texts(at)
    groups = at.table[1].value
    assert groups.loc[groups["Sub-group"] == "Training", "Reports to"].iloc[0] == "TBP, BSAB, CSP"
    at.multiselect(key="lines_reports_to").set_value(["tbp"])
    press(at, "Change the reporting lines")
    assert "Training now reports to TBP." in texts(at)
    groups = at.table[1].value
    assert groups.loc[groups["Sub-group"] == "Training", "Reports to"].iloc[0] == "TBP"
