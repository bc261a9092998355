"""Past MENU_LIMIT records, an agency or event menu becomes a labelled text box for the short name, checked
by the same FilterSet; the real registry's twenty agencies keep their menu."""

import pytest
from django.urls import reverse

from registry import filters

URL = reverse("site:statements")


@pytest.fixture
def short_menus(monkeypatch):
    monkeypatch.setattr(filters, "MENU_LIMIT", 2)  # the world has three agencies


def field_html(html, name):
    start = html.index(f'<label for="id_{name}">')
    return html[start : html.index("</div>", start)]


def test_a_few_agencies_are_a_menu(client, world):
    agency = field_html(client.get(URL).content.decode(), "agency")
    assert '<select name="agency" id="id_agency">' in agency
    assert '<option value="unhcr">UNHCR</option>' in agency


def test_many_agencies_are_a_labelled_text_box_described_by_a_hint_linking_the_directory(client, world, short_menus):
    agency = field_html(client.get(URL, {"year": "2010"}).content.decode(), "agency")
    assert '<label for="id_agency">Signed by</label>' in agency
    assert "<select" not in agency and "<option" not in agency
    assert '<input type="text" name="agency" id="id_agency" aria-describedby="id_agency_hint"' in agency
    assert '<small id="id_agency_hint">' in agency
    assert 'e.g. <code>ohchr</code>, or find it under <a href="/agencies/">Member agencies</a>.' in agency


def test_the_text_box_takes_the_slug_and_keeps_it(client, world, short_menus):
    response = client.get(URL, {"agency": "ohchr"})
    assert [statement.title for statement in response.context["statements"]] == [world["statement"].title]
    assert 'name="agency" id="id_agency" aria-describedby="id_agency_hint" autocomplete="off" spellcheck="false" ' \
        'value="ohchr">' in response.content.decode()  # fmt: skip


def test_an_unknown_name_in_the_text_box_is_the_same_error_as_in_the_menu(client, world, short_menus):
    response = client.get(URL, {"agency": "nobody<"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is no agency with that name in the registry." in html
    assert 'value="nobody&lt;"' in html


def test_the_menus_read_at_most_one_record_more_than_they_show(client, world, short_menus):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(URL, {"kind": "joint"})
    menus = [q["sql"] for q in queries if 'FROM "registry_agency"' in q["sql"] and "LIMIT" in q["sql"]]
    assert menus and all("LIMIT 3" in sql for sql in menus)
    assert not any("COUNT" in q["sql"] and 'FROM "registry_agency"' in q["sql"] for q in queries)


def test_a_menu_without_a_list_to_point_to_keeps_every_record(client, world, short_menus):
    from tests.factories import TopicFactory

    TopicFactory(name="Labour migration", slug="labour-migration")
    TopicFactory(name="Remittances", slug="remittances")
    TopicFactory(name="Trafficking", slug="trafficking")
    topic = field_html(client.get(URL, {"language": "en"}).content.decode(), "topic")
    assert topic.count("<option") == 5  # "Any" and the four topics: no text box, no topic left out
