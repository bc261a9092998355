"""Time the public pages and the API lists on a throwaway SQLite database.

    python bench/run.py [--requests 30] [--scale 10]

Seeds the real data (or, before the seed command exists, a small synthetic world), optionally adds
`--scale` times as many synthetic rows, then requests each page type with Django's test client and
prints: URL, status, queries per request, median and 95th-percentile milliseconds. API throttling
is off (API_THROTTLE=0) so that the API lists can be timed.
"""

import argparse
import datetime
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

API_LISTS = ["agencies", "memberships", "chair-terms", "reported-totals", "statements", "working-groups", "events",
             "publications", "initiatives", "topics"]  # fmt: skip


def configure(folder):
    # As in production: DEBUG off, hashed and compressed static files, no query log to fill.
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ["STATIC_ROOT"] = str(folder / "static")
    os.environ["API_THROTTLE"] = "0"
    os.environ["DEBUG"] = "0"
    os.environ["SECRET_KEY"] = "bench-only-not-secret"  # noqa: S105
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gmg.settings")
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    import django

    django.setup()
    # Not-yet-built API lists answer 404; the table says so, the log need not.
    logging.getLogger("django.request").setLevel(logging.ERROR)


def synthetic(n, tag):
    """`n` agencies with memberships, and as many statements, events, groups and publications, all linked."""
    from django.utils import timezone

    from registry import models as m

    now = timezone.now() - datetime.timedelta(days=1)
    topics = [m.Topic.objects.create(name=f"Topic {tag}{i}", slug=f"topic-{tag}{i}") for i in range(3)]
    agencies = [
        m.Agency.objects.create(acronym=f"B{tag}{i}", name=f"Bench agency {tag}{i}", slug=f"b{tag}{i}".lower(),
                                headquarters="Geneva" if i % 2 else "New York", migration_focus="Migration and work")
        for i in range(n)
    ]  # fmt: skip
    for i, agency in enumerate(agencies):
        m.Membership.objects.create(agency=agency, start=datetime.date(2003 + i % 12, 1, 1), start_precision="year")
        event = m.Event.objects.create(
            title=f"Bench meeting {tag}{i}", slug=f"bench-meeting-{tag}{i}",
            start=datetime.date(2006 + i % 12, 5, 1), organiser=agency, city="Geneva",
        )  # fmt: skip
        for other in agencies[:5]:
            m.Participation.objects.get_or_create(event=event, agency=other)
        statement = m.Statement.objects.create(
            title=f"Bench statement on labour migration {tag}{i}", slug=f"bench-statement-{tag}{i}",
            date=datetime.date(2006 + i % 12, 3, 1), event=event, summary="Migrants' rights at work.",
            body="<p>The group calls on states to protect migrant workers.</p>", status="published", published_at=now,
        )  # fmt: skip
        statement.signatories.set(agencies[:5])
        statement.topics.set(topics)
        group = m.WorkingGroup.objects.create(name=f"Bench working group {tag}{i}", slug=f"bench-group-{tag}{i}")
        for other in agencies[:4]:
            m.WorkingGroupRole.objects.create(group=group, agency=other)
        publication = m.Publication.objects.create(
            title=f"Bench report {tag}{i}", slug=f"bench-report-{tag}{i}",
            date=datetime.date(2010, 1, 1), status="published", published_at=now,
        )  # fmt: skip
        publication.lead_agencies.set(agencies[:3])
        publication.topics.set(topics)
        m.Initiative.objects.create(name=f"Bench initiative {tag}{i}", slug=f"bench-initiative-{tag}{i}")


def load(scale):
    from django.core.management import call_command, get_commands

    from registry.models import Agency

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    if "seed" in get_commands():
        call_command("seed", verbosity=0)
        source = "seed data"
    else:
        synthetic(20, "s")
        source = "synthetic data (no seed command yet)"
    base = Agency.objects.count()
    if scale > 1:
        synthetic(base * (scale - 1), "x")
        source += f" + {scale}× synthetic rows"
    return source


def urls():
    from django.urls import reverse

    from registry.models import Agency, Event, Page, Publication, Statement, Topic, WorkingGroup

    def first(model, name):
        record = model.objects.published().order_by("pk").first()
        return reverse(name, kwargs={"slug": record.slug}) if record else None

    pages = [
        "/", "/agencies/", first(Agency, "site:agency"), "/agencies/?member_on=2010-06-30", "/chairs/",
        "/statements/", "/statements/?q=migration&sort=relevance", first(Statement, "site:statement"),
        "/working-groups/", first(WorkingGroup, "site:working-group"), "/events/", first(Event, "site:event"),
        "/publications/", first(Publication, "site:publication"), "/initiatives/", first(Topic, "site:topic"),
        "/search/?q=UNHCR", "/search/?q=human+rights+migrants", first(Page, "site:page"),
        "/statements/feed/", "/events/feed.ics", "/sitemap.xml", "/robots.txt",
    ]  # fmt: skip
    return [url for url in pages if url] + [f"/api/v1/{name}/" for name in API_LISTS]


def measure(client, url, requests):
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    reset_queries()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    queries = len(captured)  # now: the log is reset by every later request
    if response.status_code != 200:
        return response.status_code, None, None, None
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    return response.status_code, queries, statistics.median(timings), p95


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=30, help="timed requests per URL (default 30)")
    parser.add_argument("--scale", type=int, default=1, help="multiply the rows with synthetic ones (e.g. 10)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="gmg-bench-") as folder:
        configure(Path(folder))
        source = load(args.scale)
        from django.test import Client

        client = Client()
        print(f"GMG Registry benchmark: {source}; {args.requests} requests per URL, SQLite, anonymous client\n")
        targets = urls()
        width = max(len(url) for url in targets)
        header = f"{'URL':<{width}} {'status':>6} {'queries':>7} {'median ms':>10} {'p95 ms':>8}"
        print(header)
        print("-" * len(header))
        for url in targets:
            status, queries, median, p95 = measure(client, url, args.requests)
            if status != 200:
                print(f"{url:<{width}} {status:>6} {'n/a':>7} {'n/a':>10} {'n/a':>8}")
            else:
                print(f"{url:<{width}} {status:>6} {queries:>7} {median:>10.1f} {p95:>8.1f}")


if __name__ == "__main__":
    main()
