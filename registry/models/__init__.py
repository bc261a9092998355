from registry.models.agencies import (
    BODY_ENDS,
    Agency,
    AgencyKind,
    Body,
    BodyEnd,
    ChairGap,
    ChairHolder,
    ChairTerm,
    ChairVacancy,
    Membership,
    Profile,
    ReportedTotal,
)
from registry.models.base import Precision, Source, Status
from registry.models.content import (
    RESERVED_PAGE_SLUGS,
    Initiative,
    Language,
    Page,
    Publication,
    PublicationKind,
    Statement,
    StatementKind,
    Topic,
)
from registry.models.events import Event, EventKind, Level, Participation
from registry.models.groups import Activity, Role, WorkingGroup, WorkingGroupRole
from registry.models.links import RemovedLink
from registry.models.pending import PendingChange, PendingState
from registry.models.tokens import ApiToken
from registry.models.versioning import ContentVersion

__all__ = [
    "BODY_ENDS",
    "RESERVED_PAGE_SLUGS",
    "Activity",
    "Agency",
    "AgencyKind",
    "ApiToken",
    "Body",
    "BodyEnd",
    "ChairGap",
    "ChairHolder",
    "ChairTerm",
    "ChairVacancy",
    "ContentVersion",
    "Event",
    "EventKind",
    "Initiative",
    "Language",
    "Level",
    "Membership",
    "Page",
    "Participation",
    "PendingChange",
    "PendingState",
    "Precision",
    "Profile",
    "Publication",
    "PublicationKind",
    "RemovedLink",
    "ReportedTotal",
    "Role",
    "Source",
    "Statement",
    "StatementKind",
    "Status",
    "Topic",
    "WorkingGroup",
    "WorkingGroupRole",
]  # fmt: skip
