"""registry.translation: a translated model's queryset class is made once, not on every `Model.objects…`."""

from modeltranslation.manager import MultilingualQuerySet

from registry.models import Agency, Event, WorkingGroup
from registry.models.agencies import AgencyQuerySet


def test_a_translated_models_queryset_is_the_same_multilingual_class_every_time():
    for model in (Agency, Event, WorkingGroup):
        first, second = model.objects.all(), model.objects.filter(pk=1)
        assert type(first) is type(second), model
        assert isinstance(first, MultilingualQuerySet)


def test_the_class_keeps_the_models_own_queryset_methods_and_translated_lookups(db):
    records = Agency.objects.published()
    assert isinstance(records, AgencyQuerySet)
    assert "name_en" in str(Agency.objects.filter(name="UNHCR").query)  # `name` read in the active language
