"""One statement: the chair at the time (derived), signatories, event, topics, translations, citation."""

import datetime

from django.urls import reverse

from tests.factories import StatementFactory


def page(client, slug):
    return client.get(reverse("site:statement", kwargs={"slug": slug})).content.decode()


def test_the_statement_shows_the_chair_on_its_date(client, world):
    html = page(client, "human-rights-irregular-2010")
    assert "Chair at the time" in html
    assert "Office of the High Commissioner for Human Rights (OHCHR)" in html


def test_a_statement_made_during_a_vacancy_says_there_was_no_chair(client, world):
    StatementFactory(slug="in-the-gap", date=datetime.date(2009, 3, 1))
    assert "No chair on record" in page(client, "in-the-gap")


def test_the_statement_shows_signatories_event_and_topics_as_links(client, world):
    html = page(client, "human-rights-irregular-2010")
    for path in ("/agencies/unhcr/", "/agencies/ohchr/", "/agencies/undesa/", "/events/principals-2010/",
                 "/topics/human-rights/"):  # fmt: skip
        assert f'href="{path}"' in html


def test_the_original_and_its_translation_link_to_each_other(client, world):
    assert 'href="/statements/droits-2010-fr/" hreflang="fr"' in page(client, "human-rights-irregular-2010")
    french = page(client, "droits-2010-fr")
    assert 'href="/statements/human-rights-irregular-2010/" hreflang="en"' in french
    assert "(original)" in french
    assert '<article lang="fr">' in french


def test_a_draft_translation_is_not_offered(client, world):
    StatementFactory(slug="draft-es", language="es", translation_of=world["statement"], draft=True)
    assert "draft-es" not in page(client, "human-rights-irregular-2010")


def test_the_statement_offers_its_pdf_and_source(client, world):
    statement = world["statement"]
    statement.source_url = "https://example.org/statement"
    statement.pdf.name = "statements/statement.pdf"
    statement.save()
    html = page(client, statement.slug)
    assert 'href="/media/statements/statement.pdf"' in html
    assert 'href="https://example.org/statement"' in html


def test_the_statement_gives_a_citation_to_copy(client, world):
    html = page(client, "human-rights-irregular-2010")
    assert '<textarea id="citation-text" readonly' in html
    assert "Global Migration Group (OHCHR, UNDESA, UNHCR). “" in html  # signatories by acronym
    assert "30 September 2010" in html
    assert "http://testserver/statements/human-rights-irregular-2010/" in html
    # The copy button is an enhancement: hidden until the script finds a clipboard.
    assert 'class="copy-button" data-copy="citation-text" hidden' in html
