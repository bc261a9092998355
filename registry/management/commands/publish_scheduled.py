"""Record scheduled statements, publications, pages and facts (memberships, chair terms, vacancies,
working-group roles) going live; run it from cron every few minutes.

A Publisher schedules a record by publishing it with a future publication time. The public site
already hides it until then and shows it from then on (`published()` compares with the clock),
so nothing depends on this command running on time. What it adds: the moment each record went
live appears in its revision history and in the audit list ("Went live as scheduled…"), and the
record's version (`updated_at`, the API's ETag) changes, so caches and clients see it.

It never publishes anything a Publisher did not publish: in-review and draft records are left
alone, whatever their publication time. Running it twice does nothing the second time.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from registry import services
from registry.models import ChairTerm, ChairVacancy, Membership, Page, Publication, Statement, WorkingGroupRole

MODELS = (Statement, Publication, Page, Membership, ChairTerm, ChairVacancy, WorkingGroupRole)


class Command(BaseCommand):
    help = "Record scheduled records that have gone live, and list those still scheduled."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report only; change nothing.")

    def handle(self, *args, dry_run=False, **options):
        now = timezone.now()
        went_live = 0
        for model in MODELS:
            for obj in services.due_to_go_live(model, now=now).order_by("published_at"):
                if not dry_run:
                    services.go_live(obj=obj)
                went_live += 1
                self.stdout.write(f"{'Due' if dry_run else 'Live'}: {_describe(obj)}")
            waiting = model.objects.scheduled(now).order_by("published_at")
            for obj in waiting:
                self.stdout.write(f"Scheduled: {_describe(obj)}")
        verb = "due" if dry_run else "went live"
        self.stdout.write(self.style.SUCCESS(f"{went_live} scheduled record(s) {verb}."))


def _describe(obj):
    return f"{obj._meta.verbose_name} “{obj}”, public from {obj.published_at:%Y-%m-%d %H:%M} UTC"
