"""SQLite's trigram index of the searched text (registry/search_index.py) holds every record as its table has it,
after any kind of write and after its triggers were lost; and a search that asks it finds exactly what the
search finds without it."""

import pytest
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from registry import search, search_index
from registry.models import Agency, Event, Publication, Statement
from tests.factories import AgencyFactory, EventFactory, PublicationFactory, StatementFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="SQLite only: PostgreSQL finds words inside words through a pg_trgm index on the stored search_text, "
    "which the database keeps itself; there is no FTS5 table or trigger to keep.",
)

MODELS = [Statement, Agency, Event, Publication]


def found(model, word):
    """The ids the index finds `word` in."""
    index = search.index_table(model)
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT rowid FROM "{index}" WHERE "{index}" MATCH %s', [f'"{word}"'])  # noqa: S608
        return {row[0] for row in cursor.fetchall()}


def assert_index_matches_table(model):
    """FTS5 compares every entry of the index with the table's rows (the check's rank 1), and fails on any
    difference: a row missing, or one indexed with text it no longer has."""
    index = search.index_table(model)
    with connection.cursor() as cursor:
        cursor.execute(f'INSERT INTO "{index}"("{index}", rank) VALUES (\'integrity-check\', 1)')  # noqa: S608


def urls(query, kind=None):
    return [hit.url for hit in search.search(query, kind=kind).hits]


@pytest.fixture
def shapes():
    search._shapes.clear()
    yield
    search._shapes.clear()


def test_the_index_holds_exactly_the_columns_the_search_tests(db):
    assert search.index_columns(Statement) == ("title", "summary", "body")
    assert search.index_columns(Publication) == (
        "title_ar", "title_en", "title_es", "title_fr", "title_ru", "title_zh_hans",
        "summary_ar", "summary_en", "summary_es", "summary_fr", "summary_ru", "summary_zh_hans", "isbn",
    )  # fmt: skip
    assert "search_text" not in search.index_columns(Agency) and "name_fr" in search.index_columns(Agency)
    assert [kind.model for kind in search.indexed_kinds()] == [Agency, Statement, Publication, Event]


def test_a_statement_is_indexed_when_saved_changed_and_deleted(db, shapes):
    statement = StatementFactory(title="Zeppelins over Geneva", slug="zeppelins")
    assert found(Statement, "zeppelin") == {statement.pk}
    assert urls("zeppelin") == ["/statements/zeppelins/"]

    statement.title = "Balloons over Geneva"
    statement.save()
    assert found(Statement, "zeppelin") == set() and found(Statement, "BALLOON") == {statement.pk}
    assert urls("zeppelin") == [] and urls("balloons") == ["/statements/zeppelins/"]

    statement.delete()
    assert found(Statement, "balloon") == set()
    assert urls("balloons") == []
    assert_index_matches_table(Statement)


def test_the_index_follows_queryset_update_and_bulk_create(db, shapes):
    StatementFactory.create_batch(3, summary="Quietly about quokkas.")
    assert len(found(Statement, "quokka")) == 3 and len(urls("quokkas")) == 3

    Statement.objects.filter(summary__contains="quokka").update(summary="Loudly about lemurs.")
    assert found(Statement, "quokka") == set() and len(found(Statement, "lemur")) == 3
    assert urls("quokkas") == [] and len(urls("lemurs")) == 3

    made = Statement.objects.bulk_create([StatementFactory.build(body="<p>Wombats</p>") for _ in range(4)])
    assert len(found(Statement, "wombat")) == 4 and len(urls("wombats")) == 4

    Statement.objects.filter(pk__in=[s.pk for s in made[:2]]).delete()
    assert len(found(Statement, "wombat")) == 2 and len(urls("wombats")) == 2
    assert_index_matches_table(Statement)


@pytest.mark.parametrize(
    ("factory", "model", "field"),
    [
        (AgencyFactory, Agency, "description_fr"),
        (EventFactory, Event, "summary_ru"),
        (PublicationFactory, Publication, "title_es"),
        (PublicationFactory, Publication, "isbn"),
    ],
)
def test_every_language_column_of_each_kind_is_indexed(db, shapes, factory, model, field):
    record = factory(**{field: "Xylophones"})
    assert found(model, "xylophone") == {record.pk}
    assert urls("xylophones") == [record.get_absolute_url()]
    model.objects.filter(pk=record.pk).update(**{field: "Marimbas"})
    assert found(model, "xylophone") == set() and urls("xylophones") == []
    assert urls("marimbas") == [record.get_absolute_url()]
    assert_index_matches_table(model)


def test_lost_triggers_are_made_again_and_the_index_filled_after_migrate(db, shapes):
    """What a table remake does to the triggers (Django drops the old table with them), and what post_migrate
    does about it."""
    before = StatementFactory(title="Before the remake: narwhals")
    with connection.cursor() as cursor:
        for trigger in ("insert", "update", "delete"):
            cursor.execute(f'DROP TRIGGER "registry_statement_fts_{trigger}"')
    missed = StatementFactory(title="During the remake: narwhals")
    Statement.objects.filter(pk=before.pk).update(title="Changed in the remake: dugongs")
    assert found(Statement, "narwhal") == {before.pk}  # the index lags behind its table
    with pytest.raises(Exception, match="malformed"):
        assert_index_matches_table(Statement)

    emit_post_migrate_signal(verbosity=0, interactive=False, db=connection.alias)

    assert found(Statement, "narwhal") == {missed.pk} and found(Statement, "dugong") == {before.pk}
    for model in MODELS:
        assert_index_matches_table(model)
    assert search_index.ensure(connection) == []  # all as wanted now: nothing made again
    after = StatementFactory(title="After the remake: narwhals")
    assert found(Statement, "narwhal") == {missed.pk, after.pk}


