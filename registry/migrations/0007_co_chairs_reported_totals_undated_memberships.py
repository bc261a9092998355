"""Co-chairs, reported totals and memberships whose start is not recorded (issue 15).

- A chair term is held by one or more agencies (ChairHolder, each agency once per term). Each
  term's old `agency` becomes its sole holder, so no data is lost; reversing puts the first holder
  back. The PostgreSQL exclusion constraint on chair terms (0002) is untouched: terms still never
  overlap, co-chairs share one term.
- ReportedTotal: "the group had N members on date D, per source S".
- A membership's start may be empty, with `attested_on`: it counts from the date a source attests
  it. On PostgreSQL the no-overlap exclusion constraint of 0002 is redefined on that counted
  period, and ignores memberships with no date at all (they count on no date).
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

MEMBERSHIP_OVERLAP = "registry_membership_no_overlap"
ON_START = "EXCLUDE USING gist (agency_id WITH =, body WITH =, daterange(start, \"end\", '[]') WITH &&)"
ON_COUNTED_DATES = (
    "EXCLUDE USING gist (agency_id WITH =, body WITH =, daterange(COALESCE(start, attested_on), \"end\", '[]') WITH &&)"
    " WHERE (start IS NOT NULL OR attested_on IS NOT NULL)"
)
NEW_MODELS = ["chairholder", "reportedtotal"]


def agency_to_holder(apps, schema_editor):
    ChairTerm = apps.get_model("registry", "ChairTerm")
    ChairHolder = apps.get_model("registry", "ChairHolder")
    ChairHolder.objects.bulk_create(
        ChairHolder(term_id=term_id, agency_id=agency_id, order=0)
        for term_id, agency_id in ChairTerm.objects.values_list("pk", "agency_id")
    )


def holder_to_agency(apps, schema_editor):
    ChairTerm = apps.get_model("registry", "ChairTerm")
    ChairHolder = apps.get_model("registry", "ChairHolder")
    for term in ChairTerm.objects.all():
        first = ChairHolder.objects.filter(term_id=term.pk).order_by("order", "pk").first()
        if first is None:
            raise RuntimeError(f"Chair term {term.pk} has no holder; give it one before reversing this migration.")
        term.agency_id = first.agency_id
        term.save(update_fields=["agency"])


def _redefine_membership_overlap(schema_editor, definition):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE registry_membership DROP CONSTRAINT IF EXISTS {MEMBERSHIP_OVERLAP}")
    schema_editor.execute(f"ALTER TABLE registry_membership ADD CONSTRAINT {MEMBERSHIP_OVERLAP} {definition}")


def membership_overlap_on_counted_dates(apps, schema_editor):
    _redefine_membership_overlap(schema_editor, ON_COUNTED_DATES)


def membership_overlap_on_start(apps, schema_editor):
    _redefine_membership_overlap(schema_editor, ON_START)


def grant_roles(apps, schema_editor):
    """Edited like the other records (0003_roles): Editors and Publishers change them, focal points read."""
    app_config = apps.get_app_config("registry")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    every = [f"{action}_{model}" for model in NEW_MODELS for action in ("view", "add", "change", "delete")]
    grants = {"Editor": every, "Publisher": every, "Agency focal point": [f"view_{model}" for model in NEW_MODELS]}
    for name, codenames in grants.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            perms = Permission.objects.filter(content_type__app_label="registry", codename__in=codenames)
            group.permissions.add(*perms)


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0006_upload_checks_and_api_tokens"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ChairHolder",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "order",
                    models.PositiveSmallIntegerField(
                        default=0, help_text="Where the agency is named among the co-chairs."
                    ),
                ),
            ],
            options={
                "verbose_name": "chair term holder",
                "ordering": ["order", "pk"],
            },
        ),
        migrations.AddField(
            model_name="chairholder",
            name="agency",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="chair_holdings", to="registry.agency"
            ),
        ),
        migrations.AddField(
            model_name="chairholder",
            name="term",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="holdings", to="registry.chairterm"
            ),
        ),
        migrations.AddConstraint(
            model_name="chairholder",
            constraint=models.UniqueConstraint(
                fields=("term", "agency"),
                name="registry_chairholder_once_per_term",
                violation_error_message="This agency already holds this term.",
            ),
        ),
        # Nullable first, so that reversing can add the column back before filling it from the holders.
        migrations.AlterField(
            model_name="chairterm",
            name="agency",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="chair_terms",
                to="registry.agency",
            ),
        ),
        migrations.RunPython(agency_to_holder, holder_to_agency, elidable=False),
        migrations.RemoveField(
            model_name="chairterm",
            name="agency",
        ),
        migrations.AddField(
            model_name="chairterm",
            name="holders",
            field=models.ManyToManyField(
                related_name="chair_terms", through="registry.ChairHolder", to="registry.agency"
            ),
        ),
        migrations.CreateModel(
            name="ReportedTotal",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "body",
                    models.CharField(
                        choices=[("gmg", "Global Migration Group"), ("geneva", "Geneva Migration Group")],
                        default="gmg",
                        max_length=6,
                    ),
                ),
                ("date", models.DateField(help_text="The date the source gives the total for.")),
                (
                    "date_precision",
                    models.CharField(
                        choices=[("day", "Day"), ("month", "Month"), ("year", "Year")], default="day", max_length=5
                    ),
                ),
                ("total", models.PositiveSmallIntegerField(help_text="How many members the source reports.")),
                (
                    "note",
                    models.TextField(blank=True, help_text="What the source says, e.g. its own words for the members."),
                ),
            ],
            options={
                "ordering": ["date", "body"],
            },
        ),
        migrations.AlterModelOptions(
            name="membership",
            options={"ordering": [models.OrderBy(models.F("start"), nulls_last=True), "agency__acronym"]},
        ),
        migrations.AddField(
            model_name="membership",
            name="attested_on",
            field=models.DateField(
                blank=True,
                help_text="Only if the start is not recorded: when a source shows it as a member. Counts from then on.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="membership",
            name="attested_on_precision",
            field=models.CharField(
                choices=[("day", "Day"), ("month", "Month"), ("year", "Year")], default="day", max_length=5
            ),
        ),
        migrations.AlterField(
            model_name="membership",
            name="start",
            field=models.DateField(
                blank=True,
                help_text="Empty when no source records when it joined (give 'attested on' instead).",
                null=True,
            ),
        ),
        migrations.AddConstraint(
            model_name="membership",
            constraint=models.CheckConstraint(
                condition=models.Q(("attested_on__isnull", True), ("start__isnull", True), _connector="OR"),
                name="registry_membership_attested_only_without_start",
                violation_error_message="A membership with a recorded start needs no attestation date.",
            ),
        ),
        migrations.AddConstraint(
            model_name="membership",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("end__isnull", True),
                    ("attested_on__isnull", True),
                    ("end__gte", models.F("attested_on")),
                    _connector="OR",
                ),
                name="registry_membership_end_after_attested",
                violation_error_message="The end date is before the date a source attests the membership.",
            ),
        ),
        migrations.AddField(
            model_name="reportedtotal",
            name="created_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="reportedtotal",
            name="updated_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddConstraint(
            model_name="reportedtotal",
            constraint=models.UniqueConstraint(
                fields=("body", "date"),
                name="registry_reportedtotal_one_per_body_and_date",
                violation_error_message="A total is already reported for this body on this date.",
            ),
        ),
        migrations.AddConstraint(
            model_name="reportedtotal",
            constraint=models.CheckConstraint(
                condition=models.Q(("total__gte", 1)),
                name="registry_reportedtotal_total_positive",
                violation_error_message="A reported total is at least 1.",
            ),
        ),
        migrations.RunPython(membership_overlap_on_counted_dates, membership_overlap_on_start, elidable=False),
        migrations.RunPython(grant_roles, migrations.RunPython.noop, elidable=False),
    ]
