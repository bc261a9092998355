"""Drafts, records in review, withdrawn and scheduled records, and staff-only fields never enter a download."""

import datetime
import io
import zipfile

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.utils import timezone

from registry import models as m
from registry import services
from registry.opendata import store
from tests import factories as f
from tests.opendata.conftest import BUILD_DAY, build_on, stored, stored_csv, stored_json

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden(clock, seed, media, publisher):
    """One record in each state the public must not see, each with a word found nowhere else."""
    unhcr = m.Agency.objects.get(slug="unhcr")
    original = m.Statement.objects.get(slug="human-rights-of-migrants-in-irregular-situation-2010")
    draft = f.StatementFactory(title="Zanzibarine draft", slug="zanzibarine-draft", draft=True)
    draft.signatories.set([unhcr])
    m.Source.objects.create(
        content_type=ContentType.objects.get_for_model(draft), object_id=draft.pk, title="Zanzibarine source"
    )
    scheduled = f.StatementFactory(
        title="Quokkaline scheduled", slug="quokkaline-scheduled",
        published_at=timezone.now() + datetime.timedelta(days=30),
    )  # fmt: skip
    scheduled.topics.set([m.Topic.objects.first()])
    in_review = f.PublicationFactory(title="Marmotine report", slug="marmotine-report", status=m.Status.IN_REVIEW)
    in_review.lead_agencies.set([unhcr])
    withdrawn = f.StatementFactory(title="Axolotline withdrawn", slug="axolotline-withdrawn")
    services.withdraw(obj=withdrawn, user=publisher)
    f.PageFactory(title="Pangoline page", slug="pangoline-page", status=m.Status.DRAFT, published_at=None)
    # A published translation of a draft: published itself, but its original must not be named.
    translation = f.StatementFactory(
        title="Déclaration publiée", slug="declaration-publiee", language="fr", translation_of=draft
    )
    # Staff fields on a published record.
    original.updated_by = publisher
    original.save()
    return {"draft": draft, "scheduled": scheduled, "translation": translation}


SECRETS = [b"zanzibarine", b"Zanzibarine", b"quokkaline", b"marmotine", b"axolotline", b"pangoline", b"carol"]


def test_no_download_holds_a_draft_a_scheduled_a_withdrawn_or_an_in_review_record(hidden):
    build_on(BUILD_DAY)
    [entry] = store.versions()
    assert len(entry["files"]) == 25
    for file in entry["files"]:
        with default_storage.open(f"open-data/{BUILD_DAY}/{file['name']}", "rb") as handle:
            content = handle.read()
        if file["name"].endswith(".zip"):
            archive = zipfile.ZipFile(io.BytesIO(content))
            content = b"".join(archive.read(name) for name in archive.namelist())
        for secret in SECRETS:
            assert secret not in content, f"{secret!r} in {file['name']}"
    # The published records made alongside them are there: the files were read, not empty.
    assert b"declaration-publiee" in stored(BUILD_DAY, "gmg-registry.json")


def test_a_published_translation_of_a_draft_names_no_original(hidden):
    build_on(BUILD_DAY)
    statements = {row["slug"]: row for row in stored_json(BUILD_DAY, "gmg-registry.json")["statements"]}
    assert statements["declaration-publiee"]["translation_of"] is None
    rows = {row["slug"]: row for row in stored_csv(BUILD_DAY, "statements")}
    assert rows["declaration-publiee"]["translation_of"] == ""


def test_staff_only_fields_are_in_no_table(hidden):
    build_on(BUILD_DAY)
    package = stored_json(BUILD_DAY, "datapackage/datapackage.json")
    columns = {field["name"] for resource in package["resources"] for field in resource["schema"]["fields"]}
    assert not columns & {"created_by", "updated_by", "created_at", "updated_at", "status", "published_at"}
    document = stored_json(BUILD_DAY, "gmg-registry.json")
    for collection in ("agencies", "statements", "publications", "pages", "chair_terms"):
        for record in document[collection]:
            assert not record.keys() & {"created_by", "updated_by", "status", "published_at"}


def test_a_scheduled_record_enters_the_first_build_after_its_time(hidden):
    build_on(BUILD_DAY)
    assert "quokkaline-scheduled" not in {row["slug"] for row in stored_csv(BUILD_DAY, "statements")}
    later = (timezone.localdate() + datetime.timedelta(days=31)).isoformat()
    build_on(later)
    assert "quokkaline-scheduled" in {row["slug"] for row in stored_csv(later, "statements")}
    changes = store.versions()[0]["changes"]
    assert {"collection": "statements", "id": "quokkaline-scheduled", "label": "Quokkaline scheduled"} in changes[
        "added"
    ]
