from django.urls import path

from registry.views import pages

app_name = "site"

urlpatterns = [
    path("", pages.home, name="home"),
    path("agencies/", pages.placeholder, name="agencies"),
    path("agencies/<slug:slug>/", pages.placeholder, name="agency"),
    path("chairs/", pages.placeholder, name="chairs"),
    path("statements/", pages.placeholder, name="statements"),
    path("statements/<slug:slug>/", pages.placeholder, name="statement"),
    path("working-groups/", pages.placeholder, name="working-groups"),
    path("working-groups/<slug:slug>/", pages.placeholder, name="working-group"),
    path("events/", pages.placeholder, name="events"),
    path("events/<slug:slug>/", pages.placeholder, name="event"),
    path("publications/", pages.placeholder, name="publications"),
    path("publications/<slug:slug>/", pages.placeholder, name="publication"),
    path("initiatives/", pages.placeholder, name="initiatives"),
    path("topics/<slug:slug>/", pages.placeholder, name="topic"),
    path("<slug:slug>/", pages.page, name="page"),
]
