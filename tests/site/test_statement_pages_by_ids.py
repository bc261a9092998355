"""Past the first page, the statement list reads a page's ids, then those rows (ByIdsPaginator): the same
statements in the same order as a page sliced from the list, drafts and scheduled ones still left out."""

import datetime

import pytest
from django.utils import timezone

from registry.models import Precision, Statement
from tests.factories import StatementFactory


@pytest.fixture
def statements(db):
    later = timezone.now() + datetime.timedelta(days=1)
    for i in range(47):
        # Repeated dates and titles, years and months: ties and precisions as the list orders them.
        date = datetime.date(2000 + i % 7, 1 + i % 12, 1 + i % 5)
        precision = [Precision.DAY, Precision.MONTH, Precision.YEAR][i % 3]
        StatementFactory(title=f"Statement {i % 4}", date=date, date_precision=precision)
    StatementFactory(draft=True, date=datetime.date(2003, 1, 1))
    StatementFactory(published_at=later, date=datetime.date(2004, 1, 1))


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_every_page_holds_the_statements_of_the_list_in_its_order(client, statements, sort):
    descending = sort == "newest"
    expected = list(
        Statement.objects.published()
        .chronological(descending=descending, then=("title",))
        .values_list("slug", flat=True)
    )
    assert len(expected) == 47
    seen = []
    for page in (1, 2, 3):
        response = client.get("/statements/", {"sort": sort, "page": page})
        assert response.status_code == 200
        assert type(response.context["paginator"]).__name__ == "ByIdsPaginator"
        seen += [statement.slug for statement in response.context["page_obj"].object_list]
    assert sorted(seen) == sorted(expected)
    # Statements with the same date and title may come in either order, in one query as in the other.
    key = {statement.slug: (statement.date_order, statement.title) for statement in Statement.objects.all()}
    assert [key[slug] for slug in seen] == [key[slug] for slug in expected]
