"""The agency directory, one agency's page, and the chair rotation."""

import datetime
import functools
import operator

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Count, F, Func, Max, OuterRef, Subquery, Window
from django.db.models.query import MAX_GET_RESULTS
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from registry.addresses import Address
from registry.filters import AgencyFilter
from registry.i18n import translated_column
from registry.models import (
    Agency,
    AgencyKind,
    Body,
    ChairGap,
    ChairHolder,
    ChairTerm,
    ChairVacancy,
    Event,
    Level,
    Membership,
    Participation,
    ReportedTotal,
    Role,
    Source,
    Statement,
    WorkingGroupRole,
)
from registry.models.agencies import PREFETCHED_HOLDINGS
from registry.models.base import in_date_range_bounded, order_bounds
from registry.permissions import reader
from registry.sanitise import escape_text
from registry.shapes import compiled
from registry.views.base import PublicDetailView, PublicListView, PublicPageView
from registry.views.charts import chair_timeline, gap_period


class CountingPaginator(Paginator):
    """A page of rows and how many rows there are in all from one query: the list's rows carry that count
    (`in_all`, see `counted`), so COUNT(*) is not asked first. A page past the end, or of an empty list, is found as
    Django's paginator finds it (the count, then the page it gives)."""

    def get_page(self, number):
        try:
            wanted = int(number)
        except (TypeError, ValueError):
            wanted = 1  # as Paginator.get_page: not a number gives the first page
        if wanted >= 1 and not self.orphans:
            bottom = (wanted - 1) * self.per_page
            rows = list(self.object_list[bottom : bottom + self.per_page])
            if rows:
                self.count = rows[0].in_all  # the paginator's cached count
                return self._get_page(rows, wanted, self)
        return super().get_page(number)


class AgencyListView(PublicListView):
    model = Agency
    filterset_class = AgencyFilter
    template_name = "site/agency_list.html"
    context_object_name = "agencies"
    paginate_by = 100
    paginator_class = CountingPaginator

    # What a card shows: the agency's names and kind, and each membership's body and dates, read as rows of
    # columns, not model instances (building 100 agencies and their memberships was 2 ms). Its name and
    # migration focus are read in the active language by the database (`translated_column`, English where
    # a language has no text yet, as the attribute reads): not all six columns of each.
    CARD_FIELDS = ("pk", "acronym", "slug", "kind", "kind_source", "headquarters", "card_name", "card_focus",
                   "in_all")  # fmt: skip
    # A membership's period is drawn from these (`period_html`), after the agency it belongs to.
    PERIOD_FIELDS = ("body", "start", "start_precision", "end", "end_precision", "attested_on",
                     "attested_on_precision")  # fmt: skip

    def get_queryset(self):
        listed = super().get_queryset()
        return listed.annotate(
            card_name=translated_column(Agency, "name"),
            card_focus=translated_column(Agency, "migration_focus"),
            # For CountingPaginator: how many match, counted once by the database in the same query (a subquery
            # without correlation). Not a window count: SQLite would keep every matching row's columns to count them.
            in_all=counted(listed),
        ).values_list(*self.CARD_FIELDS, named=True)

    def get_context_data(self, **kwargs):
        # Sources that count the members without naming them all, beside the count of those named here.
        context = super().get_context_data(reported_totals=ReportedTotal.objects.published().beside_named(), **kwargs)
        agencies = list(context["agencies"])
        # Each card's memberships' periods in their default order within each agency (by start), in one query.
        listed = {agency.pk: [] for agency in agencies}

        def periods(*keys):
            memberships = Membership.objects.published().filter(agency__in=keys)
            return memberships.order_by(F("start").asc(nulls_last=True), "pk").values_list(
                "agency", *self.PERIOD_FIELDS
            )

        # Its SQL made once per shape (`compiled`: per number of agencies on the page), run with their keys.
        for agency, *period in compiled(Membership, "directory", periods, list(listed)):
            listed[agency].append(tuple(period))
        # Each label translated once a page: get_kind_display() and get_body_display() translate every
        # label of their field to find one, for each of 100 cards and each of their memberships.
        kinds = {kind: escape(label) for kind, label in AgencyKind.choices}
        bodies = {body: escape(label) for body, label in Body.choices}
        link = Address.of("site:agency")
        member, periods = escape(_("Member:")), {}
        context["agency_cards"] = mark_safe(  # noqa: S308 - agency_card escapes every text
            "".join(agency_card(agency, listed[agency.pk], link, kinds, bodies, member, periods) for agency in agencies)
        )
        return context


