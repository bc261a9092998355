"""Deployment checks of our own, run by `manage.py check --deploy` beside Django's."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def uploads_outside_the_code(app_configs, **kwargs):
    """Uploads under the project directory could be served or overwritten with the code; keep them apart."""
    backend = settings.STORAGES["default"]["BACKEND"]
    if backend != "django.core.files.storage.FileSystemStorage":
        return []
    media, code = Path(settings.MEDIA_ROOT).resolve(), Path(settings.BASE_DIR).resolve()
    if media == code or code in media.parents:
        return [
            Warning(
                f"MEDIA_ROOT ({media}) is inside the project directory.",
                hint="Set MEDIA_ROOT to a directory outside the code, e.g. /var/lib/gmg-registry/media.",
                id="registry.W001",
            )
        ]
    return []
