"""What the group said and published, what it was about, and the site's own pages."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower, Upper
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from registry.dates import Span, precision_field
from registry.fields import RichTextField
from registry.models.agencies import Agency, ChairTerm
from registry.models.base import (
    DatedMixin,
    Editorial,
    PartialDates,
    Publishable,
    Status,
    chronological,
    stored_search_document,
    stored_search_text,
)
from registry.uploads import GeneratedName, validate_pdf


def ci_unique_slug(model_name):
    return models.UniqueConstraint(
        Lower("slug"),
        name=f"registry_{model_name}_slug_ci_unique",
        violation_error_message="Another record already uses this slug.",
    )


def list_indexes(model_name):
    """`published()`'s status, then the public list's order (newest first at the date's precision, then
    title), then its publication time: a page of a long list is read in order from the index, and the
    whole list's count from the index alone (see bench/probe.py explain). Status first: with the order
    first SQLite counted 20,000 statements through `published_at` and the table (8.4 ms; 1.1 ms now),
    and with a second, narrower index for the count it read every page through that one and sorted."""
    return [models.Index(fields=["status", "-date_order", "title", "published_at"], name=f"{model_name}_list_idx")]


class Language(models.TextChoices):
    ARABIC = "ar", _("Arabic")
    CHINESE = "zh", _("Chinese")
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    RUSSIAN = "ru", _("Russian")
    SPANISH = "es", _("Spanish")


class Topic(Editorial):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)

    SEARCH_FIELDS = {"name": "A", "description": "B"}
    SEARCH_TRANSLATED = ("name", "description")
    search_document = stored_search_document(SEARCH_FIELDS, SEARCH_TRANSLATED)

    class Meta:
        ordering = ["name"]
        constraints = [ci_unique_slug("topic")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("site:topic", kwargs={"slug": self.slug})


class StatementKind(models.TextChoices):
    """Given only where a source says which it is; otherwise `unspecified` (shown as "Statement")."""

    JOINT = "joint", _("Principals' joint statement")
    DELIVERED = "delivered", _("Statement delivered at an event")
    POSITION = "position", _("Position paper")
    UNSPECIFIED = "unspecified", _("Statement")


class Statement(DatedMixin, Publishable):
    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(
        max_length=11, choices=StatementKind.choices, default=StatementKind.UNSPECIFIED,
        help_text="Only what a source says it is; 'Statement' when no source says which kind.",
    )  # fmt: skip
    event = models.ForeignKey(
        "registry.Event", null=True, blank=True, on_delete=models.SET_NULL, related_name="statements"
    )
    summary = models.TextField(blank=True)
    body = RichTextField(blank=True)
    pdf = models.FileField(
        "PDF", upload_to=GeneratedName("statements", extension="pdf"), validators=[validate_pdf], blank=True
    )
    source_url = models.URLField("source URL", max_length=500, blank=True)
    signatories = models.ManyToManyField(Agency, blank=True, related_name="statements_signed")
    topics = models.ManyToManyField(Topic, blank=True, related_name="statements")
    language = models.CharField(max_length=2, choices=Language.choices, default=Language.ENGLISH)
    translation_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="translations",
        help_text="The original, when this is a translation.",
    )  # fmt: skip

    # The agencies whose focal points may read and write this statement while it is unpublished.
    agency_field = "signatories"
    # What registry.search matches and ranks, with each field's weight (names A, summaries B, long texts C).
    SEARCH_FIELDS = {"title": "A", "summary": "B", "body": "C"}
    # Those fields' text-search document on PostgreSQL, kept by the database and GIN-indexed (migration 0012),
    # so a search reads it instead of parsing every statement's body.
    search_document = stored_search_document(SEARCH_FIELDS)
    # The same fields' text as one lower-cased string, trigram-indexed on PostgreSQL (0014): a word inside a
    # word ("migra") is found from the index instead of reading 21,000 bodies at scale 100.
    search_text = stored_search_text(SEARCH_FIELDS)

    class Meta:
        ordering = [*chronological("date", descending=True, stored=True), "title"]
        constraints = [ci_unique_slug("statement")]
        # With the title's upper case (what an exact, case-insensitive match of a whole title compares).
        indexes = [*list_indexes("statement"), models.Index(Upper("title"), name="statement_title_upper_idx")]
        permissions = [("publish_statement", "Can publish, schedule and withdraw statements")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("site:statement", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.translation_of_id and self.translation_of_id == self.pk:
            raise ValidationError({"translation_of": "A statement cannot be a translation of itself."})
        if self.translation_of_id and self.translation_of.language == self.language:
            raise ValidationError({"language": "A translation must be in another language than its original."})

    @property
    def chair(self):
        """The chair on the statement's date, as the public knows it: derived from published terms, never stored."""
        return ChairTerm.objects.published().current(self.date)


