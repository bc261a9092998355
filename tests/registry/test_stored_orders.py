"""The chronological order kept in generated columns (`date_order`, `start_order`) is the one order of
`models.base.chronological()` and `dates.sort_key`, for rows written any way, bulk ones included."""

import datetime

import pytest

from registry.dates import Precision, sort_key
from registry.models import Event, Statement
from registry.models.base import chronological
from tests.factories import EventFactory, StatementFactory

D = datetime.date
DATES = [
    (D(2006, 1, 1), Precision.YEAR),
    (D(2006, 9, 1), Precision.MONTH),
    (D(2006, 5, 9), Precision.DAY),
    (D(2006, 9, 30), Precision.DAY),
    (D(2007, 1, 1), Precision.DAY),
    (D(2006, 12, 31), Precision.DAY),
    (D(2006, 12, 1), Precision.MONTH),
]


@pytest.mark.django_db
def test_statements_in_their_stored_order_are_in_chronological_order():
    for i, (value, precision) in enumerate(DATES):
        StatementFactory(title=f"Statement {i}", slug=f"statement-{i}", date=value, date_precision=precision)
    stored = list(Statement.objects.chronological(descending=True, then=("title",)).values_list("pk", flat=True))
    computed = list(
        Statement.objects.order_by(*chronological("date", descending=True), "title").values_list("pk", flat=True)
    )
    in_python = [s.pk for s in sorted(Statement.objects.all(), key=lambda s: sort_key(s.date, s.date_precision))]
    assert stored == computed == in_python[::-1]


@pytest.mark.django_db
def test_a_bulk_written_or_updated_row_gets_its_order_from_the_database():
    event = EventFactory(start=D(2010, 5, 5))
    Event.objects.filter(pk=event.pk).update(start=D(2011, 1, 1), start_precision=Precision.YEAR)
    assert Event.objects.get(pk=event.pk).start_order == 2011_13_32
