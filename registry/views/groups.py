"""Working groups and what they did."""

from django.db.models import Prefetch

from registry.filters import WorkingGroupFilter
from registry.models import Activity, WorkingGroup, WorkingGroupRole
from registry.views.base import PublicDetailView, PublicListView


def roles():
    return Prefetch("roles", queryset=WorkingGroupRole.objects.published().select_related("agency"))


class WorkingGroupListView(PublicListView):
    model = WorkingGroup
    filterset_class = WorkingGroupFilter
    template_name = "site/workinggroup_list.html"
    context_object_name = "groups"
    paginate_by = 50

    def get_queryset(self):
        return super().get_queryset().prefetch_related(roles())


class WorkingGroupDetailView(PublicDetailView):
    model = WorkingGroup
    template_name = "site/workinggroup_detail.html"
    context_object_name = "group"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(roles(), Prefetch("activities", queryset=Activity.objects.published()), "sources")
        )

    def get_context_data(self, **kwargs):
        roles = list(self.object.roles.all())  # prefetched
        # A column that would be empty on every row is left out.
        return super().get_context_data(roles=roles, roles_have_periods=any(role.start for role in roles), **kwargs)
