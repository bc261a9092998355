"""Build the open-data downloads as today's version; run it from cron after publishing, e.g. nightly:

    15 2 * * *  cd /srv/gmg && .venv/bin/python manage.py build_open_data --quiet-unchanged

Nothing is written when the published data has not changed since the latest version, so a nightly run
makes a new version only on days something was published, changed or withdrawn. Never run on a request.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from registry.opendata import store


class Command(BaseCommand):
    help = "Build the open-data downloads (JSON, Frictionless data package, Popolo) as today's dated version."

    def add_arguments(self, parser):
        parser.add_argument(
            "--quiet-unchanged", action="store_true", help="Print nothing when there is nothing new (for cron)."
        )

    def handle(self, *args, quiet_unchanged=False, **options):
        result = store.build(timezone.localdate().isoformat())
        if not result.written:
            if not quiet_unchanged:
                self.stdout.write(f"Unchanged since version {result.unchanged_since}: nothing written.")
            return
        verb = "Replaced" if result.replaced else "Wrote"
        self.stdout.write(self.style.SUCCESS(f"{verb} open-data version {result.version}."))
        for table, count in result.counts.items():
            self.stdout.write(f"  {table}: {count}")
        if result.changes is None:
            self.stdout.write("  First version: no changelog.")
        else:
            summary = ", ".join(f"{len(result.changes[kind])} {kind}" for kind in ("added", "changed", "withdrawn"))
            self.stdout.write(f"  Since the version before: {summary}.")
