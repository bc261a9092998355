"""generate_demo_data: synthetic records at scale, the same for the same seed, removed exactly by --remove."""

import io
import itertools

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from registry import models as m


def generate(*args):
    out = io.StringIO()
    call_command("generate_demo_data", *args, stdout=out)
    return out.getvalue()


def counts():
    models = [m.Agency, m.Membership, m.ChairTerm, m.Statement, m.Event, m.Participation, m.Publication,
              m.WorkingGroup, m.WorkingGroupRole, m.Activity, m.Topic, m.Source]  # fmt: skip
    through = [m.Statement.signatories.through, m.Statement.topics.through, m.Publication.lead_agencies.through]
    return {model.__name__: model._base_manager.count() for model in [*models, *through]}


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


def test_scale_one_adds_about_the_real_groups_size_on_top_of_the_seed(seed, debug):
    before = counts()
    generate("--scale", "1")
    after = counts()
    assert after["Agency"] - before["Agency"] == 20
    assert after["Statement"] - before["Statement"] == 210  # 200 statements and 10 translations
    assert after["Event"] - before["Event"] == 20
    assert after["Publication"] - before["Publication"] == 10
    assert after["WorkingGroup"] - before["WorkingGroup"] == 1
    assert after["Membership"] - before["Membership"] >= 20  # every agency joined once, some twice
    assert after["Statement_signatories"] - before["Statement_signatories"] >= 2 * 210


def test_the_same_seed_gives_the_same_records_and_another_seed_others(seed, debug):
    def titles():
        return list(m.Statement.objects.filter(slug__startswith="demo-").order_by("slug").values_list("title", "date"))

    generate("--scale", "1", "--seed", "7")
    first = titles()
    generate("--scale", "1", "--seed", "7")  # replaces the earlier demo data
    assert titles() == first
    generate("--scale", "1", "--seed", "8")
    assert titles() != first


def test_remove_takes_away_exactly_the_synthetic_records(seed, debug):
    before = counts()
    generate("--scale", "2")
    assert counts() != before
    assert "Removed" in generate("--remove")
    assert counts() == before
    assert m.Agency.objects.filter(slug="unhcr").exists()


def test_some_synthetic_statements_are_drafts_that_the_public_never_sees(seed, debug):
    generate("--scale", "2")
    demo = m.Statement.objects.filter(slug__startswith="demo-")
    drafts = demo.exclude(status=m.Status.PUBLISHED)
    assert drafts.exists()
    assert not m.Statement.objects.published().filter(pk__in=drafts).exists()


def test_synthetic_chair_terms_fill_the_gaps_without_overlapping_any_term_or_vacancy(seed, debug):
    generate("--scale", "3")
    terms = list(m.ChairTerm.objects.order_by("start"))
    assert any(term.note.startswith("Synthetic") for term in terms)
    for earlier, later in itertools.pairwise(terms):
        assert earlier.end < later.start, (earlier, later)
    for vacancy in m.ChairVacancy.objects.all():
        assert not m.ChairTerm.objects.overlapping(vacancy.start, vacancy.end).exists()


def test_it_is_refused_when_debug_is_off_unless_forced(seed, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        generate("--scale", "1")
    assert not m.Agency.objects.filter(slug__startswith="demo-").exists()
    generate("--scale", "1", "--force")
    assert m.Agency.objects.filter(slug__startswith="demo-").count() == 20


def test_a_negative_scale_is_refused(seed, debug):
    with pytest.raises(CommandError, match="--scale"):
        generate("--scale", "-1")


def test_the_planner_statistics_describe_the_tables_after_a_bulk_load(seed, debug):
    """Without ANALYZE after 30,000 rows, SQLite plans by guesswork (384 ms instead of 11 ms a request)."""
    generate("--scale", "1")
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT MAX(CAST(stat AS INTEGER)) FROM sqlite_stat1 WHERE tbl = 'registry_membership'")
        else:
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'registry_membership'")
        (rows,) = cursor.fetchone()
    # Each index's statistics start with the rows it holds (a partial index fewer): the largest is the table's.
    assert int(float(rows)) == m.Membership._base_manager.count()
