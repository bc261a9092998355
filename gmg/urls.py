import re

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from registry import two_factor
from registry.views.health import healthz
from registry.views.media import serve_media

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/two-factor/", two_factor.setup, name="two-factor"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("registry.api.urls")),
    path("", include("registry.urls")),
]

if settings.SERVE_MEDIA:
    prefix = re.escape(settings.MEDIA_URL.lstrip("/"))
    urlpatterns = [re_path(rf"^{prefix}(?P<path>.+)$", serve_media, name="media"), *urlpatterns]
