import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from registry.seed import COMMENT, SeedError, default_directory, load, read_fixtures


class Command(BaseCommand):
    help = (
        "Load the group's history from fixtures/ into an empty or existing database. Records already "
        "present (found by natural key) are left as they are; only missing ones are created."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fixtures", type=Path, default=None, help="Directory of the YAML fixtures.")
        parser.add_argument("--check", action="store_true", help="Only read and check the fixtures; write nothing.")

    def handle(self, *args, fixtures, check, verbosity, **options):
        directory = fixtures or default_directory()
        started = time.perf_counter()
        try:
            if check:
                specs = read_fixtures(directory)
                self.stdout.write(f"The fixtures in {directory} are valid ({len(specs)} top-level records).")
                return
            report = load(directory)
        except SeedError as exc:
            raise CommandError(f"Nothing was loaded. {exc}") from exc
        seconds = time.perf_counter() - started
        if verbosity == 0:
            return
        if report.wrote:
            done = f"Seeded from {directory} in {seconds:.2f} s (revision: {COMMENT!r})."
            self.stdout.write(self.style.SUCCESS(done))
        elif report.skipped:
            self.stdout.write(f"Nothing created from {directory} ({seconds:.2f} s); some records were skipped:")
        else:
            self.stdout.write(f"Nothing to create from {directory} ({seconds:.2f} s): the database holds every record.")
        for line in report.lines():
            style = self.style.WARNING if line.lstrip().startswith(("left", "skipped")) else str
            self.stdout.write(style(line))
