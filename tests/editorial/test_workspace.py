"""The admin's home page is each editor's workspace, and its index is grouped by task."""

import datetime

from django.urls import reverse
from django.utils import timezone

from registry.models import Source, Status
from tests.editorial.conftest import admin_url, make_source
from tests.factories import AgencyFactory, ChairTermFactory, MembershipFactory, StatementFactory

INDEX = reverse("admin:index")


def _panels(response):
    return {panel.title: panel for panel in response.context["workspace"]}


def _labels(panel):
    return [item.label for item in panel.items]


def test_a_publisher_sees_what_waits_for_review_and_what_is_scheduled(login, publisher, editor):
    StatementFactory(title="Waiting one", status=Status.IN_REVIEW, updated_by=editor)
    later = timezone.now() + datetime.timedelta(days=3)
    StatementFactory(title="Tomorrow's one", status=Status.PUBLISHED, published_at=later)
    StatementFactory(title="Public one", status=Status.PUBLISHED, published_at=timezone.now())
    panels = _panels(login(publisher).get(INDEX))
    assert _labels(panels["Waiting for your review"]) == ["Statement: Waiting one"]
    assert panels["Waiting for your review"].items[0].note == "submitted by bob"
    assert _labels(panels["Scheduled to go live"]) == ["Statement: Tomorrow's one"]


def test_an_editor_who_cannot_publish_has_no_review_queue(login, editor):
    StatementFactory(title="Waiting one", status=Status.IN_REVIEW)
    panels = _panels(login(editor).get(INDEX))
    assert "Waiting for your review" not in panels
    assert "Scheduled to go live" not in panels


def test_everyone_sees_their_own_drafts_and_only_theirs(login, editor, publisher):
    StatementFactory(title="Bob's draft", status=Status.DRAFT, created_by=editor)
    StatementFactory(title="Carol's draft", status=Status.DRAFT, created_by=publisher)
    assert _labels(_panels(login(editor).get(INDEX))["Your drafts"]) == ["Statement: Bob's draft"]


def test_a_focal_point_gets_a_workspace_without_the_secretariats_panels(login, focal_point):
    response = login(focal_point).get(INDEX)
    assert response.status_code == 200
    assert set(_panels(response)) == {"Sent back to you", "Your drafts"}


def test_data_quality_warnings_name_unsourced_records_and_unexplained_chair_gaps(login, editor):
    sourced = ChairTermFactory(start=datetime.date(2007, 1, 1), end=datetime.date(2007, 6, 30), sourced=False)
    make_source(sourced)
    unsourced_term = ChairTermFactory(start=datetime.date(2008, 1, 1), end=datetime.date(2008, 6, 30), sourced=False)
    panel = _panels(login(editor).get(INDEX))["Data-quality warnings"]
    labels = _labels(panel)
    assert "1 chair term cites no source" in labels
    assert "No chair and no documented vacancy: 1 July – 31 December 2007" in labels
    unsourced = next(item for item in panel.items if item.label == "1 chair term cites no source")
    listed = login(editor).get(unsourced.url)
    assert listed.status_code == 200
    assert [term.pk for term in listed.context["cl"].result_list] == [unsourced_term.pk]


def test_facts_in_review_wait_in_the_publishers_queue_and_drafts_are_their_authors(login, editor, publisher):
    ChairTermFactory(start=datetime.date(2010, 1, 1), end=datetime.date(2010, 6, 30), in_review=True, updated_by=editor)
    MembershipFactory(agency=AgencyFactory(acronym="ZRL"), draft=True, created_by=editor)

    queue = _panels(login(publisher).get(INDEX))["Waiting for your review"]
    drafts = _panels(login(editor).get(INDEX))["Your drafts"]

    assert len(queue.items) == 1
    assert queue.items[0].label.startswith("Chair term: ")
    assert queue.items[0].note == "submitted by bob"
    assert [item.label for item in drafts.items] == [
        "Membership: ZRL in the Global Migration Group, 2006 – until the group ended (2018)"
    ]


def test_a_pending_change_to_a_published_membership_waits_in_the_publishers_queue(login, editor, publisher):
    from registry import services

    membership = MembershipFactory(agency=AgencyFactory(acronym="ZRL"))
    membership.note = "Proposed note."
    services.save(obj=membership, user=editor)

    queue = _panels(login(publisher).get(INDEX))["Waiting for your review"]

    assert [item.label for item in queue.items] == [f"Change to membership: {membership}"]


def test_a_draft_chair_term_does_not_hide_a_gap_from_the_data_quality_warnings(login, editor):
    ChairTermFactory(start=datetime.date(2007, 1, 1), end=datetime.date(2007, 6, 30))
    ChairTermFactory(start=datetime.date(2007, 7, 1), end=datetime.date(2007, 12, 31), draft=True)
    ChairTermFactory(start=datetime.date(2008, 1, 1), end=datetime.date(2008, 6, 30))

    labels = _labels(_panels(login(editor).get(INDEX))["Data-quality warnings"])

    assert "No chair and no documented vacancy: 1 July – 31 December 2007" in labels


def test_the_index_is_grouped_by_task_and_leaves_internals_to_their_parents(admin_client):
    app_list = admin_client.get(INDEX).context["app_list"]
    sections = {app["name"]: [model["name"] for model in app["models"]] for app in app_list}
    assert list(sections) == ["The registry", "Content", "Activities", "Review and history", "People and access"]
    assert sections["The registry"] == ["Agencies", "Memberships", "Chair terms", "Chair vacancies", "Reported totals"]
    assert sections["Activities"] == ["Working groups", "Events"]
    assert sections["People and access"][:2] == ["Users", "Roles"]
    listed = {name for names in sections.values() for name in names}
    assert not listed & {"Participations", "Working group roles", "Activities", "Sources", "Profiles"}
    # Internals are still reachable from their parent records' pages.
    assert admin_client.get(admin_url(Source, "changelist")).status_code == 200


def test_the_workspace_uses_a_bounded_number_of_queries(login, publisher, django_assert_max_num_queries):
    for n in range(15):
        StatementFactory(title=f"Waiting {n}", status=Status.IN_REVIEW)
        ChairTermFactory(start=datetime.date(2000 + n, 1, 1), end=datetime.date(2000 + n, 6, 30), in_review=True)
    client = login(publisher)
    # A few queries per kind of record with the workflow (seven kinds since the facts joined), whatever the rows.
    with django_assert_max_num_queries(56):
        assert client.get(INDEX).status_code == 200
