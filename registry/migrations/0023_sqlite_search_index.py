from django.db import migrations

from registry import search_index


# SQLite's trigram index of each searched kind's text, with the triggers that keep it (registry/search_index.py).
# After any later migration that remakes one of these tables, post_migrate makes the triggers again.
def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        search_index.ensure(schema_editor.connection)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        search_index.drop(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0022_stored_search_documents_of_every_kind"),
    ]

    operations = [migrations.RunPython(create, drop)]
