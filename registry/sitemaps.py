"""The sitemap: an index (/sitemap.xml) of sections, each paged, listing every public page and only published
records, once per language with its alternates.

At scale a single file could not do: 26,000 records in six languages are 156,000 <url> entries (about
70 MB, over the protocol's 50,000 entries and 50 MB a file). Each page holds `PAGE_RECORDS` records
in every language, read from the database a page at a time.
"""

import math

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from registry.models import Agency, Event, Page, Publication, Statement, Topic, WorkingGroup

PAGE_RECORDS = 100


class LanguagesSitemap(Sitemap):
    """Each address in each of the six languages, each entry naming the others (hreflang)."""

    i18n = True
    alternates = True
    x_default = True

    def _location(self, item, force_lang_code=None):
        # Each record's address in each language is asked for eight times per page (as an entry and as
        # the alternates of the others); reverse() it once.
        memo = self.__dict__.setdefault("_locations", {})
        key = (id(item[0]), force_lang_code or item[1])
        if key not in memo:
            memo[key] = super()._location(item, force_lang_code)
        return memo[key]


class SectionSitemap(LanguagesSitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return ["site:home", "site:agencies", "site:chairs", "site:statements", "site:working-groups",
                "site:events", "site:publications", "site:initiatives", "site:data"]  # fmt: skip

    def location(self, item):
        return reverse(item)


class _RecordsInLanguages:
    """(record, language) pairs of a queryset, as the sitemap's paginator sees them, read one slice at a time."""

    def __init__(self, queryset, languages):
        self.queryset, self.languages = queryset, languages

    def count(self):
        return self.queryset.count() * len(self.languages)

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        per = len(self.languages)
        first, last = window.start // per, math.ceil(window.stop / per)
        pairs = [(record, code) for record in self.queryset[first:last] for code in self.languages]
        return pairs[window.start - first * per : window.stop - first * per]


class RecordSitemap(LanguagesSitemap):
    """Any model with a `published()` QuerySet and a page of its own."""

    changefreq = "yearly"
    model = None
    ordering = ("pk",)

    def items(self):
        # Only what a <url> entry needs: loading every statement's body made the sitemap take seconds at scale.
        return self.model.objects.published().order_by(*self.ordering).only("slug", "updated_at")

    @property
    def limit(self):
        return PAGE_RECORDS * len(self._languages())

    def _items(self):
        return _RecordsInLanguages(self.items(), self._languages())

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        return self.model.objects.published().aggregate(latest=Max("updated_at"))["latest"]


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
