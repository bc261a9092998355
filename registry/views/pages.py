"""Home, content pages (About, History…), site search and robots.txt."""

from django import forms
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from registry import search
from registry.models import ChairTerm, Event, Page, Statement
from registry.views.base import PublicDetailView, PublicPageView, cache_for_public
from registry.views.charts import growth_chart, membership_growth

# The content page that also carries the membership-growth chart.
HISTORY_SLUG = "history"


def growth_context():
    counts = membership_growth()
    return {"growth": counts, "growth_chart": growth_chart(counts)}


class HomeView(PublicPageView):
    template_name = "site/home.html"
    # What the lists of the latest statements and events show (not the bodies, summaries, search columns…).
    STATEMENT_COLUMNS = ("slug", "title", "date", "date_precision")
    EVENT_COLUMNS = ("slug", "title", "city", "start", "start_precision", "end", "end_precision")

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        term, running, more_to_come = ChairTerm.objects.published().current_or_last(today)
        # Without a chair today the home page names the last one, and says whether the group has ended
        # (as it did in 2018) or is between terms.
        chair, last_chair = (term, None) if running else (None, term)
        ended = last_chair is not None and not more_to_come
        statements = Statement.objects.published().chronological(descending=True, then=("title",))
        events = Event.objects.published().chronological("start", descending=True)
        return super().get_context_data(
            chair=chair,
            last_chair=last_chair,
            group_ended=ended,
            statements=statements.only(*self.STATEMENT_COLUMNS)[:5],
            events=events.only(*self.EVENT_COLUMNS)[:5],
            **growth_context(),
            **kwargs,
        )


class PageView(PublicDetailView):
    model = Page
    template_name = "site/page_detail.html"
    context_object_name = "page"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.object.slug == HISTORY_SLUG:
            context.update(growth_context())
        return context


class SearchForm(forms.Form):
    q = forms.CharField(required=False, label=_("Words to search for"), widget=forms.SearchInput)
    kind = forms.ChoiceField(required=False, choices=[("", "Every kind")] + [(k.key, k.plural) for k in search.KINDS])
    page = forms.IntegerField(required=False, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].error_messages["invalid_choice"] = "There is no kind of record called “%(value)s”."


class SearchView(PublicPageView):
    """Site-wide search (registry.search): hits of every kind, or of one kind (`kind`), with counts."""

    template_name = "site/search_results.html"

    def get(self, request, *args, **kwargs):
        self.form = SearchForm(request.GET)
        response = super().get(request, *args, **kwargs)
        if not self.form.is_valid():
            response.status_code = 400
        return response

    def get_context_data(self, **kwargs):
        data = self.form.cleaned_data if self.form.is_valid() else {}
        query = (data.get("q") or "").strip()
        # The public search finds what the public reads, whoever asks (staff preview records one at a time).
        results = search.search(query, kind=data.get("kind") or None, page=data.get("page") or 1)
        return super().get_context_data(
            form=self.form,
            query=results.query,
            too_long=len(query) > search.MAX_QUERY_LENGTH,
            results=results,
            hits=results.hits,
            **kwargs,
        )


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('site:sitemap'))}",
        "",
    ]
    return cache_for_public(request, HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8"))
