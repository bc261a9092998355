import io

from django.contrib.auth import get_user_model
from django.core.management import call_command


def run(**options):
    out = io.StringIO()
    call_command("bootstrap_admin", stdout=out, **options)
    return out.getvalue()


def test_the_first_run_creates_an_admin_with_a_random_password_shown_once(db, settings):
    settings.DEBUG = True
    first = run()
    password = first.split("admin / ")[1].split()[0]
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.check_password(password)
    second = run()
    assert password not in second
    assert "already exists" in second
    assert get_user_model().objects.count() == 1


def test_two_fresh_databases_get_different_passwords(db, settings):
    settings.DEBUG = True
    first = run().split("admin / ")[1].split()[0]
    get_user_model().objects.all().delete()
    second = run().split("admin / ")[1].split()[0]
    assert first != second


def test_no_admin_account_is_created_in_production(db, settings):
    settings.DEBUG = False
    assert "production" in run()
    assert not get_user_model().objects.exists()
