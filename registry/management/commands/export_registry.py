"""manage.py export_registry FILE — the whole registry as one versioned JSON file (see registry.backup)."""

import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand

from registry import backup


class Command(BaseCommand):
    help = (
        "Write every record, source, revision, user (with password hash), group and token to FILE as one "
        "versioned JSON backup. The file is as sensitive as the database; it is created readable by its owner only."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="where to write the backup (replaced atomically if it exists)")

    def handle(self, *args, file, **options):
        data = backup.export_data()
        target = Path(file).resolve()
        # Written beside the target and renamed into place: an interrupted export never leaves half a file.
        handle, partial = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                backup.dump(data, stream)
            os.chmod(partial, 0o600)
            os.replace(partial, target)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise
        total = sum(data["counts"].values())
        self.stdout.write(f"Wrote {total} rows of {len(data['counts'])} models to {target}.")
