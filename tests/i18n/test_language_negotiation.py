"""How a reader gets their language: the address, the switcher's choice, then the browser's preference."""

from django.conf import settings

from tests.factories import AgencyFactory


def test_english_keeps_the_addresses_it_always_had(client, db):
    response = client.get("/agencies/")
    assert response.status_code == 200
    assert response["Content-Language"] == "en"


def test_a_first_visit_from_a_french_browser_goes_to_the_french_page(client, db):
    response = client.get("/agencies/?kind=fund", HTTP_ACCEPT_LANGUAGE="fr-CH, fr;q=0.9, en;q=0.5")
    assert response.status_code == 302
    assert response["Location"] == "/fr/agencies/?kind=fund"
    assert "Accept-Language" in response["Vary"] and "Cookie" in response["Vary"]


def test_a_browser_preferring_a_language_we_do_not_offer_reads_english(client, db):
    response = client.get("/agencies/", HTTP_ACCEPT_LANGUAGE="de-DE, de;q=0.9")
    assert response.status_code == 200
    assert "Accept-Language" in response["Vary"]


def test_a_crawler_sending_no_preference_reads_english(client, db):
    assert client.get("/chairs/").status_code == 200


def test_feeds_sitemap_and_robots_are_never_redirected(client, db):
    for path in ("/sitemap.xml", "/robots.txt", "/statements/feed/"):
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="ar", HTTP_ACCEPT="application/xml")
        assert response.status_code == 200, path


def test_the_switcher_keeps_the_reader_on_the_same_record_and_remembers_the_choice(client, db):
    AgencyFactory(acronym="UNHCR", slug="unhcr")
    html = client.get("/fr/agencies/unhcr/").content.decode()
    assert 'href="/language/ar/?next=%2Ffr%2Fagencies%2Funhcr%2F" hreflang="ar" lang="ar"' in html
    response = client.get("/language/ar/?next=/fr/agencies/unhcr/")
    assert response.status_code == 302
    assert response["Location"] == "/ar/agencies/unhcr/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"


def test_choosing_english_wins_over_the_browser_preference(client, db):
    response = client.get("/language/en/?next=/fr/chairs/")
    assert response["Location"] == "/chairs/"
    # The cookie now says English: a French browser stays on the English page.
    assert client.get("/chairs/", HTTP_ACCEPT_LANGUAGE="fr").status_code == 200


def test_the_remembered_choice_is_used_on_the_next_first_visit(client, db):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    assert client.get("/events/")["Location"] == "/ru/events/"


def test_the_switcher_refuses_to_send_the_reader_to_another_site(client, db):
    response = client.get("/language/fr/?next=https://evil.example/")
    assert response["Location"] == "/fr/"


def test_an_unknown_language_in_the_switcher_falls_back_to_english(client, db):
    assert client.get("/language/xx/?next=/fr/chairs/")["Location"] == "/chairs/"


def test_the_sitemap_lists_every_page_in_each_language_with_its_alternates(client, db):
    assert "<loc>http://testserver/sitemap-sections.xml</loc>" in client.get("/sitemap.xml").content.decode()
    xml = client.get("/sitemap-sections.xml").content.decode()
    for prefix in ("", "/fr", "/es", "/ar", "/zh-hans", "/ru"):
        assert f"<loc>http://testserver{prefix}/chairs/</loc>" in xml
    assert '<xhtml:link rel="alternate" hreflang="ar" href="http://testserver/ar/chairs/"/>' in xml
    assert '<xhtml:link rel="alternate" hreflang="x-default" href="http://testserver/chairs/"/>' in xml


def test_arabic_pages_are_right_to_left_and_the_charts_left_to_right(client, db):
    html = client.get("/ar/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    css = (settings.BASE_DIR / "static" / "css" / "site.css").read_text()
    assert ".chart svg { direction: ltr; }" in css
    # Logical properties only: the layout mirrors by itself in right-to-left pages.
    for physical in ("margin-left", "margin-right", "padding-left", "padding-right", "border-left", "text-align: left"):
        assert physical not in css, physical
