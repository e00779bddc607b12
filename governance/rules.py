"""Business rules that refuse a command: each a named unit with the message a refusal gives and its source."""

from dataclasses import dataclass

from governance.dates import EARLIEST_DAY, LATEST_DAY, PARTNERSHIP_YEARS
from governance.sources import CARE_ACT_SCH2_PARA4, LGA_1972_SCH12A, Source, law, local_policy, seed


@dataclass(frozen=True, kw_only=True)
class Rule:
    name: str
    message: str
    source: Source


class RuleBroken(Exception):
    """A use case refused a command; ``str(error)`` says why in the users' words."""

    def __init__(self, rule: Rule, detail: str = "") -> None:
        self.rule = rule
        super().__init__(rule.message + (f": {detail}" if detail else ""))


class ConcurrentChange(RuleBroken):
    """Two people changed the same record at once; the later one is refused and may retry."""


class UnknownRecord(LookupError):
    """The command names something the registry does not hold; ``str(error)`` says what."""


def refuse_unless(condition: bool, rule: Rule, detail: str = "") -> None:
    if not condition:
        raise RuleBroken(rule, detail)


# --- updates and submissions ----------------------------------------------------------------

ONLY_OWNER_OR_BUSINESS_UNIT_SUBMITS_ACTION_UPDATE = Rule(
    name="only the action's owner or the business unit submits its update",
    message="Only the action's owner or the safeguarding business unit may submit an update on an action",
    source=local_policy(),
)
UPDATE_NEEDS_PROGRESS_TEXT = Rule(
    name="an action update says what progress was made",
    message="An action update must say what progress was made",
    source=seed("seed 003 §2.89 (the plan is updated monthly)"),
)
CLOSED_ACTIONS_TAKE_NO_UPDATES = Rule(
    name="a completed action takes no further updates",
    message="This action is complete; it takes no further updates",
    source=local_policy(),
)
ONLY_OWNER_LEAD_OR_BUSINESS_UNIT_SUBMITS = Rule(
    name="only the owner, the sub-group's lead or the business unit submits a return",
    message="Only the deadline's owner, the lead of its sub-group or the safeguarding business unit may submit it",
    source=local_policy(),
)
ONLY_RETURNS_ARE_SUBMITTED_BY_HAND = Rule(
    name="a deadline met by a monthly update or by what the registry records is not submitted, accepted or returned by hand",
    message="This deadline is not met by a return",
    source=local_policy(),
)
ONLY_BUSINESS_UNIT_OR_CHAIR_DECIDES_SUBMISSIONS = Rule(
    name="only the business unit or the board's independent chair accepts or returns a submission",
    message="Only the safeguarding business unit or the board's independent chair may accept or return a submission",
    source=local_policy(),
)
RETURNED_SUBMISSIONS_SAY_WHY = Rule(
    name="a returned submission says what is missing",
    message="Say what the owner must add or change when returning a submission",
    source=local_policy(),
)

# --- extensions -----------------------------------------------------------------------------

