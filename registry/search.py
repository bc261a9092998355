"""The one search of the registry: `/search/`, the statement list's words (`q`) and the API's `?search=`.

What matches, on every database: every word of the query appears (in any case, as a word or the
start of one, or inside one) in at least one of the kind's fields — or the whole query is exactly
a record's acronym, name or title. A word that names the kind itself ("vacancy") matches every
record of that kind. On PostgreSQL, full-text search also matches, and its rank adds to the score.

Every language: a translated field (`registry/translation.py`) is searched in all six of its
columns, so a French word finds the French text and an English word the English one, whatever the
page's language. On PostgreSQL each column is stemmed with its language's text-search configuration
(`TEXT_SEARCH_CONFIG`: english, french, spanish, russian; `simple` for Arabic and Chinese, which
PostgreSQL does not stem), and the query with the reader's language's.

The score: for each word, the weight of each field it appears in (names and titles A, summaries B,
long texts C), plus a large boost when the whole query is exactly a record's acronym or title
(that is what someone typing "UNHCR" is looking for), plus the full-text rank on PostgreSQL.

Every kind of public record is covered, each read through `Kind.queryset(user)`; results come with
kind facets and counts, and snippets cut at word boundaries with the words marked (escaped; only
<mark> is markup). A search costs one query per kind, whatever the data size.
"""

import copy
import dataclasses
import datetime
import functools
import html
import itertools
import math
import operator
import re

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorCombinable, SearchVectorField
from django.core.exceptions import EmptyResultSet
from django.db import connections, router
from django.db.models import (
    BooleanField,
    CharField,
    Count,
    Exists,
    Expression,
    F,
    FloatField,
    Func,
    OuterRef,
    Q,
    QuerySet,
    TextField,
    Value,
    Window,
)
from django.db.models.lookups import IContains, IExact, In
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator

from registry.models import (
    Agency,
    ChairTerm,
    ChairVacancy,
    Event,
    Initiative,
    Membership,
    Page,
    Publication,
    ReportedTotal,
    Statement,
    Topic,
    WorkingGroup,
)
from registry.models.base import TEXT_SEARCH_CONFIG
from registry.shapes import Shapes, now_like, slim, time_of

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
PER_KIND = 20  # hits of each kind considered for the mixed list
LIMIT = 50  # hits shown in the mixed list
PAGE_SIZE = 20  # hits per page when one kind is chosen
CANDIDATES = 500  # matches of each kind ranked and counted, at most (then counts show as "500+")
WEIGHT_SCORE = {"A": 1.0, "B": 0.4, "C": 0.1}
EXACT_BOOST = 10.0
SNIPPET_WORDS = 32


@dataclasses.dataclass(frozen=True)
class Kind:
    """How one model is searched: weighted fields, fields whose exact match wins, what a hit shows."""

    key: str  # the `kind` parameter of /search/
    label: str
    plural: str
    model: type
    fields: dict  # lookup -> weight A/B/C
    title: object  # attribute name, or a function of the record
    snippet: tuple = ()  # attributes the snippet is cut from
    exact: tuple = ()  # lookups an exact (case-insensitive) match of the whole query boosts
    names: tuple = ()  # words that name the kind itself
    select_related: tuple = ()
    prefetch: tuple = ()
    url: object = None  # a function of the record; default get_absolute_url()
    date: str = ""  # the attribute a hit shows as its date, if the title does not say it

    def queryset(self, user=None):
        """What `user` may find of this kind (`visible_to`; the public search passes no user: `published()`)."""
        records = self.model.objects.visible_to(user).select_related(*self.select_related)
        records = records.defer(*_unshown_columns(self.model, self.select_related))
        return records.prefetch_related(*self.prefetch)

    def title_of(self, record):
        return self.title(record) if callable(self.title) else getattr(record, self.title)

    def url_of(self, record):
        return self.url(record) if self.url else record.get_absolute_url()


AUDIT_COLUMNS = ("created_at", "updated_at", "created_by", "updated_by")


@functools.cache
def _unshown_columns(model, select_related):
    """What a hit never shows, of `model` and of the models read with it: the search's stored text and
    documents (the database reads them to match and rank; on PostgreSQL about 2 KB a statement) and who
    changed the record when (three date-times parsed per row, 240 rows a search)."""
    models = [("", model)] + [(f"{path}__", _related(model, path)) for path in select_related]
    return tuple(
        prefix + field.name
        for prefix, model in models
        for field in model._meta.concrete_fields
        if hasattr(field, "search_fields") or field.name in (STORED_TEXT, *AUDIT_COLUMNS)
    )


def _related(model, path):
    """The model at the end of the relations `path` ("agency", "holders"; "" is `model`)."""
    for step in filter(None, path.split("__")):
        model = model._meta.get_field(step).related_model
    return model


def _agency_section(record):
    return record.agency.get_absolute_url() + "#membership-heading"


