"""Migration 0012 keeps the history public: every fact already in the database becomes published (as of
the seed's publication time), and Publishers may publish facts from then on."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("registry", "0011_content_in_six_languages")]
AFTER = [("registry", "0012_facts_workflow")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_existing_facts_are_published_and_publishers_may_publish_facts(roles_restored):
    # roles_restored: an earlier transactional test's flush may have removed the role groups the migration grants to.
    old = migrate(BEFORE)
    try:
        agency = old.get_model("registry", "Agency").objects.create(acronym="MIG", name="Migrated", slug="mig")
        day = datetime.date(2007, 1, 1)
        old.get_model("registry", "Membership").objects.create(agency=agency, start=day)
        old.get_model("registry", "ChairTerm").objects.create(start=day, end=datetime.date(2007, 6, 30))
        old.get_model("registry", "ChairVacancy").objects.create(start=datetime.date(2008, 1, 1), end=None, note="-")
        group = old.get_model("registry", "WorkingGroup").objects.create(name="Group", slug="group")
        old.get_model("registry", "WorkingGroupRole").objects.create(group=group, agency=agency)

        new = migrate(AFTER)

        public_since = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
        for name in ("Membership", "ChairTerm", "ChairVacancy", "WorkingGroupRole"):
            rows = list(new.get_model("registry", name).objects.values_list("status", "published_at"))
            assert rows == [("published", public_since)], name
        publisher = new.get_model("auth", "Group").objects.get(name="Publisher")
        codenames = set(publisher.permissions.values_list("codename", flat=True))
        assert {
            "publish_membership",
            "publish_chairterm",
            "publish_chairvacancy",
            "publish_workinggrouprole",
        } <= codenames
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes("registry"))
