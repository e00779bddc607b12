"""The update request as an owner reads it (templates/messages, rendered by flows/adapters/message_templates.py)."""

from datetime import date

from flows.adapters.message_templates import TemplateRenderer
from governance.action_plans.model import ActionPlanPolicy, review_action_plan
from governance.action_plans.use_cases import update_request
from tests.builders import make_action, make_person

AS_OF = date(2026, 2, 3)


def request_for(*actions):
    reviews = review_action_plan(list(actions), AS_OF, ActionPlanPolicy())
    return update_request(make_person("owner", name="Olu Owner"), reviews, AS_OF, TemplateRenderer())


def test_the_request_names_the_month_the_due_date_and_each_action_with_how_it_stands():
    message = request_for(
        make_action("P/R01.1", due_on=date(2026, 1, 30)), make_action("P/R02.1", due_on=date(2026, 2, 10))
    )
    assert message.subject == "Action plan update for February 2026: 2 actions awaiting your update"
    assert "by Friday 27 February 2026" in message.body  # the last working day of the month
    assert "Due Friday 30 January 2026: OVERDUE (by 4 days)" in message.body
    assert "Due Tuesday 10 February 2026: DUE SOON" in message.body
    assert message.key == "action-plan-update/2026-02/owner"


def test_an_exempt_plan_is_marked_not_for_publication_with_its_paragraph():
    message = request_for(make_action(plan_exempt_paragraph=7))
    assert "not for publication" in message.body and "Schedule 12A, paragraph 7" in message.body


def test_a_plan_that_is_not_exempt_carries_no_exemption_notice():
    assert "Schedule 12A" not in request_for(make_action()).body