def _chairs(record):
    return reverse("site:chairs")


KINDS = [
    Kind("agency", _("Agency"), _("Agencies"), Agency, Agency.SEARCH_FIELDS, "name", ("migration_focus", "description"),
         exact=("acronym", "name"), names=("agency", "agencies")),
    Kind("membership", _("Membership"), _("Memberships"), Membership, Membership.SEARCH_FIELDS, str, ("note",),
         names=("membership", "memberships", "member", "members"), select_related=("agency",), url=_agency_section),
    Kind("chair-term", _("Chair term"), _("Chair terms"), ChairTerm, ChairTerm.SEARCH_FIELDS,
         lambda term: _("Chair: %s") % term, ("principal", "note", "priorities"),
         names=("chair", "chairs", "chaired"), prefetch=("holdings__agency",), url=_chairs),
    Kind("vacancy", _("Chair vacancy"), _("Chair vacancies"), ChairVacancy, ChairVacancy.SEARCH_FIELDS, str,
         ("note",), names=("vacancy", "vacancies", "vacant"), url=_chairs),
    Kind("reported-total", _("Reported total"), _("Reported totals"), ReportedTotal, ReportedTotal.SEARCH_FIELDS, str,
         ("note",), names=("total", "totals", "reported")),
    Kind("statement", _("Statement"), _("Statements"), Statement, Statement.SEARCH_FIELDS, "title",
         ("summary", "body"), exact=("title",), names=("statement", "statements"), date="date_display"),
    Kind("publication", _("Publication"), _("Publications"), Publication, Publication.SEARCH_FIELDS,
         "title", ("summary",), exact=("title",), names=("publication", "publications"), date="date_display"),
    Kind("working-group", _("Working group"), _("Working groups"), WorkingGroup, WorkingGroup.SEARCH_FIELDS, "name",
         ("mandate",), exact=("name",), date="period_display"),
    Kind("event", _("Event"), _("Events"), Event, Event.SEARCH_FIELDS, "title",
         ("summary",), exact=("title",), names=("event", "events"), date="period_display"),
    Kind("initiative", _("Initiative"), _("Initiatives"), Initiative, Initiative.SEARCH_FIELDS, "name",
         ("description",), exact=("acronym", "name"), names=("initiative", "initiatives"), date="launched_display"),
    Kind("page", _("Page"), _("Pages"), Page, Page.SEARCH_FIELDS, "title", ("body",), exact=("title",)),
    Kind("topic", _("Topic"), _("Topics"), Topic, Topic.SEARCH_FIELDS, "name", ("description",),
         exact=("name",), names=("topic", "topics")),
]  # fmt: skip
BY_KEY = {kind.key: kind for kind in KINDS}


def kind_for(model):
    return next(kind for kind in KINDS if kind.model is model)


def terms_of(query):
    return re.findall(r"\w[\w'-]*", (query or "").lower())[:MAX_TERMS]


def clean_query(query):
    return (query or "").strip()[:MAX_QUERY_LENGTH]


def _is_postgres(queryset):
    return connections[queryset.db].vendor == "postgresql"


# Matching and ranking: one queryset method for every caller ----------------------------------------


def filter_matching(queryset, query):
    """Narrow a queryset of a searchable model to the records matching `query`, annotated with `search_rank`."""
    queryset, condition, rank = _matching(queryset, query)
    return queryset.filter(condition).annotate(search_rank=rank)


def _matching(queryset, query, terms=None, gate=None):
    """(queryset, condition, rank): what `filter_matching` filters on and annotates, built once.

    `terms` are the query's words (`terms_of`), unless given (`_Shape` gives placeholders, and the `gate` of
    the words they stand for)."""
    kind = kind_for(queryset.model)
    query = clean_query(query)
    if terms is None:
        terms = terms_of(query)
    if not terms:
        return queryset, Q(), Value(0.0, output_field=FloatField())
    postgresql = _is_postgres(queryset)
    rank = _score(kind, terms, query, postgresql)
    if postgresql and _has_stored(kind.model, STORED_TEXT):
        # Each word inside the stored text (trigram index). An exact match needs no condition of its own:
        # a field equal to the query holds each of its words.
        condition = functools.reduce(
            operator.and_,
            [Q(**{f"{STORED_TEXT}__contains": t}) for t in terms if t not in kind.names],
            Q(pk__isnull=False),
        )
    else:
        condition = _every_term(kind, terms, postgresql) | _exact(kind, query, postgresql)
        if not postgresql and _has_index(kind, queryset.db):
            gate = gate_of(kind, query, terms) if gate is None else gate
            condition = _indexed(kind, query, terms, gate) & condition
    if postgresql:
        reader = TEXT_SEARCH_CONFIG.get(get_language(), "simple")
        text_query = SearchQuery(query, search_type="plain", config=reader)
        vector = document(kind)
        if not isinstance(vector, F):  # not the model's own stored (and GIN-indexed) column
            queryset = queryset.alias(**{STORED_DOCUMENT: vector})  # filtered on, never selected
        condition |= Q(**{STORED_DOCUMENT: text_query})
        rank = rank + SearchRank(vector, text_query)
    return queryset, condition, rank


