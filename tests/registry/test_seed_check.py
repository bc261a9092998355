"""`seed --check` runs the whole load with every check and rolls it back: what it accepts, `seed` loads;
what cannot load (other than a record an editor changed) fails both, on any database, writing nothing."""

import pytest
from django.core.management import CommandError
from reversion.models import Revision

from registry import models as m
from tests.registry.test_seed_command import empty_registry, fixtures_copy, run_seed, snapshot, spoil  # noqa: F401

# Valid YAML that only the models refuse: a page may not take a site section's slug; an acronym is at
# most 32 characters; acronyms ignore case.
REFUSED_BY_THE_MODELS = [
    ("pages.yaml", "- slug: history", "- slug: agencies", "fixtures/pages.yaml, record 2 (agencies): slug:"),
    (
        "agencies.yaml",
        "  acronym: UNU\n",
        "  acronym: UNU-AN-ACRONYM-FAR-TOO-LONG-TO-STORE\n",
        "fixtures/agencies.yaml, record 17 (unu): acronym: Ensure this value has at most 32 characters",
    ),
    ("agencies.yaml", "  acronym: UNU\n", "  acronym: ilo\n", "two agencies have the acronym 'ilo'"),
]


def test_check_on_an_empty_database_says_what_seed_would_create_and_writes_nothing(db):
    empty_registry()
    revisions = Revision.objects.count()
    output = run_seed("--check")
    assert "are valid" in output and "nothing was written" in output
    assert "agencies: 19 created" in output and "chair vacancies: 1 created" in output
    assert all(rows == [] for rows in snapshot().values())
    assert Revision.objects.count() == revisions


@pytest.mark.parametrize(("name", "old", "new", "expected"), REFUSED_BY_THE_MODELS, ids=["slug", "length", "case"])
@pytest.mark.parametrize("database", ["empty", "seeded"])
@pytest.mark.parametrize("command", [("--check",), ()], ids=["check", "seed"])
def test_a_record_the_models_refuse_fails_check_and_seed_on_any_database_writing_nothing(
    request,
    fixtures_copy,  # noqa: F811 (the fixture imported above)
    name,
    old,
    new,
    expected,
    database,
    command,
):
    request.getfixturevalue("seed" if database == "seeded" else "db")
    if database == "empty":
        empty_registry()
    spoil(fixtures_copy, name, old, new)
    before, revisions = snapshot(), Revision.objects.count()
    with pytest.raises(CommandError) as caught:
        run_seed(*command, "--fixtures", str(fixtures_copy))
    assert str(caught.value).startswith("Nothing was loaded.")
    assert expected in str(caught.value)
    assert snapshot() == before
    assert Revision.objects.count() == revisions


def test_check_reports_a_record_an_editor_collides_with_as_skipped_and_succeeds(seed):
    term = m.ChairTerm.objects.held_by("iom").get(start__year=2007)
    term.start = term.start.replace(month=2)
    term.save()
    before = snapshot()
    output = run_seed("--check")
    assert "skipped fixtures/chairs.yaml, record 2 (iom from 2007-01)" in output
    assert snapshot() == before
