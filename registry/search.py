"""Site-wide search across statements, agencies, working groups, events and publications.

On PostgreSQL: full-text search (weighted SearchVector, SearchRank, SearchHeadline snippets).
Elsewhere (SQLite in development and tests): every word must appear in some field (icontains),
scored by which fields matched. On both, a query that is exactly a record's acronym or title puts
that record first, because that is what someone typing "UNHCR" is looking for.
"""

import dataclasses
import functools
import operator
import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, FloatField, Q, TextField, Value, When
from django.db.models.functions import Coalesce, Concat
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from registry.models import Agency, Event, Publication, Statement, WorkingGroup

MAX_QUERY_LENGTH = 200
PER_KIND = 20
START, STOP = "\u27e6", "\u27e7"  # headline markers, escaped around and then turned into <mark>
WEIGHT_SCORE = {"A": 1.0, "B": 0.4, "C": 0.1}
EXACT_BOOST = 10.0


@dataclasses.dataclass(frozen=True)
class Kind:
    """How one model is searched: weighted fields, fields whose exact match wins, what a hit shows."""

    label: str
    model: type
    fields: dict  # field name -> weight A/B/C
    exact: tuple  # fields an exact (case-insensitive) match of the whole query boosts
    snippet: tuple  # text the snippet is cut from
    title: str
    select_related: tuple = ()

    def queryset(self, user=None):
        return self.model.objects.visible_to(user).select_related(*self.select_related)


KINDS = [
    Kind("Agency", Agency, {"acronym": "A", "name": "A", "migration_focus": "B", "headquarters": "C",
                            "description": "C"}, ("acronym", "name"), ("migration_focus", "description"), "name"),
    Kind("Statement", Statement, {"title": "A", "summary": "B", "body": "C"}, ("title",), ("summary", "body"), "title"),
    Kind("Working group", WorkingGroup, {"name": "A", "mandate": "B"}, ("name",), ("mandate",), "name"),
    Kind("Event", Event, {"title": "A", "city": "B", "country": "B", "summary": "B"}, ("title",), ("summary",),
         "title"),
    Kind("Publication", Publication, {"title": "A", "summary": "B"}, ("title",), ("summary",), "title"),
]  # fmt: skip


@dataclasses.dataclass
class Hit:
    kind: str
    title: str
    url: str
    snippet: str
    rank: float
    date: str = ""
    record: object = None


def is_postgres():
    return connection.vendor == "postgresql"


def terms_of(query):
    return re.findall(r"\w[\w'-]*", query.lower())[:10]


def search(query, *, limit=50):
    """Ranked hits of every kind, the best first."""
    query = (query or "").strip()[:MAX_QUERY_LENGTH]
    if not terms_of(query):
        return []
    find = _postgres_hits if is_postgres() else _fallback_hits
    hits = [hit for kind in KINDS for hit in find(kind, query)]
    hits.sort(key=lambda hit: (-hit.rank, hit.title.lower()))
    return hits[:limit]


def filter_matching(queryset, kind, query):
    """Narrow one model's queryset to records matching `query`, annotated with `search_rank`."""
    if not terms_of(query):
        return queryset.annotate(search_rank=Value(0.0, output_field=FloatField()))
    if is_postgres():
        return _postgres_match(queryset, kind, query)
    return _fallback_match(queryset, kind, query)


def kind_for(model):
    return next(kind for kind in KINDS if kind.model is model)


# PostgreSQL -------------------------------------------------------------------------------------


def _search_query(query):
    return SearchQuery(query, search_type="websearch", config="english")


def _exact_boost(kind, query):
    whens = [When(**{f"{field}__iexact": query}, then=Value(EXACT_BOOST)) for field in kind.exact]
    return Case(*whens, default=Value(0.0), output_field=FloatField())