def test_an_index_with_other_columns_is_made_anew(db):
    record = EventFactory(city="Ouagadougou")
    with connection.cursor() as cursor:
        cursor.execute('DROP TABLE "registry_event_fts"')
        cursor.execute("CREATE VIRTUAL TABLE \"registry_event_fts\" USING fts5(title_en, tokenize='trigram')")
    assert search_index.ensure(connection) == ["registry_event_fts"]
    assert found(Event, "ouagadougou") == {record.pk}
    assert_index_matches_table(Event)


QUERIES = [
    "migration", "MIGRATION", "geneva", "narwhals", "zzqx", "un", "of", "o'brien", "mixed-migration", "zéphyr",
    "ZÉPHYR", "Zéphyr", "миграция", "Миграция", "МИГРАЦИЯ", "statements", "statements migration", "events",
    "Principals' meeting, Geneva 2010", "PRINCIPALS' MEETING, GENEVA 2010", "İstanbul", "Istanbul", "ꭰꭱꭲ", "ᎠᎡᎢ",
    "migration zzqx", "100%", "snake_case", '"quoted"',
]  # fmt: skip


def everything(query):
    """All a reader can see of `query`: the site's results of every kind, and the statement list's matches."""
    results = [search.search(query)]
    results += [search.search(query, kind=kind.key, page=page) for kind in search.KINDS for page in (1, 2)]
    seen = [
        ([(f.kind.key, str(f.count)) for f in r.facets], [(h.kind, h.title, h.url, h.snippet, h.rank) for h in r.hits])
        for r in results
    ]
    for model in MODELS:
        matching = search.filter_matching(model.objects.all(), query).order_by("pk")
        seen.append([(record.pk, record.search_rank) for record in matching])
    return seen


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_search_finds_the_same_with_and_without_the_index(world, shapes, monkeypatch, language):
    StatementFactory(title="Zéphyr", summary="o'brien on mixed-migration, Миграция", body="<p>migration</p>")
    StatementFactory(title="İstanbul", summary="ZÉPHYR and МИГРАЦИЯ")
    StatementFactory(title="ᎠᎡᎢ", summary="100% snake_case")
    AgencyFactory(acronym="ZEP", slug="zep", name="Zéphyr agency", migration_focus_ru="миграция")
    PublicationFactory(title="ꭰꭱꭲ", summary_fr="Un rapport sur la migration")
    StatementFactory.create_batch(3, title="Narwhals", summary="Statements on migration")
    with translation.override(language):
        with CaptureQueriesContext(connection) as queries:
            search.search("narwhals")
        assert any('"registry_statement_fts" MATCH' in query["sql"] for query in queries.captured_queries)
        indexed = {query: everything(query) for query in QUERIES}
        search._shapes.clear()
        monkeypatch.setattr(search, "_has_index", lambda kind, alias: False)
        with CaptureQueriesContext(connection) as queries:
            search.search("narwhals")
        assert not any("_fts" in query["sql"] for query in queries.captured_queries)
        unindexed = {query: everything(query) for query in QUERIES}
    for query in QUERIES:
        assert indexed[query] == unindexed[query], query
    assert indexed["narwhals"][0][1] and indexed["İstanbul"][0][1] and indexed["ᎠᎡᎢ"][0][1]


def test_the_index_is_asked_only_for_words_it_can_find(db):
    statement = search.BY_KEY["statement"]
    assert search.gate_of(statement, "un migration statements of", ["un", "migration", "statements", "of"]) == (
        (1,),
        False,
    )
    assert search.gate_of(statement, "UN", ["un"]) == ((), False)
    assert search.gate_of(statement, "Миграция", ["миграция"]) == ((0,), True)


def test_the_index_folds_case_as_python_lowers_it_except_for_a_few_letters(db):
    """Why a query with a capital beyond ASCII lets exact matches through untested (`gate_of`): the index
    folds most capitals as Python lowers them (so the words' condition needs nothing more), but not all."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE VIRTUAL TABLE temp.fold USING fts5(x, tokenize='trigram case_sensitive 0')")
        cursor.execute("INSERT INTO temp.fold(rowid, x) VALUES (1, 'qМqqq ÉqqБ'), (2, 'qİq'), (3, 'qᎠq')")
        for word, rowid in (("qмqqq", 1), ("éqqб", 1), ("qİq".lower(), None), ("qᎠq".lower(), None)):
            cursor.execute("SELECT rowid FROM temp.fold WHERE fold MATCH %s", [f'"{word}"'])
            assert [row[0] for row in cursor.fetchall()] == ([rowid] if rowid else []), word
        cursor.execute("DROP TABLE temp.fold")
