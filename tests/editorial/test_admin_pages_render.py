"""Every admin page an editor can reach renders for a superuser, for every model."""

import pytest
from django.contrib import admin

from tests.editorial.conftest import MAKERS, admin_url

MODELS = sorted(MAKERS, key=lambda model: model.__name__)


def test_every_registry_model_is_registered_in_the_admin():
    for model in MODELS:
        assert admin.site.is_registered(model), model


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_the_changelist_add_and_change_pages_render_for_a_superuser(admin_client, model):
    obj = MAKERS[model]()
    for url in (admin_url(model, "changelist"), admin_url(model, "add"), admin_url(obj, "change")):
        response = admin_client.get(url)
        assert response.status_code == 200, url


@pytest.mark.parametrize("model", [m for m in MODELS if m.__name__ != "Profile"], ids=lambda model: model.__name__)
def test_the_history_and_recover_pages_render_for_a_superuser(admin_client, model):
    obj = MAKERS[model]()
    assert admin_client.get(admin_url(obj, "history")).status_code == 200
    assert admin_client.get(admin_url(model, "recoverlist")).status_code == 200


def test_the_changelist_search_and_filters_work(admin_client):
    MAKERS[MODELS[0]]()
    from registry.models import Agency, Statement

    assert admin_client.get(admin_url(Agency, "changelist"), {"q": "AG"}).status_code == 200
    assert admin_client.get(admin_url(Statement, "changelist"), {"status__exact": "draft"}).status_code == 200


def test_the_admin_names_the_site(admin_client):
    response = admin_client.get("/admin/")
    assert b"GMG Registry administration" in response.content


def test_the_user_admin_shows_roles_and_agency(admin_client, focal_point):
    from django.contrib.auth import get_user_model

    response = admin_client.get(admin_url(get_user_model(), "changelist"))
    assert b"Agency focal point" in response.content
    assert admin_client.get(admin_url(focal_point, "change")).status_code == 200


def test_an_agency_page_shows_its_membership_history_and_chair_terms(admin_client):
    from tests.factories import AgencyFactory, ChairTermFactory, MembershipFactory

    agency = AgencyFactory(acronym="UNHCR", slug="unhcr")
    MembershipFactory(agency=agency)
    ChairTermFactory(agency=agency, principal="António Guterres")
    response = admin_client.get(admin_url(agency, "change"))
    content = response.content.decode()
    assert "Membership history" in content
    assert "António Guterres" in content