EXTENSION_NEEDS_A_REASON = Rule(
    name="an extension request gives its reason",
    message="An extension request must say why the deadline cannot be met",
    source=seed("seed 003 §2.89"),
)
EXTENSION_NEEDS_EVIDENCE_OF_JUSTIFIABLE_DELAY = Rule(
    name="an extension needs evidence of justifiable delay",
    message="An extension is granted only on evidence of justifiable delay; give the evidence",
    source=seed('seed 003 §2.89 ("only be accepted on evidence of justifiable delay")'),
)
EXTENSION_MOVES_THE_DATE_LATER = Rule(
    name="an extension moves the due date later",
    message="The proposed due date must be later than the current one",
    source=local_policy(),
)
STATUTORY_TIMESCALES_ARE_NOT_EXTENDED = Rule(
    name="a timescale set by law or statutory guidance is not extended locally",
    message="This deadline is set by law or statutory guidance and cannot be extended locally",
    source=law("the obligation's own source (see the rule catalogue)"),
)
ONLY_OWNER_LEAD_OR_BUSINESS_UNIT_REQUESTS_EXTENSIONS = Rule(
    name="only the owner, the sub-group's lead or the business unit requests an extension",
    message="Only the deadline's owner, the lead of its sub-group or the safeguarding business unit may request an extension",
    source=local_policy(),
)
ONE_OPEN_EXTENSION_REQUEST_PER_DEADLINE = Rule(
    name="a deadline has one extension request under decision at a time",
    message="An extension request for this deadline is already awaiting a decision",
    source=local_policy(),
)
THEMATIC_REVIEW_EXTENSIONS_NEED_CHAIR_AND_SCRUTINEER = Rule(
    name="extensions of the thematic review action plan need the independent chair and the independent scrutineer",
    message="Only those the plan names may decide its extensions: the Independent Chair and the Independent Scrutineer, each approving",
    source=seed('seed 003 §2.89 ("The Chair and Independent Scrutineer have set a deadline")'),
)
ONLY_NAMED_DECIDERS_DECIDE_EXTENSIONS = Rule(
    name="only the roles a deadline names decide its extensions",
    message="Only the role this deadline names may decide its extension: the board's independent chair, else its committee chair, else the business manager",
    source=local_policy(),
)
NOBODY_DECIDES_THEIR_OWN_EXTENSION_REQUEST = Rule(
    name="nobody decides an extension they asked for",
    message="An extension is decided by someone other than the person who asked for it",
    source=local_policy(),
)
A_PERSON_DECIDES_A_REQUEST_ONCE = Rule(
    name="a person decides an extension request once, whatever roles they hold",
    message="This person has already decided this extension request",
    source=local_policy(),
)
EACH_ROLE_DECIDES_ONCE = Rule(
    name="each required role decides an extension once",
    message="This role has already decided on this extension request",
    source=local_policy(),
)
A_REFUSAL_GIVES_ITS_REASON = Rule(
    name="a refused extension says why", message="Say why the extension is refused", source=local_policy()
)
EXTENSION_IS_BOUND_TO_THE_DATE_IT_MOVES = Rule(
    name="an extension decision is bound to the due date it was asked to move",
    message="The deadline's due date has changed since this extension was requested; it must be requested again",
    source=local_policy(),
)

# --- reports --------------------------------------------------------------------------------

A_REPORT_FAILING_A_CHECK_CANNOT_BE_APPROVED = Rule(
    name="a report that fails a statutory content check cannot be approved",
    message="This report fails a content check and cannot be approved until it is put right",
    source=law(f"{CARE_ACT_SCH2_PARA4}(1); Working Together 2023; LGA 1972 s100D, Sch 12A (per check)"),
)
ONLY_NAMED_APPROVERS_APPROVE_REPORTS = Rule(
    name="only the roles a report kind names approve it",
    message="This person does not hold a role that approves this report",
    source=local_policy("local policy; Working Together 2023 (lead partners sign off the yearly report)"),
)
EACH_APPROVER_APPROVES_A_VERSION_ONCE = Rule(
    name="an approval is given once per version",
    message="This approval has already been given to this version of the report",
    source=local_policy(),
)
AN_APPROVAL_IS_BOUND_TO_THE_VERSION_APPROVED = Rule(
    name="an approval is bound to the exact version approved; a later change withdraws it",
    message="The report has changed since this version was shown; approve the current version",
    source=local_policy(),
)
ONLY_APPROVERS_OR_BUSINESS_UNIT_RETURN_REPORTS = Rule(
    name="only a report's approvers or the business unit send it back, saying why",
    message="Only those who approve this report, or the business unit, may send it back to draft, and they must say why",
    source=local_policy(),
)
ONLY_BUSINESS_UNIT_EDITS_AND_PUBLISHES_REPORTS = Rule(
    name="only the business unit edits, sends for review, publishes and distributes reports",
    message="Only the safeguarding business unit may change, publish or distribute a report",
    source=local_policy(),
)
ONLY_THE_BUSINESS_UNIT_KEEPS_THE_REGISTRY = Rule(
    name="only the business unit edits the registry",
    message="Only the safeguarding business unit may change the registry",
    source=local_policy(),
)
PUBLISHED_DOCUMENTS_ARE_ACCESSIBLE = Rule(
    name="a published document meets WCAG 2.2 AA and the website carries an accessibility statement",
    message="Confirm the document meets WCAG 2.2 AA and is covered by the website's accessibility statement before publishing",
    source=law("SI 2018/952 regs 6 and 8"),
)
A_REPORT_IS_SENT_ONLY_TO_ITS_RECIPIENTS = Rule(
    name="a report is recorded as sent only to the recipients its kind names",
    message="This report kind is not sent to that recipient",
    source=law(f"{CARE_ACT_SCH2_PARA4}(2); Working Together 2023"),
)
EXEMPT_MATERIAL_ONLY_FOR_THOSE_ENTITLED = Rule(
    name="exempt material is seen only by the business unit and members of the bodies it belongs to",
    message="This material is exempt from publication and you are not entitled to see it",
    source=law(f"{LGA_1972_SCH12A} (paragraph per item)"),
)

