"""Load test: scale-100 data, served by gunicorn with production settings, driven by wrk, on SQLite and PostgreSQL.

    python bench/run.py [--scale 100] [--duration 5] [--connections 16] [--db sqlite,postgres] [--port 8101]

For each database: a throwaway database (a temporary SQLite file; PostgreSQL `gmg_bench_perf`, dropped
and created), migrate, seed, `generate_demo_data --scale N`, collectstatic. Then gunicorn (DEBUG=0,
a generated SECRET_KEY, API throttling off, as many workers as deploy/gunicorn.conf.py starts (one per
core, or WEB_CONCURRENCY), loopback only) twice:

- cold: the response cache off (RESPONSE_CACHE=0), so every request renders: what a first visitor
  after a write gets;
- warm: the response cache on (Redis db 1 when it answers, else each worker's local memory), every
  URL requested once per worker first.

Each URL, and /healthz as the bare-framework reference, gets `wrk -c16` for `--duration` seconds.
The table (req/s, p50, p95, p99, queries per request, ratio to /healthz, and for cold rows the median
of one render alone in one process, which is what the load multiplies) is printed, with how many URLs
meet the two targets, and written to bench/results/; on PostgreSQL every query of those URLs is
EXPLAINed and sequential scans of the tables that grow are listed.
"""

import argparse
import contextlib
import datetime
import json
import os
import runpy
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
RESULTS = ROOT / "bench" / "results"
PG_NAME = "gmg_bench_perf"
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
REDIS = "redis://127.0.0.1:6379/1"
HOST = "127.0.0.1"
COLD_P95_MS = 100  # issue 11's targets
WARM_RATIO = 0.5

URLS = [
    "/",
    "/agencies/",
    "/agencies/unhcr/",
    "/chairs/",
    "/statements/?page=50",
    "/statements/{statement}/",
    "/search/?q=migration",
    "/api/v1/statements/?year=2010",
    "/api/v1/agencies/?member_on=2010-06-30",
    "/api/v1/chair-terms/current/?on=2010-10-01",
]


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603 - our own argv


def probe(env, *args):
    command = [PYTHON, "bench/probe.py", *args]
    out = subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)  # noqa: S603 - our own argv
    return json.loads(out.stdout.decode().strip().splitlines()[-1])


def base_env(folder, database_url):
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE",)}
    env.update(
        DATABASE_URL=database_url,
        STATIC_ROOT=str(folder / "static"),
        MEDIA_ROOT=str(folder / "media"),
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=f"{HOST},testserver",
        API_THROTTLE="0",
        # Plain http on the loopback, as behind a TLS-terminating proxy: without this every page is a
        # 301 to https (only /healthz is exempt), and the table would time redirects.
        SECURE_SSL_REDIRECT="0",
        LOG_LEVEL="WARNING",
        CACHE_URL=cache_url(),
    )
    return env


def cache_url():
    try:
        import redis

        redis.Redis.from_url(REDIS, socket_timeout=1).ping()
        return REDIS
    except Exception:
        return "locmem://"


def database(kind, folder):
    if kind == "sqlite":
        return f"sqlite:///{folder / 'bench.sqlite3'}"
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{PG_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{PG_NAME}"')
    return f"{PG_SERVER}/{PG_NAME}"


def build(env, scale):
    started = time.perf_counter()
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "seed", "-v0")
    manage(env, "generate_demo_data", "--scale", str(scale), "--force", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    probe(env, "analyze")
    return time.perf_counter() - started


@contextlib.contextmanager
def server(env, port, workers, cached, log):
    env = {**env, "RESPONSE_CACHE": "1" if cached else "0"}
    command = [PYTHON, "-m", "gunicorn", "gmg.wsgi:application", "--bind", f"{HOST}:{port}",
               "--workers", str(workers), "--log-level", "warning"]  # fmt: skip
    # The server's output (one JSON line a request, as in production: its cost is part of what is measured)
    # goes to `log`, not the terminal, where it buried the tables under 200,000 lines.
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
    try:
        for _ in range(100):
            with contextlib.suppress(OSError):
                urllib.request.urlopen(f"http://{HOST}:{port}/healthz", timeout=1).read()
                break
            time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not start")
        yield f"http://{HOST}:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def check_statuses(base, urls):
    """Every URL answers 200 itself: wrk counts only 4xx and 5xx as errors, so a redirect would pass as fast."""
    opener = urllib.request.build_opener(_NoRedirects)
    for url in urls:
        try:
            status = opener.open(base + url, timeout=60).status
        except urllib.error.HTTPError as error:
            status = error.code
        if status != 200:
            raise RuntimeError(f"{url} answered {status}, not 200: nothing to measure")


def prime(base, urls, times):
    for url in urls:
        for _ in range(times):
            with contextlib.suppress(OSError):
                urllib.request.urlopen(base + url, timeout=30).read()  # noqa: S310 - loopback


def wrk(base, url, duration, connections):
    script = ROOT / "bench" / "report.lua"
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "-s", str(script), base + url]
    out = subprocess.run(command, capture_output=True, check=True, text=True).stdout  # noqa: S603 - our own argv
    return json.loads(out.strip().splitlines()[-1])


