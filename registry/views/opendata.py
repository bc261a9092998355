"""The /data/ page (the downloads, their licence, how to cite them, earlier versions, changelogs) and the
downloads themselves, streamed from storage. Both read the index the build wrote; neither builds anything."""

import posixpath

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_safe

from registry.opendata import formats, store
from registry.views.base import PublicPageView, cache_for_public


class OpenDataView(PublicPageView):
    template_name = "site/data_page.html"

    def get_context_data(self, **kwargs):
        versions = store.versions()
        latest = versions[0] if versions else None
        page_url = self.request.build_absolute_uri(reverse("site:data"))
        return super().get_context_data(
            latest=latest,
            main_files=[f for f in latest["files"] if f["main"]] if latest else [],
            tables=[f for f in latest["files"] if not f["main"]] if latest else [],
            earlier=versions[1:],
            licence=formats.LICENCE,
            citation=citation(latest["version"], page_url) if latest else "",
            page_url=page_url,
            **kwargs,
        )


def citation(version, url):
    return (
        f"{formats.PUBLISHER} ({version[:4]}). {formats.TITLE} (version {version}) [Data set]. "
        f"{url}. Licensed under {formats.LICENCE['title']} ({formats.LICENCE['name']})."
    )


@require_safe
def download(request, version, name):
    """A file of a stored version, by the name its manifest lists (anything else is a 404)."""
    entry = store.find_file(version, name)
    if entry is None:
        raise Http404("No such download.")
    try:
        handle = default_storage.open(store.file_path(version, name), "rb")
    except FileNotFoundError:
        raise Http404("No such download.") from None
    response = FileResponse(
        handle, as_attachment=True, filename=f"{version}-{posixpath.basename(name)}", content_type=entry["media_type"]
    )
    response["Content-Length"] = entry["size"]
    return cache_for_public(request, response)


@require_safe
def latest(request, name):
    """A stable address for the newest version of a file: redirects to the dated one."""
    versions = store.versions()
    if not versions or store.find_file(versions[0]["version"], name) is None:
        raise Http404("No such download.")
    return redirect("site:data-file", version=versions[0]["version"], name=name)