STORED_DOCUMENT = "search_document"
STORED_TEXT = "search_text"  # every field's text lower-cased, on PostgreSQL (Statement.search_text)


def document(kind):
    """The kind's weighted text-search document, each column in its language's configuration.

    Many-valued relations (a term's co-chairs) are matched by the conditions; in the document they would
    repeat the row. Where a model stores the document of some of these fields (`stored_search_document`:
    the kind's own, or a membership's agency's names), its column is read instead of computing them: F() of
    the column when it is the whole document, else that column joined with the rest. Joining with `||` is
    associative, so the document and its rank are the same either way.
    """
    single = [(name, w) for name, w in kind.fields.items() if not _many_valued(kind.model, name)]
    vectors = []
    for relation, fields in itertools.groupby(single, key=lambda field: field[0].rpartition("__")[0]):
        fields = tuple(fields)
        stored = _stored_document(kind.model, relation, fields)
        if stored and len(fields) == len(single):
            return F(stored)
        if stored:
            vectors.append((stored, None, None))
            continue
        vectors += [
            (column, w, TEXT_SEARCH_CONFIG.get(language, "english"))
            for name, w in fields
            for column, language in _columns(kind.model, name)
        ]
    return _Document(tuple(vectors))


@functools.cache
def _stored_document(model, relation, fields):
    """The lookup of a stored document holding exactly `fields` (lookups under `relation`, with weights), or None."""
    model = _related(model, relation)
    prefix = f"{relation}__" if relation else ""
    own = tuple((name.removeprefix(prefix), w) for name, w in fields)
    translated = tuple(name for name, _w in own if _columns(model, name)[0][1] is not None)
    for field in model._meta.concrete_fields:
        if getattr(field, "search_fields", None) == (own, translated):
            return prefix + field.name
    return None


class _Document(SearchVectorCombinable, Expression):
    """`SearchVector(column, weight=weight, config=config)` for each of `vectors`, joined by `||`, as one
    expression with the same SQL: setweight(to_tsvector(config, COALESCE(column, '')), weight).

    Built for a kind whose own fields are not all in one stored document (a membership: its agency's stored
    names and its note); an entry with no weight is a stored document, read as it is. As SearchVector,
    Coalesce and Value objects, resolving and compiling them cost more than PostgreSQL took to run the
    queries they are in.
    """

    output_field = SearchVectorField()
    config = None  # the configuration of each column is its own

    def __init__(self, vectors):
        super().__init__()
        self.vectors = vectors
        self.sources = [F(column) for column, _weight, _config in vectors]

    def get_source_expressions(self):
        return self.sources

    def set_source_expressions(self, exprs):
        self.sources = list(exprs)

    def as_sql(self, compiler, connection):
        sql, params = None, []
        for source, (_column, weight, config) in zip(self.sources, self.vectors, strict=True):
            column, column_params = compiler.compile(source)
            if weight is None:  # a stored document
                vector, vector_params = column, column_params
            else:
                if not isinstance(source.output_field, CharField | TextField):
                    column = f"({column})::text"  # as SearchVector casts it: Cast(expression, TextField())
                vector = f"setweight(to_tsvector(%s::regconfig, COALESCE({column}, %s)), %s)"
                vector_params = [config, *column_params, "", weight]
            sql = vector if sql is None else f"({sql} || {vector})"
            params += vector_params
        return sql, params


@functools.cache
def _has_stored(model, name):
    return any(field.name == name for field in model._meta.concrete_fields)


@functools.cache
def _columns(model, lookup):
    """The database columns behind `lookup`: one per language for a translated field ("name_fr"…).

    Returned as (column lookup, language or None); related lookups ("agency__name") are followed.
    """
    *path, name = lookup.split("__")
    model = _related(model, "__".join(path))
    try:
        translated = translator.get_options_for_model(model).all_fields.get(name, ())
    except NotRegistered:
        translated = ()
    prefix = "__".join([*path, ""])
    if not translated:
        return ((lookup, None),)
    return tuple((prefix + field.name, field.language) for field in sorted(translated, key=lambda f: f.name))


@functools.cache
def _many_valued(model, lookup):
    """The relation `lookup` starts with, when it can hold several rows per record (a term's co-chairs)."""
    first, _, rest = lookup.partition("__")
    field = model._meta.get_field(first)
    return field if rest and (field.many_to_many or field.one_to_many) else None


LOOKUPS = {"icontains": IContains, "iexact": IExact}


