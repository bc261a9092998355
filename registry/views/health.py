from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@require_safe
@never_cache
def healthz(request):
    """Liveness only: answers without touching the database, so a slow database does not kill the process."""
    return JsonResponse({"status": "ok"})
