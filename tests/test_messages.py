"""The update request as an owner reads it (templates/messages, rendered by flows/adapters/message_templates.py):
each action with a link to its form, a named contact as Reply-To, and an exempt plan's actions spelt out
only to those entitled to see them."""

from datetime import date

from flows.adapters.message_templates import TemplateRenderer
from governance.action_plans.model import ActionPlanPolicy, review_action_plan
from governance.action_plans.use_cases import update_request
from governance.vocabulary import Role
from tests.builders import holding, make_action, make_person

AS_OF = date(2026, 2, 3)
MANAGER = holding("manager", (Role.BUSINESS_MANAGER, None), name="Joanne Pickering")
ON_THE_BOARD = holding("owner", (Role.AGENCY_REPRESENTATIVE, "tbp"), name="Olu Owner")
ON_NO_BODY = holding("owner", (Role.AGENCY_REPRESENTATIVE, "bsab"), name="Olu Owner")
RENDERER = TemplateRenderer("https://governance.example.org/")


def request_for(*actions, owner=ON_THE_BOARD, deadline_ids=None):
    reviews = review_action_plan(list(actions), AS_OF, ActionPlanPolicy())
    return update_request(
        owner,
        reviews,
        AS_OF,
        RENDERER,
        partnership_key="bradford",
        contact=MANAGER,
        deadline_ids=deadline_ids,
    )


def test_the_request_names_the_month_the_due_date_and_each_action_with_how_it_stands():
    message = request_for(
        make_action("P/R01.1", due_on=date(2026, 1, 30)), make_action("P/R02.1", due_on=date(2026, 2, 10))
    )
    assert message.subject == "Action plan update for February 2026: 2 actions awaiting your update"
    assert "by Friday 27 February 2026" in message.body  # the last working day of the month
    assert "Due Friday 30 January 2026: OVERDUE (by 4 days)" in message.body
    assert "Due Tuesday 10 February 2026: DUE SOON" in message.body
    assert message.key == "action-plan-update/2026-02/owner"


def test_each_action_links_to_its_update_form_and_nobody_is_asked_to_reply():
    body = request_for(make_action("P/R01.1")).body
    assert "https://governance.example.org/submit?partnership=bradford&action=P%2FR01.1" in body
    assert "reply" not in body.lower()


def test_the_request_names_the_business_manager_as_contact_and_replies_go_to_her():
    message = request_for(make_action())
    assert "Your contact: Joanne Pickering, Business manager, Safeguarding Business Unit" in message.body
    assert message.reply_to == "manager@agency.example"


def test_an_exempt_plan_is_marked_not_for_publication_with_its_paragraph_for_those_entitled():
    message = request_for(make_action(plan_exempt_paragraph=7))
    assert "not for publication" in message.body and "Schedule 12A, paragraph 7" in message.body
    assert "Review the multi-agency risk assessment tool" in message.body


def test_an_owner_on_none_of_an_exempt_plans_bodies_is_told_only_that_an_exempt_item_needs_them():
    action = make_action("CSE-2021/R01.1", plan_exempt_paragraph=7)
    message = request_for(action, owner=ON_NO_BODY, deadline_ids={"CSE-2021/R01.1": 41})
    assert "An exempt item needs your update: sign in to see it" in message.body
    for exempt in (action.text, action.plan_title, action.reference, "Schedule 12A", "CSE"):
        assert exempt not in message.subject + message.body
    assert "https://governance.example.org/submit?partnership=bradford&deadline=41" in message.body


def test_an_owner_in_the_business_unit_may_see_the_exempt_plan():
    unit = make_person("owner", Role.DEPUTY_BUSINESS_MANAGER, name="Olu Owner")
    assert "Review the multi-agency" in request_for(make_action(plan_exempt_paragraph=7), owner=unit).body


def test_a_plan_that_is_not_exempt_is_shown_to_anyone_without_an_exemption_notice():
    body = request_for(make_action(), owner=ON_NO_BODY).body
    assert "Review the multi-agency risk assessment tool" in body and "Schedule 12A" not in body
