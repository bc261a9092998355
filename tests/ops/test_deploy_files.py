"""The deployment files are used as shipped: the test servers run deploy/gunicorn.conf.py, and these checks
keep the environment template and the health probe honest."""

import re
import subprocess
import sys
from pathlib import Path

from tests.ops.conftest import closed_port
from tests.ops.servers import PROJECT, app_server

DEPLOY = PROJECT / "deploy"


def _variables_read_by_the_settings():
    source = (PROJECT / "gmg" / "settings.py").read_text()
    return set(re.findall(r'env_(?:str|bool|int|list)\(\s*"([A-Z0-9_]+)"', source))


def test_the_environment_template_lists_every_variable_the_settings_read():
    template = (DEPLOY / "env.example").read_text()
    listed = set(re.findall(r"^#? ?([A-Z0-9_]+)=", template, flags=re.MULTILINE))
    assert _variables_read_by_the_settings() - listed == set()


def test_the_health_probe_passes_on_a_live_server_and_fails_on_a_closed_port(tmp_path):
    probe = [sys.executable, str(DEPLOY / "healthcheck.py")]
    sqlite = f"sqlite:///{tmp_path / 'unused.sqlite3'}"
    with app_server(8125, DATABASE_URL=sqlite):
        live = subprocess.run(probe, env={"GUNICORN_BIND": "127.0.0.1:8125", "ALLOWED_HOSTS": "127.0.0.1"})
    assert live.returncode == 0
    dead = subprocess.run(probe, env={"GUNICORN_BIND": f"127.0.0.1:{closed_port()}", "ALLOWED_HOSTS": "127.0.0.1"})
    assert dead.returncode == 1


def test_the_container_image_runs_the_deployed_gunicorn_config_and_probe():
    containerfile = (DEPLOY / "Containerfile").read_text()
    assert 'CMD ["gunicorn", "-c", "deploy/gunicorn.conf.py", "gmg.wsgi"]' in containerfile
    assert 'CMD ["python", "deploy/healthcheck.py"]' in containerfile
    assert Path(DEPLOY / "systemd" / "gmg-registry.service").read_text().count("deploy/gunicorn.conf.py") == 1


def test_nginx_takes_the_largest_upload_the_app_accepts_and_sends_media_safely(settings):
    site = (DEPLOY / "nginx" / "gmg-registry.conf").read_text()
    megabytes = re.search(r"client_max_body_size (\d+)m;", site)
    # A request carrying a file of exactly the limit is larger than the file (form fields, boundaries): nginx must
    # let it through, and let a file just over the limit reach the app, whose refusal names the limit.
    assert settings.UPLOAD_MAX_BYTES == 20 * 1024 * 1024
    assert megabytes and int(megabytes.group(1)) * 1024 * 1024 == settings.UPLOAD_MAX_BYTES + 1024 * 1024
    media = site[site.index("location /media/") :].split("}", 1)[0]
    assert "add_header X-Content-Type-Options nosniff always;" in media
    assert "add_header Content-Disposition $gmg_media_disposition always;" in media
