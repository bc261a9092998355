"""`{{ record|when }}`: the one way a template prints a date or a period.

Each end at its precision in a `<time datetime>` (reduced ISO 8601: `2006`, `2006-09`,
`2006-05-09`), ranges within a month or a year shortened ("17–18 May 2011"), and an empty end said
for what it is ("until the group ended (2018)", never "present"). See registry/dates.py.
"""

from django import template

from registry.dates import Span

register = template.Library()


@register.filter
def when(record):
    """A record with a `.span` (statement, event, membership, term, working group…) or a Span."""
    if record in (None, ""):
        return ""
    span = record if isinstance(record, Span) else record.span
    return span.html()
