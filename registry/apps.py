from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = "GMG Registry"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from registry import cache
        from registry.revisions import register_all

        register_all()
        cache.connect()
