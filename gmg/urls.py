import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path

from registry import two_factor
from registry.i18n import set_language
from registry.views.health import healthz, readyz
from registry.views.media import serve_media

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("admin/two-factor/", two_factor.setup, name="two-factor"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("registry.api.urls")),
    path("language/<str:code>/", set_language, name="set-language"),
]
# English at the addresses the site always had (/agencies/), the other languages under a prefix
# (/fr/agencies/): links and citations made before the site was translated keep working.
urlpatterns += i18n_patterns(path("", include("registry.urls")), prefix_default_language=False)

# A database outage answers 503 (a styled page, or JSON under /api/); anything else a 500. Both show the request id.
handler500 = "gmg.errors.server_error"

if settings.SERVE_MEDIA:
    prefix = re.escape(settings.MEDIA_URL.lstrip("/"))
    urlpatterns = [re_path(rf"^{prefix}(?P<path>.+)$", serve_media, name="media"), *urlpatterns]
