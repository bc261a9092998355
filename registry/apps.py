from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class RegistryAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the registry's site: the workspace home and the index grouped by task."""

    default = False  # the registry app's own config stays its default
    default_site = "registry.admin_site.RegistryAdminSite"


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = "GMG Registry"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from registry import (
            cache,
            checks,  # noqa: F401 - registers the deployment checks
            search_index,
        )
        from registry.revisions import register_all

        register_all()
        cache.connect()
        post_migrate.connect(search_index.after_migrate, dispatch_uid="registry-search-index")
