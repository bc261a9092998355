"""Run inside the benchmark's environment: queries per request for each URL, and EXPLAIN of every query.

    python bench/probe.py queries URL...   -> JSON {url: {"status", "cold": n, "warm": n, "render_ms"}}
    python bench/probe.py explain URL...   -> JSON [{url, sql, plan, seq_scans}]

"cold" is a request that renders (no cached response), "warm" one answered from the response cache.
"""

import json
import logging
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gmg.settings")

# Tables that grow with the data: a sequential scan on one of them makes a page slower as the registry grows.
BIG_TABLES = {
    "registry_agency", "registry_membership", "registry_statement", "registry_statement_signatories",
    "registry_statement_topics", "registry_event", "registry_participation", "registry_publication",
    "registry_publication_lead_agencies", "registry_publication_topics", "registry_source",
    "registry_workinggroup", "registry_workinggrouprole", "registry_activity",
}  # fmt: skip


def captured(client, url):
    from django.db import connection

    statements = []

    def record(execute, sql, params, many, context):
        statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        response = client.get(url)
    return response, statements


def queries(urls):
    from django.core.cache import caches
    from django.test import Client
    from django.test.utils import override_settings

    client, counts = Client(), {}
    caches["default"].clear()
    for url in urls:
        with override_settings(RESPONSE_CACHE=False):
            response, cold = captured(client, url)
        captured(client, url)  # stores it
        _, warm = captured(client, url)
        counts[url] = {"status": response.status_code, "cold": len(cold), "warm": len(warm)}
        counts[url]["render_ms"] = render_ms(client, url)
    return counts


def render_ms(client, url, times=7):
    """Median milliseconds of one uncached render alone in this process: the cost behind the cold figures."""
    import statistics
    import time

    from django.test.utils import override_settings

    spent = []
    with override_settings(RESPONSE_CACHE=False):
        for _ in range(times):
            started = time.perf_counter()
            client.get(url)
            spent.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(spent), 1)


def seq_scans(plan):
    """Tables read by a sequential scan anywhere in a JSON plan."""
    found, stack = [], [plan]
    while stack:
        node = stack.pop()
        if node.get("Node Type") == "Seq Scan":
            found.append(node["Relation Name"])
        stack.extend(node.get("Plans", []))
    return found


def explain(urls):
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    client, rows, seen = Client(), [], set()
    for url in urls:
        with override_settings(RESPONSE_CACHE=False):
            _, statements = captured(client, url)
        for sql, params in statements:
            if not sql.lstrip().upper().startswith("SELECT") or "registry_contentversion" in sql or sql in seen:
                continue
            seen.add(sql)
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
                plan = cursor.fetchone()[0]
            plan = plan[0]["Plan"] if isinstance(plan, list) else json.loads(plan)[0]["Plan"]
            scans = sorted(set(seq_scans(plan)) & BIG_TABLES)
            rows.append({"url": url, "sql": sql[:160], "seq_scans": scans, "cost": plan["Total Cost"]})
    return rows


def analyze(_urls):
    from django.db import connection

    # VACUUM too on PostgreSQL: it sets the visibility map that index-only scans (list counts) need, as
    # autovacuum would soon after a bulk load in production.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return "analyzed"


def statement(_urls):
    """A published statement to time the statement page with."""
    from registry.models import Statement

    return Statement.objects.published().order_by("pk").last().slug


def main():
    import django

    django.setup()
    # The request log (one line a request, always on in production) would bury the benchmark's output.
    logging.getLogger("gmg.request").setLevel(logging.WARNING)
    mode, urls = sys.argv[1], sys.argv[2:]
    modes = {"queries": queries, "explain": explain, "analyze": analyze, "statement": statement}
    print(json.dumps(modes[mode](urls)))


if __name__ == "__main__":
    main()
