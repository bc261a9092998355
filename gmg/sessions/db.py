"""Django's database sessions, reading only keys it could have made (see gmg.sessions)."""

from django.contrib.sessions.backends import db

from gmg.sessions import OurKeysOnly


class SessionStore(OurKeysOnly, db.SessionStore):
    pass
