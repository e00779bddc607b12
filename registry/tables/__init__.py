"""The registry's tables, one module per family of things the partnership talks about.

Importing this package registers every table on ``SQLModel.metadata``; ``from registry import tables as m``
then names any table as ``m.Board``.
"""

from registry.tables.accounts import Account, CalendarFeed, SignIn
from registry.tables.action_plans import Action, ActionUpdate, Plan, Recommendation
from registry.tables.deadlines import Deadline, EscalationStepTaken, ExtensionDecisionMade, ExtensionRequest
from registry.tables.documents import Evidence, ReportFile, Submission
from registry.tables.outbox import AuditEvent, Notification, NotificationAttachment, NotificationStatus
from registry.tables.partnership import (
    Agency,
    Board,
    Meeting,
    Membership,
    Partnership,
    Person,
    ReportingLine,
    StatutoryAddressee,
    SubGroup,
)
from registry.tables.registers import (
    CaseReview,
    Enquiry,
    ProtocolReview,
    Resolution,
    ReviewFinding,
    Statistic,
    StatisticValue,
)
from registry.tables.reports import Report, ReportApproval, ReportDispatch

__all__ = [
    "Submission",
    "ReportFile",
    "Evidence",
    "SignIn",
    "CalendarFeed",
    "Account",
    "Action",
    "ActionUpdate",
    "Agency",
    "AuditEvent",
    "Board",
    "CaseReview",
    "Deadline",
    "Enquiry",
    "EscalationStepTaken",
    "ExtensionDecisionMade",
    "ExtensionRequest",
    "Meeting",
    "Membership",
    "Notification",
    "NotificationAttachment",
    "NotificationStatus",
    "Partnership",
    "Person",
    "Plan",
    "ProtocolReview",
    "Recommendation",
    "Report",
    "ReportApproval",
    "ReportDispatch",
    "ReportingLine",
    "Resolution",
    "ReviewFinding",
    "Statistic",
    "StatisticValue",
    "StatutoryAddressee",
    "SubGroup",
]
