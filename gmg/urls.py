from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from registry.views.health import healthz, readyz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("registry.api.urls")),
    path("", include("registry.urls")),
]

# A database outage answers 503 (a styled page, or JSON under /api/); anything else a 500. Both show the request id.
handler500 = "gmg.errors.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