class _Tests(Expression):
    """Several tests of `lookup` `operation` `value` on one record, each true when it holds in any language's
    column of the field (`_columns`), as one expression.

    The SQL is Django's own lookups' (IContains, IExact), but each column is resolved once and no Q
    object is built and resolved per column: a search tests up to 20 columns per word for each of 12
    kinds, and resolving that many filters cost more than running the queries. Across a many-valued
    relation a test is one subquery (`_exists`: any co-chair's acronym or name in any language), so that a
    record matched through two of its rows is still one hit, not two.
    """

    def __init__(self, model, tests, output_field, postgresql):
        super().__init__(output_field=output_field)
        self.model, self.tests = model, tests
        self.columns = list(dict.fromkeys(
            column for lookup, _op, _value in tests if not _many_valued(model, lookup)
            for column, _language in _columns(model, lookup)
        ))  # fmt: skip
        self.sources = [F(column) for column in self.columns] + [
            _exists(model, lookup, operation, value, postgresql)
            for lookup, operation, value in tests
            if _many_valued(model, lookup)
        ]

    def get_source_expressions(self):
        return self.sources

    def set_source_expressions(self, exprs):
        self.sources = list(exprs)

    def compile_tests(self, compiler):
        """(sql, params) of each test, in order."""
        resolved = dict(zip(self.columns, self.sources, strict=False))
        exists = iter(self.sources[len(self.columns) :])
        compiled = []
        for lookup, operation, value in self.tests:
            if _many_valued(self.model, lookup):
                compiled.append(compiler.compile(next(exists)))
                continue
            parts = [_test(compiler, resolved[column], operation, value) for column, _ in _columns(self.model, lookup)]
            sql = " OR ".join(part for part, _params in parts)
            compiled.append((f"({sql})" if len(parts) > 1 else sql, [p for _sql, params in parts for p in params]))
        return compiled


def _test(compiler, column, operation, value):
    """`column` `operation` `value` as Django's lookup compiles it; on SQLite an exact match in any case as
    UPPER(column) = UPPER(value). There that means what Django's `LIKE value ESCAPE '\\'` means (SQLite folds
    the case of ASCII letters only, in LIKE and UPPER alike), and it can use an UPPER(column) index
    (`statement_title_upper_idx`) instead of reading every statement's title: 16 ms of a search at scale 100."""
    if operation == "iexact" and compiler.connection.vendor == "sqlite":
        sql, params = compiler.compile(column)
        return f"UPPER({sql}) = UPPER(%s)", [*params, value]
    return compiler.compile(LOOKUPS[operation](column, value))


def _exists(model, lookup, operation, value, postgresql):
    """The record has a row of the many-valued relation `lookup` whose field matches in any language: an
    EXISTS, or on PostgreSQL across a many-to-many relation an IN (below)."""
    relation = _many_valued(model, lookup)
    back = relation.related_query_name() if relation.concrete else relation.field.name
    rest = lookup.partition("__")[2]
    related = relation.related_model
    any_column = functools.reduce(
        operator.or_, [Q(**{f"{column}__{operation}": value}) for column, _lang in _columns(related, rest)]
    )
    if not (postgresql and relation.many_to_many):
        return Exists(related._base_manager.filter(any_column, **{back: OuterRef("pk")}))
    # On PostgreSQL the same test as "pk IN (the terms of the link rows (ChairHolder) whose agency is one of
    # the matching ones, gathered once: ANY(ARRAY(...)))". Planned as a join, PostgreSQL expected one matching
    # agency where hundreds match ("migration" is in 483 names) and compared each with every link row, about
    # 6 ms per test at scale 100; as a correlated EXISTS, it costed the gathering once per term and compiled
    # the query (JIT, 80 ms).
    through = relation.remote_field.through
    matching = ArraySubquery(related._base_manager.filter(any_column).order_by().values("pk"))
    linked = F(f"{relation.m2m_reverse_field_name()}_id")
    rows = through._base_manager.filter(_EqualsAny(linked, matching)).values(f"{relation.m2m_field_name()}_id")
    return In(F("pk"), rows.query)


class _EqualsAny(Func):
    """`column` = ANY(`array`), on PostgreSQL."""

    output_field = BooleanField()

    def as_sql(self, compiler, connection):
        (column, column_params), (array, array_params) = (compiler.compile(e) for e in self.get_source_expressions())
        return f"{column} = ANY({array})", [*column_params, *array_params]


class _EveryTerm(_Tests):
    """Each of `terms` is inside at least one of the kind's fields."""

    def __init__(self, model, fields, terms, postgresql):
        self.fields, self.terms = fields, terms
        tests = tuple((name, "icontains", t) for t in terms for name in fields)
        super().__init__(model, tests, BooleanField(), postgresql)

    def as_sql(self, compiler, connection):
        compiled = iter(self.compile_tests(compiler))
        conditions, params = [], []
        for _term in self.terms:
            parts = [next(compiled) for _name in self.fields]
            conditions.append("(" + " OR ".join(sql for sql, _params in parts) + ")")
            params += [p for _sql, ps in parts for p in ps]
        return "(" + " AND ".join(conditions) + ")", params


