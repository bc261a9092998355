"""Helpers for driving the admin as the editors do: open a page, keep its form, change a field, save."""

import datetime

import factory
import pytest
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from registry import models as m
from tests import factories as f


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Activity

    group = factory.SubFactory(f.WorkingGroupFactory)
    title = factory.Sequence(lambda n: f"Activity {n}")


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Participation

    event = factory.SubFactory(f.EventFactory)
    agency = factory.SubFactory(f.AgencyFactory)


def make_source(record=None):
    record = record or f.TopicFactory()
    return m.Source.objects.create(
        content_type=ContentType.objects.get_for_model(record), object_id=record.pk, title="GMG article"
    )


def make_profile(user=None):
    return m.Profile.objects.create(user=user or f.UserFactory(), agency=f.AgencyFactory())


# One way to make a record of every model the admin shows, for tests that visit them all.
MAKERS = {
    m.Agency: lambda: f.AgencyFactory(),
    m.Membership: lambda: f.MembershipFactory(),
    m.ChairTerm: lambda: f.ChairTermFactory(),
    m.ChairVacancy: lambda: f.ChairVacancyFactory(),
    m.Statement: lambda: f.StatementFactory(),
    m.Publication: lambda: f.PublicationFactory(),
    m.Page: lambda: f.PageFactory(),
    m.Topic: lambda: f.TopicFactory(),
    m.Initiative: lambda: f.InitiativeFactory(),
    m.WorkingGroup: lambda: f.WorkingGroupFactory(),
    m.WorkingGroupRole: lambda: f.WorkingGroupRoleFactory(),
    m.Activity: lambda: ActivityFactory(),
    m.Event: lambda: f.EventFactory(),
    m.Participation: lambda: ParticipationFactory(),
    m.Source: make_source,
    m.Profile: make_profile,
}


def admin_url(model_or_obj, view, *args):
    opts = model_or_obj._meta
    if not isinstance(model_or_obj, type) and view in ("change", "delete", "history"):
        args = (model_or_obj.pk, *args)
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def form_data(response):
    """The POST an editor's browser would send for the change form in `response`, unchanged."""
    context = response.context
    data = {}
    _add_form(data, context["adminform"].form)
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        _add_form(data, formset.management_form)
        for form in formset.forms:
            _add_form(data, form)
    token = getattr(context["adminform"].form, "version_token", None)
    if token:
        data["_version_token"] = token
    return data


def _add_form(data, form):
    for name, field in form.fields.items():
        bound = form[name]
        value = bound.value()
        if isinstance(field, forms.FileField):
            continue
        if isinstance(field, forms.BooleanField):
            if value:
                data[bound.html_name] = "on"
            continue
        if isinstance(field, forms.SplitDateTimeField):
            date, time = field.widget.decompress(value) if value else (None, None)
            data[f"{bound.html_name}_0"] = date.isoformat() if date else ""
            data[f"{bound.html_name}_1"] = time.strftime("%H:%M:%S") if time else ""
            continue
        if isinstance(field, forms.ModelMultipleChoiceField) or isinstance(value, list | tuple):
            data[bound.html_name] = [str(getattr(v, "pk", v)) for v in value or []]
            continue
        if value is None:
            value = ""
        if isinstance(value, datetime.date):
            value = value.isoformat()
        data[bound.html_name] = str(getattr(value, "pk", value))


def change_form(client, obj):
    """Open `obj`'s change page and return (response, the data its form would post)."""
    response = client.get(admin_url(obj, "change"))
    assert response.status_code == 200, response.status_code
    return response, form_data(response)


def form_errors(response):
    errors = []
    if response.context and "adminform" in response.context:
        form = response.context["adminform"].form
        errors += [str(e) for e in form.non_field_errors()]
        errors += [f"{k}: {v}" for k, v in form.errors.items() if k != "__all__"]
        for inline in response.context["inline_admin_formsets"]:
            errors += [str(e) for e in inline.formset.non_form_errors()]
            errors += [str(e) for e in inline.formset.errors if e]
    return errors


@pytest.fixture
def login(client):
    """Log `client` in as a user and hand it back: `login(bob).get(...)`."""
    from django.test import Client

    def as_user(user):
        c = Client()
        c.force_login(user)
        return c

    return as_user
