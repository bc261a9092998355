from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from registry.models import ApiToken


class Command(BaseCommand):
    help = "Create an API token for a user and print it once (only its SHA-256 is stored)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="What the token is for.")
        parser.add_argument("--days", type=int, default=settings.API_TOKEN_DAYS, help="Days until it expires.")

    def handle(self, *args, username, name, days, **options):
        if not 1 <= days <= 365:
            raise CommandError("--days must be between 1 and 365.")
        try:
            user = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user {username!r}.") from None
        token, key = ApiToken.objects.create_for(user, name=name, days=days)
        self.stdout.write(key)
        self.stderr.write(f"Valid until {token.expires_at:%Y-%m-%d %H:%M} UTC. It is not shown again.")
