"""Builders for the domain's values, with defaults that keep a test to what it is about."""

from datetime import date

from governance.action_plans.model import ActionOnRecord
from governance.partnership.model import BoardOnRecord, PartnershipOnRecord
from governance.partnership.people import PersonOnRecord, RoleHeld
from governance.vocabulary import Role
from registry.partnership_file.file import PartnershipFile


def make_action(reference: str = "CSE-2021/R01.1", **overrides: object) -> ActionOnRecord:
    values: dict[str, object] = dict(
        reference=reference,
        text="Review the multi-agency risk assessment tool",
        plan_key="cse-thematic-review-2021",
        plan_title="CSE Thematic Review action plan",
        plan_starts_on=date(2026, 1, 1),
        board_key="tbp",
        owner_key="owner",
        owner_name="Olu Owner",
        due_on=date(2026, 6, 30),
    )
    values.update(overrides)
    return ActionOnRecord.model_validate(values)


def make_person(key: str = "owner", *roles: Role, name: str | None = None) -> PersonOnRecord:
    return PersonOnRecord(
        key=key,
        name=name or key.replace("-", " ").title(),
        email=f"{key}@agency.example",
        roles=frozenset(RoleHeld(role=r) for r in roles),
    )


def small_partnership(**plan_overrides: object) -> PartnershipFile:
    """A partnership with one board, a tri-board sub-group, a business manager and two action owners."""

    plan = {
        "key": "plan",
        "title": "Thematic review action plan",
        "board": "tbp",
        "starts_on": "2026-01-01",
        "recommendations": [
            {
                "number": 1,
                "text": "[Placeholder] one",
                "actions": [
                    {"reference": "P/R01.1", "text": "Do one", "owner": "amira", "due_on": "2026-01-16"}
                ],
            },
            {
                "number": 2,
                "text": "[Placeholder] two",
                "actions": [
                    {"reference": "P/R02.1", "text": "Do two", "owner": "ben", "due_on": "2026-03-31"}
                ],
            },
        ],
    }
    plan.update(plan_overrides)
    return PartnershipFile.model_validate(
        {
            "partnership": {"key": "test", "name": "Test partnerships", "area": "Testshire"},
            "boards": [
                {
                    "key": "tbp",
                    "name": "Children's partnership",
                    "short_name": "TBP",
                    "kind": "children's safeguarding partnership",
                },
                {
                    "key": "bsab",
                    "name": "Adults board",
                    "short_name": "BSAB",
                    "kind": "safeguarding adults board",
                },
            ],
            "agencies": [{"key": "police", "name": "West Yorkshire Police", "statutory_partner": True}],
            "sub_groups": [{"key": "aae", "name": "All-Age Exploitation", "reports_to": ["tbp", "bsab"]}],
            "people": [
                {"key": "amira", "name": "Amira Test", "email": "amira@police.example", "agency": "police"},
                {"key": "ben", "name": "Ben Test", "email": "ben@police.example", "agency": "police"},
                {
                    "key": "manager",
                    "name": "Mo Manager",
                    "email": "manager@unit.example",
                    "roles": [{"role": "business manager"}],
                },
                {
                    "key": "chair",
                    "name": "Cat Chair",
                    "email": "chair@unit.example",
                    "roles": [{"role": "independent chair", "board": "tbp"}],
                },
            ],
            "plans": [plan],
        }
    )


# --- the governance engine: a partnership as the rules see it ------------------------------


def make_board(
    key: str = "tbp", kind: str = "children's safeguarding partnership", *meetings: date, **overrides: object
) -> BoardOnRecord:
    from governance.partnership.model import MeetingOnRecord

    values: dict[str, object] = dict(
        key=key,
        name=key.upper(),
        short_name=key.upper(),
        kind=kind,
        meetings=tuple(MeetingOnRecord(held_on=m) for m in meetings),
    )
    values.update(overrides)
    return BoardOnRecord.model_validate(values)


def holding(
    key: str, *roles: tuple[Role, str | None], agency: str | None = None, name: str | None = None
) -> PersonOnRecord:
    """A person holding roles on bodies: ``holding("chair", (Role.INDEPENDENT_CHAIR, "tbp"))``."""
    return PersonOnRecord(
        key=key,
        name=name or key.replace("-", " ").title(),
        email=f"{key}@agency.example",
        agency_key=agency,
        roles=frozenset(RoleHeld(role=r, body_key=b) for r, b in roles),
    )


def make_partnership(**overrides: object) -> PartnershipOnRecord:
    """One children's partnership (TBP) and one adults board (BSAB), a business manager and their chairs.

    Override any part: ``make_partnership(boards=(...), case_reviews=(...), policy=GovernancePolicy(...))``.
    """
    values: dict[str, object] = dict(
        key="test",
        name="Test partnerships",
        boards=(make_board("tbp"), make_board("bsab", "safeguarding adults board")),
        people=(
            holding("manager", (Role.BUSINESS_MANAGER, None)),
            holding("tbp-chair", (Role.INDEPENDENT_CHAIR, "tbp")),
            holding("scrutineer", (Role.INDEPENDENT_SCRUTINEER, "tbp")),
            holding("bsab-chair", (Role.INDEPENDENT_CHAIR, "bsab")),
        ),
    )
    values.update(overrides)
    return PartnershipOnRecord.model_validate(values)
