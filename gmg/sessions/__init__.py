"""Session stores that treat a cookie which cannot be one of our session keys as no session at all.

Django makes session keys of 32 characters from [a-z0-9] and accepts any key of 8 characters or more
when it reads a cookie; the key then goes into a query. PostgreSQL refuses text holding a NUL byte,
so a forged `sessionid` cookie with one answered 500 (found by schemathesis on PostgreSQL). A key
that is not made of our alphabet is dropped before any query, like a missing cookie.
"""

import re

KEY = re.compile(r"[a-z0-9]{8,40}")


class OurKeysOnly:
    def _validate_session_key(self, key):
        return isinstance(key, str) and KEY.fullmatch(key) is not None and super()._validate_session_key(key)
