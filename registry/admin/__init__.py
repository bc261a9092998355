"""The editors' workplace. One module per area; every rule comes from registry.permissions."""

from django.contrib import admin

from registry.revisions import register_all

# The admin is loaded (by autodiscover) before the registry app is ready; register the revision
# rules first, or reversion's VersionAdmin registers each model on its own, following its inlines.
register_all()

from registry.admin import (  # noqa: E402, F401 - registers the admins
    agencies,
    audit,
    content,
    events,
    groups,
    pending,
    people,
)
from registry.admin.translations import wrap_registered_admins  # noqa: E402

# Last, once every admin is registered: give the translated models their language fields and filters.
wrap_registered_admins(admin.site)
