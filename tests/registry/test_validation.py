"""Model validation (what an editor sees as a form error) refuses the same conflicts on every database,
and names what it conflicts with. (Dates in 2006–2008, inside the group's life: nothing may start after it ended.)"""

import datetime

import pytest
from django.core.exceptions import ValidationError

from registry import models as m
from tests.factories import AgencyFactory, ChairTermFactory, ChairVacancyFactory, MembershipFactory

D = datetime.date


def errors_of(obj):
    with pytest.raises(ValidationError) as caught:
        obj.full_clean()
    return " ".join(caught.value.messages)


def term(acronym, start, end, precision=m.Precision.MONTH):
    """An unsaved term (its holder, `acronym`, is set once it is saved: the overlap rule is about the term)."""
    AgencyFactory(acronym=acronym, slug=acronym.lower())
    return m.ChairTerm(
        start=start,
        start_precision=precision,
        end=end,
        end_precision=precision,
    )


def test_a_chair_term_overlapping_another_names_that_term(db):
    ChairTermFactory(agency=AgencyFactory(acronym="FIRSTX"), start=D(2006, 7, 1), end=D(2006, 12, 31))
    message = errors_of(term("LATERX", D(2006, 12, 1), D(2007, 6, 30)))
    assert "overlaps FIRSTX's term July–December 2006" in message
    assert "1 Jul 2006 – 31 Dec 2006" in message


def test_a_chair_term_overlapping_a_documented_vacancy_names_the_vacancy(db):
    ChairVacancyFactory(
        start=D(2006, 1, 1), start_precision="month", end=D(2006, 5, 1), end_precision="month", note="Nobody."
    )
    message = errors_of(term("EAGERX", D(2006, 5, 1), D(2006, 6, 30)))
    assert "overlaps the documented vacancy January–May 2006" in message


def test_a_vacancy_overlapping_a_chair_term_names_the_term(db):
    ChairTermFactory(agency=AgencyFactory(acronym="HOLDERX"), start=D(2006, 7, 1), end=D(2006, 12, 31))
    vacancy = m.ChairVacancy(start=D(2006, 12, 31), end=D(2007, 3, 31), note="Nobody would chair.")
    assert "cannot overlap HOLDERX's term July–December 2006" in errors_of(vacancy)


def test_a_chair_term_starting_the_day_after_another_ends_is_valid(db):
    ChairTermFactory(start=D(2006, 7, 1), end=D(2006, 12, 31))
    term("NEXTX", D(2007, 1, 1), D(2007, 6, 30)).full_clean()


def test_an_overlapping_membership_of_the_same_body_names_the_existing_one(db):
    agency = AgencyFactory(acronym="JOINERX")
    MembershipFactory(agency=agency, start=D(2006, 1, 1), end=D(2008, 1, 1), end_precision="year")
    again = m.Membership(agency=agency, body=m.Body.GMG, start=D(2008, 6, 1))
    message = errors_of(again)
    assert "JOINERX already has a membership of the Global Migration Group for 2006–2008" in message


def test_a_membership_of_the_other_body_may_overlap(db):
    agency = AgencyFactory()
    MembershipFactory(agency=agency, start=D(2006, 1, 1))
    m.Membership(agency=agency, body=m.Body.GENEVA, start=D(2006, 1, 1)).full_clean()


@pytest.mark.parametrize(
    "obj",
    [
        lambda: m.Membership(agency=AgencyFactory(), start=D(2006, 7, 1), end=D(2006, 6, 30)),
        lambda: m.ChairTerm(start=D(2006, 7, 1), end=D(2006, 6, 30)),
        lambda: m.ChairVacancy(start=D(2006, 7, 1), end=D(2006, 6, 30), note="Nobody."),
        lambda: m.Event(title="Meeting", slug="meeting-2006", start=D(2006, 7, 1), end=D(2006, 6, 30)),
    ],
    ids=["membership", "chair term", "vacancy", "event"],
)
def test_an_end_before_the_start_is_an_error_on_the_end_field(db, obj):
    with pytest.raises(ValidationError) as caught:
        obj().full_clean()
    assert caught.value.message_dict["end"] == ["The end date is before the start date."]


def test_a_duplicate_acronym_in_another_case_is_refused_with_a_clear_message(db):
    AgencyFactory(acronym="Casex", slug="casex")
    message = errors_of(m.Agency(acronym="CASEX", name="Another", slug="casex-2"))
    assert "An agency with this acronym already exists (acronyms ignore case)." in message


def test_a_term_in_june_2012_fits_the_seeded_gap_but_not_a_day_earlier(seed):
    term("JUNEX", D(2012, 6, 1), D(2012, 6, 30), m.Precision.DAY).full_clean()
    message = errors_of(term("MAYX", D(2012, 5, 31), D(2012, 6, 30), m.Precision.DAY))
    assert "overlaps UNESCO's term January–May 2012" in message


def test_a_term_in_early_2009_collides_with_the_seeded_vacancy(seed):
    message = errors_of(term("LATEX", D(2009, 2, 1), D(2009, 5, 31), m.Precision.DAY))
    assert "documented vacancy January–May 2009" in message
