"""The API's rate limits count each real client once: X-Forwarded-For is believed only as far as
NUM_PROXIES proxies of ours put it there."""

import pytest
from rest_framework.test import APIClient


@pytest.fixture
def two_a_minute(settings, db):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_CLASSES": ["registry.api.throttling.AnonThrottle", "registry.api.throttling.UserThrottle"],
        "DEFAULT_THROTTLE_RATES": {"anon": "2/min", "user": "3/min"},
    }


def get(forwarded_for=None, address="192.0.2.1"):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for else {}
    return APIClient().get("/api/v1/topics/", REMOTE_ADDR=address, **headers).status_code


def test_without_proxies_a_fresh_forwarded_for_header_buys_nothing(two_a_minute, settings):
    settings.NUM_PROXIES = 0
    statuses = [get(forwarded_for=f"10.0.0.{n}") for n in range(30)]
    assert statuses[:2] == [200, 200]
    assert set(statuses[2:]) == {429}


def test_without_proxies_each_connecting_address_has_its_own_limit(two_a_minute, settings):
    settings.NUM_PROXIES = 0
    assert [get(address="192.0.2.1") for _ in range(3)] == [200, 200, 429]
    assert get(address="192.0.2.2") == 200


def test_behind_one_proxy_the_address_it_saw_is_the_client(two_a_minute, settings):
    settings.NUM_PROXIES = 1
    # The proxy (192.0.2.1) appends the address it received from; the client is that last entry.
    assert [get(forwarded_for="198.51.100.7") for _ in range(3)] == [200, 200, 429]
    assert get(forwarded_for="198.51.100.8") == 200


def test_behind_one_proxy_addresses_the_client_wrote_itself_are_ignored(two_a_minute, settings):
    settings.NUM_PROXIES = 1
    spoofed = [get(forwarded_for=f"10.0.0.{n}, 198.51.100.7") for n in range(3)]
    assert spoofed == [200, 200, 429]


def test_behind_two_proxies_the_second_entry_from_the_right_is_the_client(two_a_minute, settings):
    settings.NUM_PROXIES = 2
    requests = [get(forwarded_for=f"10.0.0.{n}, 198.51.100.7, 172.16.0.{n}") for n in range(3)]
    assert requests == [200, 200, 429]
