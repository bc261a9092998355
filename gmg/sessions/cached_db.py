"""Django's cached database sessions, reading only keys it could have made (see gmg.sessions)."""

from django.contrib.sessions.backends import cached_db

from gmg.sessions import OurKeysOnly


class SessionStore(OurKeysOnly, cached_db.SessionStore):
    pass
