from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from registry.i18n import set_language
from registry.views.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("registry.api.urls")),
    path("language/<str:code>/", set_language, name="set-language"),
]
# English at the addresses the site always had (/agencies/), the other languages under a prefix
# (/fr/agencies/): links and citations made before the site was translated keep working.
urlpatterns += i18n_patterns(path("", include("registry.urls")), prefix_default_language=False)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
