"""registry.addresses: one reverse() for many addresses, always the address reverse() itself gives."""

from django.urls import reverse

from registry.addresses import Address


def test_each_value_gives_the_address_reverse_gives():
    address = Address.of("site:statement")
    for slug in ["migrants-day-2013", "a_b", "2010", "Mixed-Case"]:
        assert address(slug) == reverse("site:statement", kwargs={"slug": slug}), slug


def test_another_keyword_and_an_absolute_marked_address():
    assert Address.of("set-language", "code")("zh-hans") == reverse("set-language", args=["zh-hans"])
    absolute = Address("https://example.org" + Address.of("site:agency").before + "9876543210123456789/", str)
    assert absolute("unhcr") == "https://example.org" + reverse("site:agency", kwargs={"slug": "unhcr"})
