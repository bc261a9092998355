import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from registry.seed import COMMENT, SeedError, default_directory, load


class Command(BaseCommand):
    help = (
        "Load the group's history from fixtures/ into an empty or existing database. Records already "
        "present (found by natural key) are left as they are; only missing ones are created."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fixtures", type=Path, default=None, help="Directory of the YAML fixtures.")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Run the whole load with every check, then roll it back: report what it would do, write nothing.",
        )

    def handle(self, *args, fixtures, check, verbosity, **options):
        directory = fixtures or default_directory()
        started = time.perf_counter()
        try:
            report = load(directory, dry_run=check)
        except SeedError as exc:
            raise CommandError(f"Nothing was loaded. {exc}") from exc
        seconds = time.perf_counter() - started
        if check:
            self.stdout.write(
                f"The fixtures in {directory} are valid ({seconds:.2f} s); nothing was written. Loading them would do:"
            )
        elif verbosity == 0:
            return
        elif report.wrote:
            done = f"Seeded from {directory} in {seconds:.2f} s (revision: {COMMENT!r})."
            self.stdout.write(self.style.SUCCESS(done))
        elif report.skipped:
            self.stdout.write(f"Nothing created from {directory} ({seconds:.2f} s); some records were skipped:")
        else:
            self.stdout.write(f"Nothing to create from {directory} ({seconds:.2f} s): the database holds every record.")
        for line in report.lines():
            style = self.style.WARNING if line.lstrip().startswith(("left", "skipped")) else str
            self.stdout.write(style(line))
