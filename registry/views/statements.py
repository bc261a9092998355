"""What the group said: the searchable list and one statement with its chair, signatories and citation."""

from django.db.models import Prefetch, Q
from django.utils.translation import gettext

from registry.filters import StatementListFilter
from registry.models import Agency, ChairTerm, Statement, Topic
from registry.views.base import PublicDetailView, PublicListView


def with_people(queryset):
    return queryset.select_related("event").prefetch_related(
        Prefetch("signatories", queryset=Agency.objects.only("acronym", "slug", "name")),
        Prefetch("topics", queryset=Topic.objects.only("name", "slug")),
    )


DATE_SORTS = {("-date", "title"): True, ("date", "title"): False}


class StatementListView(PublicListView):
    model = Statement
    filterset_class = StatementListFilter
    template_name = "site/statement_list.html"
    context_object_name = "statements"
    paginate_by = 20

    def get_queryset(self):
        # A card shows its signatories' acronyms, not the topics or the event (the statement's page does).
        signatories = Prefetch("signatories", queryset=Agency.objects.only("acronym"))
        queryset = super().get_queryset().prefetch_related(signatories)
        # The filter form sorts newest or oldest first by `date`; among equal days the precision decides,
        # as everywhere (Statement.objects.chronological).
        descending = DATE_SORTS.get(tuple(queryset.query.order_by))
        if descending is not None:
            queryset = queryset.chronological(descending=descending, then=("title",))
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        statements = list(context["statements"])
        if statements:
            # The terms this page's dates fall in, in two queries, not one per statement (nor every term).
            dates = [statement.date for statement in statements]
            chairs = ChairTerm.objects.published().overlapping(min(dates), max(dates)).lookup()
            for statement in statements:
                statement.chair_then = chairs.on(statement.date)
        return context


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
