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


@pytest.mark.django_db
@pytest.mark.parametrize(
    "first, last",
    [
        (D(2006, 1, 1), D(2006, 12, 31)),
        (D(2006, 9, 1), D(2006, 9, 30)),
        (D(2006, 9, 2), D(2006, 12, 30)),
        (D(2006, 5, 9), D(2006, 5, 9)),
        (D(2005, 7, 1), D(2006, 6, 30)),
        (D(2006, 12, 31), D(2007, 1, 1)),
    ],
)
def test_a_date_range_read_through_the_stored_order_finds_what_the_dates_alone_find(first, last):
    # models.base.in_date_range bounds the stored order as well, for the index: never a record less or more.
    from registry.models.base import in_date_range

    for i, (value, precision) in enumerate(DATES):
        StatementFactory(title=f"Statement {i}", slug=f"statement-{i}", date=value, date_precision=precision)
    by_dates = set(Statement.objects.filter(date__gte=first, date__lte=last).values_list("pk", flat=True))
    assert set(Statement.objects.filter(in_date_range("date", first, last)).values_list("pk", flat=True)) == by_dates
