"""`manage.py seed`: loads everything once, changes nothing the second time, leaves editors' work
alone, and refuses bad fixture data without writing a row."""

import io
import shutil

import pytest
from django.core.management import CommandError, call_command
from reversion.models import Revision, Version

from registry import models as m
from registry.seed import COMMENT, default_directory

# Every model the seed writes, in an order that can be deleted (children and PROTECTed rows first).
SEEDED = [
    m.Participation, m.Event, m.WorkingGroupRole, m.Activity, m.WorkingGroup, m.ChairTerm, m.ChairVacancy,
    m.Statement, m.Publication, m.Initiative, m.Page, m.Membership, m.Topic, m.Agency, m.Source,
]  # fmt: skip


def run_seed(*args):
    out = io.StringIO()
    call_command("seed", *args, stdout=out)
    return out.getvalue()


def empty_registry():
    """An empty database inside this test's transaction, whatever earlier tests loaded."""
    for model in SEEDED:
        model.objects.all().delete()


def snapshot():
    """Every seeded row with its last change, per model."""
    rows = {}
    for model in SEEDED:
        changed = "updated_at" if hasattr(model, "updated_at") else "pk"
        rows[model.__name__] = sorted(model.objects.values_list("pk", changed))
    return rows


@pytest.fixture
def fixtures_copy(tmp_path):
    """A copy of the real fixtures to spoil."""
    directory = tmp_path / "fixtures"
    shutil.copytree(default_directory(), directory)
    return directory


def spoil(directory, name, old, new):
    path = directory / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# Loading and reloading ---------------------------------------------------------------------------


def test_seeding_an_empty_database_creates_every_record_in_one_revision(db):
    empty_registry()
    revisions = Revision.objects.count()
    output = run_seed()
    assert "agencies: 19 created" in output  # the 16 of 2013, UNU, FAO and WFP
    assert "chair terms: 18 created" in output
    assert "chair term holders: 19 created" in output  # 2018 has two, FAO and IOM
    assert "reported totals: 2 created" in output
    assert "chair vacancies: 1 created" in output
    assert Revision.objects.count() == revisions + 1
    revision = Revision.objects.latest("pk")
    assert revision.comment == COMMENT
    assert Version.objects.get_for_model(m.Agency).filter(revision=revision).count() == 19


def test_seeding_twice_changes_no_row_and_records_no_revision(db):
    empty_registry()
    run_seed()
    before, revisions = snapshot(), Revision.objects.count()
    output = run_seed()
    assert snapshot() == before
    assert Revision.objects.count() == revisions
    assert "Nothing to create" in output
    assert "agencies: 19 already present" in output


def test_seeding_the_seeded_database_again_changes_nothing(seed):
    before = snapshot()
    output = run_seed()
    assert snapshot() == before
    assert "created" not in output


def test_a_record_an_editor_changed_is_left_alone_and_reported(seed):
    unhcr = m.Agency.objects.get(slug="unhcr")
    unhcr.name = "UN Refugee Agency"
    unhcr.save()
    edited_at = m.Agency.objects.get(slug="unhcr").updated_at
    output = run_seed()
    unhcr.refresh_from_db()
    assert unhcr.name == "UN Refugee Agency"
    assert unhcr.updated_at == edited_at
    assert "left as edited: agency UNHCR (differs from the fixtures in name)" in output


def test_a_deleted_record_and_a_deleted_source_are_created_again(seed):
    m.Page.objects.get(slug="history").delete()
    unhcr = m.Agency.objects.get(slug="unhcr")
    unhcr.sources.all().delete()
    output = run_seed()
    assert m.Page.objects.filter(slug="history", status=m.Status.PUBLISHED).exists()
    assert unhcr.sources.count() == 3  # the article, OHCHR, and the UN System Chart for its kind
    assert "pages: 1 created, 1 already present" in output


def test_a_record_that_collides_with_an_editors_change_is_skipped_and_reported(seed):
    # An editor moved IOM's 2007 term by a month: the fixture's term (by its start) is now missing,
    # and creating it would overlap the edited one.
    term = m.ChairTerm.objects.get(holders__slug="iom", start__year=2007)
    term.start = term.start.replace(month=2)
    term.save()
    output = run_seed()
    assert m.ChairTerm.objects.filter(holders__slug="iom", start__year=2007).count() == 1
    assert "skipped fixtures/chairs.yaml, record 2 (iom from 2007-01)" in output
    assert "overlaps IOM's term" in output


