"""The partnership's own words for its bodies and roles."""

from enum import StrEnum


class BoardKind(StrEnum):
    CHILDRENS_PARTNERSHIP = "children's safeguarding partnership"
    ADULTS_BOARD = "safeguarding adults board"
    COMMUNITY_SAFETY = "community safety partnership"
    COUNCIL_COMMITTEE = "council committee"


class Role(StrEnum):
    INDEPENDENT_CHAIR = "independent chair"
    INDEPENDENT_SCRUTINEER = "independent scrutineer"
    BUSINESS_MANAGER = "business manager"
    DEPUTY_BUSINESS_MANAGER = "deputy business manager"
    BUSINESS_ADMINISTRATOR = "business administrator"
    SUB_GROUP_CHAIR = "sub-group chair"
    SUB_GROUP_LEAD = "sub-group lead"
    MEMBER = "member"
    AGENCY_REPRESENTATIVE = "agency representative"
    COMMITTEE_CHAIR = "committee chair"
    AREA_COORDINATOR = "area co-ordinator"


class ActionStatus(StrEnum):
    OPEN = "open"
    COMPLETE = "complete"
