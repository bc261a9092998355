"""The API's door: model permissions for the request method, then registry.permissions per record.

The rules themselves live in registry.permissions, shared with the admin; this only asks them.
"""

from rest_framework.permissions import SAFE_METHODS, DjangoModelPermissionsOrAnonReadOnly

from registry.permissions import can_change, can_delete


class RegistryPermission(DjangoModelPermissionsOrAnonReadOnly):
    message = "Your role does not allow this change to this record (a focal point edits only their own agency)."

    def has_object_permission(self, request, view, obj):
        if request.method in SAFE_METHODS:
            return True
        if request.method == "DELETE":
            return can_delete(request.user, obj)
        return can_change(request.user, obj)
