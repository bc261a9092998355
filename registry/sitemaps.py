"""sitemap.xml: every public page, and only published records, once per language with its alternates."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from registry.models import Agency, Event, Page, Publication, Statement, Topic, WorkingGroup


class LanguagesSitemap(Sitemap):
    """Each address in each of the six languages, each entry naming the others (hreflang)."""

    i18n = True
    alternates = True
    x_default = True


class SectionSitemap(LanguagesSitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return ["site:home", "site:agencies", "site:chairs", "site:statements", "site:working-groups",
                "site:events", "site:publications", "site:initiatives", "site:data"]  # fmt: skip

    def location(self, item):
        return reverse(item)


class RecordSitemap(LanguagesSitemap):
    """Any model with a `published()` QuerySet and a page of its own."""

    changefreq = "yearly"
    model = None
    ordering = ("pk",)

    def items(self):
        # Only what a <url> entry needs: loading every statement's body made the sitemap take seconds at scale.
        return self.model.objects.published().order_by(*self.ordering).only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


def record_sitemap(model, priority=0.5):
    return type(f"{model.__name__}Sitemap", (RecordSitemap,), {"model": model, "priority": priority})


sitemaps = {
    "sections": SectionSitemap,
    "pages": record_sitemap(Page, 0.7),
    "agencies": record_sitemap(Agency, 0.7),
    "statements": record_sitemap(Statement, 0.6),
    "working-groups": record_sitemap(WorkingGroup),
    "events": record_sitemap(Event),
    "publications": record_sitemap(Publication),
    "topics": record_sitemap(Topic, 0.3),
}
