"""Meetings and who came to them."""

from django.db.models import Prefetch

from registry.filters import EventFilter
from registry.models import Event, Participation
from registry.views.base import PublicDetailView, PublicListView


class EventListView(PublicListView):
    model = Event
    filterset_class = EventFilter
    template_name = "site/event_list.html"
    context_object_name = "events"
    paginate_by = 30

    def get_queryset(self):
        return (
            super().get_queryset().select_related("organiser").chronological("start", descending=True, then=("title",))
        )


class EventDetailView(PublicDetailView):
    model = Event
    template_name = "site/event_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        participations = Participation.objects.published().select_related("agency")
        return (
            super()
            .get_queryset()
            .select_related("organiser")
            .prefetch_related(Prefetch("participations", queryset=participations), "sources")
        )

    def get_context_data(self, **kwargs):
        statements = self.object.statements.published().chronological(then=("title",))
        return super().get_context_data(statements=statements, **kwargs)
