"""The admin's home: each editor's workspace, and the index grouped by the secretariat's tasks.

Django's stock index lists every model A–Z under its app. Editors think in tasks: keeping the
registry's facts, the content, the activities, reviewing, and who may do what. Rows that only
exist inside a parent record (participations, working-group roles, sources, profiles) are edited
from that parent and stay off the index.
"""

from django.contrib import admin

# Django builds the admin site while the admin modules are still being imported, so this module
# must not import the registry's models (or the admin package) when it loads.

SECTIONS = [
    ("The registry", "registry-facts", ["registry.agency", "registry.membership", "registry.chairterm",
                                        "registry.chairvacancy", "registry.reportedtotal"]),
    ("Content", "content", ["registry.statement", "registry.publication", "registry.page", "registry.topic",
                            "registry.initiative"]),
    ("Activities", "activities", ["registry.workinggroup", "registry.event"]),
    ("Review and history", "review", ["registry.pendingchange", "reversion.revision"]),
    ("People and access", "people", ["auth.user", "auth.group", "registry.apitoken", "otp_totp.totpdevice",
                                     "axes.accessattempt", "axes.accessfailurelog", "axes.accesslog"]),
]  # fmt: skip
# What the secretariat calls them.
NAMES = {
    "auth.group": "Roles",
    "reversion.revision": "Recent changes (audit)",
    "registry.apitoken": "API tokens",
    "otp_totp.totpdevice": "Two-factor devices",
    "axes.accessattempt": "Sign-in lockouts",
    "axes.accessfailurelog": "Failed sign-ins",
    "axes.accesslog": "Sign-in log",
}
# Reached from their parent record's page, not from the index.
INTERNAL = {"registry.participation", "registry.workinggrouprole", "registry.activity", "registry.source",
            "registry.profile"}  # fmt: skip


class RegistryAdminSite(admin.AdminSite):
    site_header = "GMG Registry administration"
    site_title = "GMG Registry admin"
    index_title = "Your workspace"
    site_url = "/"
    index_template = "admin/registry/index.html"

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        if app_label is not None:
            return apps
        models = {f"{app['app_label']}.{m['object_name'].lower()}": (app, m) for app in apps for m in app["models"]}
        grouped, placed = [], set(INTERNAL)
        for title, slug, keys in SECTIONS:
            rows = [{**models[key][1], "name": NAMES.get(key, models[key][1]["name"])} for key in keys if key in models]
            placed.update(keys)
            if rows:
                grouped.append({**_section(title, slug, rows), "models": rows})
        others = [row for key, (_app, row) in models.items() if key not in placed]
        if others:  # a model registered later still shows somewhere until it is given a section
            grouped.append({**_section("Other", "other", others), "models": others})
        return grouped

    def index(self, request, extra_context=None):
        from registry.workspace import panels_for

        context = {"workspace": panels_for(request.user), **(extra_context or {})}
        return super().index(request, context)


def _section(title, slug, rows):
    # A section is no Django app: its heading leads to its first list.
    return {"name": title, "app_label": slug, "app_url": rows[0].get("admin_url") or "", "has_module_perms": True}
