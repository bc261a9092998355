"""manage.py import_registry FILE — restore a backup from export_registry into an empty, migrated database."""

from django.core.management.base import BaseCommand, CommandError

from registry import backup


class Command(BaseCommand):
    help = (
        "Restore a backup written by export_registry into an empty database (run `migrate` first). "
        "All or nothing: on any error nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the backup file")

    def handle(self, *args, file, verbosity, **options):
        self.verbosity = verbosity
        try:
            with open(file, encoding="utf-8") as stream:
                data = backup.load(stream)
            counts = backup.import_data(data, log=self._progress)
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}.") from None
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from None
        total = sum(counts.values())
        self.stdout.write(self.style.SUCCESS(f"Restored {total} rows of {len(counts)} models from {file}."))

    def _progress(self, message):
        if self.verbosity >= 2:
            self.stdout.write(f"  {message}")