def _postgres_match(queryset, kind, query):
    vector = functools.reduce(
        operator.add,
        [SearchVector(name, weight=w, config="english") for name, w in kind.fields.items()],
    )
    search_query = _search_query(query)
    exact = Q(**{f"{kind.exact[0]}__iexact": query})
    for field in kind.exact[1:]:
        exact |= Q(**{f"{field}__iexact": query})
    return (
        queryset.annotate(search_document=vector)
        .filter(Q(search_document=search_query) | exact)
        .annotate(search_rank=SearchRank(vector, search_query) + _exact_boost(kind, query))
    )


def _postgres_hits(kind, query):
    parts = [
        part for name in kind.snippet for part in (Coalesce(F(name), Value(""), output_field=TextField()), Value(" "))
    ]
    text = Concat(*parts, output_field=TextField())
    rows = (
        _postgres_match(kind.queryset(), kind, query)
        .annotate(
            search_snippet=SearchHeadline(
                text,
                _search_query(query),
                config="english",
                start_sel=START,
                stop_sel=STOP,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
        )
        .order_by("-search_rank")[:PER_KIND]
    )
    return [_hit(kind, row, row.search_rank, _marked(row.search_snippet)) for row in rows]


def _marked(headline):
    """Headline text (possibly cut from rich text) as safe HTML with only <mark> kept."""
    plain = escape(strip_tags(headline or "")).strip()
    return mark_safe(plain.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308 - escaped above


# Fallback (SQLite) ------------------------------------------------------------------------------


def _fallback_match(queryset, kind, query):
    condition = Q()
    for term in terms_of(query):
        condition &= functools.reduce(operator.or_, [Q(**{f"{name}__icontains": term}) for name in kind.fields])
    exact = functools.reduce(operator.or_, [Q(**{f"{name}__iexact": query}) for name in kind.exact])
    whens = [When(Q(**{f"{name}__icontains": term}), then=Value(WEIGHT_SCORE[w]))
             for term in terms_of(query) for name, w in kind.fields.items()]  # fmt: skip
    # One score per term and field would need a sum of CASEs; the best field per record is enough to rank.
    rank = Case(*whens, default=Value(0.0), output_field=FloatField()) + _exact_boost(kind, query)
    return queryset.filter(condition | exact).annotate(search_rank=rank)


def _fallback_score(kind, record, query, terms):
    score = 0.0
    for name, weight in kind.fields.items():
        value = (getattr(record, name) or "").lower()
        score += sum(WEIGHT_SCORE[weight] for term in terms if term in value)
    if any((getattr(record, name) or "").lower() == query.lower() for name in kind.exact):
        score += EXACT_BOOST
    return score


def _fallback_hits(kind, query):
    terms = terms_of(query)
    rows = list(_fallback_match(kind.queryset(), kind, query)[: PER_KIND * 10])
    scored = sorted(((_fallback_score(kind, row, query, terms), row) for row in rows), key=lambda p: -p[0])
    return [_hit(kind, row, score, _fallback_snippet(kind, row, terms)) for score, row in scored[:PER_KIND]]


def _fallback_snippet(kind, record, terms, width=220):
    text = " ".join(strip_tags(getattr(record, name) or "") for name in kind.snippet)
    text = re.sub(r"\s+", " ", text).strip()
    lowered = text.lower()
    positions = [lowered.find(term) for term in terms if lowered.find(term) >= 0]
    start = max(min(positions) - width // 3, 0) if positions else 0
    excerpt = text[start : start + width]
    html = escape(excerpt)
    for term in sorted(terms, key=len, reverse=True):
        html = re.sub(f"({re.escape(escape(term))})", r"⟦\1⟧", html, flags=re.IGNORECASE)
    html = html.replace("⟦", "<mark>").replace("⟧", "</mark>")
    prefix = "… " if start else ""
    suffix = " …" if start + width < len(text) else ""
    return mark_safe(f"{prefix}{html}{suffix}")  # noqa: S308 - built from escaped text


def _hit(kind, record, rank, snippet):
    date = getattr(record, "date_display", "") or getattr(record, "period_display", "")
    return Hit(kind.label, getattr(record, kind.title), record.get_absolute_url(), snippet, float(rank), date, record)
