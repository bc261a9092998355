"""Publications, related initiatives, and topics."""

from registry.filters import PublicationFilter
from registry.models import Initiative, Publication, Statement, Topic
from registry.views.base import PublicDetailView, PublicListView


class PublicationListView(PublicListView):
    model = Publication
    filterset_class = PublicationFilter
    template_name = "site/publication_list.html"
    context_object_name = "publications"
    paginate_by = 30

    def get_queryset(self):
        return super().get_queryset().prefetch_related("lead_agencies").chronological(descending=True, then=("title",))


class PublicationDetailView(PublicDetailView):
    model = Publication
    template_name = "site/publication_detail.html"
    context_object_name = "publication"

    def get_queryset(self):
        return super().get_queryset().prefetch_related("lead_agencies", "topics", "sources")


class InitiativeListView(PublicListView):
    model = Initiative
    template_name = "site/initiative_list.html"
    context_object_name = "initiatives"
    paginate_by = None

    def get_queryset(self):
        return super().get_queryset().prefetch_related("sources")


class TopicDetailView(PublicDetailView):
    model = Topic
    template_name = "site/topic_detail.html"
    context_object_name = "topic"

    def get_context_data(self, **kwargs):
        topic = self.object
        return super().get_context_data(
            statements=Statement.objects.published().filter(topics=topic).chronological(descending=True),
            publications=Publication.objects.published().filter(topics=topic).chronological(descending=True),
            **kwargs,
        )
