"""Rules for finding who holds what: the indexed lookups give exactly what a scan of everyone gives,
in the same order, for every role, body and agency of the Bradford demo."""

import pytest
from sqlmodel import Session

from governance.partnership.model import PartnershipOnRecord
from governance.partnership.people import PersonOnRecord
from governance.vocabulary import Role
from registry.sql.partnership_records import SqlPartnershipRecords
from registry.sql.scope import Scope, chosen_partnership_id
from tests.builders import holding, make_partnership


def scanned_holders(partnership: PartnershipOnRecord, role: Role, body: str | None) -> list[PersonOnRecord]:
    """Who holds ``role`` (on ``body``), found the slow way: every person, every role, sorted by key."""
    return sorted(
        (
            p
            for p in partnership.people
            if any(h.role is role and (body is None or h.body_key == body) for h in p.roles)
        ),
        key=lambda p: p.key,
    )


@pytest.fixture
def demo(bradford) -> PartnershipOnRecord:
    with Session(bradford) as session:
        return SqlPartnershipRecords(Scope(session, chosen_partnership_id(session, "bradford"))).snapshot()


def test_the_holders_of_every_role_on_every_body_are_those_a_scan_finds_in_key_order(demo):
    bodies = [None, *(b.key for b in demo.boards), *(g.key for g in demo.sub_groups), "no-such-board"]
    for role in Role:
        for body in bodies:
            assert demo.holders(role, body) == scanned_holders(demo, role, body), (role, body)


def test_an_agencys_contact_is_its_first_person_holding_the_first_role_it_has_else_the_business_manager(demo):
    roles = (Role.AGENCY_REPRESENTATIVE, Role.MEMBER, Role.LEAD_SAFEGUARDING_PARTNER)
    for agency in demo.agencies:
        expected = next(
            (p for role in roles for p in scanned_holders(demo, role, None) if p.agency_key == agency.key),
            demo.business_manager(),
        )
        assert demo.agency_contact(agency.key, *roles) == expected, agency.key
    assert demo.agency_contact("hmrc", Role.AGENCY_REPRESENTATIVE).key == "joanne-pickering"


def test_the_business_manager_is_the_manager_else_a_deputy_else_an_administrator():
    deputies = (holding("b-deputy", (Role.DEPUTY_BUSINESS_MANAGER, None)), holding("a-deputy", (Role.DEPUTY_BUSINESS_MANAGER, None)))  # fmt: skip
    assert make_partnership().business_manager().key == "manager"
    assert make_partnership(people=deputies).business_manager().key == "a-deputy"
    admin = holding("admin", (Role.BUSINESS_ADMINISTRATOR, None))
    assert make_partnership(people=(admin,)).business_manager().key == "admin"
    with pytest.raises(LookupError, match="nobody in the business unit"):
        make_partnership(people=()).business_manager()


def test_a_copy_with_other_people_finds_its_own_people_not_the_originals():
    original = make_partnership()
    assert original.holders(Role.INDEPENDENT_CHAIR, "tbp")[0].key == "tbp-chair"
    new_chair = holding("new-chair", (Role.INDEPENDENT_CHAIR, "tbp"))
    copy = original.model_copy(update={"people": (*original.people[:1], new_chair)})
    assert [p.key for p in copy.holders(Role.INDEPENDENT_CHAIR, "tbp")] == ["new-chair"]
    assert copy.person("new-chair") == new_chair
    assert [p.key for p in original.holders(Role.INDEPENDENT_CHAIR, "tbp")] == ["tbp-chair"]


def test_a_person_is_found_by_key_and_an_unknown_key_is_not_found():
    partnership = make_partnership()
    assert partnership.person("scrutineer").holds(Role.INDEPENDENT_SCRUTINEER)
    with pytest.raises(StopIteration):
        partnership.person("nobody")


def test_the_first_holder_takes_the_candidates_in_order_else_the_business_manager():
    partnership = make_partnership()
    candidates = [(Role.INDEPENDENT_SCRUTINEER, "bsab"), (Role.INDEPENDENT_CHAIR, "bsab")]
    assert partnership.first_holder(candidates).key == "bsab-chair"
    assert partnership.first_holder([(Role.COUNCIL_LEADER, None)]).key == "manager"


def test_two_snapshots_with_the_same_facts_are_equal_whether_or_not_either_was_asked_anything():
    asked, fresh = make_partnership(), make_partnership()
    asked.holders(Role.INDEPENDENT_CHAIR)
    assert asked == fresh
    assert hash(asked.people) == hash(fresh.people)
