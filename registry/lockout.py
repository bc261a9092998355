"""The login lockout: django-axes' database handler with a separate, higher limit per address.

Axes counts failures for each lockout parameter (here: the username at an address, and the
address alone) and compares the largest against one limit. One address tries many usernames
legitimately more often (an office behind one NAT) than one username fails from one address, so
the address count is scaled: it reaches AXES_FAILURE_LIMIT only at LOGIN_ADDRESS_FAILURE_LIMIT.
A successful sign-in forgets only that username's failures at that address: axes would also
forget every failure from the address, letting someone with an account of their own reset the
count against someone else's after every few guesses.
The attempts live in the database (axes.AccessAttempt), shared by every app server.
"""

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum


class LockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        totals = [
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        ]
        if len(totals) != 2:  # a parameter was missing (no username given): plain axes behaviour
            return max(totals, default=0)
        per_pair, per_address = totals  # in the order of AXES_LOCKOUT_PARAMETERS
        scaled = per_address * settings.AXES_FAILURE_LIMIT // settings.LOGIN_ADDRESS_FAILURE_LIMIT
        return max(per_pair, scaled)

    def reset_user_attempts(self, request, credentials=None) -> int:
        pair, *_others = self.filter_user_attempts(request, credentials)  # AXES_LOCKOUT_PARAMETERS[0]
        count, _ = pair.delete()
        return count
