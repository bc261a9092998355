"""A focal point cannot be saved without the agency whose records they keep."""

from django.contrib.auth.models import Group
from django.urls import reverse

from registry.models import Profile
from tests.editorial.conftest import form_data, form_errors
from tests.factories import AgencyFactory


def _user_form(client, user):
    url = reverse("admin:auth_user_change", args=[user.pk])
    return url, form_data(client.get(url))


def test_a_focal_point_without_an_agency_is_refused(admin_client, stranger):
    url, data = _user_form(admin_client, stranger)
    data["groups"] = [str(Group.objects.get(name="Agency focal point").pk)]
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert any("needs an agency" in error for error in form_errors(response))
    assert not stranger.groups.exists()


def test_a_focal_point_with_an_agency_is_saved(admin_client, stranger):
    agency = AgencyFactory()
    url, data = _user_form(admin_client, stranger)
    data["groups"] = [str(Group.objects.get(name="Agency focal point").pk)]
    data["profile-0-agency"] = str(agency.pk)
    response = admin_client.post(url, data)
    assert response.status_code == 302, form_errors(response)
    assert Profile.objects.get(user=stranger).agency == agency


def test_an_editor_needs_no_agency(admin_client, stranger):
    url, data = _user_form(admin_client, stranger)
    data["groups"] = [str(Group.objects.get(name="Editor").pk)]
    assert admin_client.post(url, data).status_code == 302
    assert stranger.groups.get().name == "Editor"


def test_taking_away_a_focal_points_agency_is_refused(admin_client, focal_point):
    url, data = _user_form(admin_client, focal_point)
    data["profile-0-agency"] = ""
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert focal_point.profile.agency is not None


def test_a_focal_point_left_without_an_agency_may_not_add_a_statement(login, focal_point):
    from registry.models import Statement

    focal_point.profile.agency = None
    focal_point.profile.save()
    client = login(focal_point)
    assert client.get(reverse("admin:registry_statement_add")).status_code == 403
    assert not Statement.objects.exists()
