"""Publishers approve pending changes to agencies (the new `publish_agency` permission)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["publish_agency"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("registry")
    app_config.models_module = True  # the migration state's stub has none; create_permissions needs one
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label="registry", codename__in=CODENAMES)
    for group in Group.objects.filter(name="Publisher"):
        group.permissions.add(*perms)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label="registry", codename__in=CODENAMES)
    for group in Group.objects.filter(name="Publisher"):
        group.permissions.remove(*perms)


class Migration(migrations.Migration):
    dependencies = [("registry", "0009_pending_changes_and_publish_agency")]

    operations = [migrations.RunPython(grant, revoke)]
