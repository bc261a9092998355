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


def test_the_list_index_keeps_its_keys_and_carries_the_id_on_postgresql(db):
    # 0020: the statement list's page of ids comes from the list index alone (ByIdsPaginator).
    index = indexes_of_statements()["statement_list_idx"]
    assert index["columns"][:4] == ["status", "date_order", "title", "published_at"]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_get_indexdef('statement_list_idx'::regclass)")
            assert cursor.fetchone()[0].endswith("INCLUDE (id)")
