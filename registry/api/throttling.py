"""Rate limits that read their settings on every request, so tests and deployments can change them.

DRF's own throttles copy the rates when the module is imported; these look them up each time.
Configured by REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"] / ["DEFAULT_THROTTLE_RATES"] in settings
(environment: API_THROTTLE=0 turns throttling off, API_THROTTLE_ANON / API_THROTTLE_USER set rates).
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class _LiveRates:
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonThrottle(_LiveRates, AnonRateThrottle):
    pass


class UserThrottle(_LiveRates, UserRateThrottle):
    pass
