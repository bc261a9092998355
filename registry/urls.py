from django.contrib.sitemaps.views import index, sitemap
from django.urls import path

from registry.feeds import StatementFeed, events_ics
from registry.sitemaps import sitemaps
from registry.views import agencies, events, groups, opendata, pages, publications, statements
from registry.views.base import cache_for_public

app_name = "site"


def sitemap_index(request, **kwargs):
    return cache_for_public(request, index(request, sitemap_url_name="site:sitemap-section", **kwargs))


def sitemap_section(request, **kwargs):
    return cache_for_public(request, sitemap(request, **kwargs))


urlpatterns = [
    path("", pages.HomeView.as_view(), name="home"),
    path("agencies/", agencies.AgencyListView.as_view(), name="agencies"),
    path("agencies/<slug:slug>/", agencies.AgencyDetailView.as_view(), name="agency"),
    path("chairs/", agencies.ChairListView.as_view(), name="chairs"),
    path("statements/", statements.StatementListView.as_view(), name="statements"),
    path("statements/feed/", StatementFeed(), name="statement-feed"),
    path("statements/<slug:slug>/", statements.StatementDetailView.as_view(), name="statement"),
    path("working-groups/", groups.WorkingGroupListView.as_view(), name="working-groups"),
    path("working-groups/<slug:slug>/", groups.WorkingGroupDetailView.as_view(), name="working-group"),
    path("events/", events.EventListView.as_view(), name="events"),
    path("events/feed.ics", events_ics, name="event-feed"),
    path("events/<slug:slug>/", events.EventDetailView.as_view(), name="event"),
    path("publications/", publications.PublicationListView.as_view(), name="publications"),
    path("publications/<slug:slug>/", publications.PublicationDetailView.as_view(), name="publication"),
    path("initiatives/", publications.InitiativeListView.as_view(), name="initiatives"),
    path("topics/<slug:slug>/", publications.TopicDetailView.as_view(), name="topic"),
    path("search/", pages.SearchView.as_view(), name="search"),
    path("data/", opendata.OpenDataView.as_view(), name="data"),
    path("data/latest/<path:name>", opendata.latest, name="data-latest"),
    path("data/<str:version>/<path:name>", opendata.download, name="data-file"),
    path("sitemap.xml", sitemap_index, {"sitemaps": sitemaps}, name="sitemap"),
    path("sitemap-<section>.xml", sitemap_section, {"sitemaps": sitemaps}, name="sitemap-section"),
    path("robots.txt", pages.robots_txt, name="robots"),
    path("<slug:slug>/", pages.PageView.as_view(), name="page"),
]
