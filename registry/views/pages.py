from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from registry.models import Agency, ChairTerm, Page, Statement


def home(request):
    today = timezone.localdate()
    context = {
        "chair": ChairTerm.objects.current(today),
        "statements": Statement.objects.published().order_by("-date")[:5],
        "member_count": Agency.objects.members_on(today).count(),
    }
    return render(request, "site/home.html", context)


def page(request, slug):
    return render(request, "site/page_detail.html", {"page": get_object_or_404(Page.objects.published(), slug=slug)})


def placeholder(request, slug=None):
    from django.http import Http404

    raise Http404("This section is not built yet.")
