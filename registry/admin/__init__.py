"""The editors' workplace. One module per area; every rule comes from registry.permissions."""

from django.contrib import admin

from registry.admin import agencies, audit, content, events, groups, people  # noqa: F401 - registers the admins

admin.site.site_header = "GMG Registry administration"
admin.site.site_title = "GMG Registry admin"
admin.site.index_title = "Registry records"
admin.site.site_url = "/"
