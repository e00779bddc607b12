"""Business rules as named units, each with the message a refusal gives and its source."""

from dataclasses import dataclass


class RuleBroken(Exception):
    """A use case refused a command; ``str(error)`` says why in the users' words."""

    def __init__(self, rule: "Rule", detail: str = "") -> None:
        self.rule = rule
        super().__init__(rule.message + (f": {detail}" if detail else ""))


@dataclass(frozen=True)
class Rule:
    name: str
    message: str
    source: str


ONLY_OWNER_OR_BUSINESS_UNIT_SUBMITS_ACTION_UPDATE = Rule(
    name="only the action's owner or the business unit submits its update",
    message="Only the action's owner or the safeguarding business unit may submit an update on an action",
    source="local policy",
)
UPDATE_NEEDS_PROGRESS_TEXT = Rule(
    name="an action update says what progress was made",
    message="An action update must say what progress was made",
    source="seed 003 §2.89 (the plan is updated monthly)",
)
CLOSED_ACTIONS_TAKE_NO_UPDATES = Rule(
    name="a completed action takes no further updates",
    message="This action is complete; it takes no further updates",
    source="local policy",
)