# Writing through the services --------------------------------------------------------------------


def test_every_record_the_seed_creates_is_saved_through_services_save_as_the_operator(db, monkeypatch):
    from registry import services

    empty_registry()
    saved = []
    real_save = services.save

    def spy(*, obj, user, **kwargs):
        saved.append((type(obj), user))
        return real_save(obj=obj, user=user, **kwargs)

    monkeypatch.setattr(services, "save", spy)
    run_seed()
    by_model = {}
    for model, user in saved:
        assert user is services.OPERATOR
        by_model[model] = by_model.get(model, 0) + 1
    # Every row the seed made came through services.save, one call each (sources travel with their record).
    for model in [*SEEDED, m.ChairHolder, m.ReportedTotal]:
        if model is m.Source:
            continue
        assert by_model.get(model, 0) == model.objects.count(), model.__name__


def test_seeded_records_are_recorded_as_written_by_nobody_not_by_a_made_up_account(db):
    empty_registry()
    run_seed()
    revision = Revision.objects.latest("pk")
    assert revision.comment == COMMENT
    assert revision.user is None
    assert not m.Agency.objects.filter(created_by__isnull=False).exists()
    assert not m.Statement.objects.filter(updated_by__isnull=False).exists()


def test_a_source_the_seed_adds_to_an_existing_record_is_a_change_recorded_in_its_history(seed):
    unhcr = m.Agency.objects.get(slug="unhcr")
    unhcr.sources.filter(title__icontains="chart").delete()
    before = Version.objects.get_for_object(unhcr).count()
    output = run_seed()
    unhcr.refresh_from_db()
    assert unhcr.sources.filter(title__icontains="chart").count() == 1
    latest = Version.objects.get_for_object(unhcr).first()
    assert Version.objects.get_for_object(unhcr).count() == before + 1
    assert latest.revision.comment == COMMENT
    assert "sources: 1 created" in output


def test_a_record_the_services_refuse_is_skipped_on_an_existing_database_and_reported(seed, monkeypatch):
    from django.core.exceptions import ValidationError

    from registry import services

    m.Page.objects.get(slug="history").delete()
    real_save = services.save

    def refusing(*, obj, **kwargs):
        if isinstance(obj, m.Page):
            raise ValidationError("Refused by the services.")
        return real_save(obj=obj, **kwargs)

    monkeypatch.setattr(services, "save", refusing)
    output = run_seed()
    assert not m.Page.objects.filter(slug="history").exists()
    assert "skipped fixtures/pages.yaml" in output
    assert "Refused by the services." in output


