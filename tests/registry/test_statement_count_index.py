"""The statement count's narrow index (migration 0018) exists on PostgreSQL only."""

from django.db import connection


def indexes_of_statements():
    with connection.cursor() as cursor:
        return connection.introspection.get_constraints(cursor, "registry_statement")


def test_postgresql_counts_statements_through_a_narrow_index_and_sqlite_has_none(db):
    index = indexes_of_statements().get("statement_count_idx")
    if connection.vendor == "postgresql":
        assert index is not None and index["columns"] == ["status", "published_at"]
    else:
        # SQLite's planner would read the list pages through it and sort every statement.
        assert index is None
