"""What the group said: the searchable list and one statement with its chair, signatories and citation."""

from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext

from registry.addresses import Address
from registry.filters import StatementListFilter
from registry.models import Agency, ChairTerm, Language, Statement, StatementKind, Topic
from registry.views.base import PublicDetailView, PublicListView


def with_people(queryset):
    return queryset.select_related("event").prefetch_related(
        Prefetch("signatories", queryset=Agency.objects.only("acronym", "slug", "name")),
        Prefetch("topics", queryset=Topic.objects.only("name", "slug")),
    )


DATE_SORTS = {("-date", "title"): True, ("date", "title"): False}


class ByIdsPaginator(Paginator):
    """Past the first page, a page of the list's ids, then those rows, in one query: the ids come from the
    list index (its entries, not the table's rows), so the statements before the page are skipped in the
    index. Page 50 of the newest statements read 1,000 rows from the table (1,016 pages on PostgreSQL at
    scale 100, 1.1 ms), now 17 index pages and its 20 rows (0.35 ms; 0020 puts the id in PostgreSQL's index).
    The rows are those of the same query, in the same order: a page of the list's own ids, filtered and
    ordered by the list's conditions and order."""

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        rows = self.object_list
        rows = rows.filter(pk__in=rows.values("pk")[bottom:top]) if bottom else rows[bottom:top]
        return self._get_page(rows, number, self)


class StatementListView(PublicListView):
    model = Statement
    filterset_class = StatementListFilter
    template_name = "site/statement_list.html"
    context_object_name = "statements"
    paginate_by = 20
    by_ids = False
    CARD_FIELDS = ("slug", "title", "date", "date_precision", "kind", "language", "summary")

    def get_queryset(self):
        # What a card shows (StatementCard): not the body, nor the stored search columns.
        queryset = super().get_queryset().only(*self.CARD_FIELDS)
        # The filter form sorts newest or oldest first by `date`; among equal days the precision decides,
        # as everywhere (Statement.objects.chronological).
        descending = DATE_SORTS.get(tuple(queryset.query.order_by))
        if descending is not None:
            queryset = queryset.chronological(descending=descending, then=("title",))
            self.by_ids = True  # the order of the list index (ByIdsPaginator)
        return queryset

    def get_paginator(self, queryset, per_page, **kwargs):
        if self.by_ids:
            return ByIdsPaginator(queryset, per_page, **kwargs)
        return super().get_paginator(queryset, per_page, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        statements = list(context["statements"])
        if statements:
            # The terms this page's dates fall in, in two queries, not one per statement (nor every term).
            dates = [statement.date for statement in statements]
            chairs = ChairTerm.objects.published().overlapping(min(dates), max(dates)).lookup()
            # A card shows its signatories' acronyms, not the topics or the event (the statement's page does):
            # read as two columns of the link table, in the agencies' order, not prefetched as agencies
            # through the many-to-many manager (its queryset, join and instances were 1–2 ms).
            signed = {statement.pk: [] for statement in statements}
            links = Statement.signatories.through.objects.filter(statement__in=signed).order_by("agency__acronym")
            for statement_id, acronym in links.values_list("statement_id", "agency__acronym"):
                signed[statement_id].append(acronym)
            for statement in statements:
                statement.chair_then = chairs.on(statement.date)
                statement.signatory_acronyms = signed[statement.pk]
        card = StatementCard()
        context["statement_cards"] = mark_safe("".join(card(statement) for statement in statements))  # noqa: S308 - escaped
        return context


class StatementCard:
    """A statement's card in the list (the markup an included template drew), every text escaped.

    Twenty cards drawn by an included template cost about 4 ms: each include, `{{ }}` lookup and
    `get_…_display()` (which translates every label of its field). Here the labels are translated once a page.
    """

    def __init__(self):
        self.link = Address.of("site:statement")
        self.kinds = {kind: escape(label) for kind, label in StatementKind.choices}
        self.languages = {language: escape(label) for language, label in Language.choices}
        self.chair = gettext("chair: %(chair)s")
        self.signed_by = escape(gettext("Signed by"))

    def __call__(self, statement):
        kind = self.kinds[statement.kind] if statement.kind in self.kinds else escape(statement.kind)
        meta = f"{statement.span.html()} · {kind}"
        if statement.language != "en":
            language = statement.language
            meta += f" · {self.languages[language] if language in self.languages else escape(language)}"
        if statement.chair_then:
            meta += f" · {self.chair % {'chair': escape(statement.chair_then.holders_display)}}"
        parts = [
            f'<li class="card">\n  <h3><a href="{escape(self.link(statement.slug))}">'
            f"{escape(statement.title)}</a></h3>\n"
            f'  <p class="meta">{meta}</p>\n'
        ]
        if statement.summary:
            parts.append(f"  <p>{escape(Truncator(statement.summary).words(45, truncate=' …'))}</p>\n")
        if signatories := statement.signatory_acronyms:
            acronyms = ", ".join(escape(acronym) for acronym in signatories)
            parts.append(f'  <p class="meta">{self.signed_by} {acronyms}</p>\n')
        parts.append("</li>\n")
        return "".join(parts)


class StatementDetailView(PublicDetailView):
    model = Statement
    template_name = "site/statement_detail.html"
    context_object_name = "statement"

    def get_queryset(self):
        # The stored search columns (PostgreSQL: the body again, and its parsed document) are search's, not the page's.
        return with_people(super().get_queryset()).prefetch_related("sources").defer("search_document", "search_text")

    def get_context_data(self, **kwargs):
        statement = self.object
        original_id = statement.translation_of_id or statement.pk
        versions = (
            Statement.objects.published()
            .filter(Q(pk=original_id) | Q(translation_of_id=original_id))
            .exclude(pk=statement.pk)
            .only("slug", "title", "language")
        )
        return super().get_context_data(
            chair=ChairTerm.objects.published().current(statement.date),
            versions=versions,
            citation=citation(statement, self.request.build_absolute_uri(statement.get_absolute_url())),
            **kwargs,
        )


def citation(statement, url):
    signatories = ", ".join(agency.acronym for agency in statement.signatories.all())
    by = gettext("Global Migration Group") + (f" ({signatories})" if signatories else "")
    return f"{by}. “{statement.title}”. {statement.get_kind_display()}, {statement.date_display}. {url}"