def measure(base, urls, args):
    """wrk on each URL; /healthz before and after them all, averaged, as the reference for the ratios."""
    before = wrk(base, "/healthz", args.duration, args.connections)
    rows = {}
    for url in urls:
        rows[url] = wrk(base, url, args.duration, args.connections)
        drain(base)
    after = wrk(base, "/healthz", args.duration, args.connections)
    reference = {key: (before[key] + after[key]) / 2 for key in before}
    return {"/healthz": reference, **rows}


def deployed_workers():
    """The worker count production runs with: deploy/gunicorn.conf.py's, read from that file."""
    return runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))["workers"]


def drain(base):
    """Wait for the requests wrk left queued in gunicorn's sync workers, so they are not charged to the next URL."""
    with contextlib.suppress(OSError):
        urllib.request.urlopen(base + "/healthz", timeout=60).read()  # noqa: S310 - loopback


def run_database(kind, args, folder, lines):
    env = base_env(folder, database(kind, folder))
    seconds = build(env, args.scale)
    statement = probe(env, "statement")
    urls = [url.format(statement=statement) for url in URLS]
    counts = probe(env, "queries", *urls)
    wrong = {url: row["status"] for url, row in counts.items() if row["status"] != 200}
    if wrong:
        sys.exit(f"Not 200 in the benchmark's environment, nothing to measure: {wrong}")
    workers = deployed_workers()
    say(lines, f"\n## {kind}: scale {args.scale} built in {seconds:.0f} s; gunicorn {workers} workers; "
               f"wrk {args.connections} connections, {args.duration} s per URL; "
               f"cache {env['CACHE_URL']}\n")  # fmt: skip
    results = {}
    for mode, cached in (("cold", False), ("warm", True)):
        log_path = RESULTS / f"server-{kind}-{mode}.log"
        with open(log_path, "w") as log, server(env, args.port, workers, cached, log) as base:
            check_statuses(base, urls)
            if cached:
                prime(base, urls, workers * 2)
            results[mode] = measure(base, urls, args)
    table(lines, results, counts)
    if kind == "postgres":
        explain(lines, probe(env, "explain", *urls))


def table(lines, results, counts):
    header = "| URL | cache | req/s | p50 ms | p95 ms | p99 ms | queries | ratio to /healthz | errors | one render ms |"
    say(lines, header)
    say(lines, "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for mode, rows in results.items():
        reference = rows["/healthz"]["rps"] or 1
        for url, row in rows.items():
            queries = counts.get(url, {}).get(mode, 0)
            render = counts.get(url, {}).get("render_ms", "–") if mode == "cold" else "–"
            errors = int(row["errors"] + row["non2xx"])
            if row["requests"] == 0:  # none answered within the run: no latency to report
                say(lines, f"| `{url}` | {mode} | 0 | – | – | – | {queries} | 0.00 | {errors} | {render} |")
                continue
            say(lines, f"| `{url}` | {mode} | {row['rps']:.0f} | {row['p50']:.1f} | {row['p95']:.1f} | "
                       f"{row['p99']:.1f} | {queries} | {row['rps'] / reference:.2f} | {errors} | "
                       f"{render} |")  # fmt: skip
    targets(lines, results)


def targets(lines, results):
    """The issue's two load targets, counted over the benchmarked URLs (not /healthz)."""
    cold = {url: row for url, row in results.get("cold", {}).items() if url != "/healthz"}
    warm = results.get("warm", {})
    reference = (warm.get("/healthz") or {}).get("rps") or 1
    cold_met = [url for url, row in cold.items() if row["requests"] and row["p95"] <= COLD_P95_MS]
    warm_met = [url for url, row in warm.items() if url != "/healthz" and row["rps"] / reference >= WARM_RATIO]
    say(lines, f"\nTargets: cold p95 ≤ {COLD_P95_MS} ms on {len(cold_met)}/{len(cold)} URLs; "
               f"warm ≥ {WARM_RATIO:.0%} of /healthz on {len(warm_met)}/{len(warm) - 1} URLs.")  # fmt: skip
    missed = [url for url in cold if url not in cold_met]
    if missed:
        say(lines, "Cold target missed on: " + ", ".join(f"`{url}` ({cold[url]['p95']:.0f} ms)" for url in missed))


def explain(lines, rows):
    scans = [row for row in rows if row["seq_scans"]]
    say(lines, f"\nEXPLAIN (PostgreSQL): {len(rows)} distinct queries; seq scans of growing tables: {len(scans)}")
    for row in scans:
        say(lines, f"- `{row['url']}` {', '.join(row['seq_scans'])}: `{row['sql']}…`")


def say(lines, text):
    print(text, flush=True)
    lines.append(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--duration", type=int, default=5, help="seconds of wrk per URL (default 5)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--db", default="sqlite,postgres", help="comma-separated: sqlite, postgres")
    parser.add_argument("--port", type=int, default=8101)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: `make bench` installs it (apt-get install wrk).")
    now = datetime.datetime.now(datetime.UTC)
    lines = [f"# GMG Registry load test, {now:%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores"]
    print(lines[0])
    RESULTS.mkdir(exist_ok=True)
    for kind in args.db.split(","):
        with tempfile.TemporaryDirectory(prefix="gmg-bench-") as folder:
            run_database(kind.strip(), args, Path(folder), lines)
    path = RESULTS / f"bench-{datetime.datetime.now(datetime.UTC):%Y%m%d-%H%M%S}.md"
    path.write_text("\n".join(lines) + "\n")
    print(f"\nWritten to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