class _AnyEqual(_Tests):
    """The whole query is exactly (in any case) one of the fields."""

    def __init__(self, model, fields, query, postgresql):
        super().__init__(model, tuple((name, "iexact", query) for name in fields), BooleanField(), postgresql)

    def as_sql(self, compiler, connection):
        compiled = self.compile_tests(compiler)
        return "(" + " OR ".join(sql for sql, _params in compiled) + ")", [p for _sql, ps in compiled for p in ps]


class _Score(_Tests):
    """For each term, the weight of each field it is in; plus `EXACT_BOOST` when the query is exactly one
    of the `exact` fields. Summed left to right, as floats, in the order of the kind's fields."""

    def __init__(self, model, fields, terms, exact, query, postgresql):
        self.weights = [WEIGHT_SCORE[weight] for _term in terms for weight in fields.values()]
        contains = tuple((name, "icontains", t) for t in terms for name in fields)
        exact = tuple((name, "iexact", query) for name in exact)
        super().__init__(model, contains + exact, FloatField(), postgresql)

    def as_sql(self, compiler, connection):
        compiled = self.compile_tests(compiler)
        sql, params = None, []
        for (condition, condition_params), weight in zip(compiled, self.weights, strict=False):
            case = f"CASE WHEN {condition} THEN %s ELSE %s END"
            sql = case if sql is None else f"({sql} + {case})"
            params += [*condition_params, weight, 0.0]
        exact = compiled[len(self.weights) :]
        if exact:
            whens = " ".join(f"WHEN {condition} THEN %s" for condition, _params in exact)
            sql = f"({sql} + CASE {whens} ELSE %s END)"
            for _condition, condition_params in exact:
                params += [*condition_params, EXACT_BOOST]
            params.append(0.0)
        else:
            sql = f"({sql} + %s)"
            params.append(0.0)
        return sql, params


def _every_term(kind, terms, postgresql):
    searched = [term for term in terms if term not in kind.names]
    if not searched:
        return Q(pk__isnull=False)
    return Q(_EveryTerm(kind.model, tuple(kind.fields), tuple(searched), postgresql))


def _exact(kind, query, postgresql):
    return Q(_AnyEqual(kind.model, kind.exact, query, postgresql)) if kind.exact else Q(pk__in=[])


def _score(kind, terms, query, postgresql):
    return _Score(kind.model, kind.fields, tuple(terms), kind.exact, query, postgresql)


# SQLite's trigram index ----------------------------------------------------------------------------
#
# SQLite has no index for LIKE '%word%': a word that few records hold (or none) read every statement's
# text, 33-46 ms at scale 100. The kinds that PostgreSQL searches through a trigram index of their text
# (`search_text`) have an FTS5 table with the trigram tokenizer on SQLite (`registry/search_index.py`),
# holding the columns the search tests. A search asks it first which records hold every word, and tests
# only those; the LIKE condition stays as it is, so what matches is exactly what matched without it.

INDEX_WORD = 3  # the trigram index finds words of 3 characters or more (MATCH finds nothing for shorter ones)
INDEX_ENOUGH = 2000  # at least this many records in the index hold the words: asking it narrows too little


def index_table(model):
    return f"{model._meta.db_table}_fts"


@functools.cache
def index_columns(model):
    """The columns a search tests (every language's of a translated field), as the index holds them."""
    kind = kind_for(model)
    names = [column for lookup in kind.fields for column, _language in _columns(model, lookup)]
    if any("__" in name for name in names):
        raise ValueError(f"{model.__name__}: only a table's own columns can be indexed, not {names}")
    return tuple(model._meta.get_field(name).column for name in names)


def indexed_kinds():
    """The kinds with a trigram index on SQLite: those whose text PostgreSQL keeps for its own (`search_text`)."""
    return [kind for kind in KINDS if _has_stored(kind.model, STORED_TEXT)]


def _has_index(kind, alias):
    return connections[alias].vendor == "sqlite" and _has_stored(kind.model, STORED_TEXT)


def gate_of(kind, query, terms):
    """(positions, capitals): which of `terms` the index is asked for, and whether the query has a capital
    letter beyond ASCII. Part of a search's shape: the SQL depends on both, not on the words.

    Every record whose fields hold each word (LIKE, which folds the case of ASCII letters only) is found by
    the index, which folds case by Unicode, one character at a time. A record whose title is the whole query
    (`_exact`, UPPER() = UPPER(), ASCII too) holds each word of the query as typed, not always as Python
    lower-cased it: Python lowers "İ" to two characters ("i̇"), which the index does not find in "İ", and
    Cherokee, Georgian and other capitals newer than SQLite's case table the index does not fold. So with a
    capital beyond ASCII the exact matches pass untested (`test_search_index.py` shows both)."""
    positions = tuple(i for i, term in enumerate(terms) if term not in kind.names and len(term) >= INDEX_WORD)
    return positions, any(not c.isascii() and c.lower() != c for c in query)


