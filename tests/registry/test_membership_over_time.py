"""Who was a member when, from the seeded history (FACTS.md, "Membership over time")."""

import datetime

import pytest

from registry.models import Agency, Body, Membership

D = datetime.date
GENEVA_SIX = {"ilo", "iom", "ohchr", "unctad", "unhcr", "unodc"}
FIRST_TEN = GENEVA_SIX | {"undp", "undesa", "unfpa", "world-bank"}


def members(on, body=Body.GMG):
    return set(Agency.objects.members_on(on, body).values_list("slug", flat=True))


@pytest.mark.parametrize(
    ("on", "count"),
    [
        (D(2006, 1, 1), 10),
        (D(2006, 6, 30), 10),
        (D(2008, 6, 30), 14),
        (D(2010, 6, 30), 16),
        (D(2013, 12, 31), 16),
        (D(2014, 1, 1), 17),  # FAO joined in 2014 (a year: counted from 1 January)
        (D(2014, 6, 7), 17),
        (D(2014, 6, 8), 18),  # UNU, 8 June 2014
        (D(2015, 4, 30), 18),  # "17 entities of the UN system and IOM" (UNU, 30 April 2015)
        (D(2015, 6, 30), 18),
        (D(2018, 12, 31), 18),  # 22 were reported for 2018; WFP is listed but counted on no date
    ],
)
def test_the_group_has_as_many_members_as_the_sources_count_on_each_date(seed, on, count):
    assert Agency.objects.members_on(on).count() == count


def test_the_ten_founding_members_are_the_geneva_six_with_undp_undesa_the_world_bank_and_unfpa(seed):
    assert members(D(2006, 6, 30)) == FIRST_TEN


def test_unesco_unicef_the_regional_commissions_and_unitar_joined_in_2007(seed):
    joined = members(D(2007, 1, 1)) - members(D(2006, 12, 31))
    assert joined == {"unesco", "unicef", "un-regional-commissions", "unitar"}


def test_who_and_un_women_joined_in_2009_with_the_handbook_disagreement_noted(seed):
    assert members(D(2009, 1, 1)) - members(D(2008, 12, 31)) == {"who", "un-women"}
    note = Membership.objects.get(agency__slug="un-women", body=Body.GMG).note
    assert "UNIFEM" in note
    assert "September 2010" in note
    sources = Membership.objects.get(agency__slug="who", body=Body.GMG).sources.values_list("note", flat=True)
    assert any("September 2010" in note for note in sources)


def test_unu_joined_on_8_june_2014_to_the_day(seed):
    membership = Membership.objects.get(agency__slug="unu")
    assert (membership.start, membership.start_precision) == (D(2014, 6, 8), "day")


def test_the_geneva_migration_group_had_six_members_in_2003(seed):
    assert members(D(2003, 1, 1), Body.GENEVA) == GENEVA_SIX
    assert members(D(2003, 12, 31), Body.GENEVA) == GENEVA_SIX
    assert members(D(2002, 12, 31), Body.GENEVA) == set()


def test_nobody_is_a_member_of_either_body_after_2018(seed):
    assert members(D(2019, 1, 1)) == set()
    assert members(D(2019, 1, 1), Body.GENEVA) == set()
    # The one membership without an end is WFP's, which has no recorded date at all.
    open_ended = Membership.objects.filter(end__isnull=True)
    assert list(open_ended.values_list("agency__slug", "start", "attested_on")) == [("wfp", None, None)]


def test_every_dated_gmg_membership_ends_with_the_group_in_2018(seed):
    dated = Membership.objects.filter(body=Body.GMG).exclude(agency__slug="wfp")
    ends = set(dated.values_list("end", "end_precision"))
    assert ends == {(D(2018, 12, 31), "year")}


def test_fao_joined_in_2014(seed):
    assert members(D(2014, 1, 1)) - members(D(2013, 12, 31)) == {"fao"}
    membership = Membership.objects.get(agency__slug="fao")
    assert (membership.start, membership.start_precision) == (D(2014, 1, 1), "year")
    assert membership.sources.filter(url__contains="fao.org/rural-employment").exists()


def test_the_18_members_named_on_30_april_2015_are_the_16_of_2013_with_unu_and_fao(seed):
    as_of_2013 = members(D(2013, 12, 31))
    assert len(as_of_2013) == 16
    assert members(D(2015, 4, 30)) == as_of_2013 | {"unu", "fao"}
