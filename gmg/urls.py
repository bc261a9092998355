import re

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from registry import two_factor
from registry.views.health import healthz, readyz
from registry.views.media import serve_media

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("admin/two-factor/", two_factor.setup, name="two-factor"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("registry.api.urls")),
    path("", include("registry.urls")),
]

# A database outage answers 503 (a styled page, or JSON under /api/); anything else a 500. Both show the request id.
handler500 = "gmg.errors.server_error"

if settings.SERVE_MEDIA:
    prefix = re.escape(settings.MEDIA_URL.lstrip("/"))
    urlpatterns = [re_path(rf"^{prefix}(?P<path>.+)$", serve_media, name="media"), *urlpatterns]
