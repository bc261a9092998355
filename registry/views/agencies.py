"""The agency directory, one agency's page, and the chair rotation."""

import datetime
import functools
import operator

from django.db.models import Max, Prefetch, Q

from registry.filters import AgencyFilter
from registry.models import (
    Agency,
    Body,
    ChairGap,
    ChairTerm,
    Event,
    Membership,
    Participation,
    Statement,
    WorkingGroupRole,
)
from registry.views.base import PublicDetailView, PublicListView, PublicPageView
from registry.views.charts import chair_timeline, gap_period


class AgencyListView(PublicListView):
    model = Agency
    filterset_class = AgencyFilter
    template_name = "site/agency_list.html"
    context_object_name = "agencies"
    paginate_by = 100

    def get_queryset(self):
        return super().get_queryset().prefetch_related(Prefetch("memberships", queryset=Membership.objects.published()))


class AgencyDetailView(PublicDetailView):
    model = Agency
    template_name = "site/agency_detail.html"
    context_object_name = "agency"

    def get_context_data(self, **kwargs):
        agency = self.object
        terms = list(agency.chair_terms.published())
        attended = Participation.objects.published().filter(agency=agency)
        events = (
            Event.objects.published()
            .involving(agency)
            .prefetch_related(Prefetch("participations", queryset=attended, to_attr="agency_participation"))
            .chronological("start", descending=True)
        )
        memberships = list(agency.memberships.published())
        return super().get_context_data(
            memberships=memberships,
            memberships_have_notes=any(membership.note for membership in memberships),
            chair_terms=terms,
            statements_as_chair=statements_during(terms),
            roles=WorkingGroupRole.objects.published().filter(agency=agency).select_related("group"),
            statements=Statement.objects.published().filter(signatories=agency).chronological(descending=True),
            events=events,
            sources=agency.sources.all(),
            **kwargs,
        )


class ChairListView(PublicPageView):
    template_name = "site/chair_list.html"

    def get_context_data(self, **kwargs):
        terms = list(ChairTerm.objects.published().select_related("agency").order_by("start"))
        gaps = split_at_vacancies(ChairTerm.objects.gaps(end=group_end(terms))) if terms else []
        rows = sorted([("term", t.start, t) for t in terms] + [("gap", g.start, g) for g in gaps], key=lambda r: r[1])
        return super().get_context_data(
            terms=terms,
            gaps=gaps,
            rows=[{"kind": kind, "item": item, "period": period(kind, item)} for kind, _start, item in rows],
            timeline=chair_timeline(terms, gaps),
            **kwargs,
        )


def group_end(terms):
    """The last day anyone was a member, so that a chairless final stretch shows as a gap, not as nothing."""
    last_member_day = Membership.objects.published().filter(body=Body.GMG).aggregate(last=Max("end"))["last"]
    return max(filter(None, [last_member_day, terms[-1].end]))


def statements_during(terms):
    """Published statements made while one of `terms` ran: the chair is derived from the date, never stored."""
    if not terms:
        return Statement.objects.none()
    during = functools.reduce(operator.or_, [Q(date__gte=term.start, date__lte=term.end) for term in terms])
    return Statement.objects.published().filter(during).chronological(then=("title",))


def period(kind, item):
    return item.period_display if kind == "term" else gap_period(item)


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
