"""What every public page shares: only published records, cache headers, and the staff preview of drafts."""

from django.conf import settings
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.views.generic import DetailView, ListView, TemplateView


def cache_for_public(request, response, *, preview=False):
    """Anonymous visitors get a cacheable page; signed-in users and draft previews never do.

    A page rendered for a signed-in user may hold what the public must not see, so a shared cache
    must never keep it.
    """
    patch_vary_headers(response, ["Cookie"])
    if preview or request.user.is_authenticated:
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
    else:
        patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_SECONDS)
    return response


class PublicMixin:
    """Mixed into every public view: the model's `published()` is the only door, and caching follows the viewer.

    Lists, search, feeds and the sitemap show the public's view to everyone (what an editor sees
    there is what the public sees); one record's page shows what `visible_to(user)` allows, with a
    preview banner when it is not public.
    """

    model = None
    is_preview = False

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        return cache_for_public(request, response, preview=self.is_preview)

    def published(self):
        return self.model.objects.published()

    def get_queryset(self):
        return self.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_preview"] = self.is_preview
        context["pending_change"] = getattr(self, "pending_change", None)
        return context


class PublicPageView(PublicMixin, TemplateView):
    """A page that is not one record: home, the chair timeline, search."""


class PublicDetailView(PublicMixin, DetailView):
    """One record by slug. Whoever may read an unpublished record previews it (with a banner); others get 404."""

    def get_queryset(self):
        return self.model.objects.visible_to(self.request.user)

    pending_change = None

    def get_object(self, queryset=None):
        obj = self.find_object(queryset)
        self.is_preview = not getattr(obj, "is_public", True)
        return self.with_pending_change(obj)

    def find_object(self, queryset=None):
        """The record of the address (DetailView's lookup, in `get_queryset()`), before the preview's checks."""
        return super().get_object(queryset)

    def with_pending_change(self, obj):
        """Staff (and the proposer) preview a live record's pending change; everyone else sees the live record."""
        from registry.models import PendingChange
        from registry.pending import proposed

        user = self.request.user
        if not user.is_authenticated:
            return obj
        change = PendingChange.objects.visible_to(user).for_record(obj).open().select_related("proposed_by").first()
        if change is None:
            return obj
        self.pending_change = change
        previewed, m2m = proposed(change, obj)
        # The page's many-to-many rows (signatories, topics…) are the proposal's, not the live record's.
        previewed._prefetched_objects_cache = {**getattr(obj, "_prefetched_objects_cache", {})}
        for name, ids in m2m.items():
            related = obj._meta.get_field(name).related_model
            previewed._prefetched_objects_cache[name] = related.objects.filter(pk__in=ids)
        return previewed


class PublicListView(PublicMixin, ListView):
    """A list filtered by its resource's FilterSet (registry.filters, the same one the API uses), read
    from the query string so that every view of it can be bookmarked.

    Invalid filters do not raise: the page says what was wrong and answers 400.
    """

    filterset_class = None
    paginate_by = 25

    def get(self, request, *args, **kwargs):
        self.filterset = None
        if self.filterset_class:
            self.filterset = self.filterset_class(request.GET, queryset=self.published(), request=request)
            for name, field in self.filterset.form.fields.items():
                field.help_text = self.filterset.site_help.get(name, "")
        response = super().get(request, *args, **kwargs)
        if self.filterset is not None and not self.filterset.is_valid():
            response.status_code = 400
        return response

    def get_queryset(self):
        if self.filterset is None:
            return self.published()
        if not self.filterset.is_valid():
            return self.published().none()
        return self.filterset.qs

    def paginate_queryset(self, queryset, page_size):
        # A page number past the end or not a number shows the nearest real page rather than an error.
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = self.filterset.form if self.filterset else None
        context["filtered"] = bool(self.filterset and self.filterset.active_filters())
        return context
