"""Many addresses of one kind with one `reverse()`: the site's and the API's lists link every record.

Reversing an address costs 30–100 µs, more than the rest of a listed record; addresses of one view
differ only by the one value in them (a slug, an id, a language code). `Address` reverses the view once
with a stand-in value and completes the two halves with each record's value. A value that `reverse()`
would have to quote takes `reverse()` itself, so the address is always the one it would give.
"""

from django.urls import reverse

# A stand-in value every converter of ours accepts (slug, str and int), which no real address holds.
MARK = "9876543210123456789"
SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")


class Address:
    """`Address(marked)`: `marked` is an address reversed with MARK as its value (absolute or not); calling
    the instance with a value gives that address with the value in its place (`fallback(value)` for a
    value that would need quoting)."""

    def __init__(self, marked, fallback):
        self.before, _, self.after = marked.partition(MARK)
        self.fallback = fallback

    @classmethod
    def of(cls, viewname, kwarg="slug"):
        """`reverse(viewname, kwargs={kwarg: value})` for each value."""
        return cls(reverse(viewname, kwargs={kwarg: MARK}), lambda value: reverse(viewname, kwargs={kwarg: value}))

    def __call__(self, value):
        value = str(value)
        if value and SAFE.issuperset(value):
            return f"{self.before}{value}{self.after}"
        return self.fallback(value)
