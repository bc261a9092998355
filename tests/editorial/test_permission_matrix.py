"""Each role × each model × view / add / change / delete / publish, as the admin enforces it.

Roles: alice (superuser), bob (Editor), carol (Publisher), dave (focal point of OWN), eve (staff,
no role). The record checked for "change" and "delete" belongs to no agency of dave's.
"""

import pytest

from registry import models as m
from tests.editorial.conftest import MAKERS, admin_url

ROLES = ["admin_user", "editor", "publisher", "focal_point", "stranger"]
MODELS = sorted(MAKERS, key=lambda model: model.__name__)
# The content, and the registry's facts (issue 9): drafted, reviewed and published alike.
PUBLISHABLE = {m.Statement, m.Publication, m.Page, m.Membership, m.ChairTerm, m.ChairVacancy, m.WorkingGroupRole}
CONTENT = set(MODELS) - {m.Profile}  # what the three roles work on; users and profiles are the superuser's


def expected(role, model):
    """What `role` may do with a record of `model` that is not their agency's."""
    if role == "admin_user":
        return {"view": True, "add": True, "change": True, "delete": True, "publish": model in PUBLISHABLE}
    if role in ("editor", "publisher"):
        mine = model in CONTENT
        publish = role == "publisher" and model in PUBLISHABLE
        return {"view": mine, "add": mine, "change": mine, "delete": mine, "publish": publish}
    if role == "focal_point":
        return {
            "view": model in CONTENT,
            "add": model is m.Statement,
            "change": False,
            "delete": False,
            "publish": False,
        }
    return dict.fromkeys(("view", "add", "change", "delete", "publish"), False)


def observed(client, model, obj):
    changelist = client.get(admin_url(model, "changelist"))
    seen = {"view": changelist.status_code == 200}
    seen["add"] = client.get(admin_url(model, "add")).status_code == 200
    change = client.get(admin_url(obj, "change"))
    seen["change"] = change.status_code == 200 and change.context["has_change_permission"]
    seen["delete"] = client.get(admin_url(obj, "delete")).status_code == 200
    action_form = changelist.context.get("action_form") if seen["view"] else None
    actions = action_form.fields["action"].choices if action_form else []
    seen["publish"] = any(name == "publish_selected" for name, _ in actions)
    for name, response in (("view", changelist), ("change", change)):
        assert response.status_code in (200, 403), (name, response.status_code)
    return seen


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
@pytest.mark.parametrize("role", ROLES)
def test_each_role_may_do_exactly_what_its_permissions_say(request, login, role, model, other_agency):
    user = request.getfixturevalue(role)
    obj = MAKERS[model]()
    assert observed(login(user), model, obj) == expected(role, model)


def test_a_focal_point_may_change_their_own_agency_and_its_draft_statements(login, focal_point, own_agency):
    from tests.factories import StatementFactory

    client = login(focal_point)
    response = client.get(admin_url(own_agency, "change"))
    assert response.context["has_change_permission"]
    draft = StatementFactory(draft=True)
    draft.signatories.add(own_agency)
    assert client.get(admin_url(draft, "change")).context["has_change_permission"]
    assert client.get(admin_url(own_agency, "delete")).status_code == 403