def _indexed(kind, query, terms, gate):
    positions, capitals = gate
    if not positions:
        return Q()
    match = " AND ".join('"{}"'.format(terms[i].replace('"', '""')) for i in positions)
    indexed = Q(_InIndex(kind.model, match))
    return (indexed | _exact(kind, query, False)) if capitals else indexed


class _InIndex(Expression):
    """The record is among those the kind's index finds for `match` (an FTS5 query), unless it finds
    `INDEX_ENOUGH` of them or more: then every record may match, and a common word's search stops after its
    first few hundred matches in the kind's order, as without the index. SQLite counts once (a constant)
    and, when the count is small, gathers the records found once."""

    output_field = BooleanField()

    def __init__(self, model, match):
        super().__init__()
        self.model, self.match, self.pk = model, match, F("pk")

    def get_source_expressions(self):
        return [self.pk]

    def set_source_expressions(self, exprs):
        (self.pk,) = exprs

    def as_sql(self, compiler, connection):
        pk, params = compiler.compile(self.pk)
        index = connection.ops.quote_name(index_table(self.model))
        found = f"SELECT {{}} FROM {index} WHERE {index} MATCH %s"  # noqa: S608 - the model's table, quoted
        enough = f"(SELECT count(*) FROM ({found.format(1)} LIMIT %s)) >= %s"  # noqa: S608
        sql = f"({enough} OR {pk} IN ({found.format('rowid')}))"
        return sql, [self.match, INDEX_ENOUGH, INDEX_ENOUGH, *params, self.match]


# Site-wide search --------------------------------------------------------------------------------


@dataclasses.dataclass
class Hit:
    kind: str
    title: str
    url: str
    snippet: str
    rank: float
    date: str = ""
    record: object = None


@dataclasses.dataclass
class Facet:
    kind: Kind
    count: int


@dataclasses.dataclass
class Results:
    query: str
    kind: Kind | None
    facets: list
    hits: list
    page: int = 1
    pages: int = 1

    @property
    def total(self):
        total = sum(facet.count for facet in self.facets)
        return AtLeast(total) if any(isinstance(facet.count, AtLeast) for facet in self.facets) else total

    @property
    def count(self):
        """How many records match in what is shown: the chosen kind, or every kind."""
        if not self.kind:
            return self.total
        return next((f.count for f in self.facets if f.kind == self.kind), 0)  # no facets: no words to search


class AtLeast(int):
    """A count that stopped at its number (`CANDIDATES`): compares and chooses plural forms as that number,
    shows as "500+" (`{{ count }}` and `{% blocktranslate count %}` print it with str())."""

    def __str__(self):
        return f"{int(self)}+"


def search(query, *, kind=None, page=1, user=None):
    """Hits for `query` (the best first), with a count per kind; `kind` (a key) narrows to one kind, paged."""
    query = clean_query(query)
    chosen = BY_KEY[kind] if kind else None
    terms = terms_of(query)
    if not terms:
        return Results(query, chosen, [], [])
    facets, found = [], []
    for each in KINDS:
        rows = _matching_rows(each, query, user, page if each is chosen else 1, size_for(each, chosen))
        count = rows[0].search_total if rows else 0
        if not rows and each is chosen and page > 1:
            count = _ranked(each, query, user).count()
        facets.append(Facet(each, AtLeast(CANDIDATES) if count > CANDIDATES else count))
        if chosen is None or each is chosen:
            found += [(float(row.search_rank), str(each.title_of(row)), each, row) for row in rows]
    found.sort(key=lambda hit: (-hit[0], hit[1].lower()))
    # Up to 20 hits of each of 12 kinds are ranked; only the shown ones need a link and a snippet.
    hits = [_hit(each, row, terms, title) for _rank, title, each, row in (found if chosen else found[:LIMIT])]
    pages = max(1, math.ceil(next(f.count for f in facets if f.kind is chosen) / PAGE_SIZE)) if chosen else 1
    return Results(query, chosen, facets, hits, page, pages)


def size_for(kind, chosen):
    if chosen is None:
        return PER_KIND
    return PAGE_SIZE if kind is chosen else 1  # the others only need their count


