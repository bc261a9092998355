"""gunicorn settings for GMG Registry: `gunicorn -c deploy/gunicorn.conf.py gmg.wsgi`.

Every value can be overridden from the environment (GUNICORN_BIND, WEB_CONCURRENCY,
GUNICORN_TIMEOUT, FORWARDED_ALLOW_IPS). The app server is stateless: run as many of these, on as
many machines, as the load needs, behind nginx (deploy/nginx/gmg-registry.conf).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers, one per core: a request is short and busy in Python (pages and API reads are a few bounded
# queries), so a worker beyond the cores only takes turns with the others. Measured at scale 100 on 2 cores
# (wrk, 16 connections, req/s with 2 / 3 / 4 / 6 workers), SQLite `/chairs/`: 201 / 184 / 171 / 159, `/`:
# 168 / 165 / 157 / 135; PostgreSQL on the same host, `/chairs/`: 156 / 142 / 139. With the database on
# another machine a worker waits for each query: raise WEB_CONCURRENCY until the cores are busy.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count()))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak can never grow without bound; jitter avoids all at once.
max_requests = 2000
max_requests_jitter = 200
# Only the proxy on this host may say which scheme and client a request came from.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# The worker heartbeat file in memory (a private, per-process file), not on a possibly slow disk.
SHARED_MEMORY = "/dev/shm"  # noqa: S108
worker_tmp_dir = SHARED_MEMORY if os.path.isdir(SHARED_MEMORY) else None
# The application writes one JSON line per request itself (gmg.middleware); gunicorn's access log would repeat it.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = "gmg-registry"
