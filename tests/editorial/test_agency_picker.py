"""The agency picker (autocomplete) finds an agency by its acronym first, then by its name."""

from django.urls import reverse

from tests.factories import AgencyFactory


def _pick(client, term):
    url = reverse("admin:autocomplete")
    params = {"term": term, "app_label": "registry", "model_name": "membership", "field_name": "agency"}
    response = client.get(url, params)
    assert response.status_code == 200
    return [row["text"] for row in response.json()["results"]]


def test_typing_an_acronym_offers_that_agency_first(admin_client):
    AgencyFactory(acronym="IOM", name="International Organization for Migration", migration_focus="Works with WHO")
    AgencyFactory(acronym="WHO", name="World Health Organization")
    AgencyFactory(acronym="UNWHOLE", name="A made-up agency")
    assert _pick(admin_client, "WHO") == ["WHO", "UNWHOLE"]


def test_a_name_prefix_comes_before_a_word_inside_a_name(admin_client):
    AgencyFactory(acronym="UNDP", name="United Nations Development Programme")
    AgencyFactory(acronym="ILO", name="International Labour Organization")
    AgencyFactory(acronym="UNITAR", name="United Nations Institute for Training and Research")
    assert _pick(admin_client, "inter")[0] == "ILO"
    assert _pick(admin_client, "united")[:2] == ["UNDP", "UNITAR"]


def test_the_changelist_search_still_reads_every_field(admin_client):
    AgencyFactory(acronym="IOM", name="International Organization for Migration", migration_focus="Works with WHO")
    html = admin_client.get(reverse("admin:registry_agency_changelist"), {"q": "works with"}).content.decode()
    assert "IOM" in html
