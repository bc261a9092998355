"""The PostgreSQL cursor the registry connects with when prepared statements are on (settings.DATABASES)."""

import re

from django.db.backends.postgresql.base import ServerBindingCursor

# A query whose rows depend on the text searched for: a LIKE pattern or a text-search match.
_SEARCH = re.compile(r" (?:LIKE|@@) ")


class Cursor(ServerBindingCursor):
    """Server-side binding, and a repeated query is prepared (psycopg's `prepare_threshold`) — except a search.

    A prepared statement is planned once for every value (a generic plan) when PostgreSQL guesses that plan
    is no worse than planning each time. How many rows a LIKE pattern or a text query matches depends on
    the words; the guess does not know them, and it was wrong for the search: the statements' candidates
    took 110 ms instead of 10 ("migration", scale 100), walking the trigram index where the newest-first
    index finds 501 matches in a few hundred rows. Such a query is planned with its values every time
    (0.2-0.8 ms), as it is with prepared statements off.
    """

    def execute(self, query, params=None, *, prepare=None, binary=None):
        if prepare is None and isinstance(query, str) and _SEARCH.search(query):
            prepare = False
        return super().execute(query, params, prepare=prepare, binary=binary)