# Bad fixture data --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "old", "new", "expected"),
    [
        (
            "chairs.yaml",
            "- agency: iom\n  start: 2007-01\n  end: 2007-06",
            "- agency: iom\n  start: 2007-01\n  end: 2006-06",
            "fixtures/chairs.yaml, record 2 (iom from 2007-01): the end (2006-06-30) is before the start (2007-01-01)",
        ),
        (
            "chairs.yaml",
            "- agency: undesa\n  start: 2007-07",
            "- agency: undesa\n  start: 2007-06",
            "fixtures/chairs.yaml, record 3 (undesa from 2007-06): starts on 2007-06-01, inside the period of "
            "fixtures/chairs.yaml, record 2",
        ),
        (
            "chairs.yaml",
            "- agency: unhcr",
            "- agency: unhcrr",
            "fixtures/chairs.yaml, record 1 (unhcrr from 2006-07): refers to the agency 'unhcrr', which no fixture",
        ),
        (
            "agencies.yaml",
            "  headquarters: Tokyo",
            "  headquarter: Tokyo",
            "fixtures/agencies.yaml, record 17 (unu): unknown field(s): headquarter.",
        ),
        (
            "agencies.yaml",
            "  kind: specialised\n  kind_source: UNSC-2015\n  in_un_system: true",
            "  kind: agency\n  kind_source: UNSC-2015\n  in_un_system: true",
            "fixtures/agencies.yaml, record 1 (ilo): 'kind' is 'agency'; expected one of",
        ),
        (
            "agencies.yaml",
            "  kind: specialised\n  kind_source: UNSC-2015\n",
            "  kind: specialised\n",
            "fixtures/agencies.yaml, record 1 (ilo): 'kind' needs 'kind_source'",
        ),
        (
            "events.yaml",
            "start: 2006-05-09",
            "start: 9 May 2006",
            "fixtures/events.yaml, record 1 (first-principals-meeting-2006): 'start' is '9 May 2006'; write a date",
        ),
        (
            "initiatives.yaml",
            '  sources: [{A: "Launched in 2001',
            '  sources: []\n  old_sources: [{A: "Launched in 2001',
            "fixtures/initiatives.yaml, record 2 (berne-initiative): every record of history cites at least one",
        ),
        (
            "publications.yaml",
            "  sources: [{IISD-2017:",
            "  sources: [{IISD-2071:",
            "fixtures/publications.yaml, record 4 (handbook-on-migration-data-for-development-2017): cites the "
            "unknown source 'IISD-2071'",
        ),
        (
            "statements.yaml",
            "  source_url: https://unitar.org/international-migrants-day-2013",
            "  source_url: unitar.org/international-migrants-day-2013",
            "fixtures/statements.yaml, record 3 (international-migrants-day-2013): 'source_url' is not a valid URL",
        ),
        (
            "topics.yaml",
            "- slug: irregular-migration",
            "- slug: human-rights",
            "fixtures/topics.yaml, record 2 (human-rights): the same record as fixtures/topics.yaml, record 1",
        ),
        (
            "pages.yaml",
            "  menu_order: 1\n",
            "  menu_order: 1\n  menu_order: [\n",
            "fixtures/pages.yaml: not valid YAML",
        ),
    ],
    ids=[
        "end before start",
        "overlapping terms",
        "unknown agency",
        "misspelt field",
        "unknown kind",
        "kind without its source",
        "unreadable date",
        "no sources",
        "unknown source",
        "bad url",
        "duplicate slug",
        "broken yaml",
    ],
)
def test_bad_fixture_data_fails_naming_the_file_and_record_and_writes_nothing(
    db, fixtures_copy, name, old, new, expected
):
    spoil(fixtures_copy, name, old, new)
    before, revisions = snapshot(), Revision.objects.count()
    with pytest.raises(CommandError) as caught:
        run_seed("--fixtures", str(fixtures_copy))
    assert expected in str(caught.value)
    assert str(caught.value).startswith("Nothing was loaded.")
    assert snapshot() == before
    assert Revision.objects.count() == revisions


def test_data_the_database_refuses_on_an_empty_database_rolls_back_everything(db, fixtures_copy):
    # Valid YAML the model refuses (a page may not take the slug of a site section); pages load
    # last, so every other record was already written when it fails.
    spoil(fixtures_copy, "pages.yaml", "- slug: history", "- slug: agencies")
    empty_registry()
    revisions = Revision.objects.count()
    with pytest.raises(CommandError) as caught:
        run_seed("--fixtures", str(fixtures_copy))
    assert "fixtures/pages.yaml, record 2 (agencies): slug:" in str(caught.value)
    assert "is a section of the site" in str(caught.value)
    assert all(rows == [] for rows in snapshot().values())
    assert Revision.objects.count() == revisions


def test_check_reads_the_fixtures_without_writing(db):
    empty_registry()
    output = run_seed("--check")
    assert "are valid" in output
    assert not m.Agency.objects.exists()


def test_seeding_a_database_from_before_the_later_years_adds_them_and_keeps_editors_changes(seed):
    # A database seeded before FAO, WFP, the 2018 co-chairs and the reported totals were in the
    # fixtures, where an editor has since renamed IOM.
    m.ChairTerm.objects.filter(start__year=2018).delete()
    m.Agency.objects.filter(slug__in=["fao", "wfp"]).delete()
    m.ReportedTotal.objects.all().delete()
    iom = m.Agency.objects.get(slug="iom")
    iom.name = "IOM, the UN Migration Agency"
    iom.save()
    output = run_seed()
    assert "agencies: 2 created, 16 already present, 1 left as edited" in output
    assert "reported totals: 2 created" in output
    term = m.ChairTerm.objects.with_holders().get(start__year=2018)
    assert [agency.slug for agency in term.chairs] == ["fao", "iom"]
    iom.refresh_from_db()
    assert iom.name == "IOM, the UN Migration Agency"
    assert m.Membership.objects.get(agency__slug="wfp").period_display == "dates not recorded"
    assert "created" not in run_seed()
