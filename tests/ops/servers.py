"""Start real app server processes (gunicorn, as deployed) for tests that need more than the test client.

    with app_server(port, DATABASE_URL=..., REDIS_URL=...) as base_url:
        urllib.request.urlopen(base_url + "/healthz")

Each server is gunicorn with the deployed configuration (deploy/gunicorn.conf.py), one worker,
on 127.0.0.1:<port>, with the given environment on top of a minimal production one; it is
stopped (its process group) when the block ends. Its output goes to a log file that is printed
if it fails to start.
"""

import contextlib
import functools
import hashlib
import http.cookiejar
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")


@functools.cache
def collected_static_root():
    """Production pages link hashed static files, so the servers need collectstatic's manifest (once per run)."""
    root = tempfile.mkdtemp(prefix="gmg-static-")
    environ = server_environment(STATIC_ROOT=root)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=PROJECT, env=environ, check=True
    )
    return root


# Long and varied, as the production settings demand (a repetitive key is refused at start-up).
SERVER_SECRET_KEY = "two-servers-test-" + hashlib.sha256(b"gmg-two-servers").hexdigest()


def server_environment(**environ):
    base = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "gmg.settings",
        "DEBUG": "0",
        "SECRET_KEY": SERVER_SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "WARNING",
    }
    return base | environ


@contextlib.contextmanager
def app_server(port, **environ):
    log = tempfile.NamedTemporaryFile(prefix=f"gmg-server-{port}-", suffix=".log", delete=False)  # noqa: SIM115
    process = subprocess.Popen(
        [str(GUNICORN), "--config", "deploy/gunicorn.conf.py", "gmg.wsgi"],
        cwd=PROJECT,
        env=server_environment(
            STATIC_ROOT=collected_static_root(), GUNICORN_BIND=f"127.0.0.1:{port}", WEB_CONCURRENCY="1", **environ
        ),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_live(base_url, process, log.name)
        yield base_url
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()
        os.unlink(log.name)


def _wait_until_live(base_url, process, log_name, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}:\n{Path(log_name).read_text()}")
        with contextlib.suppress(OSError):
            if fetch(base_url + "/healthz").status == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"the server did not answer /healthz within {timeout}s:\n{Path(log_name).read_text()}")


class Reply:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def json(self):
        return json.loads(self.body)

    @property
    def text(self):
        return self.body.decode()


def fetch(url, *, method="GET", data=None, headers=None):
    """One HTTP request, as the TLS-terminating proxy passes it on; an error status is a Reply too."""
    body = data if data is None or isinstance(data, bytes) else json.dumps(data).encode()
    headers = {"X-Forwarded-Proto": "https", **(headers or {})}
    request = urllib.request.Request(url, data=body, method=method, headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310
            return Reply(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Reply(error.code, error.headers, error.read())


def set_password_for_servers(user, password):
    """The tests hash passwords with MD5 for speed; the servers know only the production hashers."""
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode(password, hasher.salt())
    user.save(update_fields=["password"])


class Visitor:
    """One person's browser: cookies kept across requests and across servers (all on 127.0.0.1).

    Cookies ignore the port, so a session cookie set by one server is sent to the other, as a
    load balancer in front of both would make happen. The visitor plays the TLS-terminating proxy
    too: it says X-Forwarded-Proto: https (start the servers with BEHIND_TLS_PROXY=1) and sends the
    Secure cookies a production server sets over the plain loopback connection.
    """

    def __init__(self):
        self.cookies = http.cookiejar.CookieJar(policy=_BehindTLSProxy())
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirects())

    def request(self, url, *, method="GET", form=None, headers=None):
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        headers = {"X-Forwarded-Proto": "https", **(headers or {})}
        request = urllib.request.Request(url, data=data, method=method, headers=headers)  # noqa: S310
        try:
            with self.opener.open(request, timeout=20) as response:
                return Reply(response.status, response.headers, response.read())
        except urllib.error.HTTPError as error:
            return Reply(error.code, error.headers, error.read())

    def cookie(self, name):
        return next((c.value for c in self.cookies if c.name == name), None)

    def admin_login(self, base_url, username, password):
        """Sign in through the admin's login form (with its CSRF token); returns the login POST's reply."""
        page = self.request(base_url + "/admin/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        return self.request(
            base_url + "/admin/login/?next=/admin/",
            method="POST",
            form={"username": username, "password": password, "csrfmiddlewaretoken": token, "next": "/admin/"},
            headers={"Referer": base_url.replace("http://", "https://") + "/admin/login/"},
        )


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    # A redirect is an answer to look at (a login's 302), not something to follow.
    def redirect_request(self, *args, **kwargs):
        return None


class _BehindTLSProxy(http.cookiejar.DefaultCookiePolicy):
    def return_ok_secure(self, cookie, request):
        return True
