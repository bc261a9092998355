"""A membership, chair term, vacancy or working-group role cannot be published without at least one source:
not by the services, not in the admin (form or changelist action), not through the API; and nothing is
written when it is refused. A source added in the same admin save counts."""

import pytest
from django.core.exceptions import ValidationError

from registry import models as m
from registry import services
from tests import factories as f
from tests.editorial.conftest import admin_url, change_form, form_errors

pytestmark = pytest.mark.django_db

FACTORIES = {
    m.Membership: f.MembershipFactory,
    m.ChairTerm: f.ChairTermFactory,
    m.ChairVacancy: f.ChairVacancyFactory,
    m.WorkingGroupRole: f.WorkingGroupRoleFactory,
}
TERM_MESSAGE = "A chair term needs at least one source before it can be published."


def draft(model, **kwargs):
    return FACTORIES[model](draft=True, **kwargs)


@pytest.mark.parametrize("model", FACTORIES, ids=lambda model: model.__name__)
def test_publishing_a_fact_without_a_source_is_refused_and_changes_nothing(publisher, model):
    fact = draft(model)
    version = services.current_version(fact)

    with pytest.raises(ValidationError) as refused:
        services.publish(obj=fact, user=publisher)

    assert refused.value.messages == [
        f"A {model._meta.verbose_name} needs at least one source before it can be published."
    ]
    fact.refresh_from_db()
    assert (fact.status, fact.published_at) == (m.Status.DRAFT, None)
    assert services.current_version(fact) == version


@pytest.mark.parametrize("model", FACTORIES, ids=lambda model: model.__name__)
def test_a_fact_with_a_source_is_published(publisher, model):
    fact = draft(model)
    m.Source.objects.create(record=fact, title="GMG article")

    services.publish(obj=fact, user=publisher)

    assert model.objects.published().filter(pk=fact.pk).exists()


def test_a_published_fact_cannot_be_saved_without_its_sources(publisher):
    term = f.ChairTermFactory(sourced=False)  # as no editor could leave it: published, citing nothing
    term.note = "Interim."

    with pytest.raises(ValidationError, match=TERM_MESSAGE):
        services.save(obj=term, user=publisher)

    term.refresh_from_db()
    assert term.note == ""


def test_statements_are_published_without_a_source_as_before(publisher):
    statement = f.StatementFactory(draft=True)
    services.publish(obj=statement, user=publisher)
    assert statement.is_public


# The admin --------------------------------------------------------------------------------------


def test_the_admin_refuses_to_publish_a_chair_term_without_a_source_with_a_clear_message(login, publisher):
    term = draft(m.ChairTerm, note="Draft note")
    client = login(publisher)
    _response, data = change_form(client, term)
    data["note"] = "Edited before publishing"

    response = client.post(admin_url(term, "change"), {**data, "_transition": "publish"})

    assert response.status_code == 200  # the form again, with the input kept
    assert TERM_MESSAGE in form_errors(response)
    term.refresh_from_db()
    assert (term.status, term.note) == (m.Status.DRAFT, "Draft note")


def test_a_source_added_in_the_same_admin_save_lets_the_chair_term_be_published(login, publisher):
    term = draft(m.ChairTerm)
    client = login(publisher)
    _response, data = change_form(client, term)
    prefix = "registry-source-content_type-object_id"
    data[f"{prefix}-TOTAL_FORMS"] = "1"
    data.update({f"{prefix}-0-title": "GMG article", f"{prefix}-0-url": "", f"{prefix}-0-note": "Chair in 2006."})

    response = client.post(admin_url(term, "change"), {**data, "_transition": "publish"})

    assert response.status_code == 302, form_errors(response)
    term.refresh_from_db()
    assert term.is_public
    assert list(term.sources.values_list("title", flat=True)) == ["GMG article"]


def test_removing_the_last_source_of_a_published_chair_term_is_refused_in_the_admin(login, publisher):
    term = f.ChairTermFactory()
    client = login(publisher)
    _response, data = change_form(client, term)
    data["registry-source-content_type-object_id-0-DELETE"] = "on"

    response = client.post(admin_url(term, "change"), data)

    assert TERM_MESSAGE in form_errors(response)
    assert term.sources.count() == 1


def test_the_publish_action_on_the_changelist_says_which_fact_lacks_a_source(login, publisher):
    bare = draft(m.ChairTerm)
    sourced = draft(m.ChairTerm, start=bare.end.replace(year=bare.end.year + 1, month=1, day=1),
                    end=bare.end.replace(year=bare.end.year + 1))  # fmt: skip
    m.Source.objects.create(record=sourced, title="GMG article")
    client = login(publisher)

    response = client.post(
        admin_url(m.ChairTerm, "changelist"),
        {"action": "publish_selected", "_selected_action": [bare.pk, sourced.pk]},
        follow=True,
    )

    texts = [str(message) for message in response.context["messages"]]
    assert TERM_MESSAGE in texts
    assert "Publish: 1 chair term done." in texts
    bare.refresh_from_db()
    sourced.refresh_from_db()
    assert (bare.status, sourced.status) == (m.Status.DRAFT, m.Status.PUBLISHED)


# The API ----------------------------------------------------------------------------------------


def test_the_api_answers_400_with_the_message_when_a_chair_term_has_no_source(as_user, publisher):
    term = draft(m.ChairTerm)

    response = as_user(publisher).patch(f"/api/v1/chair-terms/{term.pk}/", {"status": "published"}, format="json")

    assert response.status_code == 400
    assert response.json()["status"] == [TERM_MESSAGE]
    term.refresh_from_db()
    assert term.status == m.Status.DRAFT


def test_a_new_chair_term_posted_as_published_without_a_source_is_not_created(as_user, publisher):
    agency = f.AgencyFactory(slug="iom")
    body = {"agency": agency.slug, "start": "2017-01-01", "end": "2017-06-30", "status": "published"}

    response = as_user(publisher).post("/api/v1/chair-terms/", body, format="json")

    assert response.status_code == 400, response.json()
    assert response.json()["status"] == [TERM_MESSAGE]
    assert not m.ChairTerm.objects.exists()


def test_the_api_publishes_a_chair_term_that_cites_a_source(as_user, publisher, client):
    term = draft(m.ChairTerm)
    m.Source.objects.create(record=term, title="GMG article")

    response = as_user(publisher).patch(f"/api/v1/chair-terms/{term.pk}/", {"status": "published"}, format="json")

    assert response.status_code == 200, response.content
    assert response.json()["status"] == "published"
    assert client.get(f"/api/v1/chair-terms/{term.pk}/").status_code == 200