def period_html(period, periods):
    """`membership|when` for a membership's `AgencyListView.PERIOD_FIELDS` (its dates, and its body, whose end
    is what an empty end means), kept in `periods` by them: many memberships share theirs. The membership that
    draws it is built only for a period not met yet on the page."""
    if (html := periods.get(period)) is None:
        membership = Membership(**dict(zip(AgencyListView.PERIOD_FIELDS, period, strict=True)))
        html = periods[period] = membership.span.html()
    return html


def agency_card(agency, memberships, link, kinds, bodies, member, periods):
    """One directory card as the template drew it (same markup), every text escaped.

    A hundred cards drawn by the template engine were most of the directory's time (about 10 ms):
    each `{{ }}` resolves its name through several lookups and escapes. Labels come translated and
    escaped once a page (`kinds`, `bodies`, `member`: "Member:"); `periods` keeps each membership period's
    markup by the dates it is made of, as many memberships share theirs. `agency` is a row of
    `AgencyListView.CARD_FIELDS`; each of `memberships` one of its `PERIOD_FIELDS`.
    """
    address, acronym = escape_text(link(agency.slug)), escape_text(agency.acronym)
    parts = [
        f'<li class="card">\n    <h3><a href="{address}">{acronym}</a></h3>\n'
        f"    <p>{escape_text(agency.card_name)}</p>\n"
    ]
    sourced = Agency.kind_is_sourced.fget(agency)  # the one rule, read from the row's columns
    if sourced or agency.headquarters:
        kind = (kinds[agency.kind] if agency.kind in kinds else escape_text(agency.kind)) if sourced else ""
        dot = " · " if sourced and agency.headquarters else ""
        parts.append(f'    <p class="meta">{kind}{dot}{escape_text(agency.headquarters)}</p>\n')
    if agency.card_focus:
        parts.append(f"    <p>{escape_text(agency.card_focus)}</p>\n")
    if memberships:
        listed = "; ".join(
            f"{bodies[period[0]] if period[0] in bodies else escape_text(period[0])} {period_html(period, periods)}"
            for period in memberships
        )
        parts.append(f'    <p class="meta">{member} {listed}</p>\n')
    parts.append("  </li>\n")
    return "".join(parts)


class AgencyDetailView(PublicDetailView):
    """One agency. Its long lists (at scale, thousands of statements) show the latest `LATEST` with their
    count and a link to the whole filtered list: the page stays the same size whatever the registry's."""

    model = Agency
    template_name = "site/agency_detail.html"
    context_object_name = "agency"
    LATEST = 20

    def find_object(self, queryset=None):
        """The agency of the address as DetailView finds it (`get()`: unordered, at most 21 rows), its SQL made once
        per shape and kind of reader (`compiled`; `get_queryset()` is the reader's `visible_to`)."""
        if queryset is not None:
            return super().find_object(queryset)
        kind, own = reader(self.request.user)
        slug = self.kwargs[self.slug_url_kwarg]
        found = compiled(
            Agency,
            ("agency page", kind, getattr(own, "pk", own)),
            lambda slug: self.get_queryset().filter(**{self.get_slug_field(): slug}).order_by()[:MAX_GET_RESULTS],
            [slug],
        )
        if len(found) != 1:
            return super().find_object()  # none (404) or several: as DetailView says it
        return found[0]

    def get_context_data(self, **kwargs):
        agency = self.object
        # The page's lists of one agency: their SQL made once per shape, run with the agency's key (`compiled`).
        memberships = compiled(Membership, "agency page", lambda pk: Membership.objects.published().filter(agency=pk),
                               [agency.pk])  # fmt: skip
        terms = terms_held(agency)
        roles = compiled(
            WorkingGroupRole,
            "agency page",
            lambda pk: WorkingGroupRole.objects.published().filter(agency=pk).select_related("group"),
            [agency.pk],
        )
        events, events_count, hosted = events_involving(agency, self.LATEST)
        statements, statements_count = latest(
            Statement,
            "signed",
            lambda pk: Statement.objects.published().filter(signatories=pk).chronological(descending=True),
            [agency.pk],
            self.LATEST,
        )
        statements_as_chair, statements_as_chair_count = latest(
            Statement, ("during", len(terms)), statements_during_values, during_values(terms), self.LATEST
        )
        # Each list item's address with one reverse() per kind of record, not one per item.
        with_page_urls(statements + statements_as_chair, "site:statement")
        with_page_urls(events, "site:event")
        organiser, own = " · " + escape_text(_("organiser")), agency.pk  # not in an f-string: makemessages finds it
        return super().get_context_data(
            in_group=in_the_group(agency, memberships, terms, roles, hosted),
            memberships=memberships,
            memberships_have_notes=any(membership.note for membership in memberships),
            chair_terms=terms,
            statements_as_chair=statements_as_chair,
            statements_as_chair_items=list_items(statements_as_chair),
            statements_as_chair_count=statements_as_chair_count,
            roles=roles,
            statements=statements,
            statements_items=list_items(statements),
            statements_count=statements_count,
            events=events,
            events_items=list_items(
                events,
                lambda event: (organiser if event.organiser_id == own else "")
                + ("" if event.level is None else f" · {escape_text(event.level_display.lower())}"),
            ),
            events_count=events_count,
            sources=sources_of(agency),
            **kwargs,
        )


