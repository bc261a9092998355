"""Scheduled publishing: public from its time, whatever cron does; publish_scheduled records the moment."""

import datetime
import io

import time_machine
from django.core.management import call_command
from reversion.models import Version

from registry import services
from registry.models import Publication, Statement, Status
from tests.factories import PublicationFactory, StatementFactory

UTC = datetime.UTC
NOON = datetime.datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def run():
    out = io.StringIO()
    call_command("publish_scheduled", stdout=out)
    return out.getvalue()


def test_a_scheduled_statement_is_not_public_before_its_time_and_is_after_it(publisher):
    with time_machine.travel(datetime.datetime(2026, 3, 1, 9, 0, tzinfo=UTC), tick=False):
        statement = StatementFactory(draft=True)
        services.publish(obj=statement, user=publisher, when=NOON)
        assert statement.status == Status.PUBLISHED
        assert not Statement.objects.published().exists()
    with time_machine.travel(NOON - datetime.timedelta(seconds=1), tick=False):
        assert not Statement.objects.published().exists()
        assert "0 scheduled record(s) went live" in run()
    with time_machine.travel(NOON, tick=False):
        assert Statement.objects.published().get() == statement


def test_publish_scheduled_records_the_moment_a_record_went_live_once(publisher):
    with time_machine.travel(datetime.datetime(2026, 3, 1, 9, 0, tzinfo=UTC), tick=False):
        statement = StatementFactory(draft=True, title="Scheduled statement")
        services.publish(obj=statement, user=publisher, when=NOON)
        version_before = services.version_token(Statement.objects.get(pk=statement.pk).updated_at)
        assert "Scheduled: statement “Scheduled statement”" in run()
    with time_machine.travel(NOON + datetime.timedelta(minutes=5), tick=False):
        out = run()
        assert "Live: statement “Scheduled statement”" in out
        assert "1 scheduled record(s) went live" in out
        latest = Version.objects.get_for_object(statement).first().revision
        assert latest.comment.startswith("Went live as scheduled")
        assert services.current_version(statement) != version_before
        assert "0 scheduled record(s) went live" in run()  # twice changes nothing


def test_publish_scheduled_never_publishes_what_no_publisher_published(db):
    with time_machine.travel(NOON, tick=False):
        PublicationFactory(status=Status.IN_REVIEW, published_at=NOON - datetime.timedelta(days=1))
        StatementFactory(draft=True, published_at=NOON - datetime.timedelta(days=1))
        assert "0 scheduled record(s) went live" in run()
        assert not Publication.objects.published().exists()
        assert not Statement.objects.published().exists()


def test_a_dry_run_reports_without_changing_anything(publisher):
    with time_machine.travel(datetime.datetime(2026, 3, 1, 9, 0, tzinfo=UTC), tick=False):
        statement = services.publish(obj=StatementFactory(draft=True), user=publisher, when=NOON)
    with time_machine.travel(NOON + datetime.timedelta(hours=1), tick=False):
        before = services.current_version(statement)
        out = io.StringIO()
        call_command("publish_scheduled", "--dry-run", stdout=out)
        assert "1 scheduled record(s) due" in out.getvalue()
        assert services.current_version(statement) == before
