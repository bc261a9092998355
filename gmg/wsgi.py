import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gmg.settings")
application = get_wsgi_application()

from gmg import memory  # noqa: E402 - after the app is loaded: what it loaded is what is frozen

memory.install()
