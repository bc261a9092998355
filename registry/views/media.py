"""Uploaded files served by Django (local development, or SERVE_MEDIA=1 without a web server in front).

Uploads are only PDFs and raster images (registry.uploads), and each is sent with its own type,
`X-Content-Type-Options: nosniff` (SecurityMiddleware) and a Content-Disposition, so a browser never
renders one as a page of this site: PDFs and images open inline, anything else is a download.
"""

import posixpath

from django.conf import settings
from django.views.static import serve

INLINE_TYPES = ("application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp")


def serve_media(request, path):
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    filename = posixpath.basename(path).replace('"', "")
    disposition = "inline" if response.get("Content-Type", "").split(";")[0] in INLINE_TYPES else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