EVENT_COLUMNS = ("slug", "title", "start", "start_precision", "end", "end_precision", "organiser_id")
STATEMENT_COLUMNS = ("slug", "title", "date", "date_precision")
LEVELS = dict(Level.choices)
# What the page shows of a chair term (its period, principal and note) through its holdings.
TERM_COLUMNS = ("term__start", "term__start_precision", "term__end", "term__end_precision", "term__principal",
                "term__note")  # fmt: skip


def latest(model, key, make, values, count):
    """The first `count` of `make(*values)` (ordered statements) with only what a list item shows, and how many
    there are in all, in one query: the total is a window count, which the database takes over every row before
    the limit (a second query cost its own round trip and ORM compile; a count as a subquery read the rows twice,
    18 ms for IOM's 2,800 statements as chair on SQLite). Its SQL made once per shape (`compiled`)."""

    def page(*values):
        return make(*values).only(*STATEMENT_COLUMNS).annotate(in_all=Window(Count("*")))[:count]

    rows = compiled(model, (key, count), page, values)
    return rows, rows[0].in_all if rows else 0


def counted(records):
    """How many `records` there are, as an expression: a subquery without correlation (COUNT, no GROUP BY)."""
    return Subquery(records.order_by().annotate(all=Func(F("pk"), function="COUNT")).values("all"))


def events_involving(agency, count):
    """The latest `count` events `agency` organised or took part in and how many there are in all (a window count),
    each with `level`, the level at which the agency took part (its participation is one per event, read by a
    subquery: not a second query of participations), then every event it organised, newest first, for the top
    of its page. Two plain queries: one that also kept its own events among the latest, numbering the rows by a
    window and filtering on the number, cost more to compile than the second query costs (0.4 ms on SQLite,
    0.3-0.7 on PostgreSQL with its round trip)."""

    def latest_events(pk):
        involved = Event.objects.published().involving(Agency(pk=pk)).chronological("start", descending=True)
        took_part = Participation.objects.published().filter(event=OuterRef("pk"), agency=pk)
        took_part = took_part.order_by().values("level")[:1]
        return involved.only(*EVENT_COLUMNS).annotate(in_all=Window(Count("*")), level=Subquery(took_part))[:count]

    def hosted_events(pk):
        hosted = Event.objects.published().filter(organiser=pk).chronological("start", descending=True)
        return hosted.only(*EVENT_COLUMNS)

    events = compiled(Event, ("agency page", count), latest_events, [agency.pk])
    for event in events:
        event.level_display = str(LEVELS.get(event.level, event.level or ""))
    return events, events[0].in_all if events else 0, compiled(Event, "hosted", hosted_events, [agency.pk])


