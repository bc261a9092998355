"""Which records keep a revision history, and which related rows travel with them.

A revision of an agency holds its memberships and sources, so restoring or recovering a deleted
agency brings those back too. Registered once, at start-up, for the admin, the API and commands.
"""

import reversion

from registry import models as m

FOLLOW = {
    m.Agency: ["memberships", "sources"],
    m.Membership: ["sources"],
    m.ChairTerm: ["sources"],
    m.ChairVacancy: ["sources"],
    m.Statement: ["sources"],
    m.WorkingGroup: ["roles", "activities", "sources"],
    m.WorkingGroupRole: ["sources"],
    m.Activity: ["sources"],
    m.Event: ["participations", "sources"],
    m.Participation: ["sources"],
    m.Publication: ["sources"],
    m.Initiative: ["sources"],
    m.Topic: ["sources"],
    m.Page: ["sources"],
}


def register_all():
    if not reversion.is_registered(m.Source):
        reversion.register(m.Source)
    for model, follow in FOLLOW.items():
        if not reversion.is_registered(model):
            reversion.register(model, follow=follow)
