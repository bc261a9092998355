from django.conf import settings

from registry.models import Page


def site(request):
    # A lazy queryset: the menu costs one query only on pages that draw it.
    menu_pages = Page.objects.published().filter(show_in_menu=True).only("title", "slug")
    return {"SITE_URL": settings.SITE_URL, "menu_pages": menu_pages}