def terms_held(agency):
    """The published chair terms `agency` held, in order, each with all its holders in their order (`chairs`),
    in one query of the holdings with their term and agency (not the terms, then their holdings)."""

    def held(pk):
        return (
            ChairHolder.objects.filter(term__in=Agency(pk=pk).chair_terms.published())
            .select_related("term", "agency")
            .only(*TERM_COLUMNS, "agency__acronym")
            .order_by("term__start", "order", "pk")
        )

    holdings = compiled(ChairHolder, "terms held", held, [agency.pk])  # its SQL made once per shape
    terms = {}
    for holding in holdings:
        term = terms.setdefault(holding.term_id, holding.term)
        term.__dict__.setdefault(PREFETCHED_HOLDINGS, []).append(holding)
    return list(terms.values())


def sources_of(record):
    """`record.sources.all()`, its SQL made once per shape (`compiled`), run with the record's kind and key."""
    kind = ContentType.objects.get_for_model(record)
    return compiled(
        Source, "sources", lambda kind, pk: Source.objects.filter(content_type=kind, object_id=pk), [kind.pk, record.pk]
    )


def list_items(records, more=None):
    """Each of `records` as an item of the page's lists, as the template drew them (same markup): its title linked
    to its `page_url`, then its date (`when`) and what `more(record)` adds (markup, escaped), every text escaped.
    Up to 60 items of a few template nodes each were a third of the page's template time."""
    return mark_safe(  # noqa: S308 - every text is escaped, `when` gives escaped markup
        "".join(
            f'<li><a href="{escape_text(record.page_url)}">{escape_text(record.title)}</a> '
            f'<span class="meta">{record.span.html()}{more(record) if more else ""}</span></li>'
            for record in records
        )
    )


def with_page_urls(records, url_name):
    """Set `page_url` on each of `records` to its `get_absolute_url()`, reversing `url_name` once (Address)."""
    link = Address.of(url_name)
    for record in records:
        record.page_url = link(record.slug)


def in_the_group(agency, memberships, terms, roles, hosted):
    """What is known of `agency` in the group, for the top of its page: when it was a member, when it
    chaired or co-chaired, which working groups it co-chaired, which events it hosted (`hosted`, newest
    first). From rows the page reads anyway."""
    items = []
    for membership in memberships:
        before = _("Member of the %(body)s") % {"body": membership.get_body_display()}
        items.append({"before": before, "after": membership.period_display})
    for term in terms:
        others = [other.acronym for other in term.chairs if other.pk != agency.pk]
        with_others = _(" and ").join(others)
        if others:
            before = _("Co-chaired the group with %(others)s") % {"others": with_others}
        else:
            before = _("Chaired the group")
        note = f" ({term.note.rstrip('.')})" if term.note else ""
        url = reverse("site:chairs") + f"#term-{term.pk}"
        items.append({"before": before, "link_text": term.period_display + note, "url": url})
    for role in roles:
        if role.role == Role.CO_CHAIR:
            since = role.period_display if role.start else ""
            items.append(
                {
                    "before": _("Co-chaired the working group"),
                    "link_text": role.group.name,
                    "url": role.group.get_absolute_url(),
                    "after": since,
                }
            )
    for event in reversed(hosted):  # oldest first, like the rest
        if event.organiser_id == agency.pk:
            items.append(
                {
                    "before": _("Hosted"),
                    "link_text": event.title,
                    "url": event.get_absolute_url(),
                    "after": event.period_display,
                }
            )
    return items


class ChairListView(PublicPageView):
    template_name = "site/chair_list.html"

    def get_context_data(self, **kwargs):
        published = ChairTerm.objects.published()
        terms = published.order_by("start").rows()
        # The published vacancies without their sources, which this page does not show (gaps() prefetches them).
        vacancies = ChairVacancy.objects.published()
        gaps = (
            split_at_vacancies(published.gaps(end=group_end(terms), vacancies=vacancies, terms=terms)) if terms else []
        )
        # No source names a principal yet: a column that would be empty on every row is left out.
        show_principal = any(term.principal for term in terms)
        periods = {term.pk: term.period_display for term in terms}  # the table's and the timeline's
        return super().get_context_data(
            terms=terms,
            gaps=gaps,
            show_principal=show_principal,
            table_rows=chair_table_rows(terms, gaps, show_principal, periods),
            timeline=chair_timeline(terms, gaps, periods),
            **kwargs,
        )


