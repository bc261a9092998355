"""Two API writers of one version at once, on a real SQLite file (run by test_races.py in its own process).

The test database pytest makes for SQLite lives in memory with a shared cache, whose table locks
fail at once instead of waiting; a file database behaves as a deployment's does. Prints the two
status codes as JSON.
"""

import json
import os
import sys
import tempfile
import threading
import time

os.environ["DATABASE_URL"] = f"sqlite:///{os.path.join(tempfile.mkdtemp(), 'race.sqlite3')}"
os.environ["API_THROTTLE"] = "0"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gmg.settings")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

import django

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402

from registry.api.views import RecordViewSet  # noqa: E402
from registry.models import Topic  # noqa: E402


def main():
    call_command("migrate", verbosity=0)
    admin = User.objects.create_superuser("ann", "ann@example.org", "pw")
    from registry.models import ApiToken

    token = ApiToken.objects.create_for(admin)[1]
    Topic.objects.create(name="Original", slug="original")
    tag = APIClient().get("/api/v1/topics/original/").headers["ETag"]

    checked = RecordViewSet.check_if_match

    def slow_check(self, obj):
        version = checked(self, obj)
        time.sleep(0.5)  # both requests have read the record before either writes
        return version

    RecordViewSet.check_if_match = slow_check
    statuses = []

    def patch(name):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        try:
            response = client.patch("/api/v1/topics/original/", {"description": name}, format="json", HTTP_IF_MATCH=tag)
            statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=patch, args=(name,)) for name in ("first", "second")]
    for thread in threads:
        thread.start()
        time.sleep(0.1)
    for thread in threads:
        thread.join(timeout=60)
    print(json.dumps(sorted(statuses)))


if __name__ == "__main__":
    main()
