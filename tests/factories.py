"""Factories for every model; tests build only the rows they need."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from registry import models as m


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("password")


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Agency

    acronym = factory.Sequence(lambda n: f"AG{n}")
    name = factory.LazyAttribute(lambda a: f"Agency {a.acronym}")
    slug = factory.LazyAttribute(lambda a: a.acronym.lower())
    kind = m.AgencyKind.FUND
    headquarters = "Geneva"


# Facts are history: published long ago, so that a test travelling back to 2010 still finds them public.
FACT_PUBLISHED_AT = datetime.datetime(2001, 1, 1, tzinfo=datetime.UTC)


def _published_fact():
    return FACT_PUBLISHED_AT


def published():
    """The workflow fields of a public record, for tests that create a fact without its factory."""
    return {"status": m.Status.PUBLISHED, "published_at": _published_fact()}


class FactFactory(factory.django.DjangoModelFactory):
    """A fact of history (membership, chair term, vacancy, role): published with one source by default,
    as every fact on the site is; `draft=True` gives an unsourced draft, `sourced=False` a bare one."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    status = m.Status.PUBLISHED
    published_at = factory.LazyFunction(_published_fact)

    class Params:
        draft = factory.Trait(status=m.Status.DRAFT, published_at=None, sourced=False)
        in_review = factory.Trait(status=m.Status.IN_REVIEW, published_at=None, sourced=False)

    @factory.post_generation
    def sourced(obj, create, extracted, **kwargs):
        if create and (extracted if extracted is not None else True):
            m.Source.objects.create(record=obj, title="Test source", note="What the test says.")


class MembershipFactory(FactFactory):
    class Meta:
        model = m.Membership

    agency = factory.SubFactory(AgencyFactory)
    body = m.Body.GMG
    start = datetime.date(2006, 1, 1)
    start_precision = m.Precision.YEAR


class ChairTermFactory(FactFactory):
    """A term held by `agency` (a new agency if not given), or by the co-chairs in `holders`."""

    class Meta:
        model = m.ChairTerm

    start = datetime.date(2006, 7, 1)
    end = datetime.date(2006, 12, 31)
    start_precision = m.Precision.MONTH
    end_precision = m.Precision.MONTH

    @classmethod
    def _create(cls, model_class, *args, agency=None, holders=None, **kwargs):
        term = super()._create(model_class, *args, **kwargs)
        term.set_holders(holders or [agency or AgencyFactory()])
        return term


class ChairVacancyFactory(FactFactory):
    class Meta:
        model = m.ChairVacancy

    start = datetime.date(2009, 1, 1)
    end = datetime.date(2009, 5, 31)
    note = "No agency would take the chair."


class ReportedTotalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.ReportedTotal

    date = datetime.date(2018, 1, 1)
    date_precision = m.Precision.YEAR
    total = 22


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Topic

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Event

    title = factory.Sequence(lambda n: f"Meeting {n}")
    slug = factory.Sequence(lambda n: f"meeting-{n}")
    kind = m.EventKind.PRINCIPALS
    start = datetime.date(2010, 5, 1)
    city = "Geneva"
    country = "Switzerland"


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Statement

    title = factory.Sequence(lambda n: f"Statement on migration {n}")
    slug = factory.Sequence(lambda n: f"statement-{n}")
    kind = m.StatementKind.JOINT
    date = datetime.date(2010, 9, 30)
    summary = "A joint statement."
    body = "<p>The group calls on states to protect migrants.</p>"
    status = m.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))

    class Params:
        draft = factory.Trait(status=m.Status.DRAFT, published_at=None)


class PublicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Publication

    title = factory.Sequence(lambda n: f"Report {n}")
    slug = factory.Sequence(lambda n: f"report-{n}")
    date = datetime.date(2010, 1, 1)
    date_precision = m.Precision.YEAR
    status = m.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))

    class Params:
        draft = factory.Trait(status=m.Status.DRAFT, published_at=None)


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Page

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.Sequence(lambda n: f"page-{n}")
    body = "<p>Content.</p>"
    status = m.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.WorkingGroup

    name = factory.Sequence(lambda n: f"Working group {n}")
    slug = factory.Sequence(lambda n: f"working-group-{n}")
    established = datetime.date(2011, 1, 1)
    established_precision = m.Precision.YEAR


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Initiative

    name = factory.Sequence(lambda n: f"Initiative {n}")
    slug = factory.Sequence(lambda n: f"initiative-{n}")


class WorkingGroupRoleFactory(FactFactory):
    class Meta:
        model = m.WorkingGroupRole

    group = factory.SubFactory(WorkingGroupFactory)
    agency = factory.SubFactory(AgencyFactory)
    role = m.Role.CO_CHAIR
