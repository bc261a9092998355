import datetime

from registry.models import ChairTerm

D = datetime.date


def test_the_bulk_lookup_agrees_with_the_query_on_every_kind_of_day(seed, django_assert_num_queries):
    with django_assert_num_queries(1):  # the terms with their holders, a row per holder
        chairs = ChairTerm.objects.lookup()
    days = [D(2006, 6, 30), D(2006, 7, 1), D(2006, 12, 31), D(2009, 3, 1), D(2009, 6, 1), D(2012, 6, 15),
            D(2014, 12, 31), D(2015, 7, 1), D(2017, 12, 31), D(2018, 6, 1)]  # fmt: skip
    with django_assert_num_queries(0):
        found = [chairs.on(day) for day in days]
    expected = [ChairTerm.objects.on(day).first() for day in days]
    assert [term and term.pk for term in found] == [term and term.pk for term in expected]
    assert [term.holders_display if term else None for term in found] == [
        None, "UNHCR", "UNHCR", None, "UNITAR", None, "ILO", None, "UNU", "FAO and IOM",
    ]  # fmt: skip
