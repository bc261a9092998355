"""What PostgreSQL reads for a search: stored documents equal to the ones computed, and no generic plan."""

import datetime

import pytest
from django.db import connection
from django.db.models import BooleanField, F, Func

from registry import search
from tests.factories import AgencyFactory, ChairTermFactory, MembershipFactory, ReportedTotalFactory

pytestmark = pytest.mark.postgres


def _on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip(f"stored text-search documents and prepared statements are PostgreSQL's, not {connection.vendor}'s")


class _Equal(Func):
    template = "(%(expressions)s)"
    arg_joiner = " = "
    output_field = BooleanField()


def _computed(kind):
    """The kind's document built from every column, as registry.search built it before any was stored."""
    single = [(name, w) for name, w in kind.fields.items() if not search._many_valued(kind.model, name)]
    return search._Document(
        tuple(
            (column, w, search.TEXT_SEARCH_CONFIG.get(language, "english"))
            for name, w in single
            for column, language in search._columns(kind.model, name)
        )
    )


def test_every_kinds_stored_document_is_the_one_computed_from_its_columns(world):
    _on_postgresql()
    AgencyFactory(acronym="ZPH", name_en="Zephyr Agency", name_fr="Agence Zéphyr", name_ru="Агентство Зефир")
    MembershipFactory(agency__acronym="QRX", agency__name_es="Agencia Quórum", note="Joined after the vote")
    ChairTermFactory(
        start=datetime.date(2031, 1, 1),
        end=datetime.date(2031, 6, 30),
        principal="Jane Quorum",
        note="interim",
        priorities="<p>Data on remittances</p>",
    )
    ReportedTotalFactory(note="Twenty-two members, per the report")
    for kind in search.KINDS:
        records = kind.model._base_manager.alias(computed=_computed(kind), read=search.document(kind))
        assert records.exists(), kind.key
        assert records.filter(_Equal(F("computed"), F("read"))).count() == records.count(), kind.key


def test_a_membership_reads_its_agencys_stored_names_and_every_other_kind_its_own_document():
    for kind in search.KINDS:
        read = search.document(kind)
        if kind.key == "membership":
            assert isinstance(read, search._Document)
            assert [column for column, _w, _config in read.vectors] == ["agency__names_document", "note"]
        else:
            assert isinstance(read, F) and read.name == "search_document", kind.key


def test_a_hit_never_loads_the_stored_text_documents_or_audit_columns(world):
    for hit in search.search("migration").hits:
        deferred = hit.record.get_deferred_fields()
        stored = {f.attname for f in hit.record._meta.concrete_fields if hasattr(f, "search_fields")}
        stored |= {"created_at", "updated_at", "created_by_id", "updated_by_id"}
        assert stored and stored <= deferred, hit.kind


def test_a_search_is_never_a_prepared_statement_but_other_queries_are(client, world):
    """A generic plan does not know how many rows the words match (110 ms instead of 10 at scale 100)."""
    _on_postgresql()
    for _ in range(8):  # past psycopg's prepare_threshold (5)
        assert client.get("/search/", {"q": "migration"}).status_code == 200
        assert client.get("/chairs/").status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any("registry_chairterm" in sql for sql in prepared)
    assert not any(" LIKE " in sql or " @@ " in sql for sql in prepared)