class PublicationKind(models.TextChoices):
    REPORT = "report", _("Report")
    HANDBOOK = "handbook", _("Handbook")
    BRIEF = "brief", _("Brief")


class Publication(DatedMixin, Publishable):
    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=10, choices=PublicationKind.choices, default=PublicationKind.REPORT)
    lead_agencies = models.ManyToManyField(Agency, blank=True, related_name="publications_led")
    topics = models.ManyToManyField(Topic, blank=True, related_name="publications")
    summary = models.TextField(blank=True)
    isbn = models.CharField("ISBN", max_length=20, blank=True)
    url = models.URLField("URL", max_length=500, blank=True)
    pdf = models.FileField(
        "PDF", upload_to=GeneratedName("publications", extension="pdf"), validators=[validate_pdf], blank=True
    )
    # As Agency.SEARCH_FIELDS: what registry.search reads, and its stored text-search document.
    SEARCH_FIELDS = {"title": "A", "summary": "B", "isbn": "C"}
    SEARCH_TRANSLATED = ("title", "summary")
    search_document = stored_search_document(SEARCH_FIELDS, SEARCH_TRANSLATED)
    search_text = stored_search_text(SEARCH_FIELDS, SEARCH_TRANSLATED)  # trigram-indexed on PostgreSQL (0021)

    class Meta:
        ordering = [*chronological("date", descending=True, stored=True), "title"]
        constraints = [ci_unique_slug("publication")]
        indexes = list_indexes("publication")
        permissions = [("publish_publication", "Can publish, schedule and withdraw publications")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("site:publication", kwargs={"slug": self.slug})


class Initiative(PartialDates, Editorial):
    """A related process outside the group (GCIM, GFMD, HLD, ICPD, the Berne Initiative)."""

    name = models.CharField(max_length=200)
    acronym = models.CharField(max_length=32, blank=True)
    slug = models.SlugField(max_length=100, unique=True)
    launched = models.DateField(null=True, blank=True)
    launched_precision = precision_field()
    partial_dates = {"launched": False}
    description = RichTextField(blank=True)
    url = models.URLField("URL", max_length=500, blank=True)
    un_led = models.BooleanField("UN-led", default=False)

    SEARCH_FIELDS = {"acronym": "A", "name": "A", "description": "B"}
    SEARCH_TRANSLATED = ("name", "description")
    search_document = stored_search_document(SEARCH_FIELDS, SEARCH_TRANSLATED)

    class Meta:
        ordering = ["launched", "name"]
        constraints = [ci_unique_slug("initiative")]

    def __str__(self):
        return self.acronym or self.name

    @property
    def span(self):
        return Span(self.launched, self.launched_precision)

    @property
    def launched_display(self):
        return self.span.text()

    def get_absolute_url(self):
        return reverse("site:initiatives") + f"#{self.slug}"


# Page slugs live at the site root, so they must not shadow a section of the site.
RESERVED_PAGE_SLUGS = {
    "admin", "api", "agencies", "chairs", "statements", "working-groups", "events", "publications",
    "initiatives", "topics", "search", "data", "sitemap.xml", "robots.txt", "healthz", "static", "media",
}  # fmt: skip


class Page(Publishable):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    body = RichTextField(blank=True)
    menu_order = models.PositiveSmallIntegerField(default=0, help_text="Lower comes first in the menu.")
    show_in_menu = models.BooleanField(default=True)

    SEARCH_FIELDS = {"title": "A", "body": "B"}
    SEARCH_TRANSLATED = ("title", "body")
    search_document = stored_search_document(SEARCH_FIELDS, SEARCH_TRANSLATED)

    class Meta:
        ordering = ["menu_order", "title"]
        constraints = [ci_unique_slug("page")]
        permissions = [("publish_page", "Can publish, schedule and withdraw pages")]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.slug and self.slug.lower() in RESERVED_PAGE_SLUGS:
            raise ValidationError({"slug": f"“{self.slug}” is a section of the site; choose another slug."})

    def get_absolute_url(self):
        return reverse("site:page", kwargs={"slug": self.slug})


__all__ = [
    "RESERVED_PAGE_SLUGS",
    "Initiative",
    "Language",
    "Page",
    "Publication",
    "PublicationKind",
    "Statement",
    "StatementKind",
    "Status",
    "Topic",
]  # fmt: skip
