"""An agency's page: memberships, chair terms, working-group roles, statements, events, sources, JSON-LD."""

import json
import re

from django.urls import reverse
from django.utils.html import strip_tags


def page(client, slug):
    return client.get(reverse("site:agency", kwargs={"slug": slug})).content.decode()


def text(client, slug):
    return strip_tags(page(client, slug))


def test_the_agency_page_shows_its_membership_history(client, world):
    html = text(client, "unhcr")
    assert "Geneva Migration Group" in html and "2003–2005" in html
    assert "Global Migration Group" in html and "2006–2018" in html


def test_the_agency_page_shows_its_chair_terms(client, world):
    assert "July–December 2008" in text(client, "unhcr")
    # An agency with no term on record has no chair section (rather than an empty one).
    assert "chair-heading" not in page(client, "undesa")


def test_the_agency_page_shows_its_working_group_roles(client, world):
    html = page(client, "undesa")
    assert "Working group on data and research" in html and "co-chair" in html


def test_the_agency_page_lists_the_published_statements_it_signed_and_not_drafts(client, world):
    html = page(client, "unhcr")
    assert "Statement on the human rights of migrants in irregular situation" in html
    assert "Secret draft" not in html


def test_the_agency_page_lists_the_events_it_attended_with_the_level(client, world):
    html = page(client, "unhcr")
    assert "Principals&#x27; meeting, Geneva 2010" in html and "principal" in html
    assert "organiser" in page(client, "ohchr")


def test_the_agency_page_cites_its_sources(client, world):
    html = page(client, "unhcr")
    assert "Sources" in html and 'href="https://example.org/members"' in html


def test_the_agency_page_describes_the_agency_as_a_schema_org_organization(client, world):
    html = page(client, "ohchr")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(block)
    assert data["@type"] == "Organization"
    assert data["alternateName"] == "OHCHR"
    assert data["sameAs"] == ["https://www.ohchr.org/"]
    assert data["url"].endswith("/agencies/ohchr/")


def test_the_agency_page_lists_the_statements_made_while_it_chaired(client, world):
    html = page(client, "ohchr")
    section = html[html.index("Statements made while OHCHR chaired") :]
    assert "Statement on the human rights of migrants in irregular situation" in section
    assert "Statements made while" not in page(client, "undesa")


def test_the_agency_page_shows_its_latest_statements_and_events_with_links_to_all_of_them(client, world, monkeypatch):
    from registry.models import Agency, Event, Statement
    from registry.views.agencies import AgencyDetailView
    from tests.factories import EventFactory, StatementFactory

    unhcr = Agency.objects.get(slug="unhcr")
    StatementFactory(title="A later statement").signatories.add(unhcr)
    EventFactory(title="An event UNHCR organised", organiser=unhcr)
    monkeypatch.setattr(AgencyDetailView, "LATEST", 1)
    signed = Statement.objects.published().filter(signatories=unhcr).count()
    events = Event.objects.published().involving(unhcr).count()
    assert signed > 1 and events > 1
    html = page(client, "unhcr")
    statements_section = html.split('id="statements-heading"')[1].split("</section>")[0]
    assert statements_section.count("<li>") == 1
    assert f'href="/statements/?agency=unhcr">All statements</a> ({signed})' in statements_section
    assert f'href="/events/?agency=unhcr">Show all events</a> ({events})' in html
    assert "An event UNHCR organised" in html  # hosted events are all named at the top, whatever the list shows


def test_the_agency_page_counts_the_statements_made_while_it_chaired_beyond_the_latest(client, world, monkeypatch):
    # The latest few and their count come from one query (a window count): the count is of all of them.
    from registry.models import Agency, ChairTerm
    from registry.views.agencies import AgencyDetailView, statements_during
    from tests.factories import StatementFactory

    ohchr = Agency.objects.get(slug="ohchr")
    terms = list(ChairTerm.objects.published().held_by(ohchr))
    StatementFactory(title="Another statement while OHCHR chaired", date=terms[0].start)
    monkeypatch.setattr(AgencyDetailView, "LATEST", 1)
    during = statements_during(terms).count()
    assert during > 1
    assert f"Latest statements: 1 / {during}" in page(client, "ohchr")


def test_the_agency_page_names_the_level_it_took_part_at_and_only_its_own(client, world):
    from registry.models import Agency, Event, Level, Participation
    from tests.factories import EventFactory

    unhcr, ohchr = Agency.objects.get(slug="unhcr"), Agency.objects.get(slug="ohchr")
    event = EventFactory(title="A meeting both attended")
    Participation.objects.create(event=event, agency=unhcr, level=Level.DEPUTY)
    Participation.objects.create(event=event, agency=ohchr, level=Level.PRINCIPAL)
    item = page(client, "unhcr").split("A meeting both attended</a>")[1].split("</li>")[0]
    assert "· deputy" in item and "principal" not in item
    assert Event.objects.involving("unhcr").filter(pk=event.pk).exists()