def chair_table_rows(terms, gaps, show_principal, periods):
    """The rows of the table of terms and gaps, in order, as markup with every text escaped.
    `periods` gives each term's period (by pk).

    Built here rather than in the template, for the same reason as the timeline's bars: hundreds of
    rows of a dozen template nodes each. Each message is translated once, not once per row.
    """
    words = {
        key: escape_text(text)
        for key, text in {
            "period": _("Period"),
            "principal": _("Principal"),
            "note": _("Note"),
            "and": _("and"),
            "co_chairs": _("(co-chairs)"),
            "no_chair": _("No chair on record"),
            "unsourced": _("No source records a chair for this period."),
        }.items()
    }
    url = Address.of("site:agency")
    rows = sorted([(term.start, term) for term in terms] + [(gap.start, gap) for gap in gaps], key=lambda r: r[0])
    markup = []
    for _start, item in rows:
        if isinstance(item, ChairGap):
            markup.append(_gap_row(item, words, show_principal))
        else:
            markup.append(_term_row(item, periods[item.pk], words, show_principal, url))
    return mark_safe("\n".join(markup))  # noqa: S308 - every text is escaped in the rows


def _term_row(term, period, words, show_principal, url):
    chairs = term.chairs
    holders = f" {words['and']} ".join(
        f'<a href="{escape_text(url(agency.slug))}">{escape_text(agency.acronym)}</a>'
        f' <span class="meta">{escape_text(agency.name)}</span>'
        for agency in chairs
    )
    if len(chairs) > 1:
        holders += f' <span class="meta">{words["co_chairs"]}</span>'
    principal = f'<td data-label="{words["principal"]}">{escape_text(term.principal)}</td>' if show_principal else ""
    return (
        f'<tr id="term-{term.pk}"><td data-label="{words["period"]}">{escape_text(period)}</td>'
        f'<th scope="row">{holders}</th>{principal}'
        f'<td data-label="{words["note"]}">{escape_text(term.note)}</td></tr>'
    )


def _gap_row(gap, words, show_principal):
    if gap.documented:
        kind, note = "vacancy-row", _("Documented vacancy: %(note)s") % {"note": escape_text(gap.note)}
    else:
        kind, note = "gap-row", words["unsourced"]
    return (
        f'<tr class="{kind}"><td data-label="{words["period"]}">{escape_text(gap_period(gap))}</td>'
        f'<th scope="row">{words["no_chair"]}</th>{"<td></td>" if show_principal else ""}'
        f'<td data-label="{words["note"]}">{note}</td></tr>'
    )


def group_end(terms):
    """The last day anyone was a member, so that a chairless final stretch shows as a gap, not as nothing."""
    last_member_day = Membership.objects.published().filter(body=Body.GMG).aggregate(last=Max("end"))["last"]
    return max(filter(None, [last_member_day, terms[-1].end]))


def statements_during(terms):
    """Published statements made while one of `terms` ran: the chair is derived from the date, never stored."""
    return statements_during_values(*during_values(terms))


def statements_during_values(*values):
    """`statements_during` from `during_values`: each term's start, end and their `order_bounds`, which are the
    parameters of a query made once per number of terms (`compiled`)."""
    if not values:
        return Statement.objects.none()
    ranges = [values[i : i + 4] for i in range(0, len(values), 4)]
    during = functools.reduce(operator.or_, [in_date_range_bounded("date", *bounds) for bounds in ranges])
    return Statement.objects.published().filter(during).chronological(then=("title",))


def during_values(terms):
    """The values of `statements_during` for `terms`: each one's start, end and the bounds of their order."""
    return [value for term in terms for value in (term.start, term.end, *order_bounds(term.start, term.end))]


def split_at_vacancies(gaps):
    """A documented vacancy explains only its own months: the rest of a longer gap stays unexplained."""
    one_day = datetime.timedelta(days=1)
    pieces = []
    for gap in gaps:
        vacancy = gap.vacancy
        if vacancy is None:
            pieces.append(gap)
            continue
        start, end = max(gap.start, vacancy.start), min(gap.end, vacancy.end or gap.end)
        if gap.start < start:
            pieces.append(ChairGap(gap.start, start - one_day))
        pieces.append(ChairGap(start, end, vacancy))
        if end < gap.end:
            pieces.append(ChairGap(end + one_day, gap.end))
    return pieces
