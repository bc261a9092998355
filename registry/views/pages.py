"""Home, content pages (About, History…), site search and robots.txt."""

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
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

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        chair = ChairTerm.objects.current(today)
        # Without a chair today the home page names the last one, and says whether the group has ended
        # (as it did in 2018) or is between terms.
        last_chair, ended = None, False
        if chair is None:
            before = ChairTerm.objects.published().filter(end__lt=today).with_holders()
            last_chair = before.order_by("-start").first()
            ended = last_chair is not None and not ChairTerm.objects.published().filter(start__gt=today).exists()
        return super().get_context_data(
            chair=chair,
            last_chair=last_chair,
            group_ended=ended,
            statements=Statement.objects.published().order_by("-date", "title")[:5],
            events=Event.objects.published().order_by("-start")[:5],
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


class SearchView(PublicPageView):
    template_name = "site/search_results.html"

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("q", "").strip()
        too_long = len(query) > search.MAX_QUERY_LENGTH
        return super().get_context_data(
            query=query[: search.MAX_QUERY_LENGTH],
            too_long=too_long,
            hits=search.search(query) if query else [],
            full_text=search.is_postgres(),
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
