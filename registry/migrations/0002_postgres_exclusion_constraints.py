"""No two chair terms, and no two memberships of one agency in one body, share a day.

Model validation enforces the same rules on every database (so editors see a form error);
on PostgreSQL the database itself refuses the overlap too, whatever writes to it.
"""

from django.db import migrations

CONSTRAINTS = [
    (
        "registry_chairterm",
        "registry_chairterm_no_overlap",
        "EXCLUDE USING gist (daterange(start, \"end\", '[]') WITH &&)",
    ),
    (
        "registry_membership",
        "registry_membership_no_overlap",
        "EXCLUDE USING gist (agency_id WITH =, body WITH =, daterange(start, \"end\", '[]') WITH &&)",
    ),
]


def add(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    for table, name, definition in CONSTRAINTS:
        schema_editor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}")


def remove(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, name, _ in CONSTRAINTS:
        schema_editor.execute(f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]

    operations = [migrations.RunPython(add, remove, elidable=False)]
