"""ETags from the record version (`updated_at`), and the If-Match / If-None-Match checks.

The tag is the one the admin's lost-update protection uses as the record's version: a hash of
the model label, the primary key and `updated_at` in ISO format, quoted (a strong validator).
"""

import hashlib


def etag_for(obj):
    version = f"{obj._meta.label}:{obj.pk}:{obj.updated_at.isoformat()}"
    return '"' + hashlib.sha256(version.encode()).hexdigest()[:32] + '"'


def _tags(header):
    """The entity tags in a header value; a bare value is read as if it had been quoted."""
    tags = []
    for piece in header.split(","):
        piece = piece.strip()
        if piece and piece != "*" and not piece.startswith(('"', 'W/"')):
            piece = f'"{piece}"'
        if piece:
            tags.append(piece)
    return tags


def matches_if_match(header, etag):
    """If-Match uses the strong comparison: a weak tag never matches."""
    return any(tag in ("*", etag) for tag in _tags(header))


def matches_if_none_match(header, etag):
    """If-None-Match uses the weak comparison."""
    return any(tag == "*" or tag.removeprefix("W/") == etag for tag in _tags(header))
