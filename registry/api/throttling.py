"""Rate limits that read their settings on every request, so tests and deployments can change them.

DRF's own throttles copy the rates when the module is imported; these look them up each time.
Configured by REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"] / ["DEFAULT_THROTTLE_RATES"] in settings
(environment: API_THROTTLE=0 turns throttling off, API_THROTTLE_ANON / API_THROTTLE_USER set rates).
Clients are told apart by gmg.security.client_ip: X-Forwarded-For counts only behind NUM_PROXIES
proxies of ours, so a client cannot buy a fresh limit by sending a new header.
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle, UserRateThrottle

from gmg.security import client_ip


class _LiveRates:
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_ident(self, request):
        return client_ip(request)


class AnonThrottle(_LiveRates, AnonRateThrottle):
    pass


class UserThrottle(_LiveRates, UserRateThrottle):
    pass


class AuthFailureThrottle(_LiveRates, SimpleRateThrottle):
    """Counts only failed authentications (bad, expired or revoked tokens), per client address.

    Always on, even when API_THROTTLE=0 turns the request-rate limits off: it never slows a
    client that authenticates correctly.
    """

    scope = "auth_failure"

    def __init__(self):
        self.rate = self.get_rate() or "10/min"
        self.num_requests, self.duration = self.parse_rate(self.rate)

    def get_cache_key(self, request, view=None):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def _history(self, request):
        self.key = self.get_cache_key(request)
        self.now = self.timer()
        self.history = [t for t in self.cache.get(self.key, []) if t > self.now - self.duration]
        return self.history

    def is_spent(self, request):
        return len(self._history(request)) >= self.num_requests

    def record_failure(self, request):
        self._history(request).insert(0, self.now)
        self.cache.set(self.key, self.history, self.duration)
