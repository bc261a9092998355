"""Which content fields are kept in each of the six UN languages (django-modeltranslation).

Each field below gets one column per language (`name_en`, `name_fr`, … `name_zh_hans`); reading
`agency.name` gives the active language's text, or the English one while it is not translated
(`MODELTRANSLATION_FALLBACK_LANGUAGES`). Statements are not here: each translation of a statement
is a record of its own, linked to its original by `translation_of`.
"""

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
