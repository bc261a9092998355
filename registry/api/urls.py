from django.urls import path, re_path, reverse
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import routers
from rest_framework.renderers import JSONRenderer

from registry.api import views

app_name = "api"


class APIRootView(views.LiveSettingsMixin, routers.APIRootView):
    """GMG Registry API v1: the resources, then where the schema and the interactive docs are."""

    renderer_classes = [JSONRenderer]

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        # The whole registry in one file, for clients that would otherwise page through every list.
        response.data["downloads"] = request.build_absolute_uri(reverse("site:data"))
        return response


class Router(routers.DefaultRouter):
    include_format_suffixes = False  # `?format=csv`, not `.csv` paths
    APIRootView = APIRootView

    def get_api_root_view(self, api_urls=None):
        resources = {prefix: f"{basename}-list" for prefix, _viewset, basename in self.registry}
        return self.APIRootView.as_view(api_root_dict={**resources, "schema": "schema", "docs": "docs"})


router = Router()
router.register("agencies", views.AgencyViewSet, basename="agency")
router.register("memberships", views.MembershipViewSet, basename="membership")
router.register("chair-terms", views.ChairTermViewSet, basename="chair-term")
router.register("reported-totals", views.ReportedTotalViewSet, basename="reported-total")
router.register("statements", views.StatementViewSet, basename="statement")
router.register("working-groups", views.WorkingGroupViewSet, basename="working-group")
router.register("events", views.EventViewSet, basename="event")
router.register("publications", views.PublicationViewSet, basename="publication")
router.register("initiatives", views.InitiativeViewSet, basename="initiative")
router.register("topics", views.TopicViewSet, basename="topic")


class SchemaView(views.LiveSettingsMixin, SpectacularAPIView):
    pass


class DocsView(views.LiveSettingsMixin, SpectacularSwaggerSplitView):
    """Swagger UI with its initialising script as a file of its own: no inline script for the CSP to allow."""

    template_name = "api/swagger_ui.html"


urlpatterns = [
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", DocsView.as_view(url_name="api:schema"), name="docs"),
    *router.urls,
    re_path(r"^[\s\S]*$", views.not_found, name="not-found"),
]