def _ranked(kind, query, user, terms=None, gate=None):
    """The kind's candidates (below), ranked: `search_rank` and `search_total` (how many candidates)."""
    records, condition, rank = _matching(kind.queryset(user), query, terms, gate)
    # Which records a search ranks: the first `CANDIDATES` + 1 matches in the kind's own order (newest first
    # for dated kinds, read from an index, so that a common word stops after a few hundred rows instead of
    # ranking and counting every match), and every exact match (the acronym or title typed).
    first = records.filter(condition).order_by(*kind.model._meta.ordering).values("pk")[: CANDIDATES + 1]
    exact = records.filter(_exact(kind, query, _is_postgres(records))).order_by().values("pk")
    if connections[records.db].features.supports_slicing_ordering_in_compound:
        candidates = Q(pk__in=first.union(exact))  # PostgreSQL: one semi-join on the primary key
    else:
        candidates = Q(pk__in=first) | Q(pk__in=exact)
    return records.filter(candidates).annotate(search_rank=rank, search_total=Window(Count("pk")))


def _matching_rows(kind, query, user, page, size):
    offset = (page - 1) * size
    if user is None:  # the public search: its SQL is compiled once per shape of query (below)
        return _public_rows(kind, query, offset, size)
    return list(_ranked_page(kind, query, user, offset, size))


def _ranked_page(kind, query, user, offset, size, terms=None, gate=None):
    ordered = _ranked(kind, query, user, terms, gate).order_by("-search_rank", *_title_order(kind), "pk")
    return ordered[offset : offset + size]


def _title_order(kind):
    return [kind.title] if isinstance(kind.title, str) else []


def _hit(kind, record, terms, title):
    date = getattr(record, kind.date) if kind.date else ""
    snippet = snippet_of(" ".join(str(getattr(record, name) or "") for name in kind.snippet), terms)
    return Hit(kind.label, title, kind.url_of(record), snippet, float(record.search_rank), date, record)


# The public search's SQL, compiled once per shape ------------------------------------------------
#
# Building and compiling a kind's query (tests over up to 6 language columns x fields x words) took
# about 2/3 of a search on SQLite, more than running it. Its SQL depends only on the query's shape;
# the words, the query and the time are parameters. So each shape is compiled once per process with
# placeholders in place of the words, and each search runs that SQL with its own parameters.


SHAPES = 512  # compiled shapes kept per process (least recently used dropped first)
_HOLE = "\ue000{}%_\\\ue001"  # placeholder for value i: LIKE escaping (`%`, `_`, `\`) shows on it
_HOLES = re.compile("\ue000([0-9]+)(%_\\\\|\\\\%\\\\_\\\\\\\\)\ue001")
_NOW = object()  # the parameter slot of "now" (`published()`)


def _public_rows(kind, query, offset, size):
    """`_ranked_page(kind, query, None, offset, size)` as model instances, from the shape's SQL when it is known."""
    query = clean_query(query)
    terms = terms_of(query)
    alias = router.db_for_read(kind.model)
    names = tuple(term if term in kind.names else None for term in terms)  # words naming the kind are not searched
    constants = (CANDIDATES, EXACT_BOOST, *WEIGHT_SCORE.items(), INDEX_ENOUGH)  # in the SQL too (tests change them)
    gate = gate_of(kind, query, terms) if _has_index(kind, alias) else None  # only SQLite's SQL depends on it
    key = (kind.key, alias, get_language(), names, gate, offset, size, constants)
    shape = _shapes.get(key)
    if shape is not None:
        connection = connections[alias]
        return _fetch(kind, alias, shape.compiler, shape.sql, shape.params([query, *terms], connection))
    shape, compiler, sql, params = _Shape.compile(kind, query, terms, alias, offset, size)
    if shape is not None:
        _shapes.put(key, shape)
    if compiler is None:  # no SQL (nothing can match)
        return list(_ranked_page(kind, query, None, offset, size))
    return _fetch(kind, alias, compiler, sql, params)


_shapes = Shapes(SHAPES)


class _Shape:
    """One kind's page of ranked hits for one shape of query, compiled: SQL and where each parameter comes from.

    A parameter is a constant, "now" (`published()`), or text made of the query and the words, each as
    typed or escaped for LIKE (`prep_for_like_query`). Compiled with a placeholder for each value, whose
    escaped form differs from its plain one, so that the SQL's parameters say which is which.
    """

    def __init__(self, compiler, sql, slots):
        self.compiler, self.sql, self.slots = slim(compiler), sql, slots

    def params(self, values, connection, now=None):
        escaped = [connection.ops.prep_for_like_query(value) for value in values]
        params = []
        for slot in self.slots:
            if slot is _NOW:
                params.append(connection.ops.adapt_datetimefield_value(now or timezone.now()))
            elif isinstance(slot, _Text):
                params.append("".join(part if isinstance(part, str) else (escaped if part[1] else values)[part[0]]
                                      for part in slot))  # fmt: skip
            else:
                params.append(slot)
        return params

    @classmethod
    def compile(cls, kind, query, terms, alias, offset, size):
        """(shape or None, compiler, sql, params): the shape, and this query compiled to run now.

        The shape is checked against the query compiled the usual way: same SQL, and the same parameters
        once the placeholders are filled. A shape that fails the check (or has no SQL) is not kept."""
        connection = connections[alias]
        holes = [_HOLE.format(i) for i in range(len(terms) + 1)]
        words = [term if term in kind.names else hole for term, hole in zip(terms, holes[1:], strict=True)]
        gate = gate_of(kind, query, terms)  # of the words, not of their placeholders
        start = timezone.now()
        try:
            template = _ranked_page(kind, holes[0], None, offset, size, words, gate).query.get_compiler(alias)
            template_sql, template_params = template.as_sql()
            compiler = _ranked_page(kind, query, None, offset, size, terms).query.get_compiler(alias)
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            return None, None, None, None
        end = timezone.now()
        slots = [_slot(param, connection, start, end) for param in template_params]
        same = {}  # one object for each different text: a word's pattern recurs for every column (not 0 for 0.0)
        slots = [same.setdefault(slot, slot) if isinstance(slot, _Text) else slot for slot in slots]
        shape = cls(template, template_sql, slots)
        if template_sql != sql or None in slots or not _same_params(shape, params, [query, *terms], connection):
            shape = None
        return shape, compiler, sql, params


