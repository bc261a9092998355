"""Exit 0 if the app server on this host answers GET /healthz (or the path given) with 200, else 1.

Used by the container's HEALTHCHECK; a load balancer or monitor can run it too. The request names
the site's own host (the first of ALLOWED_HOSTS) and says it came over TLS, as nginx would, so
neither the host check nor an HTTPS redirect turns a healthy server into a failure.
"""

import os
import sys
import urllib.request

path = sys.argv[1] if len(sys.argv) > 1 else "/healthz"
port = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").rsplit(":", 1)[-1]
host = (os.environ.get("ALLOWED_HOSTS") or "localhost").split(",")[0].strip()
request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": host, "X-Forwarded-Proto": "https"})
try:
    with urllib.request.urlopen(request, timeout=3) as response:  # noqa: S310
        sys.exit(0 if response.status == 200 else 1)
except OSError:
    sys.exit(1)
