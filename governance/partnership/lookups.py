"""Who holds what, indexed once per snapshot: the rules ask "who is the chair of this board?" for
every deadline of every day, so the answer is a dictionary lookup, not a scan of everyone.

``PartnershipOnRecord`` builds one of these from its people the first time it is asked, and again
only if its people change (a copy with other people).
"""

from collections import defaultdict

from governance.partnership.people import PersonOnRecord
from governance.vocabulary import Role

BUSINESS_MANAGERS = (Role.BUSINESS_MANAGER, Role.DEPUTY_BUSINESS_MANAGER, Role.BUSINESS_ADMINISTRATOR)
"""Who answers for the business unit, in order: the manager, else a deputy, else an administrator."""


class Lookups:
    def __init__(self, people: tuple[PersonOnRecord, ...]) -> None:
        self.people = people
        self.by_key = {p.key: p for p in reversed(people)}  # the first of a key wins, as a scan would
        self.by_role: dict[Role, list[PersonOnRecord]] = defaultdict(list)
        self.by_role_on: dict[tuple[Role, str | None], list[PersonOnRecord]] = defaultdict(list)
        self.by_role_in: dict[tuple[Role, str | None], PersonOnRecord] = {}
        for person in sorted(people, key=lambda p: p.key):
            for role in {held.role for held in person.roles}:
                self.by_role[role].append(person)
                self.by_role_in.setdefault((role, person.agency_key), person)
            for place in {(held.role, held.body_key) for held in person.roles}:
                self.by_role_on[place].append(person)
        self.business_manager = next(
            (found[0] for role in BUSINESS_MANAGERS if (found := self.by_role.get(role))), None
        )

    def holders(self, role: Role, body_key: str | None) -> list[PersonOnRecord]:
        found = self.by_role.get(role) if body_key is None else self.by_role_on.get((role, body_key))
        return list(found or ())
