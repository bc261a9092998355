"""The /data/ page, the downloads it serves, and the links to it from the site, the sitemap and the API."""

import hashlib

import pytest
from django.urls import reverse

from registry import models as m
from tests.opendata.conftest import BUILD_DAY, build_on, stored

pytestmark = pytest.mark.django_db

NEXT_DAY = "2026-11-21"


def test_before_the_first_build_the_page_says_so(client, media):
    response = client.get("/data/")
    assert response.status_code == 200
    assert "have not been built yet" in response.content.decode()


def test_the_page_lists_the_downloads_with_size_date_records_checksum_licence_and_citation(client, built):
    response = client.get("/data/")
    assert response.status_code == 200
    html = response.content.decode()
    checksum = hashlib.sha256(stored(BUILD_DAY, "gmg-registry.json")).hexdigest()
    assert checksum in html
    assert f'href="/data/{BUILD_DAY}/gmg-registry.json"' in html
    assert f'href="/data/{BUILD_DAY}/gmg-registry-popolo.json"' in html
    assert f'href="/data/{BUILD_DAY}/gmg-registry-datapackage.zip"' in html
    assert f'href="/data/{BUILD_DAY}/datapackage/datapackage.json"' in html
    assert f'href="/data/{BUILD_DAY}/datapackage/sources.csv"' in html
    assert "<caption>Downloads of version 2026-11-20</caption>" in html
    assert '<th scope="col">SHA-256 checksum</th>' in html
    assert 'href="https://creativecommons.org/licenses/by/4.0/" rel="license"' in html
    citation = response.context["citation"]
    assert citation == (
        "GMG Registry (2026). GMG Registry: the Global Migration Group, 2006–2018 (version 2026-11-20) "
        "[Data set]. http://testserver/data/. Licensed under Creative Commons Attribution 4.0 International "
        "(CC-BY-4.0)."
    )
    assert '<label for="citation-text">Suggested citation</label>' in html


def test_the_page_costs_the_same_queries_as_any_page(client, built, django_assert_max_num_queries):
    # The content version the response cache is keyed by, and the menu of content pages; the rest comes
    # from storage.
    with django_assert_max_num_queries(2):
        client.get("/data/")


def test_earlier_versions_and_the_changelog_are_listed(client, built):
    m.Topic.objects.create(name="Remittances", slug="remittances")
    build_on(NEXT_DAY)
    html = client.get("/data/").content.decode()
    assert "Version 2026-11-21" in html
    assert "What changed since version 2026-11-20" in html
    assert "Added (1): Remittances" in html
    assert f'href="/data/{BUILD_DAY}/gmg-registry.json"' in html  # the earlier version is still offered


def test_a_download_streams_the_stored_file_as_an_attachment_of_its_type(client, built):
    response = client.get(f"/data/{BUILD_DAY}/gmg-registry.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="2026-11-20-gmg-registry.json"'
    assert b"".join(response.streaming_content) == stored(BUILD_DAY, "gmg-registry.json")
    csv_response = client.get(f"/data/{BUILD_DAY}/datapackage/agencies.csv")
    assert csv_response["Content-Type"] == "text/csv; charset=utf-8"
    assert b"".join(csv_response.streaming_content).startswith(b"slug,acronym,name,")
    zip_response = client.get(f"/data/{BUILD_DAY}/gmg-registry-datapackage.zip")
    assert zip_response["Content-Type"] == "application/zip"


@pytest.mark.parametrize(
    "path",
    [
        f"/data/{BUILD_DAY}/no-such-file.json",
        f"/data/{BUILD_DAY}/../index.json",
        f"/data/{BUILD_DAY}/manifest.json/../../index.json",
        "/data/1999-01-01/gmg-registry.json",
        "/data/not-a-date/gmg-registry.json",
        "/data/latest/nothing.csv",
    ],
)
def test_only_files_a_manifest_lists_are_served(client, built, path):
    assert client.get(path).status_code == 404


def test_latest_leads_to_the_newest_version_of_a_file(client, built):
    response = client.get("/data/latest/gmg-registry-popolo.json")
    assert response.status_code == 302
    assert response["Location"] == f"/data/{BUILD_DAY}/gmg-registry-popolo.json"


def test_the_page_is_linked_from_the_footer_and_listed_in_the_sitemap(client, built):
    assert 'href="/data/">Open data downloads</a>' in client.get("/").content.decode()
    assert "<loc>http://testserver/data/</loc>" in client.get("/sitemap-sections.xml").content.decode()


def test_no_content_page_can_take_the_address_of_the_downloads(db):
    from django.core.exceptions import ValidationError

    page = m.Page(title="Data", slug="data")
    with pytest.raises(ValidationError, match="section of the site"):
        page.full_clean()


def test_the_api_root_and_the_openapi_description_link_the_downloads(client, db):
    root = client.get("/api/v1/").json()
    assert root["downloads"] == "http://testserver/data/"
    schema = client.get(reverse("api:schema") + "?format=json").json()
    assert schema["externalDocs"]["url"].endswith("/data/")
    assert "/data/" in schema["info"]["description"]
