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


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Membership

    agency = factory.SubFactory(AgencyFactory)
    body = m.Body.GMG
    start = datetime.date(2006, 1, 1)
    start_precision = m.Precision.YEAR


class ChairTermFactory(factory.django.DjangoModelFactory):
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