class _Text(tuple):
    """A parameter made of text and values (index, escaped)."""


def _slot(param, connection, start, end):
    """Where a template's parameter comes from (`_Shape`); None when that is not clear."""
    if isinstance(param, str) and ("\ue000" in param or "\ue001" in param):
        parts, last = [], 0
        for match in _HOLES.finditer(param):
            parts += [param[last : match.start()], (int(match.group(1)), match.group(2) != "%_\\")]
            last = match.end()
        parts.append(param[last:])
        if any(isinstance(part, str) and ("\ue000" in part or "\ue001" in part) for part in parts):
            return None
        return _Text(part for part in parts if part != "")
    if now_like(param, connection, start, end):
        return _NOW
    if isinstance(param, datetime.date | datetime.time) or (isinstance(param, str) and _DATE.match(param)):
        return None  # a time other than now would be kept for good
    return param


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _same_params(shape, params, values, connection):
    """The shape gives `params` for `values` (and the time in `params`)."""
    if len(shape.slots) != len(params):
        return False
    now = next((param for slot, param in zip(shape.slots, params, strict=True) if slot is _NOW), None)
    filled = shape.params(values, connection, now and time_of(now, connection))
    return all(type(a) is type(b) and a == b for a, b in zip(filled, params, strict=True))  # 0.0 == False


class _Compiled:
    """Stands in for a queryset's Query whose SQL is compiled already: its compiler gives that SQL."""

    def __init__(self, compiler, sql, params):
        self.compiler, self.sql, self.params = compiler, sql, params

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        compiler = copy.copy(self.compiler)  # select, klass_info, annotation_col_map: how rows become records
        compiler.connection, compiler.using = connections[using], using
        compiler.as_sql = self.as_sql
        return compiler

    def as_sql(self, *args, **kwargs):
        return self.sql, self.params


def _fetch(kind, alias, compiler, sql, params):
    """The records of `sql` as the kind's queryset gives them (select_related, annotations, prefetch)."""
    records = QuerySet(kind.model, query=_Compiled(compiler, sql, params), using=alias)
    records._prefetch_related_lookups = kind.prefetch
    return list(records)


# Snippets ----------------------------------------------------------------------------------------


def plain_text(value):
    """Rich text as the words a reader sees: tags dropped, entities decoded, spaces collapsed."""
    return re.sub(r"\s+", " ", html.unescape(strip_tags(value or ""))).strip()


def _pattern(terms):
    alternatives = "|".join(re.escape(term) for term in sorted(set(terms), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})", re.IGNORECASE)


def snippet_of(text, terms, *, words=SNIPPET_WORDS):
    """About `words` words around the first match, cut at word boundaries, with the matches marked."""
    text = plain_text(text)
    if not text or not terms:
        return ""
    tokens = text.split(" ")
    pattern = _pattern(terms)
    first = next((i for i, token in enumerate(tokens) if pattern.search(token)), 0)
    start = max(0, min(first - words // 4, len(tokens) - words))
    end = min(len(tokens), start + words)
    excerpt = " ".join(tokens[start:end])
    return mark_safe(("… " if start else "") + highlight(excerpt, pattern) + (" …" if end < len(tokens) else ""))  # noqa: S308


def highlight(text, pattern):
    """`text` escaped, with each match of `pattern` in <mark>: the only markup that comes out."""
    parts, last = [], 0
    for match in pattern.finditer(text):
        parts += [escape(text[last : match.start()]), f"<mark>{escape(match.group())}</mark>"]
        last = match.end()
    parts.append(escape(text[last:]))
    return "".join(parts)


__all__ = ["KINDS", "MAX_QUERY_LENGTH", "Hit", "Kind", "Results", "filter_matching", "kind_for", "search"]
