"""/chairs/: an inline SVG timeline and the same facts as a table, gaps shown, never papered over."""

import pytest
from django.urls import reverse


@pytest.fixture
def html(client, world):
    return client.get(reverse("site:chairs")).content.decode()


def test_the_timeline_is_inline_svg_with_a_bar_per_term_labelled_with_the_agency(html):
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert svg.count('class="term"') == 2
    assert ">UNHCR</text>" in svg and ">OHCHR</text>" in svg
    assert 'role="img"' in svg


def test_each_agency_has_its_own_colour(html):
    svg = html[html.index('class="chair-timeline"') : html.index("</svg>")]
    assert 'fill="#1f4e79"' in svg and 'fill="#7b2d26"' in svg


def test_the_gaps_are_drawn_as_no_chair_on_record_with_the_vacancy_note(html):
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert "no chair on record" in svg
    assert "No agency was willing to take the chair." in svg
    assert 'fill="url(#no-chair)"' in svg


def test_the_table_gives_every_term_and_gap_in_order(html):
    table = html[html.index('<table class="chair-table">') : html.index("</table>")]
    assert table.index("UNHCR") < table.index("Documented vacancy") < table.index("OHCHR")
    assert "Documented vacancy: No agency was willing to take the chair." in table
    # June 2009 – June 2010 is a gap no source explains: shown, not hidden.
    assert "No source records a chair for this period." in table


def test_the_chairs_page_says_so_when_there_are_no_terms(client, db):
    response = client.get(reverse("site:chairs"))
    assert response.status_code == 200
    assert "No chair term is on record yet." in response.content.decode()


def test_a_chairless_stretch_before_the_group_ended_is_shown_as_a_gap(html):
    # The last term ends in December 2010; members stayed until the end of 2018.
    table = html[html.index('<table class="chair-table">') : html.index("</table>")]
    assert "2011–2018" in table


@pytest.mark.parametrize("language", ["fr", "es", "ar", "ru", "zh-hans"])
def test_the_timeline_coordinates_are_numbers_in_every_language(client, world, language):
    # French writes 64.5 as "64,5": in an SVG attribute that is no number, and the browser drops the bar.
    import re

    html = client.get(f"/{language}/chairs/").content.decode()
    svg = html[html.index('class="chair-timeline"') : html.index("</svg>")]
    coordinates = re.findall(r' (?:x|y|x1|x2|y1|y2|width|height)="([^"]*)"', svg)
    assert coordinates and all(re.fullmatch(r"-?\d+(\.\d+)?", value) for value in coordinates), coordinates
