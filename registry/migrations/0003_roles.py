"""The three editorial roles as auth groups, with their model permissions.

Object-level narrowing (a focal point edits only their own agency) lives in registry.permissions.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITABLE = [
    "agency", "membership", "chairterm", "chairvacancy", "statement", "workinggroup", "workinggrouprole",
    "activity", "event", "participation", "publication", "initiative", "topic", "page", "source",
]  # fmt: skip
PUBLISHABLE = ["statement", "publication", "page"]


def codenames_for(actions, models):
    return [f"{action}_{model}" for model in models for action in actions]


ROLES = {
    "Editor": codenames_for(["view", "add", "change", "delete"], EDITABLE),
    "Publisher": codenames_for(["view", "add", "change", "delete"], EDITABLE) + codenames_for(["publish"], PUBLISHABLE),
    "Agency focal point": codenames_for(["view"], EDITABLE)
    + ["change_agency", "add_statement", "change_statement", "add_source", "change_source"],
}


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure ours exist now.
    app_config = apps.get_app_config("registry")
    app_config.models_module = True  # the migration state's stub has none; create_permissions needs one
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        perms = Permission.objects.filter(content_type__app_label="registry", codename__in=codenames)
        group.permissions.add(*perms)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0002_postgres_exclusion_constraints"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
