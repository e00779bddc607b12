"""The partnership's own words for its bodies, organisations and roles."""

from enum import StrEnum


class BoardKind(StrEnum):
    CHILDRENS_PARTNERSHIP = "children's safeguarding partnership"
    ADULTS_BOARD = "safeguarding adults board"
    COMMUNITY_SAFETY = "community safety partnership"
    COUNCIL_COMMITTEE = "council committee"
    AREA_COMMITTEE = "area committee"
    """A council committee for one area of the district (e.g. Keighley); it asks for 6-monthly updates."""

    @property
    def is_council_committee(self) -> bool:
        return self in (BoardKind.COUNCIL_COMMITTEE, BoardKind.AREA_COMMITTEE)


class AgencyKind(StrEnum):
    ORGANISATION = "organisation"
    SCHOOL = "school"
    """A school: completes the annual Section 175/157 safeguarding audit."""


class Role(StrEnum):
    INDEPENDENT_CHAIR = "independent chair"
    INDEPENDENT_SCRUTINEER = "independent scrutineer"
    LEAD_SAFEGUARDING_PARTNER = "lead safeguarding partner"
    """The head of a statutory safeguarding partner (council, ICB, police) who signs off the yearly report."""
    BUSINESS_MANAGER = "business manager"
    DEPUTY_BUSINESS_MANAGER = "deputy business manager"
    BUSINESS_ADMINISTRATOR = "business administrator"
    SUB_GROUP_CHAIR = "sub-group chair"
    SUB_GROUP_LEAD = "sub-group lead"
    MEMBER = "member"
    AGENCY_REPRESENTATIVE = "agency representative"
    COMMITTEE_CHAIR = "committee chair"
    AREA_COORDINATOR = "area co-ordinator"
    COUNCIL_CHIEF_EXECUTIVE = "council chief executive"
    COUNCIL_LEADER = "council leader"
    LOCAL_POLICING_BODY = "local policing body"
    """The Police and Crime Commissioner, or (West Yorkshire) the Mayor, or their office."""
    HEALTHWATCH = "local healthwatch"
    HEALTH_AND_WELLBEING_BOARD_CHAIR = "health and wellbeing board chair"
    DESIGNATED_SAFEGUARDING_LEAD = "designated safeguarding lead"

    @property
    def is_held_on_a_body(self) -> bool:
        """Held on one board or sub-group, and only there (a chair chairs one board); the rest,
        such as the business unit's roles, belong to the whole partnership."""
        return self in _HELD_ON_A_BODY


_HELD_ON_A_BODY = frozenset(
    {
        Role.INDEPENDENT_CHAIR,
        Role.INDEPENDENT_SCRUTINEER,
        Role.LEAD_SAFEGUARDING_PARTNER,
        Role.SUB_GROUP_CHAIR,
        Role.SUB_GROUP_LEAD,
        Role.MEMBER,
        Role.COMMITTEE_CHAIR,
    }
)


class ReportKind(StrEnum):
    SAB_ANNUAL_REPORT = "SAB annual report"
    SAB_STRATEGIC_PLAN = "SAB strategic plan"
    CHILDRENS_YEARLY_REPORT = "children's partnership yearly report"
    COMMITTEE_REPORT = "committee report"


class Cycle(StrEnum):
    """The governance cycles, by the names their flows, schedules, outbox keys and run summaries use."""

    CALENDAR = "calendar"
    """Every obligation's deadlines recorded and followed up, and the escalation ladder, for one day."""
    ACTION_PLAN_UPDATE = "action-plan-update"
    """The monthly request to each action owner for their update."""
    DELIVER_NOTIFICATIONS = "deliver-notifications"
    """The outbox sent, and what failed retried."""
    REMINDERS = "reminders"
    """The escalation ladder's daily sweep across every open deadline."""
    SUB_GROUP_REPORTING = "sub-group-reporting"
    """Highlight reports requested before each board meeting; the board pack assembled and sent to the chair."""
    ANNUAL_REPORT = "annual-report"
    """After the year end: each member agency's contribution requested and chased; the published report dispatched."""
    COMMITTEE_RETURNS = "committee-returns"
    """A resolution's further report and an area committee's 6-monthly update: owner reminded, draft opened, papers deadline tracked."""
    ENQUIRIES = "enquiries"
    """Councillors' enquiries against the seven-day answer time."""
    REVIEW_CLOCKS = "review-clocks"
    """Case-review and audit clocks, with their requests and chasers."""
    DIGESTS = "digests"
    """One daily message to each person who chose a digest."""


class Rag(StrEnum):
    """How a piece of work stands, as boards read it: red, amber or green."""

    RED = "red"
    AMBER = "amber"
    GREEN = "green"


class UpdateStatus(StrEnum):
    """Where an action stands, in its owner's words, in a monthly update."""

    ON_TRACK = "on track"
    AT_RISK = "at risk"
    DELAYED = "delayed"
    COMPLETE = "complete"
