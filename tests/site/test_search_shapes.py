"""The public search's SQL is compiled once per shape of query (registry.search._Shape) and run with each
search's words: the same hits, ranks, counts and order as the query built and compiled the usual way."""

import datetime

import pytest
import time_machine
from django.utils import timezone, translation

from registry import search
from registry.models import Status
from tests.factories import AgencyFactory, StatementFactory

QUERIES = [
    "migration", "human rights", "UNHCR", "unhcr", "vacancy", "vacancy chair", "statement on migration",
    "Office of the High Commissioner for Human Rights", "OFFICE OF THE HIGH COMMISSIONER FOR HUMAN RIGHTS",
    "100%", "100% rights", "a_b", "snake_case", "back\\slash", "50%_\\", "o'brien", "mixed-migration",
    "migración", "миграция", "الهجرة", "移民", '"refugees"', "members agency", "a b c d e f g h i j k l",
    "zeppelin", "Zebra_%\\ crossing",
]  # fmt: skip


def rows(records):
    return [(type(r).__name__, r.pk, repr(r.search_rank), r.search_total) for r in records]


@pytest.fixture
def shapes():
    search._shapes.clear()
    yield search._shapes
    search._shapes.clear()


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_a_compiled_shape_finds_what_the_query_built_anew_finds(world, shapes, language):
    AgencyFactory(acronym="A_B", slug="a-b", name="Snake_case 100% agency", description="<p>back\\slash 50%_\\</p>")
    StatementFactory(title="Zebra_%\\ crossing", summary="o'brien and mixed-migration, migración, миграция")
    with translation.override(language):
        for query in QUERIES:
            for kind in search.KINDS:
                for offset, size in ((0, 20), (20, 20), (0, 1)):
                    expected = rows(search._ranked_page(kind, query, None, offset, size))
                    # Twice: the first compiles the shape (and checks it), the second runs the kept one.
                    assert rows(search._public_rows(kind, query, offset, size)) == expected, (kind.key, query)
                    assert rows(search._public_rows(kind, query, offset, size)) == expected, (kind.key, query)
    assert len(shapes.shapes) > len(search.KINDS) * 3


def test_every_shape_of_the_queries_is_kept(world, shapes):
    """A shape that failed its check would be compiled at every search: none of these does."""
    compiled = []
    original = search._Shape.compile.__func__

    def counting(cls, *args):
        compiled.append(original(cls, *args)[0])
        return compiled[-1]

    search._Shape.compile = classmethod(lambda cls, *args: (counting(cls, *args), *original(cls, *args)[1:]))
    try:
        for query in QUERIES:
            search.search(query)
            search.search(query, kind="statement", page=2)
    finally:
        search._Shape.compile = classmethod(original)
    assert compiled and None not in compiled


def test_a_shape_keeps_no_time_a_scheduled_record_is_found_once_it_is_due(world, shapes):
    noon = timezone.now().replace(microsecond=0) + datetime.timedelta(days=1)
    StatementFactory(title="Zeppelin statement", status=Status.PUBLISHED, published_at=noon)
    with time_machine.travel(noon - datetime.timedelta(seconds=1), tick=False):
        assert not search.search("zeppelin").hits  # compiles the shape
        assert not search.search("zeppelin").hits
    with time_machine.travel(noon, tick=False):
        assert [hit.title for hit in search.search("zeppelin").hits] == ["Zeppelin statement"]
    assert any(search._NOW in shape.slots for shape in shapes.shapes.values())


def test_the_shapes_kept_are_bounded(world, shapes, monkeypatch):
    monkeypatch.setattr(shapes, "size", 5)
    for words in ("a", "a b", "a b c"):
        search.search(words)
    assert len(shapes.shapes) == 5
    assert [key[0] for key in shapes.shapes] == [kind.key for kind in search.KINDS[-5:]]  # the latest used


def test_a_signed_in_reader_is_searched_the_usual_way(world, shapes, admin_user):
    drafts = search.search("secret draft", user=admin_user)
    assert "Secret draft on remittances" in [hit.title for hit in drafts.hits]
    assert not shapes.shapes
    assert "Secret draft on remittances" not in [hit.title for hit in search.search("secret draft").hits]
