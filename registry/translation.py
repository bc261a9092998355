"""Which content fields are kept in each of the six UN languages (django-modeltranslation).

Each field below gets one column per language (`name_en`, `name_fr`, … `name_zh_hans`); reading
`agency.name` gives the active language's text, or the English one while it is not translated
(`MODELTRANSLATION_FALLBACK_LANGUAGES`). Statements are not here: each translation of a statement
is a record of its own, linked to its original by `translation_of`.
"""

import functools

from modeltranslation import manager as modeltranslation_manager
from modeltranslation.translator import TranslationOptions, register

from registry.models import Agency, Event, Initiative, Page, Publication, Topic, WorkingGroup

TRANSLATED_FIELDS = {
    Agency: ("name", "migration_focus", "description"),
    WorkingGroup: ("name", "mandate"),
    Event: ("title", "summary"),
    Publication: ("title", "summary"),
    Initiative: ("name", "description"),
    Topic: ("name", "description"),
    Page: ("title", "body"),
}

for _model, _fields in TRANSLATED_FIELDS.items():
    register(_model)(type(f"{_model.__name__}TranslationOptions", (TranslationOptions,), {"fields": _fields}))


# django-modeltranslation makes a new queryset class on every `Model.objects…` of a translated model with
# a custom queryset (ours all have one): 14–20 µs each time, dozens of times a page, and every class is a
# reference cycle only the garbage collector frees. The class depends on nothing but the queryset class it
# wraps, so each is made once.
_new_multilingual_class = functools.cache(
    functools.partial(modeltranslation_manager.multilingual_queryset_factory, instantiate=False)
)


def _multilingual_queryset_factory(old_cls, instantiate=True):
    new_class = _new_multilingual_class(old_cls)
    return new_class() if instantiate else new_class


modeltranslation_manager.multilingual_queryset_factory = _multilingual_queryset_factory
