"""The API's language: ?lang=, then Accept-Language; Content-Language and Vary on every answer."""

from tests.factories import AgencyFactory, StatementFactory, TopicFactory


def agency_with_french_name():
    agency = AgencyFactory(
        acronym="UNHCR", slug="unhcr", name="Office of the United Nations High Commissioner for Refugees"
    )
    agency.name_fr = "Haut-Commissariat des Nations Unies pour les réfugiés"
    agency.save()
    return agency


def test_accept_language_gives_the_translated_fields_and_says_so(client, db):
    agency_with_french_name()
    response = client.get("/api/v1/agencies/unhcr/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200
    assert response.json()["name"] == "Haut-Commissariat des Nations Unies pour les réfugiés"
    assert response["Content-Language"] == "fr"
    assert "Accept-Language" in response["Vary"]


def test_lang_wins_over_accept_language(client, db):
    agency_with_french_name()
    response = client.get("/api/v1/agencies/unhcr/?lang=en", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.json()["name"] == "Office of the United Nations High Commissioner for Refugees"
    assert response["Content-Language"] == "en"


def test_a_text_not_yet_translated_is_given_in_english(client, db):
    agency_with_french_name()
    response = client.get("/api/v1/agencies/unhcr/?lang=ar")
    assert response["Content-Language"] == "ar"
    assert response.json()["name"] == "Office of the United Nations High Commissioner for Refugees"


def test_chinese_is_asked_for_as_zh_hans_or_zh(client, db):
    agency = agency_with_french_name()
    agency.name_zh_hans = "联合国难民事务高级专员办事处"
    agency.save()
    for value in ("zh-Hans", "zh-hans", "zh"):
        response = client.get(f"/api/v1/agencies/unhcr/?lang={value}")
        assert response.json()["name"] == "联合国难民事务高级专员办事处", value
        assert response["Content-Language"] == "zh-Hans"


def test_an_unknown_lang_is_a_400_naming_it(client, db):
    response = client.get("/api/v1/agencies/?lang=klingon")
    assert response.status_code == 400
    assert response.json() == {"lang": ["“klingon” is not one of the languages offered: en, fr, es, ar, zh-Hans, ru."]}


def test_error_messages_are_in_the_requested_language(client, db):
    response = client.get("/api/v1/agencies/?page_size=500", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 400
    assert response.json() == {"page_size": ["Doit être compris entre 1 et 200 ; reçu : 500."]}
    response = client.get("/api/v1/agencies/?member_on=yesterday&lang=es")
    assert response.status_code == 400
    assert response.json() == {"member_on": ["Indique la fecha con el formato AAAA-MM-DD, por ejemplo 2009-06-30."]}


def test_a_statement_lists_its_other_language_versions(client, db):
    original = StatementFactory(slug="human-rights-2010", title="Human rights of migrants", language="en")
    french = StatementFactory(
        slug="droits-2010", title="Droits de l'homme des migrants", language="fr", translation_of=original
    )
    body = client.get("/api/v1/statements/droits-2010/").json()
    assert body["translation_of"] == "human-rights-2010"
    assert body["translations"] == [
        {"language": "en", "slug": "human-rights-2010", "url": "http://testserver/api/v1/statements/human-rights-2010/",
         "original": True},
    ]  # fmt: skip
    body = client.get("/api/v1/statements/human-rights-2010/").json()
    assert [(t["language"], t["slug"], t["original"]) for t in body["translations"]] == [("fr", french.slug, False)]


def test_a_draft_translation_is_not_listed_to_the_public(client, db):
    original = StatementFactory(slug="original", language="en")
    StatementFactory(slug="brouillon", language="fr", translation_of=original, status="draft", published_at=None)
    assert client.get("/api/v1/statements/original/").json()["translations"] == []


def test_html_url_points_at_the_page_in_the_requested_language(client, db):
    agency_with_french_name()
    assert client.get("/api/v1/agencies/unhcr/?lang=fr").json()["html_url"].endswith("/fr/agencies/unhcr/")


def test_a_statements_topics_are_in_the_order_of_their_names_in_the_requested_language(client, db):
    returns = TopicFactory(slug="return", name="Return", name_fr="Retour")
    labour = TopicFactory(slug="labour", name="Labour migration", name_fr="Travail")
    rights = TopicFactory(slug="rights", name="Rights", name_fr="Droits")
    StatementFactory(slug="joint", language="en").topics.set([returns, labour, rights])
    english, french = ["labour", "return", "rights"], ["rights", "return", "labour"]
    for lang, expected in [("en", english), ("fr", french), ("en", english), ("fr", french)]:  # one SQL a language
        assert client.get(f"/api/v1/statements/?lang={lang}").json()["results"][0]["topics"] == expected
        assert client.get(f"/api/v1/statements/joint/?lang={lang}").json()["topics"] == expected


def test_a_list_reads_each_translated_field_as_the_record_does_in_every_language(client, db):
    # The API reads translated columns itself (registry.api.serializers._translated): the same text as reading
    # the record's attribute (modeltranslation's descriptor) gives, with English where one is missing.
    from django.utils import translation

    agency = agency_with_french_name()
    agency.description = "Protects refugees."
    agency.migration_focus_ar = "اللاجئون"
    agency.save()
    fields = ("name", "description", "migration_focus")
    for language in ("en", "fr", "ar", "zh-hans", "ru"):
        listed = client.get(f"/api/v1/agencies/?lang={language}").json()["results"][0]
        with translation.override(language):
            assert {key: listed[key] for key in fields} == {key: getattr(agency, key) for key in fields}
    french = client.get("/api/v1/agencies/?lang=fr").json()["results"][0]
    assert (french["name"], french["description"]) == (agency.name_fr, "Protects refugees.")
    assert client.get("/api/v1/agencies/?lang=ar").json()["results"][0]["migration_focus"] == "اللاجئون"
