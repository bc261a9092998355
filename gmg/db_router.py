"""Public reads to a PostgreSQL read replica, when one is configured (DATABASE_REPLICA_URL).

Only reads that ReplicaReadsMiddleware marked as public (an anonymous GET or HEAD) go to the
"replica" alias; writes, reads inside a transaction (a read that a write depends on, such as a
version check, must see the primary), reads for signed-in users, management commands and tests
all use "default". Without a replica this router is not installed at all.
"""

import contextlib
import contextvars

from django.db import connections

REPLICA = "replica"
_public_request = contextvars.ContextVar("gmg_public_request", default=False)


@contextlib.contextmanager
def replica_reads(allowed):
    token = _public_request.set(allowed)
    try:
        yield
    finally:
        _public_request.reset(token)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        if _public_request.get() and not connections["default"].in_atomic_block:
            return REPLICA
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same data.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
