"""In production the one stylesheet is served hashed and compressed by WhiteNoise."""

from django.core.management import call_command
from django.template import loader


def test_collectstatic_hashes_and_compresses_the_stylesheet(settings, tmp_path, db):
    settings.STATIC_ROOT = tmp_path
    production = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
    settings.STORAGES = {**settings.STORAGES, "staticfiles": production}
    # Only the site's own files: other apps' static files are not this test's business and slow it down.
    others = ["admin", "rest_framework", "drf_spectacular_sidecar", "django_prose_editor", "django-prose-editor"]
    call_command("collectstatic", interactive=False, verbosity=0, ignore_patterns=others)
    css = list((tmp_path / "css").glob("site.*.css"))
    assert css, "a hashed copy of site.css"
    assert list((tmp_path / "css").glob("site.*.css.gz"))
    html = loader.get_template("500.html").render({})
    assert f"/static/css/{css[0].name}" in html