A_SECTION_IS_ONE_THE_REPORT_HAS = Rule(
    name="a report is edited a section at a time, in the sections its kind has",
    message="This report has no section of that name that people write",
    source=local_policy(),
)

# --- records changed by two people at once -----------------------------------------------------

ONE_DECISION_AT_A_TIME = Rule(
    name="a record changed by someone else at the same moment is not overwritten",
    message="Someone else changed this at the same moment; nothing of yours was saved. Look again and retry",
    source=local_policy(),
)
THE_REGISTRY_WAS_BUSY = Rule(
    name="a change waits for the one before it, for a while",
    message="The registry was busy with someone else's change for too long; nothing of yours was saved. Try again in a moment",
    source=local_policy(),
)
AN_EDIT_IS_BASED_ON_THE_CURRENT_TEXT = Rule(
    name="an edit is refused when the record changed after the editor opened it",
    message="This was changed after you opened it; nothing of yours was saved. Open it again and make your change there",
    source=local_policy(),
)

# --- data -----------------------------------------------------------------------------------

NO_PERSONAL_DATA_ABOUT_CHILDREN_OR_ADULTS_AT_RISK = Rule(
    name="the registry holds governance data and aggregate statistics only",
    message="Case reviews are recorded by reference, status and dates; the registry has no field for personal details",
    source=local_policy("UK GDPR Art 5(1)(c) (data minimisation); local policy"),
)
A_FIGURE_SAYS_WHAT_IT_COUNTS = Rule(
    name="every figure says whether it is a count or a rate per 10,000, and cumulative or for the period",
    message="A statistic must state its unit (count, rate per 10,000, percentage) and whether it is cumulative or for the period",
    source=seed("seed 000 (councillors asked for figures that are easy to understand)"),
)


# --- values a command is given ------------------------------------------------------------------

A_DATE_FALLS_IN_THE_PARTNERSHIP_YEARS = Rule(
    name="a date falls within the partnership's years",
    message=f"Give a date {PARTNERSHIP_YEARS}",
    source=local_policy(),
)
A_MONTH_IS_A_REAL_MONTH = Rule(
    name="a month is written YYYY-MM, with a real month",
    message=(
        f"Give the month as YYYY-MM, e.g. 2026-01: a month from 01 to 12 of a year from "
        f"{EARLIEST_DAY.year} to {LATEST_DAY.year}"
    ),
    source=local_policy(),
)
A_RECORD_NUMBER_IS_ONE_THE_REGISTRY_HOLDS = Rule(
    name="a record's number is a whole number the registry can hold",
    message="Give the number as shown by the registry: a whole number from 1 to 2,147,483,647",
    source=local_policy(),
)
A_TEXT_IS_PLAIN_AND_OF_READABLE_LENGTH = Rule(
    name="a text is plain text of a readable length",
    message="Write plain text (no control characters) of at most 20,000 characters",
    source=local_policy(),
)
A_KEY_IS_SHORT_PLAIN_TEXT = Rule(
    name="a key, reference or period is short plain text",
    message="A key, reference or period is at most 200 characters of plain text, as the registry lists it",
    source=local_policy(),
)
A_COPY_SENT_NAMES_ITS_ADDRESSEE = Rule(
    name="a copy sent to a statutory recipient says who it was addressed to",
    message="Say who the copy was addressed to, as sent (a name and address, or a person's name)",
    source=law(f"{CARE_ACT_SCH2_PARA4}(2); Working Together 2023"),
)
A_COPY_IS_SENT_AFTER_PUBLICATION = Rule(
    name="a copy is sent on or after the day the report was published",
    message="A copy cannot be sent before the report was published",
    source=local_policy(),
)
EACH_RECIPIENT_IS_SENT_ONE_COPY = Rule(
    name="a copy to each statutory recipient is recorded once",
    message="A copy to each statutory recipient is recorded once",
    source=local_policy(),
)


def all_rules() -> list[Rule]:
    return [value for value in globals().values() if isinstance(value, Rule)]
