"""SQLite's trigram index of the searched text (`registry.search`, "SQLite's trigram index"): its tables and triggers.

For each kind that PostgreSQL searches through its stored `search_text`, an FTS5 table with the trigram tokenizer
whose content is the model's own table (external content: the text is not stored twice), holding exactly the
columns the search tests, kept in step by triggers on that table. The search trusts the index to hold every
record: a record it lacks is never found. So the triggers must always be there, and Django drops them with the
table whenever it remakes a table on SQLite to alter it (create a new one, copy, drop the old, rename). After
every migrate (`post_migrate`), `ensure` checks each table and trigger against what the models ask for, and
makes missing or different ones anew, filling the index from the table again.

PostgreSQL has none of this: its own trigram index (pg_trgm) is on the stored text, which it keeps itself.
"""

from django.db import connections, transaction
from django.db.migrations.recorder import MigrationRecorder

from registry import search


def statements(model):
    """{name: DDL} of the model's index table and its triggers, from the search's columns (`index_columns`).

    Every name in them comes from the models, none from a reader (so no S608 below)."""
    table, index, pk = model._meta.db_table, search.index_table(model), model._meta.pk.column
    columns = search.index_columns(model)
    listed = ", ".join(f'"{column}"' for column in columns)

    def values(row):
        return ", ".join(f'{row}."{column}"' for column in columns)

    delete = f'INSERT INTO "{index}"("{index}", rowid, {listed}) VALUES (\'delete\', old."{pk}", {values("old")});'  # noqa: S608
    insert = f'INSERT INTO "{index}"(rowid, {listed}) VALUES (new."{pk}", {values("new")});'  # noqa: S608
    # An update that leaves the searched text alone (publishing, a date) leaves the index alone.
    watched = ", ".join(f'"{column}"' for column in (pk, *columns))
    return {
        index: f"CREATE VIRTUAL TABLE \"{index}\" USING fts5({listed}, content='{table}', content_rowid='{pk}', "
        f"tokenize='trigram case_sensitive 0')",
        f"{index}_insert": f'CREATE TRIGGER "{index}_insert" AFTER INSERT ON "{table}" BEGIN {insert} END',
        f"{index}_delete": f'CREATE TRIGGER "{index}_delete" AFTER DELETE ON "{table}" BEGIN {delete} END',
        f"{index}_update": f'CREATE TRIGGER "{index}_update" AFTER UPDATE OF {watched} ON "{table}" '
        f"BEGIN {delete} {insert} END",
    }


def models():
    return [kind.model for kind in search.indexed_kinds()]


def ensure(connection):
    """Make each index and its triggers as `statements` says, where one is missing or different, and fill
    that index again from its table. Returns the names of the tables made anew. SQLite only."""
    made = []
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        for model in models():
            wanted = statements(model)
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE type IN ('table', 'trigger')")
            if {name: sql for name, sql in cursor.fetchall() if name in wanted} == wanted:
                continue
            _drop(cursor, model)
            for sql in wanted.values():
                cursor.execute(sql)
            index = search.index_table(model)
            cursor.execute(f'INSERT INTO "{index}"("{index}") VALUES (\'rebuild\')')  # noqa: S608
            made.append(index)
    return made


def drop(connection):
    with connection.cursor() as cursor:
        for model in models():
            _drop(cursor, model)


def _drop(cursor, model):
    index = search.index_table(model)
    for trigger in ("insert", "delete", "update"):
        cursor.execute(f'DROP TRIGGER IF EXISTS "{index}_{trigger}"')
    cursor.execute(f'DROP TABLE IF EXISTS "{index}"')


MIGRATION = ("registry", "0023_sqlite_search_index")


def after_migrate(sender, using, **kwargs):
    """`post_migrate`: a migration that remade a model's table took its triggers with the old one. Not when the
    registry was migrated back to before its index (a database made without migrations has its index too)."""
    connection = connections[using]
    if sender.name != "registry" or connection.vendor != "sqlite":
        return
    applied = {key for key in MigrationRecorder(connection).applied_migrations() if key[0] == "registry"}
    if MIGRATION in applied or not applied:
        ensure(connection)
