from django.conf import settings
from django.utils.functional import SimpleLazyObject

from registry.models import Page
from registry.shapes import compiled


def _menu_pages():
    """The content pages in the menu, their SQL made once (`compiled`): every page draws the menu."""
    return compiled(Page, "menu", lambda: Page.objects.published().filter(show_in_menu=True).only("title", "slug"), [])


def site(request):
    # Lazy: the menu costs one query only on pages that draw it.
    return {"SITE_URL": settings.SITE_URL, "menu_pages": SimpleLazyObject(_menu_pages)}
